import { setMaxListeners } from 'node:events';
import type { UIMessageChunk } from 'ai';

export interface SequencedChunk {
  seq: number;
  chunk: UIMessageChunk;
}

export type GenerationWork = (
  emit: (chunk: UIMessageChunk) => void,
  signal: AbortSignal,
) => Promise<void>;

/** How replies being generated reach their followers: in process, or through Redis. */
export interface ReplyFanOut {
  /**
   * Starts `work` detached from any request; it gets the generation's abort signal. `owner`
   * (the user it writes for) lets followers in this process be checked without a read.
   */
  start(messageId: string, work: GenerationWork, owner?: string): Promise<void>;
  /** The owner given to `start`, while the generation is followable in this process. */
  ownerOf(messageId: string): string | undefined;
  /** Generating in this process. */
  isRunning(messageId: string): boolean;
  /** Followable from here (on any instance, with Redis). */
  has(messageId: string): Promise<boolean>;
  /** Stops the generation wherever it runs; resolves once it has ended. False if none ran. */
  stop(messageId: string): Promise<boolean>;
  /** Chunks after `afterSeq`, then live ones until the generation ends or `signal` aborts. */
  follow(messageId: string, afterSeq: number, signal?: AbortSignal): AsyncGenerator<SequencedChunk>;
  /** Generations this process runs (for shutdown). */
  running(): string[];
  close(): Promise<void>;
}

/** One reply being generated: its chunks so far (for replay) and who is waiting for more. */
class Generation {
  readonly chunks: UIMessageChunk[] = [];
  readonly controller = new AbortController();
  done = false;
  private readonly waiters = new Set<() => void>();

  /** `owner`: the user the reply is written for, when the caller said. */
  constructor(readonly owner?: string) {
    // Each model attempt and each tool step listens for the stop; that is not a leak.
    setMaxListeners(100, this.controller.signal);
  }

  push(chunk: UIMessageChunk) {
    this.chunks.push(chunk);
    this.wake();
  }

  finish() {
    this.done = true;
    this.wake();
  }

  changed(): Promise<void> {
    return new Promise((resolve) => {
      this.waiters.add(resolve);
    });
  }

  private wake() {
    for (const resolve of this.waiters) resolve();
    this.waiters.clear();
  }
}

/**
 * In-process fan-out for replies being generated. A generation runs on the server whether or not
 * anyone follows it; followers replay what they missed (by sequence number) and then receive new
 * chunks as they come. Finished generations stay replayable for a while, then only the stored
 * message remains.
 */
export class GenerationHub implements ReplyFanOut {
  private readonly generations = new Map<string, Generation>();

  constructor(private readonly retainMs = 60_000) {}

  /** Starts `work` detached from any request; it gets the generation's abort signal. */
  start(messageId: string, work: GenerationWork, owner?: string): Promise<void> {
    const generation = new Generation(owner);
    this.generations.set(messageId, generation);
    return work((chunk) => generation.push(chunk), generation.controller.signal).finally(() => {
      generation.finish();
      const timer = setTimeout(() => {
        if (this.generations.get(messageId) === generation) this.generations.delete(messageId);
      }, this.retainMs);
      timer.unref?.();
    });
  }

  ownerOf(messageId: string): string | undefined {
    return this.generations.get(messageId)?.owner;
  }

  isRunning(messageId: string): boolean {
    const generation = this.generations.get(messageId);
    return generation !== undefined && !generation.done;
  }

  async has(messageId: string): Promise<boolean> {
    return this.generations.has(messageId);
  }

  /** Aborts the upstream call and waits for the generation to end (its reply saved). */
  async stop(messageId: string): Promise<boolean> {
    const generation = this.generations.get(messageId);
    if (!generation || generation.done) return false;
    generation.controller.abort();
    while (!generation.done) await generation.changed();
    return true;
  }

  async close(): Promise<void> {}

  /** Chunks after `afterSeq`, then live ones until the generation ends or `signal` aborts. */
  async *follow(
    messageId: string,
    afterSeq: number,
    signal?: AbortSignal,
  ): AsyncGenerator<SequencedChunk> {
    const generation = this.generations.get(messageId);
    if (!generation) return;
    let next = afterSeq + 1;
    // One abort listener for the whole follow, not one per wait: a long reply waits thousands
    // of times, and each listener would stay on the request's signal until it ended.
    const stopped = new AbortController();
    const aborted = abortPromise(signal, stopped.signal);
    try {
      while (!signal?.aborted) {
        while (next < generation.chunks.length) {
          yield { seq: next, chunk: generation.chunks[next] as UIMessageChunk };
          next += 1;
        }
        if (generation.done) return;
        await Promise.race([generation.changed(), aborted]);
      }
    } finally {
      stopped.abort();
    }
  }

  /** Ids of the generations this process is running (for shutdown). */
  running(): string[] {
    return [...this.generations].filter(([, g]) => !g.done).map(([id]) => id);
  }
}

/** Settles when `signal` aborts; its listener goes away when `until` aborts. */
function abortPromise(signal: AbortSignal | undefined, until: AbortSignal): Promise<void> {
  if (!signal) return new Promise(() => {});
  if (signal.aborted) return Promise.resolve();
  return new Promise((resolve) =>
    signal.addEventListener('abort', () => resolve(), { once: true, signal: until }),
  );
}
