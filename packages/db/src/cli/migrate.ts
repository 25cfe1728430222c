// `pnpm db:migrate`: applies pending migrations to DATABASE_URL, or to PGlite in DATA_DIR.
import { createDatabase } from '../client.ts';
import { loadDbEnv, preparesStatements } from '../env.ts';
import { migrationStatus, runMigrations } from '../migrate.ts';

const env = loadDbEnv();
const handle = await createDatabase({
  url: env.DATABASE_URL,
  dataDir: env.DATA_DIR,
  prepare: preparesStatements(env),
});
try {
  await runMigrations(handle);
  const status = await migrationStatus(handle);
  console.log(`migrations: ${status.applied}/${status.expected} applied (${handle.kind})`);
} finally {
  await handle.close();
}
