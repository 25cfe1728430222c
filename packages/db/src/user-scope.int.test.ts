import { eq, sql } from 'drizzle-orm';
import type { PgSession } from 'drizzle-orm/pg-core';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Database, DatabaseHandle, Executor, Transaction } from './client.ts';
import { compiledSelect, compiledSql } from './compiled-query.ts';
import { resultRows } from './migrate.ts';
import { ReadIssuedLateError, WriteIssuedLateError } from './pipelined-transaction.ts';
import { profiles } from './schema/profiles.ts';
import { createTestUser, getTestDatabase, resetTestDatabase } from './testing/index.ts';
import { inUserTransaction, readAsUser, runAsUser, UnguardedWriteError } from './user-scope.ts';

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

describe('readAsUser', () => {
  let handle: DatabaseHandle;
  beforeEach(async () => {
    handle = await getTestDatabase();
    await resetTestDatabase(handle);
  });
  // No where clause: what it returns is what RLS lets the caller see.
  const allProfiles = compiledSelect((qb) =>
    qb.select({ id: profiles.id, displayName: profiles.displayName }).from(profiles),
  );
  const whoAmI = compiledSql(
    sql`select current_user as role, auth.uid()::text as uid, current_setting('transaction_read_only') as read_only, ${sql.placeholder('n')}::int as n`,
  );

  it('reads under the caller claims, in a read-only transaction, statements at once', async () => {
    const a = await createTestUser(handle);
    await createTestUser(handle);
    const [rows, [me], [other]] = await readAsUser(handle.db, { sub: a.id }, (tx) =>
      Promise.all([
        allProfiles(tx, {}),
        whoAmI(tx, { n: 1 }).then((r) => resultRows<Record<string, unknown>>(r)),
        whoAmI(tx, { n: 2 }).then((r) => resultRows<Record<string, unknown>>(r)),
      ]),
    );
    expect(rows.map((row) => row.id)).toEqual([a.id]);
    expect(me).toEqual({ role: 'authenticated', uid: a.id, read_only: 'on', n: 1 });
    expect(other?.n).toBe(2);
    // A drizzle builder returned as the work's result is sent in time too.
    const built = await readAsUser(handle.db, { sub: a.id }, (tx) => tx.select().from(profiles));
    expect(built.map((row) => row.id)).toEqual([a.id]);
  });

  it('refuses a statement issued after the work first awaits, and the next read works', async () => {
    const a = await createTestUser(handle);
    await expect(
      readAsUser(handle.db, { sub: a.id }, async (tx) => {
        await allProfiles(tx, {});
        return allProfiles(tx, {});
      }),
    ).rejects.toBeInstanceOf(ReadIssuedLateError);
    // A builder awaited inside the work is sent only when awaited: too late.
    await expect(
      readAsUser(handle.db, { sub: a.id }, async (tx) => {
        const rows = await tx.select().from(profiles);
        return rows;
      }),
    ).rejects.toThrow(ReadIssuedLateError);
    expect(await readAsUser(handle.db, { sub: a.id }, (tx) => allProfiles(tx, {}))).toHaveLength(1);
  });

  it('cannot write, and a failed read fails with its own error', async () => {
    const a = await createTestUser(handle);
    const rename = compiledSql(
      sql`update profiles set display_name = 'written' where id = ${sql.placeholder('id')}`,
    );
    await expect(
      readAsUser(handle.db, { sub: a.id }, (tx) => rename(tx, { id: a.id })),
    ).rejects.toMatchObject({ cause: { message: expect.stringMatching(/read-only transaction/) } });
    const failing = compiledSql(sql`select 1 / ${sql.placeholder('zero')}::int`);
    await expect(
      readAsUser(handle.db, { sub: a.id }, (tx) => failing(tx, { zero: 0 })),
    ).rejects.toMatchObject({ cause: { message: expect.stringMatching(/division by zero/) } });
    const [row] = await handle.db.select().from(profiles).where(eq(profiles.id, a.id));
    expect(row?.displayName).not.toBe('written');
    expect(await readAsUser(handle.db, { sub: a.id }, (tx) => allProfiles(tx, {}))).toHaveLength(1);
  });
});

describe('runAsUser, writes committed with commitWith', () => {
  let handle: DatabaseHandle;
  beforeEach(async () => {
    handle = await getTestDatabase();
    await resetTestDatabase(handle);
  });
  const allProfiles = compiledSelect((qb) => qb.select({ id: profiles.id }).from(profiles));
  const rename = compiledSql(
    sql`update profiles set display_name = ${sql.placeholder('name')} where id = ${sql.placeholder('id')} returning display_name`,
  );
  const failing = compiledSql(sql`select 1 / ${sql.placeholder('zero')}::int`);
  const nameOf = async (id: string) =>
    (await handle.db.select().from(profiles).where(eq(profiles.id, id)))[0]?.displayName;

  it('commits the writes given to it, in order, and refuses a statement after it', async () => {
    const a = await createTestUser(handle);
    const answers = await runAsUser(handle.db, { sub: a.id }, async (tx, transaction) => {
      expect(await allProfiles(tx, {})).toEqual([{ id: a.id }]);
      const written = transaction.commitWith(() => [
        rename(tx, { name: 'First', id: a.id }),
        rename(tx, { name: 'Second', id: a.id }),
      ]);
      expect(() => allProfiles(tx, {})).toThrow(WriteIssuedLateError);
      expect(() => transaction.commitWith(() => [])).toThrow(WriteIssuedLateError);
      return Promise.all(written);
    });
    expect(answers.map((answer) => resultRows(answer))).toEqual([
      [{ display_name: 'First' }],
      [{ display_name: 'Second' }],
    ]);
    expect(await nameOf(a.id)).toBe('Second');
  });

  it('stores none of the writes when one of them fails in the database', async () => {
    const a = await createTestUser(handle);
    await expect(
      runAsUser(handle.db, { sub: a.id }, async (tx, transaction) => {
        await allProfiles(tx, {});
        return Promise.all(
          transaction.commitWith(() => [
            rename(tx, { name: 'Lost', id: a.id }),
            failing(tx, { zero: 0 }),
          ]),
        );
      }),
    ).rejects.toMatchObject({ cause: { message: expect.stringMatching(/division by zero/) } });
    expect(await nameOf(a.id)).not.toBe('Lost');
    // The next transaction on the same database works.
    await runAsUser(handle.db, { sub: a.id }, async (tx, transaction) =>
      Promise.all(transaction.commitWith(() => [rename(tx, { name: 'Kept', id: a.id })])),
    );
    expect(await nameOf(a.id)).toBe('Kept');
  });

  it('commits before BEGIN is answered only writes that check inUserTransaction', async () => {
    const a = await createTestUser(handle);
    const guarded = compiledSql(
      sql`update profiles set display_name = ${sql.placeholder('name')}
          where id = ${sql.placeholder('id')} and ${inUserTransaction(sql.placeholder('id'))}
          returning display_name`,
    );
    const early = (writes: (tx: Executor) => Promise<unknown>[]) =>
      runAsUser(handle.db, { sub: a.id }, (tx, transaction) =>
        Promise.all(transaction.commitWith(() => writes(tx), { beforeBegin: true })),
      );
    const [answer] = await early((tx) => [guarded(tx, { name: 'Guarded', id: a.id })]);
    expect(resultRows(answer)).toEqual([{ display_name: 'Guarded' }]);
    expect(await nameOf(a.id)).toBe('Guarded');
    // One statement without the check: none of them is committed.
    await expect(
      early((tx) => [
        guarded(tx, { name: 'Lost', id: a.id }),
        rename(tx, { name: 'Unchecked', id: a.id }),
      ]),
    ).rejects.toThrow(UnguardedWriteError);
    expect(await nameOf(a.id)).toBe('Guarded');
    // Outside a user transaction (had BEGIN failed, each statement on its own, as the database
    // owner: no RLS) it writes nothing.
    const outside = await guarded(handle.db, { name: 'Outside', id: a.id });
    expect(resultRows(outside)).toEqual([]);
    expect(await nameOf(a.id)).toBe('Guarded');
  });

  it('refuses a write not handed over when called, and stores none of the others', async () => {
    const a = await createTestUser(handle);
    const late = (tx: Executor) => [
      rename(tx, { name: 'Handed', id: a.id }),
      // Behind an await: it would reach the connection after COMMIT.
      (async () => {
        await null;
        return rename(tx, { name: 'Late', id: a.id });
      })(),
    ];
    const builder = (tx: Executor) => [
      rename(tx, { name: 'Handed', id: a.id }),
      // A drizzle builder runs only when awaited.
      tx.update(profiles).set({ displayName: 'Built' }).where(eq(profiles.id, a.id)),
    ];
    for (const writes of [late, builder]) {
      await expect(
        runAsUser(handle.db, { sub: a.id }, async (tx, transaction) => {
          await allProfiles(tx, {});
          return Promise.all(transaction.commitWith(() => writes(tx)));
        }),
      ).rejects.toThrow(/2 writes were given, 1 statements went out/);
    }
    expect(await nameOf(a.id)).not.toBe('Handed');
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
