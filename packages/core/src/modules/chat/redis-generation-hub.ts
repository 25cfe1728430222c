import type { UIMessageChunk } from 'ai';
import { Redis } from 'ioredis';
import {
  GenerationHub,
  type GenerationWork,
  type ReplyFanOut,
  type SequencedChunk,
} from './generation-hub.ts';

const STOP_CHANNEL = 'waypoint:generation:stop';
const key = (messageId: string) => `waypoint:generation:${messageId}`;
// Finished streams stay replayable this long; after that the stored reply is replayed instead.
const RETAIN_SECONDS = 600;

export interface RedisHubTiming {
  /**
   * A running reply's stream lives this long past its instance's last heartbeat. An instance
   * that dies mid-reply writes no `done`: without this its stream would stay forever, and
   * whoever follows or stops the reply elsewhere would wait forever.
   */
  liveTtlMs?: number;
  /** How often an instance renews its running replies' streams (well inside `liveTtlMs`). */
  heartbeatMs?: number;
  /** How long one blocking read waits before a follower looks whether the stream still exists. */
  blockMs?: number;
}

/**
 * Fan-out through Redis, so a reply generated on one API instance can be followed, resumed and
 * stopped from any other. Each chunk is appended to a Redis stream whose entry ids are the chunk
 * sequence numbers (`0-<seq+1>`), so a reconnect with a last event id reads exactly what it
 * missed. Stops are broadcast; the instance running the generation aborts it.
 */
export class RedisGenerationHub implements ReplyFanOut {
  private readonly local = new GenerationHub();
  private readonly redis: Redis;
  private readonly subscriber: Redis;
  private readonly readers = new Set<Redis>();
  private heartbeat: NodeJS.Timeout | undefined;
  private readonly liveTtlMs: number;
  private readonly heartbeatMs: number;
  private readonly blockMs: number;

  constructor(
    private readonly url: string,
    timing: RedisHubTiming = {},
  ) {
    this.redis = new Redis(url, { maxRetriesPerRequest: 2 });
    this.subscriber = new Redis(url);
    this.liveTtlMs = timing.liveTtlMs ?? 30_000;
    this.heartbeatMs = timing.heartbeatMs ?? 10_000;
    this.blockMs = timing.blockMs ?? 5_000;
    this.redis.on('error', () => {});
    this.subscriber.on('error', () => {});
    void this.subscriber.subscribe(STOP_CHANNEL);
    this.subscriber.on('message', (_channel, messageId: string) => {
      void this.local.stop(messageId);
    });
  }

  start(messageId: string, work: GenerationWork, owner?: string): Promise<void> {
    let seq = 0;
    let writes: Promise<unknown> = Promise.resolve();
    // Appends keep their order through one promise chain; a Redis hiccup never fails the reply.
    const append = (fields: string[]) => {
      const id = `0-${++seq}`;
      // The first entry creates the stream: it gets its time to live with it (XADD keeps it).
      const creates = seq === 1;
      const write = (): Promise<unknown> =>
        creates
          ? this.redis
              .multi()
              .xadd(key(messageId), id, ...fields)
              .pexpire(key(messageId), this.liveTtlMs)
              .exec()
          : this.redis.xadd(key(messageId), id, ...fields);
      writes = writes.then(() => write().catch(() => undefined));
    };
    this.startHeartbeat();
    return this.local
      .start(
        messageId,
        (emit, signal) =>
          work((chunk) => {
            emit(chunk);
            append(['chunk', JSON.stringify(chunk)]);
          }, signal),
        owner,
      )
      .finally(() => {
        append(['done', '1']);
        writes = writes.then(() =>
          this.redis.expire(key(messageId), RETAIN_SECONDS).catch(() => undefined),
        );
      });
  }

  /**
   * One timer renews the streams of every reply this instance is generating, in one pipeline
   * (not a timer per reply).
   */
  private startHeartbeat() {
    this.heartbeat ??= setInterval(() => {
      const live = this.local.running();
      if (live.length === 0) return;
      const renew = this.redis.pipeline();
      for (const id of live) renew.pexpire(key(id), this.liveTtlMs);
      renew.exec().catch(() => undefined);
    }, this.heartbeatMs).unref();
  }

  isRunning(messageId: string): boolean {
    return this.local.isRunning(messageId);
  }

  ownerOf(messageId: string): string | undefined {
    return this.local.ownerOf(messageId);
  }

  async has(messageId: string): Promise<boolean> {
    if (await this.local.has(messageId)) return true;
    return (await this.redis.exists(key(messageId)).catch(() => 0)) === 1;
  }

  async stop(messageId: string): Promise<boolean> {
    if (this.local.isRunning(messageId)) return this.local.stop(messageId);
    if (!(await this.has(messageId))) return false;
    await this.redis.publish(STOP_CHANNEL, messageId);
    // Wait for the running instance to end it (its final entry), as a local stop does.
    for await (const _ of this.follow(messageId, -1)) {
      // nothing to do with the chunks; the loop ends with the generation
    }
    return true;
  }

  async *follow(
    messageId: string,
    afterSeq: number,
    signal?: AbortSignal,
  ): AsyncGenerator<SequencedChunk> {
    if (await this.local.has(messageId)) {
      yield* this.local.follow(messageId, afterSeq, signal);
      return;
    }
    // A blocking read needs its own connection.
    const reader = new Redis(this.url, { maxRetriesPerRequest: 2 });
    reader.on('error', () => {});
    this.readers.add(reader);
    const abort = () => reader.disconnect();
    signal?.addEventListener('abort', abort, { once: true });
    try {
      let last = `0-${Math.max(0, afterSeq + 1)}`;
      while (!signal?.aborted) {
        const result = await reader
          .xread('BLOCK', this.blockMs, 'STREAMS', key(messageId), last)
          .catch(() => null);
        if (signal?.aborted) return;
        if (!result) {
          // Gone: finished long ago, or its instance died and stopped renewing it.
          if ((await this.redis.exists(key(messageId)).catch(() => 0)) === 0) return;
          continue;
        }
        for (const [, entries] of result) {
          for (const [id, fields] of entries) {
            last = id;
            if (fields[0] === 'done') return;
            const seq = Number(id.split('-')[1]) - 1;
            yield { seq, chunk: JSON.parse(fields[1] ?? 'null') as UIMessageChunk };
          }
        }
      }
    } finally {
      signal?.removeEventListener('abort', abort);
      this.readers.delete(reader);
      reader.disconnect();
    }
  }

  running(): string[] {
    return this.local.running();
  }

  async close(): Promise<void> {
    clearInterval(this.heartbeat);
    for (const reader of this.readers) reader.disconnect();
    await Promise.allSettled([this.redis.quit(), this.subscriber.quit()]);
  }
}
