import type { IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHTTPServer } from '@trpc/server/adapters/standalone';
import { appRouter, type Context, createLogger, type Services } from '@waypoint/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWaypointClient } from './client.ts';

// A real tRPC server with Waypoint's router but no services: protected procedures refuse
// anonymous calls before touching any, which is all these tests need.
const seen: IncomingHttpHeaders[] = [];
const server = createHTTPServer({
  router: appRouter,
  basePath: '/trpc/',
  createContext: ({ req }): Context => {
    seen.push(req.headers);
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
});
