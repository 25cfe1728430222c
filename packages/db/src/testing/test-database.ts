import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { createDatabase, type DatabaseHandle } from '../client.ts';
import { loadDbEnv } from '../env.ts';
import { resultRows, runMigrations } from '../migrate.ts';
import { authUsers } from '../schema/auth-users.ts';

const workerKey = Symbol.for('waypoint.testDatabase');
type WorkerGlobal = typeof globalThis & { [workerKey]?: Promise<DatabaseHandle> };

/**
 * One migrated database per test worker, shared by every test file the worker runs (PGlite
 * takes seconds and ~0.5 GB to start). PGlite in memory by default; with `TEST_DATABASE_URL`, a
 * fresh database per worker on that Postgres server.
 */
export function getTestDatabase(): Promise<DatabaseHandle> {
  const g = globalThis as WorkerGlobal;
  g[workerKey] ??= openTestDatabase();
  return g[workerKey];
}

async function openTestDatabase(): Promise<DatabaseHandle> {
  const { TEST_DATABASE_URL, VITEST_POOL_ID } = loadDbEnv();
  if (!TEST_DATABASE_URL) {
    const handle = await createDatabase({ inMemory: true });
    await runMigrations(handle);
    return handle;
  }
  // Roles and grants are cluster-wide, so workers migrate their databases one at a time.
  const admin = postgres(TEST_DATABASE_URL, { max: 1, onnotice: () => {} });
  try {
    await admin`select pg_advisory_lock(${MIGRATION_LOCK})`;
    const name = `waypoint_test_${VITEST_POOL_ID ?? '0'}_${process.pid}`;
    await admin.unsafe(`drop database if exists ${name}`);
    await admin.unsafe(`create database ${name}`);
    const url = new URL(TEST_DATABASE_URL);
    url.pathname = `/${name}`;
    const handle = await createDatabase({ url: url.toString(), poolMax: 4 });
    await runMigrations(handle);
    return handle;
  } finally {
    await admin.end();
  }
}

const MIGRATION_LOCK = 724_001;

/** Empties every application table (and auth users), keeping the migrated schema. */
export async function resetTestDatabase(handle: DatabaseHandle): Promise<void> {
  const rows = resultRows<{ name: string }>(
    await handle.db.execute(sql`
      select format('%I.%I', schemaname, tablename) as name from pg_tables
      where schemaname in ('public', 'local_auth')
    `),
  );
  const tables = ['auth.users', ...rows.map((r) => r.name)].join(', ');
  // Background work of the previous test (usage flushes, title writes) may still hold locks;
  // Postgres then breaks the tie as a deadlock, which a retry resolves.
  for (let attempt = 1; ; attempt++) {
    try {
      await handle.db.execute(sql.raw(`truncate ${tables} restart identity cascade`));
      return;
    } catch (error) {
      if (attempt >= 5 || !isDeadlock(error)) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50 * attempt));
    }
  }
}

function isDeadlock(error: unknown): boolean {
  for (
    let e = error as { code?: string; cause?: unknown } | undefined;
    e;
    e = e.cause as typeof e
  ) {
    if (e.code === '40P01') return true;
  }
  return false;
}

export interface TestUser {
  id: string;
  email: string;
}

/** Inserts a user straight into `auth.users`, as Supabase Auth would on sign-up. */
export async function createTestUser(
  handle: DatabaseHandle,
  email = `user-${randomUUID().slice(0, 8)}@example.test`,
): Promise<TestUser> {
  const id = randomUUID();
  const now = new Date();
  await handle.db.insert(authUsers).values({
    id,
    email,
    aud: 'authenticated',
    role: 'authenticated',
    createdAt: now,
    updatedAt: now,
  });
  return { id, email };
}
