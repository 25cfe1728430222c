import { createServer, type Socket, connect as tcpConnect } from 'node:net';
import { eq, sql } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { createDatabase, type DatabaseHandle } from './client.ts';
import { compiledSelect, compiledSql } from './compiled-query.ts';
import { resultRows } from './migrate.ts';
import { pipelinedTransactionOf, TransactionRolledBackError } from './pipelined-transaction.ts';
import { profiles } from './schema/profiles.ts';
import { createTestUser, getTestDatabase, resetTestDatabase } from './testing/index.ts';
import { inUserTransaction, readAsUser, runAsUser } from './user-scope.ts';

// PostgreSQL only: PGlite's transactions are in-process and keep drizzle's own.
describe.runIf(Boolean(process.env.TEST_DATABASE_URL))('pipelined transactions', () => {
  let handle: DatabaseHandle;
  beforeEach(async () => {
    handle = await getTestDatabase();
    await resetTestDatabase(handle);
  });
  const transaction = () => {
    const run = pipelinedTransactionOf(handle.db);
    if (!run) throw new Error('PostgreSQL databases run pipelined transactions');
    return run;
  };

  it('runs the work in one transaction and commits it', async () => {
    const run = transaction();
    const user = await createTestUser(handle);
    const seen = await run(async (tx) => {
      await tx.update(profiles).set({ displayName: 'Inside' }).where(eq(profiles.id, user.id));
      // now() is the transaction's start: the same for both statements of one transaction.
      const [a] = resultRows<{ at: string; xid: string }>(
        await tx.execute(sql`select now()::text as at, txid_current()::text as xid`),
      );
      await new Promise((resolve) => setTimeout(resolve, 20));
      const [b] = resultRows<{ at: string; xid: string }>(
        await tx.execute(sql`select now()::text as at, txid_current()::text as xid`),
      );
      return { a, b };
    });
    expect(seen.b).toEqual(seen.a);
    const [row] = await handle.db.select().from(profiles).where(eq(profiles.id, user.id));
    expect(row?.displayName).toBe('Inside');
  });

  it('rolls back when the work fails, and when a statement nobody awaited failed', async () => {
    const run = transaction();
    const user = await createTestUser(handle);
    const rename = (name: string) => (tx: Parameters<Parameters<typeof run>[0]>[0]) =>
      tx.update(profiles).set({ displayName: name }).where(eq(profiles.id, user.id));

    await expect(
      run(async (tx) => {
        await rename('Thrown')(tx);
        throw new Error('work failed');
      }),
    ).rejects.toThrow('work failed');

    await expect(
      run(async (tx) => {
        await rename('Unobserved')(tx);
        // Sent, never awaited: it fails, the transaction aborts, COMMIT comes back as ROLLBACK.
        tx.execute(sql`select 1 / 0`).then(
          () => {},
          () => {},
        );
      }),
    ).rejects.toBeInstanceOf(TransactionRolledBackError);

    const [row] = await handle.db.select().from(profiles).where(eq(profiles.id, user.id));
    expect(row?.displayName).not.toBe('Thrown');
    expect(row?.displayName).not.toBe('Unobserved');
  });

  it('refuses a statement sent after the transaction ended, rather than run it outside', async () => {
    const run = transaction();
    const user = await createTestUser(handle);
    let late: Promise<unknown> = Promise.resolve();
    await run(async (tx) => {
      await tx.select().from(profiles).where(eq(profiles.id, user.id));
      // Not awaited, and sent only after the work has returned.
      late = new Promise((resolve) => setTimeout(resolve, 50)).then(() =>
        tx.update(profiles).set({ displayName: 'Late' }).where(eq(profiles.id, user.id)),
      );
    });
    // drizzle wraps the refusal: it is the cause of its "Failed query".
    await expect(late).rejects.toMatchObject({
      cause: { message: expect.stringMatching(/has ended/) },
    });
    const [row] = await handle.db.select().from(profiles).where(eq(profiles.id, user.id));
    expect(row?.displayName).not.toBe('Late');
  });

  it('keeps the pool working after a transaction loses its connection', async () => {
    const run = transaction();
    // The server ends this transaction's connection under it.
    await expect(
      run(async (tx) => {
        await tx.execute(sql`select pg_terminate_backend(pg_backend_pid())`);
      }),
    ).rejects.toThrow();
    const burst = () =>
      Promise.all(
        Array.from({ length: 30 }, (_, i) =>
          run(async (tx) => resultRows<{ n: number }>(await tx.execute(sql`select ${i}::int as n`)))
            .then((rows) => rows[0]?.n)
            .catch((error: Error) => error.message),
        ),
      );
    // The reconnected connection may still hand the server's farewell to its first statement
    // (postgres.js); nothing else fails, nothing hangs — drizzle's `begin` hung here.
    const first = await burst();
    const failed = first.filter((answer) => typeof answer === 'string');
    expect(failed.length).toBeLessThanOrEqual(1);
    for (const message of failed) expect(message).toMatch(/terminating connection/);
    expect(await burst()).toEqual(Array.from({ length: 30 }, (_, i) => i));
  }, 20_000);

  it('gives its connection back: many more transactions than connections all finish', async () => {
    const run = transaction();
    const failures = Array.from({ length: 15 }, (_, i) =>
      run(async (tx) => {
        await tx.execute(sql`select ${i}::int / ${i % 5}::int`); // every fifth fails
      }).then(
        () => false,
        () => true,
      ),
    );
    const results = await Promise.all([
      ...failures,
      ...Array.from({ length: 60 }, (_, i) =>
        run(async (tx) => resultRows<{ n: number }>(await tx.execute(sql`select ${i}::int as n`))),
      ),
    ]);
    expect(results.slice(0, 15).filter(Boolean)).toHaveLength(3);
    expect(results.slice(15).map((rows) => (rows as { n: number }[])[0]?.n)).toEqual(
      Array.from({ length: 60 }, (_, i) => i),
    );
  });

  it('sends a read whole — BEGIN, settings, reads and COMMIT — in one round trip', async () => {
    const user = await createTestUser(handle);
    const proxy = await roundTripCounter(await databaseUrl());
    const counted = await createDatabase({ url: proxy.url, poolMax: 1 });
    const own = compiledSelect((qb) => qb.select({ id: profiles.id }).from(profiles));
    const claims = { sub: user.id };
    try {
      const read = () => readAsUser(counted.db, claims, (tx) => own(tx, {}));
      const plain = () => runAsUser(counted.db, claims, (tx) => own(tx, {}));
      await read(); // connects, and prepares the statements on the one connection
      await plain();
      proxy.trips = 0;
      expect(await read()).toEqual([{ id: user.id }]);
      expect(proxy.trips).toBe(1);
      // The same work in a plain transaction: COMMIT waits for the work's answer.
      proxy.trips = 0;
      expect(await plain()).toEqual([{ id: user.id }]);
      expect(proxy.trips).toBe(2);
    } finally {
      await counted.close();
      await proxy.close();
    }
  });

  it('sends the writes given to commitWith with their COMMIT: one round trip after the reads', async () => {
    const user = await createTestUser(handle);
    const proxy = await roundTripCounter(await databaseUrl());
    const counted = await createDatabase({ url: proxy.url, poolMax: 1 });
    const own = compiledSelect((qb) => qb.select({ id: profiles.id }).from(profiles));
    const rename = compiledSql(
      sql`update profiles set display_name = ${sql.placeholder('name')} where id = ${sql.placeholder('id')}`,
    );
    const guardedRename = compiledSql(
      sql`update profiles set display_name = ${sql.placeholder('name')}
          where id = ${sql.placeholder('id')} and ${inUserTransaction(sql.placeholder('id'))}`,
    );
    const claims = { sub: user.id };
    const turn = (name: string, together: boolean) =>
      runAsUser(counted.db, claims, async (tx, transaction) => {
        await own(tx, {}); // BEGIN, the settings and the read: one round trip
        const writes = () => [rename(tx, { name, id: user.id }), rename(tx, { name, id: user.id })];
        return Promise.all(together ? transaction.commitWith(writes) : writes());
      });
    const nameNow = async () =>
      (await handle.db.select().from(profiles).where(eq(profiles.id, user.id)))[0]?.displayName;
    try {
      await turn('warm', true); // connects, and prepares the statements on the one connection
      await turn('warm', false);
      proxy.trips = 0;
      await turn('Together', true);
      expect(proxy.trips).toBe(2);
      expect(await nameNow()).toBe('Together');
      // The same work with COMMIT after the writes' answer.
      proxy.trips = 0;
      await turn('Apart', false);
      expect(proxy.trips).toBe(3);
      expect(await nameNow()).toBe('Apart');
      // Before BEGIN is answered COMMIT does not go early (a write must not run outside the
      // transaction): it follows the work, as in a plain transaction.
      proxy.trips = 0;
      await runAsUser(counted.db, claims, (tx, transaction) =>
        Promise.all(transaction.commitWith(() => [rename(tx, { name: 'Early', id: user.id })])),
      );
      expect(proxy.trips).toBe(2);
      expect(await nameNow()).toBe('Early');
      // Writes that check inUserTransaction themselves: BEGIN, the settings, the writes and COMMIT
      // in one round trip (once the statement is prepared on the connection).
      const atOnce = (name: string) =>
        runAsUser(counted.db, claims, (tx, transaction) =>
          Promise.all(
            transaction.commitWith(() => [guardedRename(tx, { name, id: user.id })], {
              beforeBegin: true,
            }),
          ),
        );
      await atOnce('warm');
      proxy.trips = 0;
      await atOnce('At once');
      expect(proxy.trips).toBe(1);
      expect(await nameNow()).toBe('At once');
    } finally {
      await counted.close();
      await proxy.close();
    }
  });

  /** The test database's URL (each worker has its own database on the server). */
  async function databaseUrl() {
    const [{ name } = { name: '' }] = resultRows<{ name: string }>(
      await handle.db.execute(sql`select current_database() as name`),
    );
    const target = new URL(process.env.TEST_DATABASE_URL as string);
    target.pathname = `/${name}`;
    return target;
  }
});

/**
 * A TCP proxy to PostgreSQL counting round trips: a trip starts when the client writes after
 * the server has answered (or first), however many packets either side's turn takes.
 */
async function roundTripCounter(target: URL) {
  const sockets = new Set<Socket>();
  const counter = { trips: 0, url: '', close: () => Promise.resolve() };
  const server = createServer((client) => {
    const upstream = tcpConnect(Number(target.port), target.hostname);
    let answered = true;
    client.on('data', (chunk) => {
      if (answered) counter.trips++;
      answered = false;
      upstream.write(chunk);
    });
    upstream.on('data', (chunk) => {
      answered = true;
      client.write(chunk);
    });
    for (const [socket, other] of [
      [client, upstream],
      [upstream, client],
    ] as const) {
      sockets.add(socket);
      socket.on('error', () => other.destroy());
      socket.on('close', () => other.destroy());
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address() as { port: number };
  const url = new URL(target);
  url.hostname = '127.0.0.1';
  url.port = String(address.port);
  counter.url = url.toString();
  counter.close = () =>
    new Promise<void>((resolve) => {
      for (const socket of sockets) socket.destroy();
      server.close(() => resolve());
    });
  return counter;
}
