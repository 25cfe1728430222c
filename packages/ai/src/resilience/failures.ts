import { APICallError } from '@ai-sdk/provider';
import { BrokenCircuitError } from 'cockatiel';

export type TimeoutKind = 'connect' | 'chunk' | 'total';

/** A timeout of ours; the upstream request is aborted with it as the reason. */
export class AiTimeoutError extends Error {
  constructor(
    readonly kind: TimeoutKind,
    readonly afterMs: number,
  ) {
    super(
      `no ${kind === 'connect' ? 'first byte' : kind === 'chunk' ? 'chunk' : 'reply'} within ${afterMs} ms`,
    );
    this.name = 'AiTimeoutError';
  }
}

/** A stream that failed after it had produced text: never retried, continued by the next model. */
export class PartialStreamError extends Error {
  constructor(
    readonly partialText: string,
    override readonly cause: unknown,
  ) {
    super(`stream failed after ${partialText.length} characters`);
    this.name = 'PartialStreamError';
  }
}

/** The caller stopped the generation (stop button, closed request): not a provider failure. */
export class CallerAbortError extends Error {
  constructor(message = 'stopped by the caller') {
    super(message);
    this.name = 'CallerAbortError';
  }
}

/** The caller called the generation off before any model was asked (`proceed` was false). */
export class CallCancelledError extends CallerAbortError {
  constructor() {
    super('called off before any model was asked');
    this.name = 'CallCancelledError';
  }
}

export interface FailureInfo {
  /** Short, loggable kind: `http_503`, `timeout_chunk`, `connect`, `malformed`, ... */
  kind: string;
  retryable: boolean;
  retryAfterMs?: number;
}

/**
 * Retry only what can succeed on a second try: 5xx, 408, 429, connect errors and timeouts.
 * A `Retry-After` longer than the maximum wait makes the error final for this model (the chain
 * moves on rather than waiting less than the provider asked).
 */
export function classifyFailure(error: unknown, maxWaitMs: number): FailureInfo {
  if (error instanceof PartialStreamError)
    return { ...classifyFailure(error.cause, maxWaitMs), retryable: false };
  if (error instanceof AiTimeoutError) return { kind: `timeout_${error.kind}`, retryable: true };
  if (error instanceof BrokenCircuitError) return { kind: 'breaker_open', retryable: false };
  if (APICallError.isInstance(error)) {
    const status = error.statusCode;
    if (status === undefined) return { kind: 'connect', retryable: true };
    const retryAfterMs = retryAfterOf(error.responseHeaders);
    const transient = status >= 500 || status === 408 || status === 429;
    const tooLong = retryAfterMs !== undefined && retryAfterMs > maxWaitMs;
    return {
      kind: `http_${status}`,
      retryable: transient && !tooLong,
      ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
    };
  }
  const name = (error as { name?: string } | undefined)?.name ?? '';
  if (/JSONParse|TypeValidation|InvalidResponse/i.test(name))
    return { kind: 'malformed', retryable: false };
  if (isConnectError(error)) return { kind: 'connect', retryable: true };
  return { kind: name || 'unknown', retryable: false };
}

function retryAfterOf(headers: Record<string, string> | undefined): number | undefined {
  const value = headers?.['retry-after'] ?? headers?.['Retry-After'];
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

function isConnectError(error: unknown): boolean {
  const seen = new Set<unknown>();
  let current: unknown = error;
  while (current && typeof current === 'object' && !seen.has(current)) {
    seen.add(current);
    const code = (current as { code?: string }).code;
    if (code && /^(ECONNREFUSED|ECONNRESET|EPIPE|ENOTFOUND|ETIMEDOUT|UND_ERR_\w+)$/.test(code))
      return true;
    if (
      (current as Error).message === 'fetch failed' ||
      (current as Error).message === 'terminated'
    )
      return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}
