import { sql } from 'drizzle-orm';
import type { Database, Executor } from './client.ts';
import { compiledSql } from './compiled-query.ts';
import { pipelinedTransactionOf } from './pipelined-transaction.ts';

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
export async function runAsUser<T>(
  db: Database,
  claims: UserClaims,
  work: (tx: Executor) => Promise<T>,
): Promise<T> {
  // On PostgreSQL the transaction's BEGIN is pipelined with its first statements too.
  const transaction = pipelinedTransactionOf(db) ?? ((inner) => db.transaction(inner));
  return transaction(async (tx: Executor) => {
    // A promise (not one of drizzle's lazy builders, which run again on every `then`): the
    // settings are sent once, and `await scoped` below costs no round trip.
    const scoped = userSettings(tx, { claims: JSON.stringify(claims), sub: claims.sub });
    // Observed below; this keeps a failure from surfacing as an unhandled rejection meanwhile.
    scoped.catch(() => {});
    const result = await work(tx);
    await scoped;
    return result;
  });
}
