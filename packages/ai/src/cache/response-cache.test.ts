import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasRedisServer, startRedisServer } from '../testing/redis-server.ts';
import { createLruResponseCache, createRedisResponseCache } from './response-cache.ts';

describe('in-process response cache', () => {
  it('expires entries after their TTL', async () => {
    const cache = createLruResponseCache({ maxEntries: 10 });
    await cache.set('k', 'v', 50);
    expect(await cache.get('k')).toBe('v');
    await expect.poll(() => cache.get('k')).toBeUndefined();
  });

  it('evicts the least recently used entries beyond its size cap', async () => {
    const cache = createLruResponseCache({ maxEntries: 100, maxBytes: 10 });
    await cache.set('a', '12345', 60_000);
    await cache.set('b', '12345', 60_000);
    await cache.get('a');
    await cache.set('c', '12345', 60_000);
    expect(await cache.get('a')).toBe('12345');
    expect(await cache.get('b')).toBeUndefined();
  });
});

// A real redis-server, started here when the machine has one (`npm test` installs it).
describe.runIf(hasRedisServer)('Redis response cache', () => {
  let redis: Awaited<ReturnType<typeof startRedisServer>>;
  let url = '';
  beforeAll(async () => {
    redis = await startRedisServer();
    url = redis.url;
  });
  afterAll(() => redis.stop());

  it('shares entries across clients and expires them', async () => {
    const a = createRedisResponseCache(url);
    const b = createRedisResponseCache(url);
    // Until connected the cache answers misses; then what one instance stores, another reads.
    await expect
      .poll(async () => {
        await a.set('ai:task:x', '{"title":"Week plan"}', 300);
        return b.get('ai:task:x');
      })
      .toBe('{"title":"Week plan"}');
    await expect.poll(() => b.get('ai:task:x'), { timeout: 3000 }).toBeUndefined();
    await a.close();
    await b.close();
  });
});
