import type { UsageRecord } from '@waypoint/ai';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestHarness, principalFor, type TestHarness } from '../../testing/index.ts';

function attempt(userId: string, overrides: Partial<UsageRecord> = {}): UsageRecord {
  return {
    role: 'chat',
    provider: 'openai',
    model: 'gpt-4.1',
    inputTokens: 1000,
    outputTokens: 200,
    cachedInputTokens: 0,
    costUsd: 0.0036,
    priceTableVersion: '2026-11-01',
    latencyMs: 900,
    timeToFirstTokenMs: 300,
    outcome: 'ok',
    userId,
    requestId: 'req-1',
    at: new Date('2026-11-20T10:00:00Z'),
    ...overrides,
  };
}

describe('ai.usage.summary', () => {
  let h: TestHarness;
  beforeAll(async () => {
    h = await createTestHarness();
  });
  beforeEach(() => h.reset());

  it('totals attempts by day and model from what the sink recorded', async () => {
    const a = await h.signUp();
    const b = await h.signUp();
    const sink = h.services.ai.usageSink;
    sink.record(attempt(a.user.id, { outcome: 'retried', costUsd: 0 }));
    sink.record(attempt(a.user.id));
    sink.record(
      attempt(a.user.id, {
        provider: 'anthropic',
        model: 'claude-haiku-4-5',
        outcome: 'fell_back',
        latencyMs: 500,
      }),
    );
    sink.record(attempt(b.user.id, { costUsd: 1 }));
    await sink.flush();

    const mine = await a.caller.ai.usage.summary({ from: '2026-11-01', to: '2026-11-30' });
    expect(mine.rows).toEqual([
      expect.objectContaining({
        day: '2026-11-20',
        provider: 'anthropic',
        attempts: 1,
        fellBack: 1,
      }),
      expect.objectContaining({
        day: '2026-11-20',
        provider: 'openai',
        attempts: 2,
        ok: 1,
        inputTokens: 2000,
      }),
    ]);
    expect(mine.totals).toMatchObject({ attempts: 3, costUsd: 0.0072 });
  });

  it('everyone’s usage is for administrators only', async () => {
    const a = await h.signUp();
    h.services.ai.usageSink.record(attempt(a.user.id));
    await h.services.ai.usageSink.flush();
    await expect(a.caller.ai.usage.summary({ scope: 'all' })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    const admin = principalFor(a.user, { isAdmin: true });
    const all = await h.services.ai.usage.summary(admin, {
      scope: 'all',
      from: '2026-11-01',
      to: '2026-11-30',
    });
    expect(all.totals.attempts).toBe(1);
  });
});
