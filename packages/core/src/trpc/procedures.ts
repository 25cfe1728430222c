import { TRPCError } from '@trpc/server';
import { DomainError, UnauthenticatedError } from '../errors/domain-errors.ts';
import { domainErrorTransport } from '../errors/error-map.ts';
import { t } from './init.ts';
import { syncFirstBuilder } from './sync-first-parsers.ts';

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;
export const mergeRouters = t.mergeRouters;

/** Domain errors become their mapped tRPC error; anything else is logged as a server fault. */
const errorBoundary = t.middleware(async ({ ctx, path, type, next }) => {
  const started = performance.now();
  const result = await next();
  const durationMs = Math.round((performance.now() - started) * 10) / 10;
  const userId = ctx.principal?.userId;
  if (result.ok) {
    ctx.log.debug({ path, type, userId, durationMs }, 'procedure ok');
    return result;
  }
  const cause = result.error.cause;
  if (cause instanceof DomainError) {
    ctx.log.info({ path, type, userId, durationMs, domainCode: cause.code }, 'procedure refused');
    throw new TRPCError({
      code: domainErrorTransport[cause.code].trpc,
      message: cause.message,
      cause,
    });
  }
  if (result.error.code === 'INTERNAL_SERVER_ERROR') {
    ctx.log.error(
      { path, type, userId, durationMs, err: cause ?? result.error },
      'procedure failed',
    );
  } else {
    ctx.log.info({ path, type, userId, durationMs, code: result.error.code }, 'procedure refused');
  }
  return result;
});

export const publicProcedure = syncFirstBuilder(t.procedure.use(errorBoundary));

/** The principal is non-null in the type of every procedure built on this. */
export const protectedProcedure = publicProcedure.use(({ ctx, next }) => {
  if (!ctx.principal) throw new UnauthenticatedError();
  return next({ ctx: { ...ctx, principal: ctx.principal } });
});

export const adminProcedure = protectedProcedure.use(({ ctx, next }) => {
  if (!ctx.principal.isAdmin) {
    throw new TRPCError({ code: 'FORBIDDEN', message: 'Administrators only' });
  }
  return next();
});
