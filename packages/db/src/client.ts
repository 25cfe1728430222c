import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { vector } from '@electric-sql/pglite-pgvector';
import type { ExtractTablesWithRelations } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import { registerPipelinedTransactions } from './pipelined-transaction.ts';

/**
 * Without drizzle's relational query API (`db.query.*`): repositories use the SQL-like builder,
 * and drizzle builds a relational query builder for every table of a schema it is given, on
 * every transaction it opens — measured in bench/api-overhead as a visible share of a short call.
 */
type NoRelations = Record<string, never>;
export type Database = PgDatabase<PgQueryResultHKT, NoRelations>;
export type Transaction = PgTransaction<
  PgQueryResultHKT,
  NoRelations,
  ExtractTablesWithRelations<NoRelations>
>;
/** What repositories take: the database itself or an open transaction. */
export type Executor = Database | Transaction;

export type DatabaseKind = 'pglite' | 'postgres';

export interface DatabaseHandle {
  db: Database;
  kind: DatabaseKind;
  /** Drains and closes the underlying connection(s). */
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** Postgres URL; when absent, PGlite is used. */
  url?: string | undefined;
  /** PGlite data directory; `memory://` (or omitted with `inMemory`) keeps it in memory. */
  dataDir?: string | undefined;
  inMemory?: boolean;
  poolMax?: number;
  /** Keep statements prepared per connection (off behind a transaction pooler). Default true. */
  prepare?: boolean;
}

export async function createDatabase(options: DatabaseOptions): Promise<DatabaseHandle> {
  if (options.url)
    return connectPostgres(options.url, options.poolMax ?? 10, options.prepare ?? true);
  return openPglite(options.inMemory ? undefined : (options.dataDir ?? '.data'));
}

function connectPostgres(url: string, max: number, prepare: boolean): DatabaseHandle {
  const client = postgres(url, { max, prepare, onnotice: () => {} });
  const db = drizzlePostgres({ client: prepare ? preparing(client) : client });
  registerPipelinedTransactions(db as unknown as Database, client, (sql) =>
    prepare ? preparing(sql) : sql,
  );
  return {
    db: db as unknown as Database,
    kind: 'postgres',
    close: () => client.end({ timeout: 5 }),
  };
}

type Sql = postgres.Sql;

/**
 * drizzle sends its queries with `prepare: false`, which postgres.js answers with an unnamed
 * statement: a describe round trip before every parameterized query, then a fresh parse and plan
 * on the server. On a direct or session-mode connection postgres.js can instead keep each
 * statement prepared per connection, as it does by default for its own queries: one round trip,
 * parsed once (bench/api-overhead). This asks it to, inside transactions and savepoints too.
 */
function preparing(sql: Sql): Sql {
  // Bound once per connection handle: drizzle reads `unsafe` for every statement it sends.
  const bound = new Map<PropertyKey, unknown>();
  return new Proxy(sql, {
    get(target, property, receiver) {
      const known = bound.get(property);
      if (known) return known;
      const value = Reflect.get(target, property, receiver) as unknown;
      if (typeof value !== 'function') return value;
      let fn: unknown;
      if (property === 'unsafe') {
        fn = (query: string, params?: unknown[], options?: object) =>
          target.unsafe(query, params as never, { ...options, prepare: true });
      } else if (property === 'begin' || property === 'savepoint') {
        fn = (...args: unknown[]) => {
          const work = args.pop() as (tx: Sql) => unknown;
          return (value as (...a: unknown[]) => unknown).call(target, ...args, (tx: Sql) =>
            work(preparing(tx)),
          );
        };
      } else fn = value.bind(target);
      bound.set(property, fn);
      return fn;
    },
  });
}

async function openPglite(dataDir: string | undefined): Promise<DatabaseHandle> {
  let location: string | undefined;
  if (dataDir) {
    location = resolve(dataDir, 'pglite');
    mkdirSync(location, { recursive: true });
  }
  const client = await PGlite.create(location, { extensions: { vector, pg_trgm } });
  const db = drizzlePglite({ client }) as unknown as Database;
  return { db, kind: 'pglite', close: () => client.close() };
}
