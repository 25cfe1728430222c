import type { ModelMessage } from 'ai';
import { countTokens } from 'gpt-tokenizer';
import { describe, expect, it } from 'vitest';
import { contextWindowOf, countTextTokens, fitToContext, tokensOf } from './token-budget.ts';

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

describe('countTextTokens', () => {
  it("gives the tokenizer's count for every text, the first time and again", () => {
    const texts = ['', 'a', 'a ', ' a', 'Hello, world!', 'naïve café 🚀', 'x'.repeat(5000), 'a'];
    const first = texts.map(countTextTokens);
    expect(first).toEqual(texts.map((text) => countTokens(text)));
    expect(texts.map(countTextTokens)).toEqual(first);
  });

  it('counts a text longer than the whole cache without keeping it', () => {
    const huge = 'word '.repeat(900_000);
    expect(countTextTokens(huge)).toBe(countTokens(huge));
    expect(countTextTokens(huge)).toBe(countTokens(huge));
  });

  it('counts structured content by its JSON', () => {
    const message: ModelMessage = { role: 'user', content: [{ type: 'text', text: 'hi there' }] };
    expect(tokensOf(message)).toBe(countTokens(JSON.stringify(message.content)) + 4);
  });
});
