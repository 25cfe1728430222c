import { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { RateLimitedError } from '../../errors/domain-errors.ts';

export interface SendRateLimit {
  /** Throws `RateLimitedError` with the seconds to wait when the user is over the limit. */
  consume(userId: string): Promise<void>;
}

/**
 * Per-user limit on `chat.send` (rate-limiter-flexible): in-process by default, shared through
 * Redis across API instances when `REDIS_URL` is set.
 */
export function createSendRateLimit(options: {
  perMinute: number;
  redisUrl?: string | undefined;
}): SendRateLimit {
  const limiter = options.redisUrl
    ? new RateLimiterRedis({
        storeClient: new Redis(options.redisUrl, { enableOfflineQueue: false }),
        keyPrefix: 'waypoint:chat-send',
        points: options.perMinute,
        duration: 60,
        insuranceLimiter: new RateLimiterMemory({ points: options.perMinute, duration: 60 }),
      })
    : new RateLimiterMemory({ keyPrefix: 'chat-send', points: options.perMinute, duration: 60 });
  return {
    async consume(userId) {
      try {
        await limiter.consume(userId);
      } catch (error) {
        if (error instanceof RateLimiterRes) {
          throw new RateLimitedError(Math.max(1, Math.ceil(error.msBeforeNext / 1000)));
        }
        throw error;
      }
    },
  };
}
