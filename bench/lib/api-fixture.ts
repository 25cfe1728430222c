import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createDatabase, runMigrations } from '@waypoint/db';
import { startPostgres } from './postgres.ts';
import { apiStartFlags, startServer, stopServer } from './processes.ts';

/**
 * A migrated throwaway Postgres and the API on it in its own process, with a signed-up user.
 * `root` is the checkout whose API runs (another, built one for A/B comparisons).
 */
export async function startApiFixture(
  extraEnv: Record<string, string> = {},
  root = new URL('../..', import.meta.url).pathname,
) {
  const pg = await startPostgres();
  const handle = await createDatabase({ url: pg.url });
  await runMigrations(handle);
  await handle.close();
  // Plain node on the built API (api-server.mjs); a baseline checkout from before it has the
  // TypeScript entry, run through tsx.
  const entry = ['api-server.mjs', 'api-server.ts']
    .map((name) => join(root, 'bench/servers', name))
    .find((path) => existsSync(path)) as string;
  const api = await startServer(
    entry,
    {
      DATABASE_URL: pg.url,
      API_PORT: '0',
      LOG_LEVEL: 'warn',
      AUTH_RATE_LIMIT_PER_MINUTE: '1000000',
      CHAT_SEND_PER_MINUTE: '1000000',
      DB_POOL_MAX: '10',
      ...extraEnv,
    },
    { nodeArgs: apiStartFlags(root) },
  );
  const url = api.hello.url as string;
  return {
    url,
    pid: api.child.pid as number,
    databaseUrl: pg.url,
    async signUp(email: string) {
      const res = await fetch(`${url}/auth/v1/signup`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email, password: 'bench-password-123' }),
      });
      if (!res.ok) throw new Error(`signup failed: ${res.status}`);
      return ((await res.json()) as { access_token: string }).access_token;
    },
    async jwks() {
      return (await fetch(`${url}/auth/v1/.well-known/jwks.json`)).json();
    },
    async stop() {
      await stopServer(api.child);
      pg.stop();
    },
  };
}

export function issuerOf(token: string): string {
  const payload = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString()) as {
    iss: string;
  };
  return payload.iss;
}
