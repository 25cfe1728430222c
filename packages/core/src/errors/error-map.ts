import type { TRPC_ERROR_CODE_KEY } from '@trpc/server';
import type { DomainErrorCode } from './domain-errors.ts';

/** The one place domain errors meet transport codes. */
export const domainErrorTransport: Record<
  DomainErrorCode,
  { trpc: TRPC_ERROR_CODE_KEY; httpStatus: number }
> = {
  NOT_FOUND: { trpc: 'NOT_FOUND', httpStatus: 404 },
  CONFLICT: { trpc: 'CONFLICT', httpStatus: 409 },
  FORBIDDEN: { trpc: 'FORBIDDEN', httpStatus: 403 },
  UNAUTHENTICATED: { trpc: 'UNAUTHORIZED', httpStatus: 401 },
  VALIDATION: { trpc: 'BAD_REQUEST', httpStatus: 400 },
  RATE_LIMITED: { trpc: 'TOO_MANY_REQUESTS', httpStatus: 429 },
  AI_UNAVAILABLE: { trpc: 'SERVICE_UNAVAILABLE', httpStatus: 503 },
  PRECONDITION_FAILED: { trpc: 'PRECONDITION_FAILED', httpStatus: 412 },
};
