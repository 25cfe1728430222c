// stream-concurrency: N conversations streaming at once through one API process: errors, peak
// RSS and event-loop delay of the API (read from its /metrics), and time to first token p99.
import { startFakeProvider } from '@waypoint/ai/testing';
import { createWaypointClient } from '@waypoint/client';
import { startApiFixture } from './lib/api-fixture.ts';
import { chatTurn } from './lib/chat-client.ts';
import { report } from './lib/report.ts';
import { type Buckets, histogramQuantile, quantile, spread } from './lib/stats.ts';

const LEVELS = (process.env.BENCH_LEVELS ?? '250,500,1000,2000').split(',').map(Number);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
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

/**
 * The API's gauges from one scrape. One request per sample, and never two at once: each scrape
 * resets the event-loop delay histogram, so a second concurrent scrape would read a window of
 * almost nothing (an earlier version scraped once per gauge and under-reported the delay).
 */
async function scrape(): Promise<{ gauge: (name: string) => number; delayBuckets: Buckets }> {
  const text = await (await fetch(`${fixture.url}/metrics`)).text();
  const lines = text.split('\n');
  const delayBuckets: Buckets = new Map();
  for (const line of lines) {
    const bucket = /^waypoint_event_loop_delay_seconds_bucket\{le="([^"]+)"\} (\d+)/.exec(line);
    if (bucket) delayBuckets.set(Number(bucket[1]), Number(bucket[2]));
  }
  return {
    gauge: (name) => {
      const line = lines.find((l) => l.startsWith(`${name} `));
      return line ? Number(line.split(' ')[1]) : Number.NaN;
    },
    delayBuckets,
  };
}

interface LevelRun {
  errors: number;
  peakRssMiB: number;
  peakHeapUsedMiB: number;
  peakExternalMiB: number;
  eventLoopDelayP99Ms: number;
  eventLoopDelayP999Ms: number;
  worstWindowP99Ms: number;
  medianWindowP99Ms: number;
  replyLimitMedian: number;
  ttftP99Ms: number;
  wallSeconds: number;
  worstLagWindows: { atSeconds: number; lagMs: number }[];
  firstError?: string;
  notComplete: Record<string, number>;
}

/** One level: `level` new conversations sending and streaming at once. */
async function run(level: number): Promise<LevelRun> {
  const conversations: string[] = [];
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
  const limits: number[] = [];
  const lagWindows: { atSeconds: number; lagMs: number }[] = [];
  // Resets prom-client's windowed lag histogram; the cumulative one is read again at the end.
  const { delayBuckets: delayBefore } = await scrape();
  const started = performance.now();
  let sampling = true;
  // A scrape every 250 ms, each window the time since the one before.
  const sampler = (async () => {
    while (sampling) {
      const tick = performance.now();
      try {
        const { gauge } = await scrape();
        const lag = gauge('waypoint_nodejs_eventloop_lag_p99_seconds');
        peakRss = Math.max(peakRss, gauge('waypoint_process_resident_memory_bytes'));
        peakLag = Math.max(peakLag, lag);
        lagWindows.push({
          atSeconds: Math.round((performance.now() - started) / 100) / 10,
          lagMs: Math.round(lag * 1000),
        });
        peakHeap = Math.max(peakHeap, gauge('waypoint_nodejs_heap_size_used_bytes'));
        peakExternal = Math.max(peakExternal, gauge('waypoint_nodejs_external_memory_bytes'));
        // How many replies the API's admission let generate at once (it follows the loop).
        if (gauge('waypoint_chat_replies{state="waiting"}') > 0)
          limits.push(gauge('waypoint_chat_reply_limit'));
      } catch {
        // A failed scrape leaves a gap; the next one covers its window.
      }
      await new Promise((resolve) =>
        setTimeout(resolve, Math.max(0, 250 - (performance.now() - tick))),
      );
    }
  })();
  const outcomes = await Promise.allSettled(
    conversations.map((id) => chatTurn(client, id, 'Hello')),
  );
  sampling = false;
  await sampler;
  const { delayBuckets: delayAfter } = await scrape();
  const delayQuantileMs = (q: number) =>
    Math.round(histogramQuantile(delayBefore, delayAfter, q) * 10000) / 10;
  const ok = outcomes.flatMap((o) =>
    o.status === 'fulfilled' && o.value.status === 'complete' ? [o.value] : [],
  );
  const ttft = ok.map((o) => o.ttftMs).sort((a, b) => a - b);
  const mib = (bytes: number) => Math.round(bytes / 2 ** 20);
  return {
    errors: level - ok.length,
    peakRssMiB: mib(peakRss),
    // What the RSS is made of: the JavaScript heap, and buffers outside it (sockets, streams).
    peakHeapUsedMiB: mib(peakHeap),
    peakExternalMiB: mib(peakExternal),
    // Over the whole run: how late the API's 10 ms probe timer fired (its own histogram).
    eventLoopDelayP99Ms: delayQuantileMs(0.99),
    eventLoopDelayP999Ms: delayQuantileMs(0.999),
    // prom-client's p99 per 250 ms window (reset at each scrape; includes its 10 ms interval).
    worstWindowP99Ms: Math.round(peakLag * 1000),
    medianWindowP99Ms: quantile(
      lagWindows.map((w) => w.lagMs).sort((a, b) => a - b),
      0.5,
    ),
    replyLimitMedian: quantile(
      [...limits].sort((a, b) => a - b),
      0.5,
    ),
    ttftP99Ms: Math.round(quantile(ttft, 0.99)),
    wallSeconds: Math.round((performance.now() - started) / 100) / 10,
    // Where the worst windows fall (the opening burst of sends and subscriptions, or later).
    worstLagWindows: [...lagWindows].sort((a, b) => b.lagMs - a.lagMs).slice(0, 3),
    firstError: describe(outcomes.find((o) => o.status === 'rejected')?.reason),
    // What the replies that did not complete ended as: a status, or the client's error.
    notComplete: tally(
      outcomes.flatMap((o) => {
        if (o.status === 'rejected') return [`error: ${describe(o.reason)}`];
        return o.value.status === 'complete' ? [] : [`status: ${o.value.status}`];
      }),
    ),
  };
}

// Rounds go through every level in turn (250, 500, ..., then again), so a slow spell on the
// shared machine spreads over levels instead of landing on one.
const runs = new Map<number, LevelRun[]>(LEVELS.map((level) => [level, []]));
for (let round = 0; round < ROUNDS; round++) {
  for (const level of LEVELS) {
    const result = await run(level);
    runs.get(level)?.push(result);
    console.log({ round, streams: level, ...result, worstLagWindows: undefined });
  }
}

const figure = (level: number, key: keyof LevelRun) =>
  spread((runs.get(level) ?? []).map((r) => r[key] as number));
const results = Object.fromEntries(
  LEVELS.map((level) => [
    String(level),
    {
      streams: level,
      errors: figure(level, 'errors'),
      peakRssMiB: figure(level, 'peakRssMiB'),
      peakHeapUsedMiB: figure(level, 'peakHeapUsedMiB'),
      eventLoopDelayP99Ms: figure(level, 'eventLoopDelayP99Ms'),
      eventLoopDelayP999Ms: figure(level, 'eventLoopDelayP999Ms'),
      worstWindowP99Ms: figure(level, 'worstWindowP99Ms'),
      medianWindowP99Ms: figure(level, 'medianWindowP99Ms'),
      replyLimitMedian: figure(level, 'replyLimitMedian'),
      ttftP99Ms: figure(level, 'ttftP99Ms'),
      wallSeconds: figure(level, 'wallSeconds'),
    },
  ]),
);
for (const [level, figures] of Object.entries(results)) {
  console.log(`\n${level} streams`);
  console.table(Object.fromEntries(Object.entries(figures).filter(([k]) => k !== 'streams')));
}

report('stream-concurrency', results as Record<string, object>, {
  levels: LEVELS,
  rounds: ROUNDS,
  runs: Object.fromEntries(runs),
  note: 'eventLoopDelayP99Ms: p99 over the run of how late a 10 ms timer fired in the API; worst/median window: prom-client p99 per 250 ms window (includes its 10 ms interval)',
});
await fixture.stop();
await fake.close();

function tally(values: string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const value of values) counts[value] = (counts[value] ?? 0) + 1;
  return counts;
}

/** An error with the causes under it ("fetch failed" says little; its cause's code says why). */
function describe(error: unknown): string | undefined {
  if (error === undefined) return undefined;
  const parts: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current && depth < 5; depth++) {
    const { message, code } = current as { message?: string; code?: string };
    parts.push(code ? `${message ?? ''} (${code})` : String(message ?? current));
    current = (current as { cause?: unknown }).cause;
  }
  return parts.join(' ← ');
}
