// stream-overhead: time to first token and gaps between chunks through chat.send + chat.stream,
// against a client reading the fake provider directly with the same delays. Rounds alternate
// direct (A), through a plain relay process (R: what one more process costs, doing nothing),
// through a bare gateway (G: one more process that stores the turn in one commit before asking
// the provider, and nothing else — the floor of a turn kept before the model is called), the
// same gateway asking through the AI SDK (S: what streaming through it costs) and through the
// API (B).
import { startFakeProvider } from '@waypoint/ai/testing';
import { createWaypointClient } from '@waypoint/client';
import { issuerOf, startApiFixture } from './lib/api-fixture.ts';
import { chatTurn } from './lib/chat-client.ts';
import { startServer, stopServer } from './lib/processes.ts';
import { report } from './lib/report.ts';
import { quantile, spread } from './lib/stats.ts';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const TURNS = Number(process.env.BENCH_TURNS ?? 20);
const scenario = {
  chunks: Array.from({ length: 20 }, (_, i) => (i === 0 ? 'token' : ' token')),
  firstByteDelayMs: 50,
  chunkDelayMs: 20,
};

const fake = await startFakeProvider();
fake.setDefault(scenario);
const fixture = await startApiFixture({
  AI_CHAT_MODELS: 'openai:bench',
  AI_TASK_MODELS: 'offline',
  OPENAI_API_KEY: 'bench',
  OPENAI_BASE_URL: fake.openaiBaseUrl,
});
const relay = await startServer(new URL('./servers/relay-server.mjs', import.meta.url).pathname, {
  BENCH_UPSTREAM: new URL(fake.openaiBaseUrl).origin,
});
const relayedBaseUrl = `${relay.hello.url}${new URL(fake.openaiBaseUrl).pathname}`;
const token = await fixture.signUp('stream@example.com');
const client = createWaypointClient({ url: fixture.url, getAccessToken: () => token });
const { id: conversationId } = await client.chat.conversations.create.mutate({
  assistant: 'general',
});
const gatewayEnv = {
  DATABASE_URL: fixture.databaseUrl,
  BENCH_JWKS: JSON.stringify(await fixture.jwks()),
  BENCH_ISSUER: issuerOf(token),
  BENCH_UPSTREAM: fake.openaiBaseUrl,
};
const gatewayScript = new URL('./servers/bare-gateway-server.ts', import.meta.url).pathname;
const gateway = await startServer(gatewayScript, gatewayEnv);
const sdkGateway = await startServer(gatewayScript, { ...gatewayEnv, BENCH_GATEWAY_ASK: 'ai-sdk' });
// Each bare gateway's turns go to a conversation of their own.
const newConversation = async () =>
  (await client.chat.conversations.create.mutate({ assistant: 'general' })).id;
const gatewayConversationId = await newConversation();
const sdkGatewayConversationId = await newConversation();

/** The baseline: the same streaming request straight to the provider, parsed as SSE. */
async function direct(baseUrl = fake.openaiBaseUrl) {
  const started = performance.now();
  const res = await fetch(`${baseUrl}/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: 'Bearer bench' },
    body: JSON.stringify({
      model: 'bench',
      stream: true,
      messages: [{ role: 'user', content: 'Hi' }],
    }),
  });
  return readTexts(res, started, (frame) => frame.includes('"content"'));
}

/** A bare gateway's turn: the send, then its SSE stream, read as the direct reader reads. */
async function viaGateway(server = gateway, conversationId = gatewayConversationId) {
  const started = performance.now();
  const headers = { 'content-type': 'application/json', authorization: `Bearer ${token}` };
  const sent = await fetch(`${server.hello.url}/send`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ conversationId, text: 'Hi' }),
  });
  if (!sent.ok) throw new Error(`bare gateway send: ${sent.status}`);
  const { assistantMessageId } = (await sent.json()) as { assistantMessageId: string };
  const res = await fetch(`${server.hello.url}/stream?id=${assistantMessageId}`, { headers });
  return readTexts(res, started, (frame) => frame.includes('"text-delta"'));
}

/** Times of the SSE frames that carry text, from `started`. */
async function readTexts(res: Response, started: number, isText: (frame: string) => boolean) {
  const reader = (res.body as ReadableStream<Uint8Array>).getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  let first: number | undefined;
  let last = 0;
  const gaps: number[] = [];
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    buffer += decoder.decode(value, { stream: true });
    let index = buffer.indexOf('\n\n');
    while (index !== -1) {
      const frame = buffer.slice(0, index);
      buffer = buffer.slice(index + 2);
      index = buffer.indexOf('\n\n');
      if (!isText(frame)) continue;
      const now = performance.now();
      if (first === undefined) first = now;
      else gaps.push(now - last);
      last = now;
    }
  }
  return { ttftMs: (first ?? Number.NaN) - started, gapsMs: gaps };
}

async function series(turn: () => Promise<{ ttftMs: number; gapsMs: number[] }>) {
  const ttft: number[] = [];
  const gaps: number[] = [];
  const asked: number[] = [];
  for (let i = 0; i < TURNS; i++) {
    const started = performance.now();
    const result = await turn();
    ttft.push(result.ttftMs);
    gaps.push(...result.gapsMs);
    // When the provider (in this process: the same clock) had read the request.
    asked.push((fake.requests.at(-1)?.receivedAt ?? Number.NaN) - started);
  }
  const sorted = (values: number[]) => [...values].sort((a, b) => a - b);
  return {
    askedP50: quantile(sorted(asked), 0.5),
    ttftP50: quantile(sorted(ttft), 0.5),
    ttftP99: quantile(sorted(ttft), 0.99),
    gapP99: quantile(sorted(gaps), 0.99),
  };
}

const relayed = () => direct(relayedBaseUrl);
const viaBareGateway = () => viaGateway();
const viaSdkGateway = () => viaGateway(sdkGateway, sdkGatewayConversationId);
await series(() => direct());
await series(relayed);
await series(viaBareGateway);
await series(viaSdkGateway);
await series(() => chatTurn(client, conversationId, 'warm up'));

const rounds: {
  direct: Awaited<ReturnType<typeof series>>;
  relayed: Awaited<ReturnType<typeof series>>;
  gateway: Awaited<ReturnType<typeof series>>;
  sdkGateway: Awaited<ReturnType<typeof series>>;
  api: Awaited<ReturnType<typeof series>>;
}[] = [];
for (let round = 0; round < ROUNDS; round++) {
  const a = await series(() => direct());
  const r = await series(relayed);
  const g = await series(viaBareGateway);
  const sg = await series(viaSdkGateway);
  const b = await series(() => chatTurn(client, conversationId, `round ${round}`));
  rounds.push({ direct: a, relayed: r, gateway: g, sdkGateway: sg, api: b });
}

report(
  'stream-overhead',
  {
    addedTtftP50Ms: spread(rounds.map((r) => r.api.ttftP50 - r.direct.ttftP50)),
    addedTtftP99Ms: spread(rounds.map((r) => r.api.ttftP99 - r.direct.ttftP99)),
    addedGapP99Ms: spread(rounds.map((r) => r.api.gapP99 - r.direct.gapP99)),
    directTtftP50Ms: spread(rounds.map((r) => r.direct.ttftP50)),
    apiTtftP50Ms: spread(rounds.map((r) => r.api.ttftP50)),
    // The floor of one more process on this machine: a relay that only pipes bytes.
    relayAddedTtftP50Ms: spread(rounds.map((r) => r.relayed.ttftP50 - r.direct.ttftP50)),
    relayAddedGapP99Ms: spread(rounds.map((r) => r.relayed.gapP99 - r.direct.gapP99)),
    // The floor of a turn stored before the model is called: a bare gateway doing only that.
    gatewayAddedTtftP50Ms: spread(rounds.map((r) => r.gateway.ttftP50 - r.direct.ttftP50)),
    gatewayAddedTtftP99Ms: spread(rounds.map((r) => r.gateway.ttftP99 - r.direct.ttftP99)),
    gatewayAddedGapP99Ms: spread(rounds.map((r) => r.gateway.gapP99 - r.direct.gapP99)),
    // The same gateway asking through the AI SDK: the floor of any gateway that streams through it.
    sdkGatewayAddedTtftP50Ms: spread(rounds.map((r) => r.sdkGateway.ttftP50 - r.direct.ttftP50)),
    sdkGatewayAddedTtftP99Ms: spread(rounds.map((r) => r.sdkGateway.ttftP99 - r.direct.ttftP99)),
    sdkGatewayAddedGapP99Ms: spread(rounds.map((r) => r.sdkGateway.gapP99 - r.direct.gapP99)),
    // Where the added time is: before the provider has read the request, or after (the first
    // chunk's way back; the provider waits the same 50 ms for everyone).
    apiAddedAskedP50Ms: spread(rounds.map((r) => r.api.askedP50 - r.direct.askedP50)),
    gatewayAddedAskedP50Ms: spread(rounds.map((r) => r.gateway.askedP50 - r.direct.askedP50)),
    sdkGatewayAddedAskedP50Ms: spread(rounds.map((r) => r.sdkGateway.askedP50 - r.direct.askedP50)),
  },
  { rounds: ROUNDS, turnsPerRound: TURNS, scenario, perRound: rounds },
);

await fixture.stop();
await stopServer(relay.child);
await stopServer(gateway.child);
await stopServer(sdkGateway.child);
await fake.close();
