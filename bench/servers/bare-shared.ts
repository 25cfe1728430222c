// What the bare baselines share: the API's JWT verification (jose, same keys and checks,
// verified tokens kept the same way), and listening as the bench's servers do.
import type { Server } from 'node:http';
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

/** Listens on a free port of 127.0.0.1, says where as the bench's JSON hello, stops on SIGTERM. */
export function serveBare(server: Server, close: () => Promise<unknown>) {
  server.listen(0, '127.0.0.1', () => {
    const address = server.address();
    console.log(
      JSON.stringify({
        url: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`,
      }),
    );
  });
  process.once('SIGTERM', () => {
    server.close();
    void close().then(() => process.exit(0));
  });
}
