// api-overhead: an authenticated tRPC query returning 20 rows through the standalone API, against
// bare node:http doing the same JWT verification and SQL with the same driver on the same
// database; and a trivial procedure against a bare handler, for the fixed cost. Rounds alternate
// baseline and candidate, in turn first (A B, B A, ...), so neither side always runs right after
// the other.

import { createWaypointClient } from '@waypoint/client';
import autocannon from 'autocannon';
import { issuerOf, startApiFixture } from './lib/api-fixture.ts';
import { withCpu } from './lib/cpu.ts';
import { startServer, stopServer } from './lib/processes.ts';
import { report } from './lib/report.ts';
import { spread } from './lib/stats.ts';

// Five rounds: on this shared two-core machine a single five-second run of one server moves by a
// third, and the median of five pairs is steadier than the median of three.
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const DURATION = Number(process.env.BENCH_SECONDS ?? 5);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 16);

const fixture = await startApiFixture();
const token = await fixture.signUp('bench@example.com');
const client = createWaypointClient({ url: fixture.url, getAccessToken: () => token });
const HORIZONS = ['short', 'medium', 'long'] as const;
const PRIORITIES = ['low', 'medium', 'high', 'urgent'] as const;
for (let i = 0; i < 20; i++) {
  await client.planner.goals.create.mutate({
    title: `Goal ${i + 1}`,
    horizon: HORIZONS[i % 3] ?? 'short',
    priority: PRIORITIES[i % 4] ?? 'medium',
  });
}
const bare = await startServer(new URL('./servers/bare-server.ts', import.meta.url).pathname, {
  DATABASE_URL: fixture.databaseUrl,
  BENCH_JWKS: JSON.stringify(await fixture.jwks()),
  BENCH_ISSUER: issuerOf(token),
});
const bareUrl = bare.hello.url as string;

const input = (value: unknown) => encodeURIComponent(JSON.stringify({ json: value }));
const targets = {
  api: `${fixture.url}/trpc/planner.goals.list?input=${input({})}`,
  bare: `${bareUrl}/goals`,
  apiTrivial: `${fixture.url}/trpc/ai.models`,
  bareTrivial: `${bareUrl}/trivial`,
};

// Both answer the same rows.
const apiRows = (
  (await (await fetch(targets.api, { headers: { authorization: `Bearer ${token}` } })).json()) as {
    result: { data: { json: unknown[] } };
  }
).result.data.json;
const bareRows = (await (
  await fetch(targets.bare, { headers: { authorization: `Bearer ${token}` } })
).json()) as unknown[];
if (apiRows.length !== 20 || bareRows.length !== 20)
  throw new Error(`expected 20 rows, got ${apiRows.length} / ${bareRows.length}`);

const pids: Record<keyof typeof targets, number> = {
  api: fixture.pid,
  apiTrivial: fixture.pid,
  bare: bare.child.pid as number,
  bareTrivial: bare.child.pid as number,
};

/** One run at fixed concurrency, with the server's CPU per request and how busy the machine was. */
async function load(target: keyof typeof targets, duration = DURATION) {
  const url = targets[target];
  return withCpu(pids[target], async () => {
    const result = await autocannon({
      url,
      connections: CONNECTIONS,
      duration,
      headers: { authorization: `Bearer ${token}` },
    });
    if (result.non2xx > 0 || result.errors > 0)
      throw new Error(`${url}: ${result.non2xx} non-2xx, ${result.errors} errors`);
    return {
      rps: result.requests.average,
      p50: result.latency.p50,
      p99: result.latency.p99,
      requests: result.requests.total,
    };
  });
}
type Sample = Awaited<ReturnType<typeof load>>;

for (const target of Object.keys(targets) as (keyof typeof targets)[]) await load(target, 2); // warm up JITs and pools

const samples: Record<keyof typeof targets, Sample[]> = {
  api: [],
  bare: [],
  apiTrivial: [],
  bareTrivial: [],
};
for (let round = 0; round < ROUNDS; round++) {
  const pairs = [
    ['bare', 'api'],
    ['bareTrivial', 'apiTrivial'],
  ] as const;
  for (const pair of pairs) {
    const order = round % 2 === 0 ? pair : ([pair[1], pair[0]] as const);
    for (const target of order) samples[target].push(await load(target));
  }
}

// autocannon's latencies are whole milliseconds: a round where the baseline's figure reads 0
// (answered in under 1 ms) has no ratio, and is left out rather than counted as infinite.
const ratios = (a: keyof typeof targets, b: keyof typeof targets, field: 'rps' | 'p50' | 'p99') =>
  spread(
    samples[a]
      .map((s, i) => s[field] / (samples[b][i]?.[field] ?? Number.NaN))
      .filter((ratio) => Number.isFinite(ratio)),
  );
const latencies = (target: keyof typeof targets, field: 'p50' | 'p99') =>
  spread(samples[target].map((s) => s[field]));

report(
  'api-overhead',
  {
    throughputRatio: ratios('api', 'bare', 'rps'),
    p50Ratio: ratios('api', 'bare', 'p50'),
    p99Ratio: ratios('api', 'bare', 'p99'),
    trivialThroughputRatio: ratios('apiTrivial', 'bareTrivial', 'rps'),
    trivialP50Ratio: ratios('apiTrivial', 'bareTrivial', 'p50'),
    trivialP99Ratio: ratios('apiTrivial', 'bareTrivial', 'p99'),
    apiP50Ms: latencies('api', 'p50'),
    bareP50Ms: latencies('bare', 'p50'),
    apiP99Ms: latencies('api', 'p99'),
    bareP99Ms: latencies('bare', 'p99'),
    apiTrivialP50Ms: latencies('apiTrivial', 'p50'),
    bareTrivialP50Ms: latencies('bareTrivial', 'p50'),
    apiRps: spread(samples.api.map((s) => s.rps)),
    bareRps: spread(samples.bare.map((s) => s.rps)),
    apiTrivialRps: spread(samples.apiTrivial.map((s) => s.rps)),
    bareTrivialRps: spread(samples.bareTrivial.map((s) => s.rps)),
    // CPU time of the server process per request (ms), and the busy share of the whole machine.
    apiCpuMsPerRequest: spread(samples.api.map((s) => s.cpuMsPerRequest)),
    bareCpuMsPerRequest: spread(samples.bare.map((s) => s.cpuMsPerRequest)),
    apiTrivialCpuMsPerRequest: spread(samples.apiTrivial.map((s) => s.cpuMsPerRequest)),
    bareTrivialCpuMsPerRequest: spread(samples.bareTrivial.map((s) => s.cpuMsPerRequest)),
    apiMachineBusy: spread(samples.api.map((s) => s.machineBusy)),
    bareMachineBusy: spread(samples.bare.map((s) => s.machineBusy)),
  },
  {
    rounds: ROUNDS,
    secondsPerRun: DURATION,
    connections: CONNECTIONS,
    targets: { api: 'planner.goals.list (20 rows)', trivial: 'ai.models (no database)' },
    samples,
  },
);

await stopServer(bare.child);
await fixture.stop();
