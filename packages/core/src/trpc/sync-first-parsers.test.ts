import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { createCallerFactory, publicProcedure, router } from './procedures.ts';

const ctx = {
  principal: null,
  requestId: 'test',
  log: { debug() {}, info() {}, error() {} },
  services: {},
} as never;

describe('procedures validate synchronously first', () => {
  it("runs zod's synchronous parse (its compiled path) for inputs and outputs, never parseAsync", async () => {
    const input = z.object({ n: z.number().int() });
    const output = z.object({ doubled: z.number(), at: z.date() });
    const spies = [input, output].map((schema) => ({
      parse: vi.spyOn(schema, 'parse'),
      parseAsync: vi.spyOn(schema, 'parseAsync'),
    }));
    const caller = createCallerFactory(
      router({
        double: publicProcedure
          .input(input)
          .output(output)
          .query(({ input: { n } }) => ({ doubled: n * 2, at: new Date(0), extra: 'dropped' })),
      }),
    )(ctx);
    expect(await caller.double({ n: 21 })).toEqual({ doubled: 42, at: new Date(0) });
    for (const spy of spies) {
      expect(spy.parse).toHaveBeenCalledTimes(1);
      expect(spy.parseAsync).not.toHaveBeenCalled();
    }
    await expect(caller.double({ n: 1.5 } as never)).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      cause: expect.any(z.ZodError),
    });
  });

  it('still validates a schema that is asynchronous', async () => {
    const taken = z.string().refine(async (name) => name !== 'taken', 'That name is taken');
    const caller = createCallerFactory(
      router({ claim: publicProcedure.input(taken).mutation(({ input }) => input) }),
    )(ctx);
    expect(await caller.claim('free')).toBe('free');
    await expect(caller.claim('taken')).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });
});
