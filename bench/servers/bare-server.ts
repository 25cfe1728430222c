// The baseline: bare node:http doing what the API does for the measured calls — the same JWT
// verification (jose, same keys and checks, verified tokens kept the same way), the same SQL
// under the same RLS settings, with the same driver — and nothing else.
import { createServer } from 'node:http';
import postgres from 'postgres';
import { bareVerifier, serveBare } from './bare-shared.ts';

const sql = postgres(process.env.DATABASE_URL ?? '', { max: 10, onnotice: () => {} });
const verify = bareVerifier();

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
serveBare(server, () => sql.end());
