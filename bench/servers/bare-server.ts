// The baseline: bare node:http doing what the API does for the measured calls — the same JWT
// verification (jose, same keys and checks, verified tokens kept the same way), the same SQL
// under the same RLS settings, with the same driver — and nothing else.
import { createServer } from 'node:http';
import { createLocalJWKSet, type JSONWebKeySet, jwtVerify } from 'jose';
import { LRUCache } from 'lru-cache';
import postgres from 'postgres';

const jwks = createLocalJWKSet(JSON.parse(process.env.BENCH_JWKS ?? '{}') as JSONWebKeySet);
const issuer = process.env.BENCH_ISSUER ?? '';
const sql = postgres(process.env.DATABASE_URL ?? '', { max: 10, onnotice: () => {} });

type Claims = { sub: string; exp: number };
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

async function verify(header: string | undefined) {
  const token = header?.replace(/^Bearer\s+/i, '') ?? '';
  const claims = await verified.fetch(token);
  if (!claims || claims.exp * 1000 <= Date.now()) throw new Error('expired');
  return claims;
}

const server = createServer(async (req, res) => {
  try {
    const claims = await verify(req.headers.authorization);
    if (req.url?.startsWith('/goals')) {
      const rows = await sql.begin(async (tx) => {
        await tx`select set_config('request.jwt.claims', ${JSON.stringify(claims)}, true),
                        set_config('request.jwt.claim.sub', ${claims.sub}, true),
                        set_config('role', 'authenticated', true)`;
        return tx`select id, title, description, horizon, status, priority, target_date, created_at, updated_at
                  from goals where user_id = ${claims.sub} order by priority desc, created_at asc`;
      });
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(rows));
    } else {
      res.writeHead(200, { 'content-type': 'application/json' }).end(
        JSON.stringify({
          chat: [{ provider: 'offline', model: 'offline' }],
          task: [{ provider: 'offline', model: 'offline' }],
          offlineOnly: true,
        }),
      );
    }
  } catch {
    res.writeHead(401).end();
  }
});
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
  void sql.end().then(() => process.exit(0));
});
