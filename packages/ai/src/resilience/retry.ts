import {
  ExponentialBackoff,
  fullJitterGenerator,
  handleWhen,
  type IBackoff,
  type IBackoffFactory,
  type IRetryBackoffContext,
  type RetryPolicy,
  retry,
} from 'cockatiel';
import { classifyFailure } from './failures.ts';

export interface RetryOptions {
  attempts: number;
  minMs: number;
  maxMs: number;
}

/**
 * Exponential backoff with full jitter between min and max, except that a provider's
 * `Retry-After` (when within the max wait) is honoured instead.
 */
class RetryAfterAwareBackoff implements IBackoffFactory<IRetryBackoffContext<unknown>> {
  constructor(
    private readonly inner: IBackoffFactory<unknown>,
    private readonly maxMs: number,
  ) {}

  next(context: IRetryBackoffContext<unknown>): IBackoff<IRetryBackoffContext<unknown>> {
    const innerNext = this.inner.next(context);
    const error = 'error' in context.result ? context.result.error : undefined;
    const hint = classifyFailure(error, this.maxMs).retryAfterMs;
    const duration = hint !== undefined && hint <= this.maxMs ? hint : innerNext.duration;
    const following = new RetryAfterAwareBackoff(innerNext, this.maxMs);
    return { duration, next: (ctx) => following.next(ctx) };
  }
}

export function createRetryPolicy(options: RetryOptions): RetryPolicy {
  return retry(
    handleWhen((error) => classifyFailure(error, options.maxMs).retryable),
    {
      maxAttempts: Math.max(0, options.attempts - 1),
      backoff: new RetryAfterAwareBackoff(
        new ExponentialBackoff({
          initialDelay: options.minMs,
          maxDelay: options.maxMs,
          generator: fullJitterGenerator,
        }),
        options.maxMs,
      ),
    },
  );
}
