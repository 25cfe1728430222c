import { Redis } from 'ioredis';
import { LRUCache } from 'lru-cache';
import type { ResponseCache } from '../gateway/gateway.ts';

/** In-process cache for deterministic task replies, capped by entries and bytes. */
export function createLruResponseCache(options: {
  maxEntries: number;
  maxBytes?: number;
}): ResponseCache {
  const cache = new LRUCache<string, string>({
    max: options.maxEntries,
    maxSize: options.maxBytes ?? 16 * 1024 * 1024,
    sizeCalculation: (value) => Buffer.byteLength(value),
  });
  return {
    get: async (key) => cache.get(key),
    set: async (key, value, ttlMs) => {
      cache.set(key, value, { ttl: ttlMs });
    },
  };
}

/** Shared across API instances when `REDIS_URL` is set. */
export function createRedisResponseCache(url: string): ResponseCache & { close(): Promise<void> } {
  const redis = new Redis(url, {
    lazyConnect: false,
    maxRetriesPerRequest: 1,
    enableOfflineQueue: false,
  });
  // A cache that is down is a miss, never an error for the caller.
  redis.on('error', () => {});
  // Not connected (yet, or any more): a miss, without queueing commands behind a dead socket.
  const ready = () => redis.status === 'ready';
  return {
    get: async (key) => (ready() ? ((await redis.get(key)) ?? undefined) : undefined),
    set: async (key, value, ttlMs) => {
      if (ready()) await redis.set(key, value, 'PX', Math.max(1, ttlMs));
    },
    close: async () => {
      await redis.quit().catch(() => redis.disconnect());
    },
  };
}
