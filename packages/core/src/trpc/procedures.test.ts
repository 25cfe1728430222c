import { Writable } from 'node:stream';
import type { Principal } from '@waypoint/auth';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { NotFoundError } from '../errors/domain-errors.ts';
import type { Services } from '../services.ts';
import type { Context } from './context.ts';
import { createCallerFactory, protectedProcedure, router } from './procedures.ts';

// The error boundary's log lines: every procedure's outcome is logged with its path and the
// caller's user id (the context's logger is the request's, not a child per user).
const testRouter = router({
  ok: protectedProcedure.query(() => 'fine'),
  missing: protectedProcedure.query(() => {
    throw new NotFoundError('Goal');
  }),
  broken: protectedProcedure.mutation(() => {
    throw new Error('disk on fire');
  }),
});

function harness() {
  const lines: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      lines.push(JSON.parse(String(chunk)) as Record<string, unknown>);
      done();
    },
  });
  const log = pino({ level: 'debug', base: null, timestamp: false }, sink).child({
    reqId: 'req-1',
  });
  const principal = { userId: 'user-7', email: null, isAdmin: false } as unknown as Principal;
  const ctx: Context = { principal, requestId: 'req-1', log, services: {} as Services };
  return { lines, caller: createCallerFactory(testRouter)(ctx) };
}

describe('procedure logging', () => {
  it('logs success, refusals and failures with the path, the user and the request', async () => {
    const { lines, caller } = harness();
    await caller.ok();
    await expect(caller.missing()).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(caller.broken()).rejects.toMatchObject({ code: 'INTERNAL_SERVER_ERROR' });
    await new Promise((resolve) => setImmediate(resolve));

    expect(lines).toMatchObject([
      { level: 20, msg: 'procedure ok', path: 'ok', type: 'query', userId: 'user-7' },
      {
        level: 30,
        msg: 'procedure refused',
        path: 'missing',
        userId: 'user-7',
        domainCode: 'NOT_FOUND',
      },
      {
        level: 50,
        msg: 'procedure failed',
        path: 'broken',
        type: 'mutation',
        userId: 'user-7',
        err: { message: 'disk on fire' },
      },
    ]);
    for (const line of lines) {
      expect(line.reqId).toBe('req-1');
      expect(line.durationMs).toEqual(expect.any(Number));
    }
  });
});
