import { type AddressInfo, connect, createServer } from 'node:net';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDbEnv } from './env.ts';
import { beginPipelined, TransactionRolledBackError } from './pipelined-transaction.ts';

const { TEST_DATABASE_URL } = loadDbEnv();

// The pipelining is a postgres.js matter; PGlite runs every transaction in-process.
describe.skipIf(!TEST_DATABASE_URL)('transactions with BEGIN pipelined (PostgreSQL)', () => {
  let sql: postgres.Sql;

  beforeAll(async () => {
    sql = postgres(TEST_DATABASE_URL as string, { max: 2, onnotice: () => {} });
    await sql`create table if not exists pipelined_probe (id int primary key, note text)`;
  });
  afterAll(async () => {
    await sql`drop table if exists pipelined_probe`;
    await sql.end();
  });

  const notes = async () =>
    (await sql`select id, note from pipelined_probe order by id`).map((r) => `${r.id}:${r.note}`);

  it('runs every statement in one transaction and commits it', async () => {
    await sql`truncate pipelined_probe`;
    const ids = await beginPipelined(sql, async (tx) => {
      const [first] = await tx`select txid_current() as id, now() as at`;
      await tx`insert into pipelined_probe values (1, 'a')`;
      const [second] = await tx`select txid_current() as id, now() as at`;
      return [first?.id, second?.id, String(first?.at) === String(second?.at)];
    });
    expect(ids[0]).toBe(ids[1]);
    expect(ids[2]).toBe(true); // now() is the transaction's start, so the same instant
    expect(await notes()).toEqual(['1:a']);
  });

  it('does not wait for BEGIN: the work runs before any answer has come back', async () => {
    // A proxy between the driver and Postgres that can hold back everything Postgres sends.
    let holding = false;
    const held: Array<() => void> = [];
    const proxy = createServer((client) => {
      const target = new URL(TEST_DATABASE_URL as string);
      const upstream = connect(Number(target.port), target.hostname);
      client.pipe(upstream);
      upstream.on('data', (data) => {
        if (holding) held.push(() => client.write(data));
        else client.write(data);
      });
      client.on('error', () => upstream.destroy());
      upstream.on('error', () => client.destroy());
    });
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    const url = new URL(TEST_DATABASE_URL as string);
    url.host = `127.0.0.1:${(proxy.address() as AddressInfo).port}`;
    const viaProxy = postgres(url.toString(), { max: 1, onnotice: () => {} });
    try {
      await viaProxy`select 1`; // connected and authenticated
      holding = true;
      let workStarted = false;
      const done = beginPipelined(viaProxy, async (tx) => {
        workStarted = true;
        return (await tx`select txid_current() as id`)[0]?.id;
      });
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(workStarted).toBe(true); // while BEGIN's answer is still held back
      holding = false;
      for (const release of held.splice(0)) release();
      expect(await done).toBeDefined();
    } finally {
      holding = false;
      for (const release of held.splice(0)) release();
      await viaProxy.end({ timeout: 1 });
      proxy.close();
    }
  });

  it('rolls everything back when the work throws', async () => {
    await sql`truncate pipelined_probe`;
    await expect(
      beginPipelined(sql, async (tx) => {
        await tx`insert into pipelined_probe values (1, 'kept?')`;
        throw new Error('changed my mind');
      }),
    ).rejects.toThrow('changed my mind');
    expect(await notes()).toEqual([]);
  });

  it('fails, rather than reporting a commit, when a failed statement was caught by the work', async () => {
    await sql`truncate pipelined_probe`;
    await sql`insert into pipelined_probe values (1, 'before')`;
    const attempt = beginPipelined(sql, async (tx) => {
      await tx`update pipelined_probe set note = 'changed' where id = 1`;
      await tx`insert into pipelined_probe values (1, 'duplicate')`.catch(() => undefined);
      return 'looked fine';
    });
    await expect(attempt).rejects.toBeInstanceOf(TransactionRolledBackError);
    expect(await notes()).toEqual(['1:before']);
    // Statements sent as drizzle sends them (`unsafe`) also give the error that failed it.
    const viaUnsafe = beginPipelined(sql, async (tx) => {
      await tx.unsafe('insert into pipelined_probe values (1, $1)', ['again']).catch(() => {});
    });
    await expect(viaUnsafe).rejects.toMatchObject({ cause: { code: '23505' } });
  });

  it('rolls back to a savepoint and keeps the rest of the transaction', async () => {
    await sql`truncate pipelined_probe`;
    await beginPipelined(sql, async (tx) => {
      await tx`insert into pipelined_probe values (1, 'outer')`;
      await tx
        .savepoint(async (inner) => {
          await inner`insert into pipelined_probe values (2, 'inner')`;
          throw new Error('inner fails');
        })
        .catch(() => undefined);
      await tx.savepoint((inner) => inner`insert into pipelined_probe values (3, 'inner kept')`);
    });
    expect(await notes()).toEqual(['1:outer', '3:inner kept']);
  });

  it('gives each transaction its own connection and returns it to the pool', async () => {
    await sql`truncate pipelined_probe`;
    // Twice the pool size, at once: each waits for a free connection, none interleave.
    await Promise.all(
      Array.from({ length: 4 }, (_, i) =>
        beginPipelined(sql, async (tx) => {
          await tx`insert into pipelined_probe values (${i}, ${'pending'})`;
          await new Promise((resolve) => setTimeout(resolve, 20));
          await tx`update pipelined_probe set note = ${`done by ${i}`} where id = ${i}`;
        }),
      ),
    );
    expect(await notes()).toEqual(['0:done by 0', '1:done by 1', '2:done by 2', '3:done by 3']);
    // The pool is whole again: a plain query still gets a connection.
    expect(await sql`select 1 as one`).toEqual([{ one: 1 }]);
  });
});
