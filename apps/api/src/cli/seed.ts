// `pnpm db:seed`: migrates, then creates the demo user and data, without serving HTTP.
import { createLocalAuth } from '@waypoint/auth';
import { createLogger, createServices } from '@waypoint/core';
import { createDatabase, preparesStatements, runMigrations } from '@waypoint/db';
import { seedDemo } from '../demo-seed.ts';
import { loadApiEnv } from '../env.ts';

const env = loadApiEnv();
const log = createLogger({ level: env.core.LOG_LEVEL, name: 'waypoint-seed' });
if (env.auth.SUPABASE_URL) {
  log.error('db:seed creates a local-auth demo user; with SUPABASE_URL set, use supabase/seed.sql');
  process.exit(1);
}
const handle = await createDatabase({
  url: env.db.DATABASE_URL,
  dataDir: env.db.DATA_DIR,
  prepare: preparesStatements(env.db),
});
try {
  await runMigrations(handle);
  const local = await createLocalAuth({
    db: handle.db,
    publicUrl: env.API_URL ?? `http://127.0.0.1:${env.API_PORT}`,
    dataDir: env.db.DATABASE_URL ? undefined : env.db.DATA_DIR,
    env: env.auth,
  });
  await seedDemo({ local, services: createServices({ db: handle.db, log }), log });
  console.log('Demo user: demo@waypoint.local / waypoint-demo');
} finally {
  await handle.close();
}
