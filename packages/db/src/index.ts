export {
  createDatabase,
  type Database,
  type DatabaseHandle,
  type DatabaseKind,
  type DatabaseOptions,
  type Executor,
  type Transaction,
} from './client.ts';
export { compiledSelect, compiledSql, compiledWrite } from './compiled-query.ts';
export { type DbEnv, loadDbEnv, preparesStatements } from './env.ts';
export type { MigrationStatus } from './migrate.ts';
export { migrationStatus, migrationsFolder, resultRows, runMigrations } from './migrate.ts';
export { ReadIssuedLateError, WriteIssuedLateError } from './pipelined-transaction.ts';
export * as schema from './schema/index.ts';
export {
  inUserTransaction,
  readAsUser,
  runAsUser,
  UnguardedWriteError,
  type UserClaims,
  type UserTransaction,
} from './user-scope.ts';
