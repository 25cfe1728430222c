import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
const REDIS = '/usr/bin/redis-server';
describe.runIf(existsSync(REDIS))('Redis response cache', () => {
  let server: ChildProcess;
  let url = '';
  beforeAll(async () => {
    const port = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const address = probe.address();
        probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
      });
    });
    server = spawn(REDIS, [
      '--port',
      String(port),
      '--bind',
      '127.0.0.1',
      '--save',
      '',
      '--appendonly',
      'no',
    ]);
    url = `redis://127.0.0.1:${port}`;
    await new Promise<void>((resolve) => {
      server.stdout?.on('data', (data: Buffer) => {
        if (data.toString().includes('Ready to accept connections')) resolve();
      });
    });
  });
  afterAll(() => {
    server.kill();
  });

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
