import type { ModelMessage } from 'ai';
import { describe, expect, it } from 'vitest';
import { contextWindowOf, fitToContext } from './token-budget.ts';

const turn = (i: number): ModelMessage => ({
  role: i % 2 ? 'assistant' : 'user',
  content: `message ${i} `.repeat(50),
});

describe('fitToContext', () => {
  it('keeps everything when it fits', () => {
    const messages = [turn(0), turn(1)];
    expect(fitToContext({ messages, contextWindow: 100_000 })).toMatchObject({
      messages,
      droppedCount: 0,
    });
  });

  it('drops the oldest whole turns first and says so', () => {
    const messages = Array.from({ length: 40 }, (_, i) => turn(i));
    const fit = fitToContext({
      system: 'Be brief.',
      messages,
      contextWindow: 2000,
      reserveOutput: 500,
    });
    expect(fit.droppedCount).toBeGreaterThan(0);
    expect(fit.messages.at(-1)).toBe(messages.at(-1));
    expect(fit.messages[0]?.content).toMatch(/earlier messages .* omitted/);
    expect(fit.tokens).toBeLessThanOrEqual(1500);
    expect(fit.messages.slice(1)).toEqual(
      messages.slice(messages.length - fit.messages.length + 1),
    );
  });

  it('knows common context windows and defaults safely', () => {
    expect(contextWindowOf('claude-haiku-4-5')).toBe(200_000);
    expect(contextWindowOf('gpt-4o-mini')).toBe(128_000);
    expect(contextWindowOf('something-new')).toBe(8192);
    // Ollama serves models with its own num_ctx (4096 by default), not the model's full window.
    expect(contextWindowOf('llama3.1:8b', 'ollama')).toBe(4096);
    expect(contextWindowOf('llama3.1:8b', 'openai-compatible')).toBe(128_000);
  });
});
