import { hasRedisServer, startRedisServer } from '@waypoint/ai/testing';
import type { UIMessageChunk } from 'ai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RedisGenerationHub } from './redis-generation-hub.ts';

// Two hubs on one real redis-server stand for two API instances.
describe.runIf(hasRedisServer)('Redis fan-out across instances', () => {
  let redis: Awaited<ReturnType<typeof startRedisServer>>;
  let a: RedisGenerationHub;
  let b: RedisGenerationHub;
  beforeAll(async () => {
    redis = await startRedisServer();
    a = new RedisGenerationHub(redis.url);
    b = new RedisGenerationHub(redis.url);
  });
  afterAll(async () => {
    await a.close();
    await b.close();
    redis.stop();
  });

  const words = (n: number) => Array.from({ length: n }, (_, i) => `w${i} `);
  const generate = (hub: RedisGenerationHub, id: string, texts: string[], delayMs: number) =>
    hub.start(id, async (emit, signal) => {
      emit({ type: 'start', messageId: id });
      for (const delta of texts) {
        if (signal.aborted) break;
        await new Promise((resolve) => setTimeout(resolve, delayMs));
        emit({ type: 'text-delta', id: 'text', delta });
      }
      emit({
        type: 'finish',
        messageMetadata: { status: signal.aborted ? 'stopped' : 'complete' },
      });
    });

  const text = (chunks: { chunk: UIMessageChunk }[]) =>
    chunks.map(({ chunk }) => (chunk.type === 'text-delta' ? chunk.delta : '')).join('');

  it('follows and resumes on another instance a reply generated on the first', async () => {
    const id = crypto.randomUUID();
    const done = generate(a, id, words(10), 20);
    await expect.poll(() => b.has(id)).toBe(true);
    const first: { seq: number; chunk: UIMessageChunk }[] = [];
    for await (const event of b.follow(id, -1)) {
      first.push(event);
      if (first.length === 4) break;
    }
    const rest: typeof first = [];
    for await (const event of b.follow(id, first.at(-1)?.seq ?? -1)) rest.push(event);
    await done;
    expect(text([...first, ...rest])).toBe(words(10).join(''));
    expect([...first, ...rest].map((e) => e.seq)).toEqual(Array.from({ length: 12 }, (_, i) => i));
  });

  it('stops from another instance the generation that runs on the first', async () => {
    const id = crypto.randomUUID();
    const done = generate(a, id, words(200), 20);
    await expect.poll(() => b.has(id)).toBe(true);
    expect(await b.stop(id)).toBe(true);
    await done;
    expect(a.isRunning(id)).toBe(false);
    const replay: { chunk: UIMessageChunk }[] = [];
    for await (const event of b.follow(id, -1)) replay.push(event);
    expect(replay.at(-1)?.chunk).toMatchObject({
      type: 'finish',
      messageMetadata: { status: 'stopped' },
    });
    expect(text(replay).split(' ').length).toBeLessThan(200);
  });

  it('ends, elsewhere, a reply whose instance died mid-reply once its stream is no longer renewed', async () => {
    const timing = { liveTtlMs: 400, heartbeatMs: 100, blockMs: 100 };
    const dying = new RedisGenerationHub(redis.url, timing);
    const watcher = new RedisGenerationHub(redis.url, timing);
    const id = crypto.randomUUID();
    let release = () => {};
    const running = dying.start(id, async (emit) => {
      emit({ type: 'start', messageId: id });
      await new Promise<void>((resolve) => {
        release = resolve;
      });
    });
    await expect.poll(() => watcher.has(id)).toBe(true);
    // While its instance lives, the stream outlives its time to live.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(await watcher.has(id)).toBe(true);
    // The instance dies: no more heartbeats and no `done`. A follower (and a stop, which
    // follows until the end) must not wait forever.
    await dying.close();
    const seen: { chunk: UIMessageChunk }[] = [];
    for await (const event of watcher.follow(id, -1)) seen.push(event);
    expect(seen.map(({ chunk }) => chunk.type)).toEqual(['start']);
    expect(await watcher.has(id)).toBe(false);
    expect(await watcher.stop(id)).toBe(false);
    release();
    await running;
    await watcher.close();
  });
});
