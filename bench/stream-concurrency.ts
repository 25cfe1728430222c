// stream-concurrency: N conversations streaming at once through one API process: errors, peak
// RSS and event-loop delay of the API (read from its /metrics), and time to first token p99.
import { startFakeProvider } from '@waypoint/ai/testing';
import { createWaypointClient } from '@waypoint/client';
import { startApiFixture } from './lib/api-fixture.ts';
import { chatTurn } from './lib/chat-client.ts';
import { report } from './lib/report.ts';
import { quantile } from './lib/stats.ts';

const LEVELS = (process.env.BENCH_LEVELS ?? '250,500,1000,2000').split(',').map(Number);
const fake = await startFakeProvider();
fake.setDefault({
  chunks: Array.from({ length: 20 }, (_, i) => (i === 0 ? 'token' : ' token')),
  firstByteDelayMs: 50,
  chunkDelayMs: 50,
});
const fixture = await startApiFixture({
  AI_CHAT_MODELS: 'openai:bench',
  AI_TASK_MODELS: 'offline',
  OPENAI_API_KEY: 'bench',
  OPENAI_BASE_URL: fake.openaiBaseUrl,
  DB_POOL_MAX: '20',
});
const token = await fixture.signUp('concurrency@example.com');
const client = createWaypointClient({ url: fixture.url, getAccessToken: () => token });

async function metric(name: string): Promise<number> {
  const text = await (await fetch(`${fixture.url}/metrics`)).text();
  const line = text.split('\n').find((l) => l.startsWith(`${name} `));
  return line ? Number(line.split(' ')[1]) : Number.NaN;
}

const results: Record<string, unknown> = {};
for (const level of LEVELS) {
  const conversations = [];
  for (let i = 0; i < level; i += 50) {
    const batch = await Promise.all(
      Array.from({ length: Math.min(50, level - i) }, () =>
        client.chat.conversations.create.mutate({ assistant: 'general' }),
      ),
    );
    conversations.push(...batch.map((c) => c.id));
  }
  let peakRss = 0;
  let peakLag = 0;
  let peakHeap = 0;
  let peakExternal = 0;
  await metric('waypoint_nodejs_eventloop_lag_p99_seconds'); // resets the lag histogram
  const sampler = setInterval(() => {
    void Promise.all([
      metric('waypoint_process_resident_memory_bytes'),
      metric('waypoint_nodejs_eventloop_lag_p99_seconds'),
      metric('waypoint_nodejs_heap_size_used_bytes'),
      metric('waypoint_nodejs_external_memory_bytes'),
    ]).then(
      ([rss, lag, heap, external]) => {
        peakRss = Math.max(peakRss, rss);
        peakLag = Math.max(peakLag, lag);
        peakHeap = Math.max(peakHeap, heap);
        peakExternal = Math.max(peakExternal, external);
      },
      () => {},
    );
  }, 250);
  const started = performance.now();
  const outcomes = await Promise.allSettled(
    conversations.map((id) => chatTurn(client, id, 'Hello')),
  );
  clearInterval(sampler);
  const ok = outcomes.flatMap((o) =>
    o.status === 'fulfilled' && o.value.status === 'complete' ? [o.value] : [],
  );
  const ttft = ok.map((o) => o.ttftMs).sort((a, b) => a - b);
  results[String(level)] = {
    streams: level,
    errors: level - ok.length,
    peakRssMiB: Math.round(peakRss / 2 ** 20),
    // What the RSS is made of: the JavaScript heap, and buffers outside it (sockets, streams).
    peakHeapUsedMiB: Math.round(peakHeap / 2 ** 20),
    peakExternalMiB: Math.round(peakExternal / 2 ** 20),
    eventLoopDelayP99Ms: Math.round(peakLag * 1000),
    ttftP99Ms: Math.round(quantile(ttft, 0.99)),
    wallSeconds: Math.round((performance.now() - started) / 100) / 10,
    firstError: outcomes.find((o) => o.status === 'rejected')?.reason?.message,
  };
  console.log(results[String(level)]);
}

report('stream-concurrency', results as Record<string, object>, {
  levels: LEVELS,
  note: 'event-loop delay: highest p99 over 250 ms windows',
});
await fixture.stop();
await fake.close();
