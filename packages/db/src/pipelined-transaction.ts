import { PgDialect } from 'drizzle-orm/pg-core';
import { PostgresJsDatabase, PostgresJsSession } from 'drizzle-orm/postgres-js';
import type postgres from 'postgres';
import type { Database } from './client.ts';

/**
 * How a transaction runs. `read`: BEGIN READ ONLY, and COMMIT is handed to the connection right
 * behind the statements the work issued before its first await — BEGIN, those statements and
 * COMMIT leave in one write and come back in one round trip. A statement issued later is refused
 * (it would run after COMMIT); nothing is written, so there is nothing a late COMMIT could split.
 */
export interface TransactionMode {
  read?: boolean;
}

/**
 * Hands COMMIT to the connection now, right behind the statements already issued, if BEGIN has
 * been answered (a write must never run outside its transaction); otherwise COMMIT follows the
 * work as usual. `beforeBegin`: now in any case — the caller's statements each check in their own
 * SQL that they run inside the transaction (`inUserTransaction`), so if BEGIN ever failed they
 * would write nothing. Nothing may be issued after it: the transaction's outcome is then the
 * database's — COMMIT if every statement succeeded, ROLLBACK if one failed.
 */
export type CommitNow = (options?: { beforeBegin?: boolean }) => void;

/** Runs `work` in a transaction on one connection; see `registerPipelinedTransactions`. */
export type PipelinedTransaction = <T>(
  work: (tx: Database, commitNow: CommitNow) => Promise<T>,
  mode?: TransactionMode,
) => Promise<T>;

const byDatabase = new WeakMap<Database, PipelinedTransaction>();

/** The pipelined transactions of a PostgreSQL database, if it has them (PGlite has no need). */
export function pipelinedTransactionOf(db: Database): PipelinedTransaction | undefined {
  return byDatabase.get(db);
}

/** Raised when PostgreSQL answered COMMIT with ROLLBACK: a statement nobody awaited failed. */
export class TransactionRolledBackError extends Error {
  constructor() {
    super('The transaction was rolled back: one of its statements failed');
    this.name = 'TransactionRolledBackError';
  }
}

/**
 * Transactions whose BEGIN is not waited for. postgres.js's `begin` waits for BEGIN's answer
 * before the work's first statement: a round trip that carries nothing, on every user call (and a
 * chat turn makes two transactions before its model is asked). Here the transaction reserves a
 * connection (`sql.reserve()`), writes BEGIN and lets the work's statements follow it at once,
 * in order, on that connection; COMMIT follows the work, ROLLBACK a failure.
 *
 * COMMIT can also go early: the work's `commitNow` hands it to the connection right behind the
 * statements issued so far — a transaction's last writes and its COMMIT in one round trip
 * (`commitWith`, user-scope.ts, which checks that the writes really were handed over). Only once
 * BEGIN has been answered — otherwise the writes could run outside a transaction — unless each
 * write checks that itself (`beforeBegin`): then BEGIN, the writes and COMMIT leave together.
 *
 * Two things `begin` did are kept. BEGIN's answer is checked before COMMIT (a healthy connection
 * does not refuse BEGIN; if it ever did, nothing is committed by us). A statement that failed
 * without anyone awaiting it aborts the transaction, and PostgreSQL then answers COMMIT with
 * ROLLBACK: that is an error here, as postgres.js's `begin` makes it one.
 *
 * Why it is safe now and was not before (docs/decisions/database-drizzle-pglite.md): `reserve()`
 * waits for an idle connection, and plain queries pipelined onto busy connections can keep every
 * connection from going idle. Every user transaction reserves now (none is a plain BEGIN queued
 * behind other work), and the reply checkpoints, the plain queries that came by the hundred per
 * second, are two statements per second.
 */
export function registerPipelinedTransactions(
  db: Database,
  client: postgres.Sql,
  wrap: (sql: postgres.Sql) => postgres.Sql,
) {
  byDatabase.set(db, async (work, mode) => {
    const reserved = await client.reserve();
    const state: ConnectionState = {
      ended: false,
      lost: false,
      committing: false,
      read: Boolean(mode?.read),
    };
    // A connection that broke is not written to again (postgres.js would throw from a timer) nor
    // given back: the driver has already put it among its closed ones, to reconnect. Every
    // statement on this connection is watched, and only those: a failure the work met on another
    // connection says nothing about this one. Watching also hands the statement to the driver at
    // once (its `then` does), so statements reach the connection in the order they were made.
    const watch = <Q extends Promise<unknown>>(query: Q): Q => {
      query.catch((error: unknown) => {
        if (isConnectionLoss(error)) state.lost = true;
      });
      return query;
    };
    const end = async (statement: 'commit' | 'rollback') => {
      if (state.lost) throw new Error('The connection was lost: the transaction did not commit');
      return watch(reserved.unsafe(statement));
    };
    try {
      const begun = watch(reserved.unsafe(mode?.read ? 'begin read only' : 'begin')); // awaited before COMMIT
      let beginAnswered = false;
      begun.then(
        () => {
          beginAnswered = true;
        },
        () => {},
      );
      let committing: Promise<postgres.RowList<postgres.Row[]>> | undefined;
      const commit = () => {
        state.committing = true;
        committing = end('commit');
        committing.catch(() => {}); // observed below, on success or failure
      };
      const commitNow: CommitNow = (options) => {
        if (!committing && (beginAnswered || options?.beforeBegin) && !state.ended) commit();
      };
      const tx = transactionDatabase(wrap(guarded(reserved, state, watch)));
      // The work runs up to its first await here, handing over the statements it issues so far.
      const working = (async () => work(tx, commitNow))();
      // A read writes nothing, so its COMMIT need not wait for BEGIN's answer.
      if (mode?.read && !committing) commit();
      let result: Awaited<ReturnType<typeof work>>;
      try {
        result = await working;
        await begun;
      } catch (error) {
        // A COMMIT already on its way answers ROLLBACK after a failed statement.
        if (committing) await committing.catch(() => {});
        else await end('rollback').catch(() => {});
        throw error;
      }
      const committed = await (committing ?? end('commit'));
      if (committed.command !== 'COMMIT') throw new TransactionRolledBackError();
      return result;
    } finally {
      state.ended = true;
      if (!state.lost) reserved.release();
    }
  });
}

interface ConnectionState {
  /** The transaction is over: COMMIT or ROLLBACK answered, or the work failed. */
  ended: boolean;
  lost: boolean;
  /** COMMIT has been handed to the connection: nothing may follow it. */
  committing: boolean;
  read: boolean;
}

/**
 * A read transaction's statement issued after the work's first await: its COMMIT has already
 * gone, so the statement was not sent. Such work belongs in a plain transaction.
 */
export class ReadIssuedLateError extends Error {
  constructor() {
    super(
      "A read transaction's statement was issued after the work's first await, behind its COMMIT: it was not sent",
    );
    this.name = 'ReadIssuedLateError';
  }
}

/**
 * A write transaction's statement that did not go with its COMMIT: issued after `commitWith`, or
 * given to `commitWith` without being handed to the connection when it was called (a builder
 * awaited later, a write behind an await). It was not sent, or the transaction rolls back.
 */
export class WriteIssuedLateError extends Error {
  constructor(detail: string) {
    super(`A write did not go with its transaction's COMMIT: ${detail}`);
    this.name = 'WriteIssuedLateError';
  }
}

const dialect = new PgDialect();

/**
 * A drizzle database over the transaction's connection. Built from drizzle's own session and
 * database classes rather than with `drizzle({ client })`, which also installs its type parsers
 * on the client — through two proxies, on every transaction (~1% of the API's CPU on a short
 * call). The reserved connection parses with the pool's parsers, installed once when the pool's
 * database was created; the dialect holds no per-transaction state.
 */
function transactionDatabase(client: postgres.Sql): Database {
  return new PostgresJsDatabase(
    dialect,
    new PostgresJsSession(client, dialect, undefined),
    undefined,
  ) as unknown as Database;
}

const CONNECTION_LOSS = new Set([
  'CONNECTION_CLOSED',
  'CONNECTION_ENDED',
  'CONNECTION_DESTROYED',
  'CONNECT_TIMEOUT',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
]);

/** The driver's or the socket's word that the connection is gone, or a FATAL from the server. */
function isConnectionLoss(error: unknown): boolean {
  for (let cause = error, depth = 0; cause && typeof cause === 'object' && depth < 5; depth++) {
    const { code, severity } = cause as { code?: unknown; severity?: unknown };
    if (typeof code === 'string' && CONNECTION_LOSS.has(code)) return true;
    if (severity === 'FATAL' || severity === 'PANIC') return true;
    cause = (cause as { cause?: unknown }).cause;
  }
  return false;
}

/**
 * The connection's handle as the work sees it: every statement watched for a lost connection,
 * and none sent once the transaction has ended — one sent late (not awaited by the work) would
 * otherwise run after COMMIT, outside the transaction and without the user's RLS settings, on a
 * connection already given back.
 */
function guarded(
  sql: postgres.Sql,
  state: ConnectionState,
  watch: <Q extends Promise<unknown>>(query: Q) => Q,
): postgres.Sql {
  const unsafe = (...args: Parameters<postgres.Sql['unsafe']>) => {
    if (state.ended) throw new Error('This transaction has ended: the statement was not sent');
    if (state.committing) {
      throw state.read
        ? new ReadIssuedLateError()
        : new WriteIssuedLateError('it was issued after COMMIT and not sent');
    }
    return watch(sql.unsafe(...args));
  };
  return new Proxy(sql, {
    get: (target, property, receiver) =>
      property === 'unsafe' ? unsafe : Reflect.get(target, property, receiver),
  });
}
