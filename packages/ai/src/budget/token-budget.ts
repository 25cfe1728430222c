import type { ModelMessage } from 'ai';
import { countTokens } from 'gpt-tokenizer';
import { LRUCache } from 'lru-cache';

/** Context windows by model-id prefix (longest match wins); unknown models get a safe default. */
const CONTEXT_WINDOWS: Record<string, number> = {
  'gpt-4.1': 1_047_576,
  'gpt-4o': 128_000,
  'gpt-5': 400_000,
  'claude-': 200_000,
  llama3: 8192,
  'llama3.1': 128_000,
  'llama3.2': 128_000,
  qwen: 32_768,
  mistral: 32_768,
  offline: 1_000_000,
};
const DEFAULT_WINDOW = 8192;

// Ollama serves every model with its own context length (`num_ctx`, 4096 unless the server or a
// Modelfile sets more), whatever the model could take, and silently drops the start of a longer
// prompt — the system prompt first. So Ollama models are fitted to that.
const OLLAMA_CONTEXT = 4096;

export function contextWindowOf(model: string, provider?: string): number {
  const key = Object.keys(CONTEXT_WINDOWS)
    .filter((prefix) => model.startsWith(prefix))
    .sort((a, b) => b.length - a.length)[0];
  const window = key ? (CONTEXT_WINDOWS[key] as number) : DEFAULT_WINDOW;
  return provider === 'ollama' ? Math.min(window, OLLAMA_CONTEXT) : window;
}

// Every turn fits the whole conversation again, so the same texts were tokenized on every turn:
// 0.5 ms for 160 short messages, 1 ms for 80 paragraphs, growing with the conversation
// (bench/stream-overhead). Counts are kept per text, bounded by the texts' total length.
const counted = new LRUCache<string, number>({
  maxSize: 4_000_000,
  sizeCalculation: (_count, text) => text.length + 32,
});

/** The tokens in a text (gpt-tokenizer's o200k encoding), remembered for texts seen before. */
export function countTextTokens(text: string): number {
  let count = counted.get(text);
  if (count === undefined) {
    count = countTokens(text);
    counted.set(text, count);
  }
  return count;
}

export function tokensOf(message: ModelMessage): number {
  const content =
    typeof message.content === 'string' ? message.content : JSON.stringify(message.content);
  // A few tokens of framing per message, as chat formats add.
  return countTextTokens(content) + 4;
}

export interface FitResult {
  messages: ModelMessage[];
  droppedCount: number;
  tokens: number;
}

/**
 * Fits a conversation into a model's window: the system prompt and the most recent turns stay
 * verbatim; older turns are dropped whole (never cut mid-message), and a note says so, so the
 * model knows the conversation is longer than what it sees.
 */
export function fitToContext(input: {
  system?: string;
  messages: ModelMessage[];
  contextWindow: number;
  reserveOutput?: number;
}): FitResult {
  const budget =
    input.contextWindow -
    (input.reserveOutput ?? Math.min(4096, Math.floor(input.contextWindow / 4))) -
    countTextTokens(input.system ?? '');
  const kept: ModelMessage[] = [];
  let used = 0;
  for (let i = input.messages.length - 1; i >= 0; i--) {
    const message = input.messages[i] as ModelMessage;
    const cost = tokensOf(message);
    // The latest message always goes, even alone over budget: the caller's turn is the point.
    if (kept.length > 0 && used + cost > budget) break;
    kept.unshift(message);
    used += cost;
  }
  // Never start with a tool result whose call was dropped.
  while (kept.length > 1 && kept[0]?.role === 'tool') {
    used -= tokensOf(kept.shift() as ModelMessage);
  }
  const droppedCount = input.messages.length - kept.length;
  if (droppedCount > 0) {
    kept.unshift({
      role: 'user',
      content: `(${droppedCount} earlier messages of this conversation are omitted to fit the context window.)`,
    });
  }
  return { messages: kept, droppedCount, tokens: used };
}
