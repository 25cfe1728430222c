import { eq, sql } from 'drizzle-orm';
import type { PgSession } from 'drizzle-orm/pg-core';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Database, DatabaseHandle, Transaction } from './client.ts';
import { resultRows } from './migrate.ts';
import { profiles } from './schema/profiles.ts';
import { createTestUser, getTestDatabase, resetTestDatabase } from './testing/index.ts';
import { runAsUser } from './user-scope.ts';

describe('row level security under runAsUser', () => {
  let handle: DatabaseHandle;

  beforeEach(async () => {
    handle = await getTestDatabase();
    await resetTestDatabase(handle);
  });

  it('a query with no where clause, run for user B, returns none of user A rows', async () => {
    const a = await createTestUser(handle);
    const b = await createTestUser(handle);
    // Profiles come from the sign-up trigger; name them so the rows can be told apart.
    await handle.db.update(profiles).set({ displayName: 'Alice' }).where(eq(profiles.id, a.id));
    await handle.db.update(profiles).set({ displayName: 'Bob' }).where(eq(profiles.id, b.id));

    const seenByB = await runAsUser(handle.db, { sub: b.id }, (tx) => tx.select().from(profiles));

    expect(seenByB.map((p) => p.displayName)).toEqual(['Bob']);
    const all = await handle.db.select().from(profiles);
    expect(all).toHaveLength(2);
  });

  it('cannot update or insert rows owned by someone else', async () => {
    const a = await createTestUser(handle);
    const b = await createTestUser(handle);
    await handle.db.update(profiles).set({ displayName: 'Alice' }).where(eq(profiles.id, a.id));

    const updated = await runAsUser(handle.db, { sub: b.id }, (tx) =>
      tx.update(profiles).set({ displayName: 'hijacked' }).where(eq(profiles.id, a.id)).returning(),
    );
    expect(updated).toEqual([]);
    await handle.db.delete(profiles).where(eq(profiles.id, a.id));
    await expect(
      runAsUser(handle.db, { sub: b.id }, (tx) =>
        tx.insert(profiles).values({ id: a.id, displayName: 'forged' }),
      ),
    ).rejects.toThrow();
    expect(await handle.db.select().from(profiles).where(eq(profiles.id, a.id))).toEqual([]);
    await handle.db.insert(profiles).values({ id: a.id, displayName: 'Alice' });
    const [alice] = await handle.db.select().from(profiles).where(eq(profiles.id, a.id));
    expect(alice?.displayName).toBe('Alice');
  });

  it('runs as the authenticated role only inside the scope', async () => {
    const a = await createTestUser(handle);
    const inside = await runAsUser(handle.db, { sub: a.id }, async (tx) =>
      resultRows<{ role: string; uid: string }>(
        await tx.execute(sql`select current_user as role, auth.uid()::text as uid`),
      ),
    );
    expect(inside[0]).toEqual({ role: 'authenticated', uid: a.id });
    const after = resultRows<{ role: string }>(
      await handle.db.execute(sql`select current_user as role`),
    );
    expect(after[0]?.role).not.toBe('authenticated');
  });
});

describe('runAsUser statements', () => {
  it('sends the claims once per transaction', async () => {
    const handle = await getTestDatabase();
    await resetTestDatabase(handle);
    const user = await createTestUser(handle);
    // Counts the executions of the settings statement on the transaction's session (every
    // statement goes through its `prepareQuery`): a lazy query awaited twice would send twice.
    let executions = 0;
    const counted = (tx: Transaction) => {
      const { session } = (tx as unknown as { _: { session: PgSession } })._;
      const countingSession = new Proxy(session, {
        get(target, property) {
          const value = Reflect.get(target, property, target);
          if (property !== 'prepareQuery') return value;
          return (...args: Parameters<PgSession['prepareQuery']>) => {
            const prepared = target.prepareQuery(...args);
            if (!args[0].sql.includes('set_config')) return prepared;
            const run = prepared.execute.bind(prepared);
            prepared.execute = (values) => {
              executions++;
              return run(values);
            };
            return prepared;
          };
        },
      });
      return new Proxy(tx, {
        get(target, property) {
          if (property === '_') return { ...target._, session: countingSession };
          const value = Reflect.get(target, property, target);
          return typeof value === 'function' ? value.bind(target) : value;
        },
      });
    };
    const db = {
      transaction: (work: (tx: Transaction) => Promise<unknown>) =>
        handle.db.transaction((tx) => work(counted(tx))),
    } as unknown as Database;
    const rows = await runAsUser(db, { sub: user.id }, (tx) =>
      tx.select().from(profiles).where(eq(profiles.id, user.id)),
    );
    expect(rows).toHaveLength(1);
    expect(executions).toBe(1);
  });
});

describe('prepared statements on Postgres', () => {
  it('keeps drizzle queries prepared on the connection, inside user transactions too', async () => {
    const handle = await getTestDatabase();
    if (handle.kind !== 'postgres') return; // PGlite has no connections to keep them on
    await resetTestDatabase(handle);
    const user = await createTestUser(handle);
    const prepared = await runAsUser(handle.db, { sub: user.id }, async (tx) => {
      await tx.select().from(profiles).where(eq(profiles.id, user.id));
      // Same connection as the select: the transaction's.
      return resultRows<{ statement: string }>(
        await tx.execute(sql`select statement from pg_prepared_statements`),
      );
    });
    expect(prepared.map((p) => p.statement).join('\n')).toMatch(/from "profiles"/);
  });
});

describe('sign-up trigger', () => {
  it('creates a profile for every new auth user, named from user metadata', async () => {
    const handle = await getTestDatabase();
    await resetTestDatabase(handle);
    const user = await createTestUser(handle);
    const [profile] = await handle.db.select().from(profiles).where(eq(profiles.id, user.id));
    expect(profile).toMatchObject({ id: user.id, timezone: 'UTC' });
  });
});
