import type { UsageRecord, UsageSink } from '@waypoint/ai';
import type { DataAccess } from '../../data/data-access.ts';
import type { Logger } from '../../logging/logger.ts';
import type { UsageRepository } from './usage.repository.ts';

export interface BufferedUsageSink extends UsageSink {
  /** Writes what is buffered; called on shutdown so no attempt goes unrecorded. */
  flush(): Promise<void>;
}

/**
 * Records every model attempt in `ai_usage`. Writes are batched (one insert per second or per
 * 200 attempts) so that thousands of concurrent streams do not add one round trip per attempt to
 * the database; recording never fails or slows the model call itself.
 */
export function createDbUsageSink(
  data: DataAccess,
  repo: UsageRepository,
  log: Logger,
  options: { flushIntervalMs?: number; maxBatch?: number } = {},
): BufferedUsageSink {
  const maxBatch = options.maxBatch ?? 200;
  let buffer: UsageRecord[] = [];
  let timer: NodeJS.Timeout | undefined;
  let writing: Promise<void> = Promise.resolve();

  const flush = (): Promise<void> => {
    if (timer) clearTimeout(timer);
    timer = undefined;
    const batch = buffer;
    buffer = [];
    if (batch.length === 0) return writing;
    writing = writing
      .then(() => data.asSystem((db) => repo.insertMany(db, batch)))
      .catch((err: unknown) => log.error({ err, lost: batch.length }, 'usage records not written'));
    return writing;
  };

  return {
    record(usage) {
      buffer.push(usage);
      if (buffer.length >= maxBatch) void flush();
      else timer ??= setTimeout(() => void flush(), options.flushIntervalMs ?? 1000).unref();
    },
    flush,
  };
}
