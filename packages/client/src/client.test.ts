import type { IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHTTPServer } from '@trpc/server/adapters/standalone';
import { appRouter, type Context, createLogger, type Services } from '@waypoint/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWaypointClient } from './client.ts';

// A real tRPC server with Waypoint's router but no services: protected procedures refuse
// anonymous calls before touching any, which is all these tests need.
const seen: IncomingHttpHeaders[] = [];
const urls: string[] = [];
const server = createHTTPServer({
  router: appRouter,
  basePath: '/trpc/',
  createContext: ({ req }): Context => {
    seen.push(req.headers);
    urls.push(req.url ?? '');
    return {
      principal: null,
      requestId: String(req.headers['x-request-id']),
      log: createLogger({ level: 'silent' }),
      services: {} as Services,
    };
  },
});
let url = '';
beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('createWaypointClient', () => {
  it('sends the bearer token and a fresh request id with every request', async () => {
    const client = createWaypointClient({ url: `${url}/`, getAccessToken: () => 'token-123' });
    await expect(client.account.me.query()).rejects.toMatchObject({
      data: { code: 'UNAUTHORIZED' },
    });
    await expect(client.account.me.query()).rejects.toMatchObject({
      data: { code: 'UNAUTHORIZED' },
    });
    expect(seen.at(-1)?.authorization).toBe('Bearer token-123');
    const ids = seen.slice(-2).map((headers) => headers['x-request-id']);
    expect(ids[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(ids[0]).not.toBe(ids[1]);
  });

  it('sends no authorization header when signed out', async () => {
    const client = createWaypointClient({ url, getAccessToken: () => undefined });
    await expect(client.account.me.query()).rejects.toMatchObject({
      data: { code: 'UNAUTHORIZED' },
    });
    expect(seen.at(-1)?.authorization).toBeUndefined();
  });

  it('batches queries made together and sends a mutation at once, on its own', async () => {
    const client = createWaypointClient({ url, getAccessToken: () => 'token-123' });
    urls.length = 0;
    const refused = { data: { code: 'UNAUTHORIZED' } };
    await Promise.all([
      expect(client.account.me.query()).rejects.toMatchObject(refused),
      expect(client.planner.goals.list.query({})).rejects.toMatchObject(refused),
    ]);
    expect(urls).toHaveLength(1);
    expect(urls[0]).toMatch(/^\/trpc\/account\.me,planner\.goals\.list\?batch=1/);

    urls.length = 0;
    await Promise.all([
      expect(client.account.updateProfile.mutate({ displayName: 'Ada' })).rejects.toMatchObject(
        refused,
      ),
      expect(client.account.updateProfile.mutate({ displayName: 'Bo' })).rejects.toMatchObject(
        refused,
      ),
    ]);
    expect(urls).toEqual(['/trpc/account.updateProfile', '/trpc/account.updateProfile']);
  });
});
