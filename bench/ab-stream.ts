// ab-stream: chat turns through two builds of the API in one run, turn by turn (A B, B A, ...),
// so a change of a millisecond or two is not lost in the drift of a shared machine between runs.
// BENCH_BASELINE_ROOT is another checkout, installed and built (`git worktree add`, then
// `pnpm install --frozen-lockfile && pnpm build` there); this tree is the candidate. Prints time
// to first token and gaps between chunks for each; writes nothing.
import { startFakeProvider } from '@waypoint/ai/testing';
import { createWaypointClient } from '@waypoint/client';
import { createDatabase, runMigrations } from '@waypoint/db';
import { type Client, chatTurn } from './lib/chat-client.ts';
import { startPostgres } from './lib/postgres.ts';
import { apiStartFlags, startServer, stopServer } from './lib/processes.ts';
import { quantile } from './lib/stats.ts';

const baselineRoot = process.env.BENCH_BASELINE_ROOT;
if (!baselineRoot) throw new Error('Set BENCH_BASELINE_ROOT to a built checkout to compare with');
const TURNS = Number(process.env.BENCH_TURNS ?? 120);
const WARM_UP = 10;

const fake = await startFakeProvider();
fake.setDefault({
  chunks: Array.from({ length: 20 }, (_, i) => (i === 0 ? 'token' : ' token')),
  firstByteDelayMs: 50,
  chunkDelayMs: 20,
});

/** One build: its own Postgres and API process, and its own client package. */
async function side(root: string, makeClient: typeof createWaypointClient) {
  const pg = await startPostgres();
  const handle = await createDatabase({ url: pg.url });
  await runMigrations(handle);
  await handle.close();
  const api = await startServer(
    `${root}/bench/servers/api-server.ts`,
    {
      DATABASE_URL: pg.url,
      API_PORT: '0',
      LOG_LEVEL: 'warn',
      AUTH_RATE_LIMIT_PER_MINUTE: '1000000',
      CHAT_SEND_PER_MINUTE: '1000000',
      DB_POOL_MAX: '10',
      AI_CHAT_MODELS: 'openai:bench',
      AI_TASK_MODELS: 'offline',
      OPENAI_API_KEY: 'bench',
      OPENAI_BASE_URL: fake.openaiBaseUrl,
    },
    { nodeArgs: apiStartFlags() },
  );
  const url = api.hello.url as string;
  const res = await fetch(`${url}/auth/v1/signup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'ab@example.com', password: 'bench-password-123' }),
  });
  const token = ((await res.json()) as { access_token: string }).access_token;
  const client = makeClient({ url, getAccessToken: () => token }) as Client;
  const { id } = await client.chat.conversations.create.mutate({ assistant: 'general' });
  return {
    client,
    conversationId: id,
    ttft: [] as number[],
    gaps: [] as number[],
    stop: async () => {
      await stopServer(api.child);
      pg.stop();
    },
  };
}

const baselineClient = (await import(`${baselineRoot}/packages/client/dist/index.js`)) as {
  createWaypointClient: typeof createWaypointClient;
};
const baseline = await side(baselineRoot, baselineClient.createWaypointClient);
const candidate = await side(new URL('..', import.meta.url).pathname, createWaypointClient);

for (let turn = 0; turn < TURNS; turn++) {
  const order = turn % 2 === 0 ? [baseline, candidate] : [candidate, baseline];
  for (const build of order) {
    const result = await chatTurn(build.client, build.conversationId, `turn ${turn}`);
    if (turn < WARM_UP) continue;
    build.ttft.push(result.ttftMs);
    build.gaps.push(...result.gapsMs);
  }
}

const at = (values: number[], q: number) =>
  Math.round(
    quantile(
      [...values].sort((a, b) => a - b),
      q,
    ) * 100,
  ) / 100;
console.table(
  Object.fromEntries(
    [
      ['baseline', baseline],
      ['candidate', candidate],
    ].map(([name, build]) => {
      const b = build as typeof baseline;
      return [
        name,
        {
          turns: b.ttft.length,
          ttftP50Ms: at(b.ttft, 0.5),
          ttftP99Ms: at(b.ttft, 0.99),
          gapP50Ms: at(b.gaps, 0.5),
          gapP99Ms: at(b.gaps, 0.99),
        },
      ];
    }),
  ),
);
await baseline.stop();
await candidate.stop();
await fake.close();
