import { createWaypointAuth } from '@waypoint/client';
import {
  type AppRouter,
  appRouter,
  createLogger,
  createRequestContextFactory,
} from '@waypoint/core';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiServer } from './app.ts';
import { type JsonCallRequest, plainJsonCalls } from './http/trpc-json-calls.ts';
import { registerTrpcRoute } from './http/trpc-route.ts';
import { startTestApi } from './testing/test-api.ts';

// The direct resolver must answer exactly as tRPC's own `resolveResponse`: the same requests go
// to the API and to the same route sending every call through tRPC, over the same services.
let api: ApiServer;
let viaTrpc: FastifyInstance;
let viaTrpcUrl: string;
let token: string;
beforeAll(async () => {
  api = await startTestApi();
  const createContext = createRequestContextFactory({
    services: api.services,
    verifier: api.auth().verifier,
  });
  viaTrpc = Fastify();
  registerTrpcRoute<AppRouter>(viaTrpc, {
    router: appRouter,
    prefix: '/trpc',
    maxBatchSize: 20,
    fetchResolverOnly: true,
    createContext: (req) =>
      createContext({
        authorization: req.headers.authorization,
        requestId: req.id,
        log: createLogger({ level: 'silent' }),
      }),
    onError: () => {},
  });
  viaTrpcUrl = await viaTrpc.listen({ port: 0, host: '127.0.0.1' });
  const auth = createWaypointAuth({ url: api.url });
  await auth.signUp('ada@example.com', 'correct horse battery', 'Ada');
  token = (await auth.accessToken()) ?? '';
});
afterAll(async () => {
  await viaTrpc.close();
  await api.stop();
});

const input = (value: unknown) => encodeURIComponent(JSON.stringify(value));

interface Call {
  name: string;
  path: string;
  method?: 'GET' | 'POST';
  body?: string;
  headers?: Record<string, string>;
  anonymous?: boolean;
}

const calls: Call[] = [
  { name: 'query', path: 'account.me' },
  { name: 'query with input', path: `planner.goals.list?input=${input({ json: {} })}` },
  {
    name: 'batched queries',
    path: `account.me,planner.goals.list?batch=1&input=${input({ 1: { json: { status: 'active' } } })}`,
  },
  { name: 'anonymous query', path: 'account.me', anonymous: true },
  { name: 'public query, anonymous', path: 'ai.models', anonymous: true },
  { name: 'bad input', path: `planner.goals.list?input=${input({ json: { status: 'nope' } })}` },
  { name: 'malformed input', path: 'planner.goals.list?input=%7Bnot-json' },
  {
    name: 'batch with one bad call (207)',
    path: `account.me,planner.goals.list?batch=1&input=${input({ 1: { json: { status: 'nope' } } })}`,
  },
  { name: 'batch input not an object', path: `account.me?batch=1&input=${input([1])}` },
  {
    name: 'mutation with a bad field',
    path: 'account.updateProfile',
    method: 'POST',
    body: JSON.stringify({ json: { timezone: 'Mars/Olympus' } }),
    headers: { 'content-type': 'application/json' },
  },
  {
    name: 'batched mutations, unparsable body',
    path: 'account.updateProfile?batch=1',
    method: 'POST',
    body: '{"0":',
    headers: { 'content-type': 'application/json; charset=utf-8' },
  },
  // Not plain JSON calls: answered by tRPC on both servers.
  { name: 'unknown procedure', path: 'planner.nothing' },
  {
    name: 'query by POST',
    path: 'account.me',
    method: 'POST',
    body: '{}',
    headers: { 'content-type': 'application/json' },
  },
  { name: 'mutation by GET', path: 'account.updateProfile' },
  {
    name: 'unsupported content type',
    path: 'account.updateProfile',
    method: 'POST',
    body: 'x',
    headers: { 'content-type': 'text/plain' },
  },
];

async function send(baseUrl: string, call: Call) {
  const res = await fetch(`${baseUrl}/trpc/${call.path}`, {
    method: call.method ?? 'GET',
    body: call.body,
    headers: { ...(call.anonymous ? {} : { authorization: `Bearer ${token}` }), ...call.headers },
  });
  return {
    status: res.status,
    contentType: res.headers.get('content-type'),
    vary: res.headers.get('vary'),
    body: withoutStacks(await res.json()),
  };
}

/** Stack traces name the path a call took; everything else must be equal. */
function withoutStacks(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutStacks);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([key]) => key !== 'stack')
      .map(([key, v]) => [key, withoutStacks(v)]),
  );
}

describe('plain JSON calls', () => {
  it.each(calls)('answers "$name" as tRPC does', async (call) => {
    const [ours, theirs] = [await send(api.url, call), await send(viaTrpcUrl, call)];
    expect(ours).toEqual(theirs);
  });

  it('answers what each case expects', async () => {
    const status = async (name: string) =>
      (await send(api.url, calls.find((c) => c.name === name) as Call)).status;
    expect(await status('query')).toBe(200);
    expect(await status('anonymous query')).toBe(401);
    expect(await status('bad input')).toBe(400);
    expect(await status('malformed input')).toBe(400);
    expect(await status('batch with one bad call (207)')).toBe(207);
    expect(await status('mutation with a bad field')).toBe(400);
    expect(await status('unknown procedure')).toBe(404);
    expect(await status('mutation by GET')).toBe(405);
    expect(await status('unsupported content type')).toBe(415);
  });

  it('answers a successful mutation as tRPC does', async () => {
    const call: Call = {
      name: 'mutation',
      path: 'account.updateProfile',
      method: 'POST',
      body: JSON.stringify({ json: { displayName: 'Ada L.' } }),
      headers: { 'content-type': 'application/json' },
    };
    const ours = await send(api.url, call);
    const theirs = await send(viaTrpcUrl, call);
    expect(ours.status).toBe(200);
    const timeless = (v: unknown) =>
      JSON.parse(JSON.stringify(v).replace(/"\d{4}-[^"]+Z"/g, '"T"'));
    expect(timeless(ours)).toEqual(timeless(theirs));
  });

  it('takes only what it fully understands', () => {
    const request: JsonCallRequest = {
      method: 'GET',
      path: 'account.me',
      search: '',
      contentType: undefined,
      accept: undefined,
      trpcAccept: undefined,
    };
    const taken = (changes: Partial<JsonCallRequest>) =>
      plainJsonCalls(appRouter, { ...request, ...changes }, 20) !== undefined;
    expect(taken({})).toBe(true);
    expect(taken({ path: 'account.me,planner.goals.list', search: 'batch=1' })).toBe(true);
    expect(
      taken({ method: 'POST', path: 'account.updateProfile', contentType: 'application/json' }),
    ).toBe(true);
    // Left to tRPC:
    expect(taken({ path: 'chat.stream' })).toBe(false); // a subscription
    expect(taken({ trpcAccept: 'application/jsonl', search: 'batch=1' })).toBe(false);
    expect(taken({ accept: 'application/jsonl' })).toBe(false);
    expect(taken({ search: 'connectionParams=1' })).toBe(false);
    expect(taken({ path: 'nothing.here' })).toBe(false);
    expect(taken({ path: 'account.me,account.updateProfile', search: 'batch=1' })).toBe(false);
    expect(taken({ method: 'POST', contentType: 'application/json' })).toBe(false);
    expect(
      taken({ method: 'POST', path: 'account.updateProfile', contentType: 'multipart/form-data' }),
    ).toBe(false);
    expect(taken({ path: Array(21).fill('account.me').join(','), search: 'batch=1' })).toBe(false);
    expect(taken({ path: '%E0%A4%A' })).toBe(false);
    expect(taken({ path: 'toString' })).toBe(false);
  });
});
