import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import type { PgliteDatabase } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import type { PostgresJsDatabase } from 'drizzle-orm/postgres-js';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import type { DatabaseHandle } from './client.ts';

/** Lives beside `src/` and `dist/`, so one path works from sources and from the build. */
export const migrationsFolder = fileURLToPath(new URL('../migrations', import.meta.url));

export async function runMigrations(handle: DatabaseHandle): Promise<void> {
  if (handle.kind === 'pglite') {
    await migratePglite(handle.db as unknown as PgliteDatabase, { migrationsFolder });
  } else {
    await migratePostgres(handle.db as unknown as PostgresJsDatabase, { migrationsFolder });
  }
}

export interface MigrationStatus {
  expected: number;
  applied: number;
  upToDate: boolean;
}

/** Compares the journal shipped with the code to what the database recorded (for `/ready`). */
export async function migrationStatus(handle: DatabaseHandle): Promise<MigrationStatus> {
  const journal = JSON.parse(readFileSync(`${migrationsFolder}/meta/_journal.json`, 'utf8')) as {
    entries: unknown[];
  };
  const expected = journal.entries.length;
  const rows = await handle.db
    .execute(sql`select count(*)::int as applied from drizzle.__drizzle_migrations`)
    .catch(() => []);
  const applied = Number(resultRows<{ applied: number }>(rows)[0]?.applied ?? 0);
  return { expected, applied, upToDate: applied >= expected };
}

/** postgres.js returns an array; PGlite returns `{ rows }`. */
export function resultRows<T>(result: unknown): T[] {
  if (Array.isArray(result)) return result as T[];
  return ((result as { rows?: T[] }).rows ?? []) as T[];
}
