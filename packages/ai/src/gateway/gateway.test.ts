import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createLruResponseCache } from '../cache/response-cache.ts';
import type { UsageRecord } from '../contracts.ts';
import { loadAiEnv } from '../env.ts';
import { type FakeProvider, startFakeProvider } from '../testing/index.ts';
import { createAiGateway } from './gateway.ts';
import type { ChatStreamEvent } from './types.ts';

let fake: FakeProvider;
beforeAll(async () => {
  fake = await startFakeProvider();
});
afterAll(() => fake.close());
beforeEach(() => fake.reset());

const offline = {
  responder: () => ({ type: 'text' as const, text: 'Offline answer from your data.' }),
};

function gateway(env: Record<string, string> = {}) {
  const usage: UsageRecord[] = [];
  const ai = createAiGateway({
    env: loadAiEnv({
      AI_CHAT_MODELS: 'openai:m1,openai-compatible:m2',
      AI_TASK_MODELS: 'openai:m1',
      OPENAI_API_KEY: 'sk-test',
      OPENAI_BASE_URL: fake.openaiBaseUrl,
      OPENAI_COMPATIBLE_BASE_URL: fake.openaiBaseUrl,
      AI_RETRY_MIN_MS: '5',
      AI_RETRY_MAX_MS: '200',
      AI_CONNECT_TIMEOUT_MS: '400',
      AI_CHUNK_TIMEOUT_MS: '400',
      AI_TASK_TIMEOUT_MS: '2000',
      AI_BREAKER_HALF_OPEN_MS: '200',
      ...env,
    }),
    usageSink: { record: (record) => void usage.push(record) },
    cache: createLruResponseCache({ maxEntries: 10 }),
  });
  return { ai, usage };
}

async function collect(stream: AsyncIterable<ChatStreamEvent>) {
  const events: ChatStreamEvent[] = [];
  for await (const event of stream) events.push(event);
  const text = events.map((e) => (e.type === 'text-delta' ? e.delta : '')).join('');
  const last = events.at(-1);
  return { events, text, last };
}

const chat = (ai: ReturnType<typeof gateway>['ai'], signal?: AbortSignal) =>
  collect(
    ai.streamChat({ messages: [{ role: 'user', content: 'Hi' }], offline, abortSignal: signal }),
  );

const outcomes = (usage: UsageRecord[]) => usage.map((u) => `${u.model}:${u.outcome}`);

describe('AI gateway over real sockets', () => {
  it('retries a 503 and then streams the reply', async () => {
    const { ai, usage } = gateway();
    fake.enqueue('m1', { status: 503 });
    const { text, last } = await chat(ai);
    expect(text).toBe('Hello from the fake provider.');
    expect(last).toMatchObject({ type: 'finish', offline: false, modelsUsed: [{ model: 'm1' }] });
    expect(fake.requestsFor('m1')).toHaveLength(2);
    expect(outcomes(usage)).toEqual(['m1:retried', 'm1:ok']);
    expect(usage[1]).toMatchObject({ inputTokens: 12, outputTokens: 5 });
  });

  it('never retries a 400; it falls back to the next model', async () => {
    const { ai, usage } = gateway();
    fake.enqueue('m1', { status: 400 });
    const { events, text } = await chat(ai);
    expect(fake.requestsFor('m1')).toHaveLength(1);
    expect(events).toContainEqual(
      expect.objectContaining({ type: 'fallback', reason: 'http_400' }),
    );
    expect(text).toBe('Hello from the fake provider.');
    expect(outcomes(usage)).toEqual(['m1:fell_back', 'm2:ok']);
  });

  it('does not wait out a Retry-After longer than the maximum; it moves on', async () => {
    const { ai, usage } = gateway();
    fake.enqueue('m1', { status: 429, retryAfterSeconds: 30 });
    await chat(ai);
    expect(fake.requestsFor('m1')).toHaveLength(1);
    expect(outcomes(usage)).toEqual(['m1:fell_back', 'm2:ok']);
  });

  it('aborts a request with no first byte in time and retries it', async () => {
    const { ai, usage } = gateway();
    fake.enqueue('m1', { firstByteDelayMs: 1500 });
    const { text } = await chat(ai);
    expect(text).toBe('Hello from the fake provider.');
    expect(usage[0]).toMatchObject({ outcome: 'retried', errorKind: 'timeout_connect' });
    await expect.poll(() => fake.requestsFor('m1')[0]?.closedEarly).toBe(true);
  });

  it('continues a stalled stream on the next model as one message', async () => {
    const { ai, usage } = gateway();
    fake.enqueue('m1', { stallAfter: 2 });
    fake.enqueue('m2', { chunks: [' the', ' fake', ' provider.'] });
    const { text, last, events } = await chat(ai);
    expect(text).toBe('Hello from the fake provider.');
    expect(last).toMatchObject({ type: 'finish', modelsUsed: [{ model: 'm1' }, { model: 'm2' }] });
    expect(events.filter((e) => e.type === 'model-start')).toMatchObject([
      { continuation: false },
      { continuation: true },
    ]);
    const handover = fake.requestsFor('m2')[0]?.body.messages as {
      role: string;
      content: unknown;
    }[];
    expect(handover.at(-2)).toMatchObject({ role: 'assistant', content: 'Hello from' });
    expect(usage.map((u) => u.errorKind ?? u.outcome)).toEqual(['timeout_chunk', 'ok']);
    await expect.poll(() => fake.requestsFor('m1')[0]?.closedEarly).toBe(true);
  });

  it('cuts repeated text when the fallback model starts over after a drop', async () => {
    const { ai } = gateway();
    fake.enqueue('m1', { dropAfter: 3 });
    const { text } = await chat(ai);
    expect(text).toBe('Hello from the fake provider.');
  });

  it('falls back on a malformed chunk', async () => {
    const { ai, usage } = gateway();
    fake.enqueue('m1', { malformedAfter: 0 });
    const { text } = await chat(ai);
    expect(text).toBe('Hello from the fake provider.');
    expect(outcomes(usage)).toEqual(['m1:fell_back', 'm2:ok']);
  });

  it('answers offline, and says so, when every provider is down', async () => {
    const { ai, usage } = gateway({ AI_RETRY_ATTEMPTS: '2' });
    fake.setDefault({ status: 500 });
    const { text, last } = await chat(ai);
    expect(text).toBe('Offline answer from your data.');
    expect(last).toMatchObject({ type: 'finish', offline: true });
    expect(outcomes(usage)).toEqual([
      'm1:retried',
      'm1:fell_back',
      'm2:retried',
      'm2:fell_back',
      'offline:ok',
    ]);
  });

  it('gives a kind message when even the offline responder fails', async () => {
    const { ai } = gateway({ AI_CHAT_MODELS: 'offline' });
    const events = await collect(
      ai.streamChat({
        messages: [{ role: 'user', content: 'Hi' }],
        assistantName: 'coach',
        offline: {
          responder: () => {
            throw new Error('boom');
          },
        },
      }),
    );
    expect(events.last).toMatchObject({
      type: 'error',
      message: 'The coach is thinking deeply — please try again.',
    });
  });

  it('opens the breaker after consecutive failures, skips the model, then lets one probe through', async () => {
    const { ai, usage } = gateway({ AI_BREAKER_CONSECUTIVE: '2', AI_RETRY_ATTEMPTS: '1' });
    fake.enqueue('m1', { status: 500 }, { status: 500 });
    await chat(ai);
    await chat(ai);
    expect(ai.breakers()).toContainEqual(
      expect.objectContaining({ model: 'openai:m1', state: 'open' }),
    );
    usage.length = 0;
    await chat(ai);
    expect(fake.requestsFor('m1')).toHaveLength(2);
    expect(outcomes(usage)).toEqual(['m1:skipped_by_breaker', 'm2:ok']);

    // Half-open: of three concurrent calls exactly one probes m1; it fails, so the breaker
    // opens again and the two that waited behind the probe are skipped.
    await new Promise((resolve) => setTimeout(resolve, 250));
    fake.enqueue('m1', { status: 500, firstByteDelayMs: 50 });
    usage.length = 0;
    await Promise.all([chat(ai), chat(ai), chat(ai)]);
    expect(fake.requestsFor('m1')).toHaveLength(3);
    expect(
      outcomes(usage)
        .filter((o) => o.startsWith('m1:'))
        .sort(),
    ).toEqual(['m1:fell_back', 'm1:skipped_by_breaker', 'm1:skipped_by_breaker']);
    expect(ai.breakers()).toContainEqual(
      expect.objectContaining({ model: 'openai:m1', state: 'open' }),
    );

    // A successful probe closes it.
    await new Promise((resolve) => setTimeout(resolve, 250));
    const { last } = await chat(ai);
    expect(last).toMatchObject({ type: 'finish', modelsUsed: [{ model: 'm1' }] });
    expect(ai.breakers()).toContainEqual(
      expect.objectContaining({ model: 'openai:m1', state: 'closed' }),
    );
  });

  it('aborts the upstream request when the caller stops', async () => {
    const { ai } = gateway();
    fake.enqueue('m1', {
      chunks: Array.from({ length: 50 }, (_, i) => ` w${i}`),
      chunkDelayMs: 30,
    });
    const controller = new AbortController();
    const events: ChatStreamEvent[] = [];
    for await (const event of ai.streamChat({
      messages: [{ role: 'user', content: 'Hi' }],
      offline,
      abortSignal: controller.signal,
    })) {
      events.push(event);
      if (event.type === 'text-delta') controller.abort();
    }
    expect(events.at(-1)).toMatchObject({ type: 'stopped' });
    await expect.poll(() => fake.requestsFor('m1')[0]?.closedEarly).toBe(true);
    expect(fake.requestsFor('m2')).toHaveLength(0);
  });

  it('asks no model before `proceed` says so, and then at once', async () => {
    const { ai, usage } = gateway({ AI_CONNECT_TIMEOUT_MS: '100' });
    let go: (proceed: boolean) => void = () => {};
    const proceed = new Promise<boolean>((resolve) => {
      go = resolve;
    });
    const reply = collect(
      ai.streamChat({ messages: [{ role: 'user', content: 'Hi' }], offline, proceed }),
    );
    // Longer than the connect timeout: the wait is not the provider's, nothing times out.
    await new Promise((resolve) => setTimeout(resolve, 250));
    expect(fake.requests).toHaveLength(0);
    go(true);
    const { text, last } = await reply;
    expect(text).toBe('Hello from the fake provider.');
    expect(last).toMatchObject({ type: 'finish', modelsUsed: [{ model: 'm1' }] });
    expect(outcomes(usage)).toEqual(['m1:ok']);
  });

  it('ends as stopped, asking no model and recording nothing, when `proceed` says no', async () => {
    const { ai, usage } = gateway();
    const { events, last } = await collect(
      ai.streamChat({
        messages: [{ role: 'user', content: 'Hi' }],
        offline,
        proceed: Promise.resolve(false),
      }),
    );
    expect(last).toMatchObject({ type: 'stopped' });
    expect(events.some((e) => e.type === 'text-delta' || e.type === 'fallback')).toBe(false);
    expect(fake.requests).toHaveLength(0);
    expect(usage).toEqual([]);
    expect(ai.breakers()).toContainEqual(
      expect.objectContaining({ model: 'openai:m1', state: 'closed' }),
    );
  });

  it('speaks the Anthropic protocol', async () => {
    const { ai } = gateway({
      AI_CHAT_MODELS: 'anthropic:claude-test',
      ANTHROPIC_API_KEY: 'k',
      ANTHROPIC_BASE_URL: fake.anthropicBaseUrl,
    });
    const { text } = await chat(ai);
    expect(text).toBe('Hello from the fake provider.');
    expect(fake.requestsFor('claude-test')[0]).toMatchObject({
      protocol: 'anthropic',
      path: '/v1/messages',
    });
  });

  it('caches deterministic structured task replies, keyed on prompt and schema', async () => {
    const { ai } = gateway();
    fake.enqueue('m1', { chunks: ['{"title":"Week plan"}'] });
    const schema = z.object({ title: z.string() });
    const input = { prompt: 'Title this', schema, temperature: 0, offline };
    const first = await ai.generateTask(input);
    const second = await ai.generateTask(input);
    expect(first).toMatchObject({ object: { title: 'Week plan' }, cached: false });
    expect(second).toMatchObject({ object: { title: 'Week plan' }, cached: true });
    expect(fake.requestsFor('m1')).toHaveLength(1);
    fake.enqueue('m1', { chunks: ['{"title":"Other"}'] });
    expect((await ai.generateTask({ ...input, prompt: 'Title that' })).cached).toBe(false);
  });
});
