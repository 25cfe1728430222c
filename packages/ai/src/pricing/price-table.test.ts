import { describe, expect, it } from 'vitest';
import { PRICE_TABLE_VERSION, priceFor } from './price-table.ts';

describe('priceFor', () => {
  it('prices by the longest matching model prefix, cached input at its own rate', () => {
    const mini = priceFor(
      { provider: 'openai', model: 'gpt-4.1-mini-2025-04-14' },
      { inputTokens: 1_000_000, outputTokens: 1_000_000, cachedInputTokens: 500_000 },
    );
    expect(mini).toEqual({ costUsd: 0.2 + 0.05 + 1.6, version: PRICE_TABLE_VERSION });
  });

  it('costs nothing for local models and unknown hosted ones', () => {
    const usage = { inputTokens: 1000, outputTokens: 1000, cachedInputTokens: 0 };
    expect(priceFor({ provider: 'offline', model: 'offline' }, usage).costUsd).toBe(0);
    expect(priceFor({ provider: 'ollama', model: 'llama3.2' }, usage).costUsd).toBe(0);
    expect(priceFor({ provider: 'openai', model: 'some-future-model' }, usage).costUsd).toBe(0);
  });
});
