// What the API's auth does for a bare baseline: the same JWT verification (jose, same keys and
// checks), verified tokens kept the same way.
import { createLocalJWKSet, type JSONWebKeySet, jwtVerify } from 'jose';
import { LRUCache } from 'lru-cache';

export type Claims = { sub: string; exp: number };

/** BENCH_JWKS and BENCH_ISSUER are the API's keys and issuer (from its auth endpoint). */
export function bareVerifier() {
  const jwks = createLocalJWKSet(JSON.parse(process.env.BENCH_JWKS ?? '{}') as JSONWebKeySet);
  const issuer = process.env.BENCH_ISSUER ?? '';
  // As the API's verifier: a verified token is kept for a minute at most, never past its `exp`.
  const verified = new LRUCache<string, Claims>({
    max: 10_000,
    ttl: 60_000,
    fetchMethod: async (token, _stale, { options }) => {
      const { payload } = await jwtVerify(token, jwks, {
        issuer,
        audience: 'authenticated',
        algorithms: ['ES256', 'RS256'],
        requiredClaims: ['exp', 'sub'],
      });
      const claims = payload as Claims;
      options.ttl = Math.max(1, Math.min(60_000, claims.exp * 1000 - Date.now()));
      return claims;
    },
  });
  return async function verify(header: string | undefined): Promise<Claims> {
    const token = header?.replace(/^Bearer\s+/i, '') ?? '';
    const claims = await verified.fetch(token);
    if (!claims || claims.exp * 1000 <= Date.now()) throw new Error('expired');
    return claims;
  };
}
