import { TRPCError } from '@trpc/server';
import { schema } from '@waypoint/db';
import { eq } from 'drizzle-orm';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestHarness, type TestHarness } from '../../testing/index.ts';

describe('account procedures', () => {
  let h: TestHarness;
  beforeAll(async () => {
    h = await createTestHarness();
  });
  beforeEach(() => h.reset());

  it('me returns the profile created for a new user, with UTC as the default zone', async () => {
    const { user, caller } = await h.signUp('ada@example.test');
    const me = await caller.account.me();
    expect(me).toMatchObject({
      id: user.id,
      email: 'ada@example.test',
      displayName: null,
      timezone: 'UTC',
      dailyCapacityMinutes: 480,
    });
    expect(me.createdAt).toBeInstanceOf(Date);
  });

  it('me makes the profile of a user who has none (from before the sign-up trigger)', async () => {
    const { user, caller } = await h.signUp('old@example.test');
    await h.handle.db.delete(schema.profiles).where(eq(schema.profiles.id, user.id));
    expect(await caller.account.me()).toMatchObject({ id: user.id, timezone: 'UTC' });
    const rows = await h.handle.db
      .select()
      .from(schema.profiles)
      .where(eq(schema.profiles.id, user.id));
    expect(rows).toHaveLength(1);
  });

  it('updateProfile stores display name and time zone', async () => {
    const { caller } = await h.signUp();
    await caller.account.updateProfile({
      displayName: '  Ada Lovelace ',
      timezone: 'Europe/London',
    });
    expect(await caller.account.me()).toMatchObject({
      displayName: 'Ada Lovelace',
      timezone: 'Europe/London',
    });
  });

  it.each([
    [{ timezone: 'Mars/Olympus' }, 'timezone'],
    [{ timezone: '+05:00' }, 'timezone'],
    [{ displayName: '' }, 'displayName'],
    [{ displayName: 'x'.repeat(81) }, 'displayName'],
    [{ dailyCapacityMinutes: 10 }, 'dailyCapacityMinutes'],
    [{ dailyCapacityMinutes: 90.5 }, 'dailyCapacityMinutes'],
  ])('refuses %j with BAD_REQUEST naming %s and writes nothing', async (input, field) => {
    const { caller } = await h.signUp();
    const error = await caller.account.updateProfile(input).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TRPCError);
    expect((error as TRPCError).code).toBe('BAD_REQUEST');
    expect((error as TRPCError).message).toContain(field);
    expect(await caller.account.me()).toMatchObject({ displayName: null, timezone: 'UTC' });
  });

  it('refuses unknown fields and empty updates', async () => {
    const { caller } = await h.signUp();
    await expect(
      caller.account.updateProfile({ displayName: 'A', role: 'admin' } as never),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(caller.account.updateProfile({})).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });

  it('is UNAUTHORIZED without a principal', async () => {
    await expect(h.anonymousCaller().account.me()).rejects.toMatchObject({
      code: 'UNAUTHORIZED',
    });
  });

  it('never shows one user the profile of another', async () => {
    const a = await h.signUp();
    const b = await h.signUp();
    await a.caller.account.updateProfile({ displayName: 'Alice' });
    expect((await b.caller.account.me()).displayName).toBeNull();
  });
});
