import { type SQL, type SQLWrapper, sql } from 'drizzle-orm';
import type { Database, Executor } from './client.ts';
import { compiledSql } from './compiled-query.ts';
import {
  type CommitNow,
  pipelinedTransactionOf,
  ReadIssuedLateError,
  WriteIssuedLateError,
} from './pipelined-transaction.ts';

/** The JWT claims Postgres sees for the transaction, as PostgREST sets them on Supabase. */
export interface UserClaims {
  sub: string;
  email?: string | undefined;
  role?: string | undefined;
  session_id?: string | undefined;
  [claim: string]: unknown;
}

// Sent at the start of every user transaction: its SQL text is made once.
const userSettings = compiledSql(sql`
  select set_config('request.jwt.claims', ${sql.placeholder('claims')}, true),
         set_config('request.jwt.claim.sub', ${sql.placeholder('sub')}, true),
         set_config('role', 'authenticated', true)
`);

// What `inUserTransaction` puts in a statement's SQL, and `commitWith` looks for.
const IN_USER_TRANSACTION = "current_setting('request.jwt.claim.sub', true) = ";

/**
 * True only inside a user transaction of `userId`: the claims are set local to the transaction,
 * so a statement that somehow ran outside it (had its BEGIN failed) sees none. A write that
 * takes every row it writes from under this condition writes nothing outside its transaction;
 * `commitWith(..., { beforeBegin: true })` needs it in every statement.
 */
export function inUserTransaction(userId: SQLWrapper | string): SQL {
  return sql`${sql.raw(IN_USER_TRANSACTION)}${userId}::text`;
}

/** A statement given to `commitWith(..., { beforeBegin: true })` without `inUserTransaction`. */
export class UnguardedWriteError extends Error {
  constructor() {
    super(
      'A statement committed before BEGIN was answered must check inUserTransaction: it was not committed',
    );
    this.name = 'UnguardedWriteError';
  }
}

/** What a user transaction's work can do besides issuing statements. */
export interface UserTransaction {
  /**
   * Issues the transaction's last writes and commits with them: on PostgreSQL, once BEGIN has been
   * answered, COMMIT leaves in the same write as the statements, and the transaction costs one
   * round trip less. `issue` calls writes that hand their statement to the connection when called
   * — compiled writes (`compiledWrite`), or repository functions that call one before their first
   * await — one statement per promise it returns; they are checked: if fewer statements went out
   * than promises came back, `WriteIssuedLateError` is thrown and the transaction rolls back. No
   * statement may follow (`WriteIssuedLateError`, on PGlite too). The outcome is the database's:
   * COMMIT if every write succeeded, ROLLBACK if one failed (its promise says why). So what the
   * work does after this only reads the results: an error it throws no longer undoes the writes.
   * Called once; the promises come back in the order given.
   *
   * `beforeBegin`: COMMIT leaves at once, with BEGIN not yet answered — a work that issues its
   * writes first sends BEGIN, its writes and COMMIT in one round trip. Every statement must then
   * check `inUserTransaction` in its SQL (so none could write outside the transaction); one that
   * does not fails the work with `UnguardedWriteError` before COMMIT is sent.
   */
  commitWith<W extends readonly Promise<unknown>[]>(
    issue: () => W,
    options?: { beforeBegin?: boolean },
  ): W;
}

/**
 * Runs `work` in a transaction as the `authenticated` role with the caller's claims set, so RLS
 * policies (`auth.uid()`) apply on top of the repositories' own `where user_id = ...`: a query
 * that forgets its filter still cannot read another user's rows. Both settings are local to the
 * transaction. The settings are not awaited before `work` starts: statements on a transaction
 * run in order on its one connection, so the driver pipelines them ahead of `work`'s first query
 * and a user query costs no extra round trip. If they fail, so does every statement after them.
 */
export function runAsUser<T>(
  db: Database,
  claims: UserClaims,
  work: (tx: Executor, transaction: UserTransaction) => Promise<T>,
): Promise<T> {
  return userTransaction(db, claims, work, false);
}

/**
 * `runAsUser` for a read: the transaction is READ ONLY, and on PostgreSQL its COMMIT leaves
 * with the work's statements — BEGIN, the settings, the reads and COMMIT in one write, one round
 * trip for the whole call instead of two. So `work` issues every statement before its first
 * await: one read or several at once — compiled statements (`compiledSelect`) are sent when
 * called, and a drizzle builder returned as the work's result is sent at once too, but a builder
 * awaited inside an async work is sent only then, too late. A statement issued late throws
 * `ReadIssuedLateError`, on PGlite too, so the rule holds in every test; a write throws
 * PostgreSQL's read-only error.
 */
export function readAsUser<T>(
  db: Database,
  claims: UserClaims,
  work: (tx: Executor) => Promise<T>,
): Promise<T> {
  return userTransaction(db, claims, work, true);
}

async function userTransaction<T>(
  db: Database,
  claims: UserClaims,
  work: (tx: Executor, transaction: UserTransaction) => Promise<T>,
  read: boolean,
): Promise<T> {
  // On PostgreSQL the transaction's BEGIN is pipelined with its first statements too.
  const pipelined = pipelinedTransactionOf(db);
  const transaction = <R>(inner: (tx: Executor, commitNow?: CommitNow) => Promise<R>) =>
    pipelined
      ? pipelined(inner, { read })
      : db.transaction((tx) => inner(tx), read ? { accessMode: 'read only' } : undefined);
  return transaction(async (tx: Executor, commitNow?: CommitNow) => {
    // A promise (not one of drizzle's lazy builders, which run again on every `then`): the
    // settings are sent once, and `await scoped` below costs no round trip.
    const scoped = userSettings(tx, { claims: JSON.stringify(claims), sub: claims.sub });
    // Observed below; this keeps a failure from surfacing as an unhandled rejection meanwhile.
    scoped.catch(() => {});
    let working: Promise<T>;
    if (read) {
      const issuing: Issuing = { open: true, statements: 0, late: () => new ReadIssuedLateError() };
      // `then` now: a drizzle builder returned as the work's result sends its statement when
      // its `then` is called, and only while the executor is open.
      working = new Promise<T>((resolve, reject) => {
        work(closingExecutor(tx, issuing), noWrites).then(resolve, reject);
      });
      issuing.open = false;
    } else {
      const issuing: Issuing = {
        open: true,
        statements: 0,
        late: () => new WriteIssuedLateError('it was issued after commitWith and not sent'),
      };
      working = work(closingExecutor(tx, issuing), committingWith(issuing, commitNow));
    }
    const result = await working;
    await scoped;
    return result;
  });
}

/**
 * `commitWith` for a write transaction's work: the writes must each hand one statement to the
 * executor while `issue` runs (counted on `issuing`), and the executor closes behind them.
 */
function committingWith(issuing: Issuing, commitNow: CommitNow | undefined): UserTransaction {
  return {
    commitWith(issue, options) {
      if (!issuing.open) throw issuing.late();
      const before = issuing.statements;
      const texts: string[] = [];
      issuing.seen = (text) => texts.push(text);
      let writes: ReturnType<typeof issue>;
      try {
        writes = issue();
      } finally {
        issuing.open = false;
        issuing.seen = undefined;
      }
      const sent = issuing.statements - before;
      const refuse = (error: Error) => {
        // The work fails with this, and the transaction rolls back: COMMIT was not sent.
        // (`Promise.resolve`: a drizzle builder given by mistake is refused, not thrown here.)
        for (const write of writes) Promise.resolve(write).catch(() => {});
        return error;
      };
      if (sent !== writes.length) {
        throw refuse(
          new WriteIssuedLateError(
            `${writes.length} writes were given, ${sent} statements went out when they were called`,
          ),
        );
      }
      const beforeBegin = options?.beforeBegin === true;
      if (beforeBegin && !texts.every((text) => text.includes(IN_USER_TRANSACTION))) {
        throw refuse(new UnguardedWriteError());
      }
      commitNow?.({ beforeBegin });
      return writes;
    },
  };
}

// A read's work is typed without it; this only fills the argument.
const noWrites: UserTransaction = {
  commitWith() {
    throw new Error('A read transaction commits by itself: it has no writes to commit with');
  },
};

/** Whether the work may still issue statements, and how many it has issued. */
interface Issuing {
  open: boolean;
  statements: number;
  late: () => Error;
  /** Told each statement's SQL text while `commitWith` issues its writes. */
  seen?: ((text: string) => void) | undefined;
}

/**
 * The executor a transaction's work gets: usable while `issuing` is open (a read's until its
 * first await, a write's until `commitWith`), refusing after that — the executor itself and the
 * session every statement goes through (builders made in time hold the session, and reach it
 * only when awaited). It counts the statements prepared on the session: drizzle prepares a
 * statement and hands it to the driver in one synchronous step.
 */
function closingExecutor(tx: Executor, issuing: Issuing): Executor {
  const check = () => {
    if (!issuing.open) throw issuing.late();
  };
  const inner = tx as unknown as { session: object; _: { session: object } };
  const session = new Proxy(inner.session, {
    get(target, property, receiver) {
      check();
      const value = Reflect.get(target, property, receiver);
      if (property !== 'prepareQuery') return value;
      return (...args: unknown[]) => {
        issuing.statements++;
        issuing.seen?.((args[0] as { sql: string }).sql);
        return (value as (...a: unknown[]) => unknown).apply(receiver, args);
      };
    },
  });
  const internals = { ...inner._, session };
  return new Proxy(tx, {
    get(target, property, receiver) {
      check();
      if (property === 'session') return session;
      if (property === '_') return internals;
      return Reflect.get(target, property, receiver);
    },
  });
}
