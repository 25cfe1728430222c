import {
  type AccessTokenVerifier,
  createAccessTokenVerifier,
  createLocalAuth,
  type LocalAuth,
  projectIssuer,
  remoteProjectKeys,
} from '@waypoint/auth';
import type { Database } from '@waypoint/db';
import type { ApiEnv } from '../env.ts';

export type AuthMode =
  | { kind: 'supabase'; verifier: AccessTokenVerifier }
  | { kind: 'local'; verifier: AccessTokenVerifier; local: LocalAuth };

/** A Supabase project when `SUPABASE_URL` is set; otherwise the API is its own auth server. */
export async function resolveAuthMode(
  env: ApiEnv,
  db: Database,
  publicUrl: string,
  dataDir: string | undefined,
): Promise<AuthMode> {
  const supabaseUrl = env.auth.SUPABASE_URL;
  if (supabaseUrl) {
    const verifier = createAccessTokenVerifier({
      issuer: projectIssuer(supabaseUrl),
      keys: remoteProjectKeys(supabaseUrl),
      hs256Secret: env.auth.SUPABASE_JWT_SECRET,
    });
    return { kind: 'supabase', verifier };
  }
  const local = await createLocalAuth({ db, publicUrl, dataDir, env: env.auth });
  return { kind: 'local', verifier: local.verifier, local };
}
