// ab-stream: chat turns through two builds of the API in one run, turn by turn (A B, B A, ...),
// so a change of a millisecond or two is not lost in the drift of a shared machine between runs.
// BENCH_BASELINE_ROOT is another checkout, installed and built (`git worktree add`, then
// `pnpm install --frozen-lockfile && pnpm build` there); this tree is the candidate. Prints time
// to first token and gaps between chunks for each; writes nothing.
import { startFakeProvider } from '@waypoint/ai/testing';
import { createWaypointClient } from '@waypoint/client';
import { startApiFixture } from './lib/api-fixture.ts';
import { type Client, chatTurn } from './lib/chat-client.ts';
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
  const fixture = await startApiFixture(
    {
      AI_CHAT_MODELS: 'openai:bench',
      AI_TASK_MODELS: 'offline',
      OPENAI_API_KEY: 'bench',
      OPENAI_BASE_URL: fake.openaiBaseUrl,
    },
    root,
  );
  const token = await fixture.signUp('ab@example.com');
  const client = makeClient({ url: fixture.url, getAccessToken: () => token }) as Client;
  const { id } = await client.chat.conversations.create.mutate({ assistant: 'general' });
  return {
    client,
    conversationId: id,
    ttft: [] as number[],
    sent: [] as number[],
    asked: [] as number[],
    gaps: [] as number[],
    stop: () => fixture.stop(),
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
    const started = performance.now();
    const result = await chatTurn(build.client, build.conversationId, `turn ${turn}`);
    if (turn < WARM_UP) continue;
    build.ttft.push(result.ttftMs);
    build.sent.push(result.sentMs);
    // The fake provider runs in this process: its clock is the client's.
    build.asked.push((fake.requests.at(-1)?.receivedAt ?? Number.NaN) - started);
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
          // `chat.send` answered: the turn is stored, the model is being asked.
          sendP50Ms: at(b.sent, 0.5),
          // The provider has read the model's request.
          askedP50Ms: at(b.asked, 0.5),
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
