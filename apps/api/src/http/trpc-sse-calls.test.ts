import { initTRPC, TRPCError, tracked } from '@trpc/server';
import { observable } from '@trpc/server/observable';
import Fastify, { type FastifyInstance } from 'fastify';
import superjson from 'superjson';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { registerTrpcRoute } from './trpc-route.ts';
import { sseCall, streamSseCall } from './trpc-sse-calls.ts';

// The direct SSE writer must answer exactly as tRPC's `resolveResponse` does: the same requests
// go to a route using it and to the same route sending everything through tRPC.
const t = initTRPC.context<{ user: string | null }>().create({
  transformer: superjson,
  isDev: false,
  sse: { ping: { enabled: true, intervalMs: 40 }, client: { reconnectAfterInactivityMs: 500 } },
});
const signedIn = t.procedure.use(({ ctx, next }) => {
  if (!ctx.user) throw new TRPCError({ code: 'UNAUTHORIZED', message: 'Sign in first' });
  return next({ ctx: { user: ctx.user } });
});
const cleanedUp: string[] = [];
const router = t.router({
  ticks: signedIn
    .input(z.object({ from: z.number().int(), lastEventId: z.string().optional() }))
    .subscription(async function* ({ input, ctx }) {
      const start = input.lastEventId ? Number(input.lastEventId) + 1 : input.from;
      for (let n = start; n < input.from + 3; n++)
        yield tracked(String(n), { n, user: ctx.user, at: new Date(n * 1000) });
    }),
  mixed: t.procedure.subscription(async function* () {
    yield tracked('a', 1);
    yield 2;
    yield tracked('b', 3);
  }),
  untracked: t.procedure.subscription(async function* () {
    yield { big: 10n };
    yield [1, 2];
  }),
  failsMidway: t.procedure.subscription(async function* () {
    yield 'first';
    throw new TRPCError({ code: 'CONFLICT', message: 'Something moved' });
  }),
  crashes: t.procedure.subscription(async function* () {
    yield 'first';
    throw new Error('boom');
  }),
  fromObservable: t.procedure.subscription(() =>
    observable<number>((emit) => {
      emit.next(1);
      emit.next(2);
      emit.complete();
      return () => {};
    }),
  ),
  notAStream: t.procedure.subscription(() => 42 as never),
  quiet: t.procedure.subscription(async function* () {
    await new Promise((resolve) => setTimeout(resolve, 150));
    yield 'finally';
  }),
  endless: t.procedure.subscription(async function* ({ signal }) {
    try {
      for (let n = 0; !signal?.aborted; n++) {
        yield n;
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    } finally {
      cleanedUp.push('endless');
    }
  }),
  bigThenFails: t.procedure.subscription(async function* () {
    yield 'x'.repeat(64 * 1024); // more than the stream buffers: it stops asking for more
    await new Promise((_, reject) => setTimeout(() => reject(new Error('late failure')), 30));
  }),
  aQuery: t.procedure.query(() => 'not a subscription'),
});

async function serve(fetchResolverOnly: boolean) {
  const app = Fastify();
  registerTrpcRoute(app, {
    router,
    prefix: '/trpc',
    maxBatchSize: 10,
    fetchResolverOnly,
    createContext: async (request, info) => {
      const fromParams = info.connectionParams?.user;
      const user = fromParams ?? (request.headers['x-user'] as string | undefined) ?? null;
      if (user === 'explode') throw new Error('context failed');
      return { user };
    },
    onError: () => {},
  });
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  return { app, url };
}

let direct: { app: FastifyInstance; url: string };
let viaTrpc: { app: FastifyInstance; url: string };
beforeAll(async () => {
  direct = await serve(false);
  viaTrpc = await serve(true);
});
afterAll(async () => {
  await direct.app.close();
  await viaTrpc.app.close();
});

const input = (value: unknown) => encodeURIComponent(JSON.stringify(superjson.serialize(value)));
const params = (value: unknown) => encodeURIComponent(JSON.stringify(value));

async function get(base: string, path: string, headers: Record<string, string> = {}) {
  const res = await fetch(`${base}/trpc/${path}`, {
    headers: { accept: 'text/event-stream', ...headers },
  });
  return {
    status: res.status,
    headers: Object.fromEntries(
      ['content-type', 'cache-control', 'x-accel-buffering', 'vary', 'connection'].map((h) => [
        h,
        res.headers.get(h),
      ]),
    ),
    body: await res.text(),
  };
}

const cases: { name: string; path: string; headers?: Record<string, string> }[] = [
  {
    name: 'tracked events with Dates',
    path: `ticks?input=${input({ from: 1 })}`,
    headers: { 'x-user': 'ada' },
  },
  {
    name: 'user from connection params',
    path: `ticks?input=${input({ from: 1 })}&connectionParams=${params({ user: 'bo' })}`,
  },
  {
    name: 'resumed with Last-Event-ID',
    path: `ticks?input=${input({ from: 1 })}`,
    headers: { 'x-user': 'ada', 'last-event-id': '1' },
  },
  {
    name: 'resumed with ?lastEventId',
    path: `ticks?input=${input({ from: 5 })}&lastEventId=5`,
    headers: { 'x-user': 'ada' },
  },
  { name: 'untracked after tracked (restore-id)', path: 'mixed' },
  { name: 'untracked values (bigint)', path: 'untracked' },
  { name: 'not signed in', path: `ticks?input=${input({ from: 1 })}` },
  { name: 'context fails', path: 'mixed', headers: { 'x-user': 'explode' } },
  { name: 'bad input', path: `ticks?input=${input({ from: 'x' })}`, headers: { 'x-user': 'ada' } },
  { name: 'malformed input', path: 'ticks?input=%7Bnope', headers: { 'x-user': 'ada' } },
  { name: 'error midway', path: 'failsMidway' },
  { name: 'crash midway (no details leak)', path: 'crashes' },
  { name: 'observable', path: 'fromObservable' },
  { name: 'not a stream', path: 'notAStream' },
  { name: 'malformed connection params (tRPC answers)', path: 'mixed?connectionParams=%7Bnope' },
  { name: 'a batch (tRPC answers)', path: 'mixed?batch=1' },
  { name: 'a query path (JSON resolver answers)', path: 'aQuery' },
  { name: 'unknown path (tRPC answers)', path: 'nothingHere' },
];

describe('SSE subscriptions answered directly', () => {
  for (const c of cases) {
    it(`answers as tRPC does: ${c.name}`, async () => {
      const [ours, theirs] = await Promise.all([
        get(direct.url, c.path, c.headers),
        get(viaTrpc.url, c.path, c.headers),
      ]);
      expect(ours).toEqual(theirs);
    });
  }

  it('writes the events tRPC clients read', async () => {
    const { body } = await get(direct.url, 'mixed');
    expect(body).toBe(
      'event: connected\ndata: {"reconnectAfterInactivityMs":500}\n\n\n' +
        'data: {"json":1}\nid: a\n\n\n' +
        'data: {"json":2}\nid: \n\n\n' +
        'event: restore-id\ndata: \nid: a\n\n\n' +
        'data: {"json":3}\nid: b\n\n\n' +
        'event: return\ndata: \n\n\n',
    );
  });

  it('pings while the subscription is quiet, as tRPC does', async () => {
    const [ours, theirs] = await Promise.all([get(direct.url, 'quiet'), get(viaTrpc.url, 'quiet')]);
    const withoutPings = (body: string) => body.replaceAll('event: ping\ndata: \n\n\n', '');
    expect(ours.body).toContain('event: ping\ndata: \n\n\n');
    expect(withoutPings(ours.body)).toBe(withoutPings(theirs.body));
  });

  it('ends the subscription when the client leaves', async () => {
    cleanedUp.length = 0;
    const controller = new AbortController();
    const res = await fetch(`${direct.url}/trpc/endless`, { signal: controller.signal });
    const reader = (res.body as ReadableStream<Uint8Array>).getReader();
    let text = '';
    while (!text.includes('"json":2'))
      text += new TextDecoder().decode((await reader.read()).value);
    controller.abort();
    await expect.poll(() => cleanedUp).toEqual(['endless']);
  });

  it('a subscription failing after its reader left fails nothing else', async () => {
    const call = sseCall(router, {
      method: 'GET',
      path: 'bigThenFails',
      search: '',
      contentType: undefined,
      accept: 'text/event-stream',
      trpcAccept: undefined,
    });
    if (!call) throw new Error('expected a direct SSE call');
    const events = await streamSseCall({
      router,
      call,
      lastEventIdHeader: undefined,
      signal: new AbortController().signal,
      createContext: async () => ({ user: null }),
      onError: () => {},
    });
    // The reader takes the first chunk and leaves while the next value is still being asked for;
    // its later failure must not surface as an unhandled rejection (which fails this run).
    for await (const _chunk of events) break;
    await new Promise((resolve) => setTimeout(resolve, 80));
    expect(events.destroyed).toBe(true);
  });
});
