import { resolve } from 'node:path';
import { z } from 'zod';

const dbEnvSchema = z.object({
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }).optional(),
  DATA_DIR: z.string().min(1).default('.data'),
  /** Integration tests run on this Postgres instead of PGlite when set (CI does both). */
  TEST_DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }).optional(),
  /** Set by vitest per worker: each worker gets its own test database. */
  VITEST_POOL_ID: z.string().optional(),
  DB_POOL_MAX: z.coerce.number().int().positive().default(10),
  /**
   * Keep statements prepared per connection. `auto` (the default) turns it off for Supabase's
   * transaction pooler (port 6543), which cannot hold prepared statements across transactions.
   */
  DB_PREPARE: z.enum(['auto', 'true', 'false']).default('auto'),
});

export type DbEnv = z.infer<typeof dbEnvSchema>;

/** Whether statements may stay prepared on this URL's connections (see `DB_PREPARE`). */
export function preparesStatements(env: Pick<DbEnv, 'DATABASE_URL' | 'DB_PREPARE'>): boolean {
  if (env.DB_PREPARE !== 'auto') return env.DB_PREPARE === 'true';
  return !env.DATABASE_URL || new URL(env.DATABASE_URL).port !== '6543';
}

export function loadDbEnv(source: Record<string, string | undefined> = process.env): DbEnv {
  const env = dbEnvSchema.parse(source);
  // `pnpm --filter <pkg> ...` runs in the package's folder; a relative DATA_DIR means the folder
  // the command was typed in (INIT_CWD), so API, migrate and seed all open the same data.
  return { ...env, DATA_DIR: resolve(source.INIT_CWD ?? process.cwd(), env.DATA_DIR) };
}
