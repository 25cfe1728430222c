import type { Executor } from '@waypoint/db';
import { compiledSelect, schema } from '@waypoint/db';
import { eq, sql } from 'drizzle-orm';

const { profiles } = schema;

export interface ProfileRow {
  id: string;
  displayName: string | null;
  timezone: string;
  dailyCapacityMinutes: number;
  createdAt: Date;
}

const profileColumns = {
  id: profiles.id,
  displayName: profiles.displayName,
  timezone: profiles.timezone,
  dailyCapacityMinutes: profiles.dailyCapacityMinutes,
  createdAt: profiles.createdAt,
};

// Read for every chat turn's context (the user's timezone and name): built once.
const profileById = compiledSelect((qb) =>
  qb
    .select(profileColumns)
    .from(profiles)
    .where(eq(profiles.id, sql.placeholder('userId'))),
);

export const accountRepository = {
  async findProfile(ex: Executor, userId: string): Promise<ProfileRow | undefined> {
    const [row] = await profileById(ex, { userId });
    return row;
  },

  /** Profiles are created by a trigger on sign-up; this covers users that predate it. */
  async ensureProfile(ex: Executor, userId: string): Promise<ProfileRow> {
    await ex.insert(profiles).values({ id: userId }).onConflictDoNothing();
    const row = await accountRepository.findProfile(ex, userId);
    if (!row) throw new Error('profile missing after insert');
    return row;
  },

  async updateProfile(
    ex: Executor,
    userId: string,
    patch: {
      displayName?: string | undefined;
      timezone?: string | undefined;
      dailyCapacityMinutes?: number | undefined;
    },
  ): Promise<ProfileRow | undefined> {
    const [row] = await ex
      .update(profiles)
      .set(patch)
      .where(eq(profiles.id, userId))
      .returning(profileColumns);
    return row;
  },
};

export type AccountRepository = typeof accountRepository;
