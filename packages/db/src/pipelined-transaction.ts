import type postgres from 'postgres';

type Sql = postgres.Sql;

/** COMMIT answered ROLLBACK: a statement of the transaction failed and nothing was kept. */
export class TransactionRolledBackError extends Error {
  constructor(cause: unknown) {
    super('The transaction was rolled back: one of its statements failed', { cause });
    this.name = 'TransactionRolledBackError';
  }
}

/**
 * A transaction whose BEGIN is pipelined with its first statements. postgres.js's `begin` waits
 * for BEGIN's answer before it runs the transaction's work, so every transaction starts with a
 * round trip that carries nothing; here BEGIN is written to the connection and `work` runs at
 * once: statements on one connection are executed in order, so they still run inside the
 * transaction (bench/stream-overhead, bench/api-overhead). Otherwise it keeps `begin`'s
 * contract: a connection reserved for the transaction, COMMIT when `work` resolves, ROLLBACK when
 * it throws, nested `savepoint`s, and a transaction whose statement failed unnoticed (the error
 * caught by `work`) fails rather than reporting a commit Postgres turned into a rollback.
 *
 * Only for direct (or session-pooled) connections: behind a transaction pooler the connection
 * keeps postgres.js's `begin` (see `client.ts`).
 */
export async function beginPipelined<T>(
  sql: Sql,
  work: (tx: postgres.TransactionSql) => T | Promise<T>,
): Promise<T> {
  const connection = await sql.reserve();
  // The first error of a statement sent through `unsafe` (as drizzle sends every one), for the
  // error a rolled-back COMMIT reports. Tagged statements are not tracked (a tagged template may
  // be a fragment of another statement, which must not be sent); COMMIT still tells.
  let failure: unknown;
  const track = (statement: postgres.PendingQuery<postgres.Row[]>) => {
    statement.catch((error: unknown) => {
      failure ??= error;
    });
    return statement;
  };
  try {
    // `.catch` sends it now (a pending query is sent when first awaited or chained).
    track(connection.unsafe('begin'));
    const result = await work(withSavepoints(connection, track));
    const done = await connection.unsafe('commit');
    if (done.command !== 'COMMIT') throw new TransactionRolledBackError(failure);
    return result;
  } catch (error) {
    await connection.unsafe('rollback').catch(() => {});
    throw error;
  } finally {
    connection.release();
  }
}

/** The reserved connection with `savepoint`, as drizzle's nested transactions expect. */
function withSavepoints(
  connection: postgres.ReservedSql,
  track: (statement: postgres.PendingQuery<postgres.Row[]>) => unknown,
): postgres.TransactionSql {
  let count = 0;
  const scoped = new Proxy(connection, {
    get(target, property, receiver) {
      if (property === 'savepoint') return savepoint;
      if (property === 'unsafe')
        return (query: string, params?: unknown[], options?: object) =>
          track(target.unsafe(query, params as never, options));
      return Reflect.get(target, property, receiver);
    },
  }) as unknown as postgres.TransactionSql;
  async function savepoint<R>(...args: unknown[]): Promise<R> {
    const work = args.pop() as (tx: postgres.TransactionSql) => R | Promise<R>;
    const name = `s${count++}`;
    await connection.unsafe(`savepoint ${name}`);
    try {
      const result = await work(scoped);
      await connection.unsafe(`release savepoint ${name}`);
      return result;
    } catch (error) {
      await connection.unsafe(`rollback to savepoint ${name}`);
      throw error;
    }
  }
  return scoped;
}
