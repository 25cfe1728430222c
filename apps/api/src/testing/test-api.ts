import { createLogger } from '@waypoint/core';
import { getTestDatabase, resetTestDatabase } from '@waypoint/db/testing';
import { type ApiServer, type StartApiOptions, startApi } from '../app.ts';
import { loadApiEnv } from '../env.ts';

/** A real API on an ephemeral port over the worker's test database. */
export async function startTestApi(
  env: Record<string, string> = {},
  options: Pick<StartApiOptions, 'trpcFetchResolverOnly'> = {},
): Promise<ApiServer> {
  const database = await getTestDatabase();
  await resetTestDatabase(database);
  const api = await startApi({
    env: loadApiEnv({ API_PORT: '0', LOG_LEVEL: 'silent', SHUTDOWN_GRACE_MS: '1000', ...env }),
    log: createLogger({ level: 'silent' }),
    database,
    ...options,
  });
  await api.ready;
  return api;
}
