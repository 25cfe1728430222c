import { and, asc, eq, sql } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from './client.ts';
import { compiledSelect } from './compiled-select.ts';
import { profiles } from './schema/profiles.ts';
import { createTestUser, getTestDatabase, resetTestDatabase } from './testing/index.ts';
import { runAsUser } from './user-scope.ts';

describe('compiled selects', () => {
  let handle: DatabaseHandle;
  beforeEach(async () => {
    handle = await getTestDatabase();
    await resetTestDatabase(handle);
  });

  const columns = {
    id: profiles.id,
    displayName: profiles.displayName,
    createdAt: profiles.createdAt,
    shout: sql<string>`upper(${profiles.displayName})`.as('shout'),
  };
  const byName = compiledSelect((qb) =>
    qb
      .select(columns)
      .from(profiles)
      .where(and(eq(profiles.displayName, sql.placeholder('name'))))
      .orderBy(asc(profiles.id)),
  );

  it('answers what the builder answers, on the database and in a user transaction', async () => {
    const a = await createTestUser(handle);
    const b = await createTestUser(handle);
    for (const user of [a, b])
      await handle.db.update(profiles).set({ displayName: 'Sam' }).where(eq(profiles.id, user.id));
    const built = await handle.db
      .select(columns)
      .from(profiles)
      .where(eq(profiles.displayName, 'Sam'))
      .orderBy(asc(profiles.id));
    expect(built).toHaveLength(2);
    expect(built[0]?.createdAt).toBeInstanceOf(Date);
    // Run twice: the second run uses the SQL built by the first.
    expect(await byName(handle.db, { name: 'Sam' })).toEqual(built);
    expect(await byName(handle.db, { name: 'Sam' })).toEqual(built);
    expect(await byName(handle.db, { name: 'Nobody' })).toEqual([]);
    // Under RLS, as user b: only b's row.
    const seenByB = await runAsUser(handle.db, { sub: b.id }, (tx) => byName(tx, { name: 'Sam' }));
    expect(seenByB).toEqual(built.filter((row) => row.id === b.id));
  });

  it('refuses a call without a value for a placeholder', async () => {
    await expect(byName(handle.db, {})).rejects.toThrow(/placeholder/i);
  });
});
