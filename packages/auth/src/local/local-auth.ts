import type { Database } from '@waypoint/db';
import type { AuthEnv } from '../env.ts';
import type { AccessTokenVerifier } from '../principal.ts';
import { createAccessTokenVerifier, projectIssuer } from '../verifier.ts';
import { createLocalAuthHandler } from './local-auth.http.ts';
import { LocalAuthService } from './local-auth.service.ts';
import { generateSigningKey, loadOrCreateSigningKey, type SigningKey } from './signing-key.ts';

export interface LocalAuth {
  issuer: string;
  key: SigningKey;
  service: LocalAuthService;
  verifier: AccessTokenVerifier;
  handle: ReturnType<typeof createLocalAuthHandler>;
}

/**
 * The local, Supabase-compatible auth server: its key (kept in `dataDir`, or in memory when
 * none is given), a verifier for the tokens it issues, and the HTTP handler for `/auth/v1`.
 */
export async function createLocalAuth(options: {
  db: Database;
  /** The API's public base URL; tokens are issued by `<publicUrl>/auth/v1`. */
  publicUrl: string;
  dataDir?: string;
  env: AuthEnv;
  now?: () => Date;
}): Promise<LocalAuth> {
  const key = options.dataDir
    ? await loadOrCreateSigningKey(options.dataDir)
    : await generateSigningKey();
  const issuer = projectIssuer(options.publicUrl);
  const verifier = createAccessTokenVerifier({ issuer, keys: key.keySet, now: options.now });
  const service = new LocalAuthService({
    db: options.db,
    key,
    issuer,
    verifier,
    accessTokenTtlSeconds: options.env.AUTH_ACCESS_TOKEN_TTL_SECONDS,
    refreshReuseIntervalSeconds: options.env.AUTH_REFRESH_REUSE_INTERVAL_SECONDS,
    minPasswordLength: options.env.AUTH_MIN_PASSWORD_LENGTH,
    now: options.now,
  });
  const handle = createLocalAuthHandler({ service, key, anonKey: options.env.SUPABASE_ANON_KEY });
  return { issuer, key, service, verifier, handle };
}
