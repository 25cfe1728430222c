import { APICallError } from '@ai-sdk/provider';
import { describe, expect, it } from 'vitest';
import { classifyFailure } from './failures.ts';
import { createRetryPolicy } from './retry.ts';

const apiError = (statusCode: number, headers: Record<string, string> = {}) =>
  new APICallError({
    message: `status ${statusCode}`,
    url: 'http://127.0.0.1/v1/chat/completions',
    requestBodyValues: {},
    statusCode,
    responseHeaders: headers,
  });

describe('retry policy', () => {
  it('waits what Retry-After asks when it is within the maximum', async () => {
    const policy = createRetryPolicy({ attempts: 2, minMs: 1, maxMs: 60 });
    const delays: number[] = [];
    policy.onRetry((event) => delays.push(event.delay));
    let calls = 0;
    const result = await policy.execute(() => {
      calls += 1;
      if (calls === 1) throw apiError(429, { 'retry-after': '0.05' });
      return 'ok';
    });
    expect(result).toBe('ok');
    expect(delays).toEqual([50]);
  });

  it('stops after the configured attempts and never retries a 4xx', async () => {
    const policy = createRetryPolicy({ attempts: 3, minMs: 1, maxMs: 5 });
    let calls = 0;
    await expect(
      policy.execute(() => {
        calls += 1;
        throw apiError(503);
      }),
    ).rejects.toThrow('status 503');
    expect(calls).toBe(3);
    calls = 0;
    await expect(
      policy.execute(() => {
        calls += 1;
        throw apiError(404);
      }),
    ).rejects.toThrow('status 404');
    expect(calls).toBe(1);
  });

  it('classifies transient failures as retryable', () => {
    expect(classifyFailure(apiError(500), 1000).retryable).toBe(true);
    expect(classifyFailure(apiError(408), 1000).retryable).toBe(true);
    expect(classifyFailure(apiError(429, { 'retry-after': '120' }), 1000)).toMatchObject({
      retryable: false,
      retryAfterMs: 120_000,
    });
    expect(classifyFailure(apiError(401), 1000).retryable).toBe(false);
    expect(
      classifyFailure(Object.assign(new Error('connect'), { code: 'ECONNREFUSED' }), 1000)
        .retryable,
    ).toBe(true);
  });
});
