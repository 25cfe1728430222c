import { sql } from 'drizzle-orm';
import type { Database, Executor } from './client.ts';
import { compiledSql } from './compiled-query.ts';
import { pipelinedTransactionOf, ReadIssuedLateError } from './pipelined-transaction.ts';

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
  work: (tx: Executor) => Promise<T>,
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
  work: (tx: Executor) => Promise<T>,
  read: boolean,
): Promise<T> {
  // On PostgreSQL the transaction's BEGIN is pipelined with its first statements too.
  const pipelined = pipelinedTransactionOf(db);
  const transaction = <R>(inner: (tx: Executor) => Promise<R>) =>
    pipelined
      ? pipelined(inner, { read })
      : db.transaction(inner, read ? { accessMode: 'read only' } : undefined);
  return transaction(async (tx: Executor) => {
    // A promise (not one of drizzle's lazy builders, which run again on every `then`): the
    // settings are sent once, and `await scoped` below costs no round trip.
    const scoped = userSettings(tx, { claims: JSON.stringify(claims), sub: claims.sub });
    // Observed below; this keeps a failure from surfacing as an unhandled rejection meanwhile.
    scoped.catch(() => {});
    let working: Promise<T>;
    if (read) {
      const issuing = { open: true };
      // `then` now: a drizzle builder returned as the work's result sends its statement when
      // its `then` is called, and only while the executor is open.
      working = new Promise<T>((resolve, reject) => {
        work(closingExecutor(tx, issuing)).then(resolve, reject);
      });
      issuing.open = false;
    } else working = work(tx);
    const result = await working;
    await scoped;
    return result;
  });
}

/**
 * The executor a read's work gets: usable until the work's first await, refusing after that —
 * the executor itself and the session every statement goes through (builders made in time hold
 * the session, and reach it only when awaited).
 */
function closingExecutor(tx: Executor, issuing: { open: boolean }): Executor {
  const check = () => {
    if (!issuing.open) throw new ReadIssuedLateError();
  };
  const inner = tx as unknown as { session: object; _: { session: object } };
  const session = new Proxy(inner.session, {
    get(target, property, receiver) {
      check();
      return Reflect.get(target, property, receiver);
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
