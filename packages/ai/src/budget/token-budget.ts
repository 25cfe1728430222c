import type { ModelMessage } from 'ai';
import { countTokens } from 'gpt-tokenizer';

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

export function tokensOf(message: ModelMessage): number {
  const content =
    typeof message.content === 'string' ? message.content : JSON.stringify(message.content);
  // A few tokens of framing per message, as chat formats add.
  return countTokens(content) + 4;
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
    countTokens(input.system ?? '');
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
