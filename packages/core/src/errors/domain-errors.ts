/**
 * The one error hierarchy services throw. Each carries a stable `code`; the single table in
 * `error-map.ts` turns it into a tRPC code and HTTP status. Messages are written for the user:
 * they reach the client, so they never name tables, queries or stack frames.
 */
export type DomainErrorCode =
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'FORBIDDEN'
  | 'UNAUTHENTICATED'
  | 'VALIDATION'
  | 'RATE_LIMITED'
  | 'AI_UNAVAILABLE'
  | 'PRECONDITION_FAILED';

export abstract class DomainError extends Error {
  abstract readonly code: DomainErrorCode;
  /** Extra, client-safe details (e.g. `retryAfterSeconds`, `fieldErrors`). */
  readonly details: Record<string, unknown>;

  constructor(message: string, details: Record<string, unknown> = {}) {
    super(message);
    this.name = new.target.name;
    this.details = details;
  }
}

export class NotFoundError extends DomainError {
  readonly code = 'NOT_FOUND';
  constructor(entity: string) {
    super(`${entity} not found`);
  }
}

export class ConflictError extends DomainError {
  readonly code = 'CONFLICT';
}

export class ForbiddenError extends DomainError {
  readonly code = 'FORBIDDEN';
}

export class UnauthenticatedError extends DomainError {
  readonly code = 'UNAUTHENTICATED';
  constructor(message = 'Sign in to continue') {
    super(message);
  }
}

/** A rule on valid input that a schema cannot express; `fieldErrors` name the offending fields. */
export class ValidationError extends DomainError {
  readonly code = 'VALIDATION';
  constructor(message: string, fieldErrors: Record<string, string[]> = {}) {
    super(message, { fieldErrors });
  }
}

export class RateLimitedError extends DomainError {
  readonly code = 'RATE_LIMITED';
  constructor(retryAfterSeconds: number) {
    super(`Too many requests — try again in ${retryAfterSeconds} s`, { retryAfterSeconds });
  }
}

export class AiUnavailableError extends DomainError {
  readonly code = 'AI_UNAVAILABLE';
}

export class PreconditionFailedError extends DomainError {
  readonly code = 'PRECONDITION_FAILED';
}
