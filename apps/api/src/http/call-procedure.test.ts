import { type AnyTRPCProcedure, initTRPC, TRPCError } from '@trpc/server';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { callProcedure, type ProcedureCall } from './call-procedure.ts';

// Each case runs through tRPC's own procedure caller and through `callProcedure`: same result,
// same error, and every middleware sees the same options.
interface Ctx {
  user: string | null;
  seen: string[];
}
const t = initTRPC.context<Ctx>().create();

const record = t.middleware(({ ctx, next, ...rest }) => {
  ctx.seen.push(JSON.stringify({ keys: Object.keys(rest).sort(), input: rest.input, ctx }));
  return next();
});
const authed = t.procedure.use(record).use(({ ctx, next }) => {
  if (!ctx.user) throw new TRPCError({ code: 'UNAUTHORIZED' });
  return next({ ctx: { user: ctx.user, role: 'member' as const } });
});

const router = t.router({
  echo: authed
    .input(z.object({ n: z.number() }))
    .output(z.object({ n: z.number(), by: z.string(), role: z.string() }))
    .use(record)
    .query(({ ctx, input }) => ({ n: input.n * 2, by: ctx.user, role: ctx.role })),
  rewritesInput: t.procedure
    .use(({ next }) => next({ input: { replaced: true } }))
    .use(record)
    .query(({ input }) => input),
  domainFailure: authed.mutation(() => {
    throw new Error('boom');
  }),
  badOutput: t.procedure.output(z.string()).query(() => 42 as never),
  forgetsNext: t.procedure.use((() => undefined) as never).query(() => 'never'),
  metaAware: t.procedure
    .meta({ label: 'x' } as never)
    .use(({ meta, next }) => {
      if ((meta as { label?: string } | undefined)?.label !== 'x') throw new Error('no meta');
      return next();
    })
    .query(() => 'meta seen'),
  ownCaller: t.procedure
    .experimental_caller(async ({ invoke, _def }) =>
      invoke({
        path: 'ownCaller',
        ctx: { user: null, seen: [] },
        getRawInput: async () => undefined,
        type: _def.type,
        signal: undefined,
        batchIndex: 0,
      }),
    )
    // A procedure with its own caller is a plain function in tRPC's types.
    .query(() => 'from its caller') as unknown as AnyTRPCProcedure,
});

type Path = keyof typeof router._def.procedures & string;

async function outcome(
  path: Path,
  how: 'trpc' | 'ours',
  user: string | null,
  rawInput: unknown = undefined,
) {
  const procedure = router._def.procedures[path];
  const ctx: Ctx = { user, seen: [] };
  const call: ProcedureCall = {
    path,
    getRawInput: async () => rawInput,
    ctx,
    type: procedure._def.type,
    signal: undefined,
    batchIndex: 0,
  };
  try {
    const data = how === 'trpc' ? await procedure(call) : await callProcedure(procedure, call);
    return { ok: true, data, seen: ctx.seen };
  } catch (error) {
    const e = error as TRPCError;
    return {
      ok: false,
      name: e.name,
      code: e.code,
      message: e.message,
      cause: e.cause?.message,
      seen: ctx.seen,
    };
  }
}

const cases: [Path, string | null, unknown][] = [
  ['echo', 'ada', { n: 2 }],
  ['echo', null, { n: 2 }],
  ['echo', 'ada', { n: 'two' }],
  ['rewritesInput', null, { original: true }],
  ['domainFailure', 'ada', undefined],
  ['badOutput', null, undefined],
  ['forgetsNext', null, undefined],
  ['metaAware', null, undefined],
  ['ownCaller', null, undefined],
];

describe('callProcedure', () => {
  it.each(cases)('calls %s (user %s) as tRPC does', async (path, user, input) => {
    const theirs = await outcome(path, 'trpc', user, input);
    const ours = await outcome(path, 'ours', user, input);
    expect(ours).toEqual(theirs);
  });

  it('merges the context a middleware hands on and validates input and output', async () => {
    const ours = await outcome('echo', 'ours', 'ada', { n: 2 });
    expect(ours).toMatchObject({ ok: true, data: { n: 4, by: 'ada', role: 'member' } });
    // The inner middleware saw the merged context and the parsed input.
    expect(JSON.parse(ours.seen[1] ?? '{}')).toMatchObject({
      input: { n: 2 },
      ctx: { user: 'ada', role: 'member' },
    });
  });

  it('turns a missing result and a thrown error into tRPC errors', async () => {
    expect(await outcome('forgetsNext', 'ours', null)).toMatchObject({
      ok: false,
      code: 'INTERNAL_SERVER_ERROR',
      message: expect.stringContaining('No result from middlewares'),
    });
    expect(await outcome('echo', 'ours', null, { n: 1 })).toMatchObject({
      ok: false,
      code: 'UNAUTHORIZED',
    });
    expect(await outcome('badOutput', 'ours', null)).toMatchObject({
      ok: false,
      message: 'Output validation failed',
    });
  });
});
