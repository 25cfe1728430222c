import type { ModelRef } from '../contracts.ts';

/** Bumped whenever a price changes; stamped on every usage record so old costs stay explainable. */
export const PRICE_TABLE_VERSION = '2026-11-01';

/** USD per million tokens. Prefix match on the model id, longest prefix wins. */
interface Price {
  input: number;
  output: number;
  cachedInput: number;
}

const PRICES: Record<'openai' | 'anthropic', Record<string, Price>> = {
  openai: {
    'gpt-4.1': { input: 2, output: 8, cachedInput: 0.5 },
    'gpt-4.1-mini': { input: 0.4, output: 1.6, cachedInput: 0.1 },
    'gpt-4.1-nano': { input: 0.1, output: 0.4, cachedInput: 0.025 },
    'gpt-4o': { input: 2.5, output: 10, cachedInput: 1.25 },
    'gpt-4o-mini': { input: 0.15, output: 0.6, cachedInput: 0.075 },
    'gpt-5': { input: 1.25, output: 10, cachedInput: 0.125 },
    'gpt-5-mini': { input: 0.25, output: 2, cachedInput: 0.025 },
    'gpt-5-nano': { input: 0.05, output: 0.4, cachedInput: 0.005 },
    'text-embedding-3-small': { input: 0.02, output: 0, cachedInput: 0.02 },
    'text-embedding-3-large': { input: 0.13, output: 0, cachedInput: 0.13 },
  },
  anthropic: {
    'claude-opus-4': { input: 15, output: 75, cachedInput: 1.5 },
    'claude-sonnet-4': { input: 3, output: 15, cachedInput: 0.3 },
    'claude-haiku-4-5': { input: 1, output: 5, cachedInput: 0.1 },
    'claude-3-5-haiku': { input: 0.8, output: 4, cachedInput: 0.08 },
  },
};

export function priceFor(
  ref: ModelRef,
  usage: { inputTokens: number; outputTokens: number; cachedInputTokens: number },
): { costUsd: number; version: string } {
  const table =
    ref.provider === 'openai' || ref.provider === 'anthropic' ? PRICES[ref.provider] : undefined;
  // Local models (ollama, offline) cost nothing here; unknown hosted models are reported at 0
  // rather than guessed.
  const key = table
    ? Object.keys(table)
        .filter((prefix) => ref.model.startsWith(prefix))
        .sort((a, b) => b.length - a.length)[0]
    : undefined;
  const price = key && table ? table[key] : undefined;
  if (!price) return { costUsd: 0, version: PRICE_TABLE_VERSION };
  const uncached = Math.max(0, usage.inputTokens - usage.cachedInputTokens);
  const cost =
    (uncached * price.input +
      usage.cachedInputTokens * price.cachedInput +
      usage.outputTokens * price.output) /
    1_000_000;
  return { costUsd: Math.round(cost * 1e8) / 1e8, version: PRICE_TABLE_VERSION };
}
