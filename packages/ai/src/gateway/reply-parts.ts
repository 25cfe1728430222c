import type { LanguageModelV3, LanguageModelV3Prompt } from '@ai-sdk/provider';
import type { ModelMessage, streamText } from 'ai';
import type { ChatStreamEvent } from './types.ts';

/** What the gateway reads from a model's reply, whichever way it was asked for. */
export type ReplyPart =
  | { type: 'text-delta'; text: string }
  // Tool calls and results are passed on to the caller as they are.
  | Extract<ChatStreamEvent, { type: 'tool-call' | 'tool-result' }>
  | { type: 'error'; error: unknown }
  | { type: 'abort' }
  | {
      type: 'finish';
      usage: { inputTokens: number; outputTokens: number; cached: number };
      reason: string;
    };

type FullStream = ReturnType<typeof streamText>['fullStream'];

/** `streamText`'s parts, as the gateway reads them. */
export async function* partsOfStreamText(stream: FullStream): AsyncGenerator<ReplyPart> {
  for await (const part of stream) {
    switch (part.type) {
      case 'text-delta':
        yield { type: 'text-delta', text: part.text };
        break;
      case 'tool-call':
        yield {
          type: 'tool-call',
          toolCallId: part.toolCallId,
          toolName: part.toolName,
          input: part.input,
        };
        break;
      case 'tool-result':
        yield {
          type: 'tool-result',
          toolCallId: part.toolCallId,
          toolName: part.toolName,
          output: part.output,
        };
        break;
      case 'error':
        yield { type: 'error', error: part.error };
        break;
      case 'abort':
        yield { type: 'abort' };
        break;
      case 'finish':
        yield {
          type: 'finish',
          usage: {
            inputTokens: part.totalUsage.inputTokens ?? 0,
            outputTokens: part.totalUsage.outputTokens ?? 0,
            cached: part.totalUsage.inputTokenDetails?.cacheReadTokens ?? 0,
          },
          reason: part.finishReason,
        };
        break;
      default:
        break;
    }
  }
}

/**
 * The prompt as the model's own interface takes it, when the conversation is plain text: what
 * `streamText` would build (its `convertToLanguageModelPrompt`) for system, user and assistant
 * messages of text. Undefined for anything else (files, tool calls and results, per-message
 * provider options), which goes through `streamText`.
 */
export function plainTextPrompt(
  system: string | undefined,
  messages: ModelMessage[],
): LanguageModelV3Prompt | undefined {
  const prompt: LanguageModelV3Prompt = [];
  if (system !== undefined) prompt.push({ role: 'system', content: system });
  for (const message of messages) {
    if (message.providerOptions !== undefined) return undefined;
    if (message.role === 'system') {
      prompt.push({ role: 'system', content: message.content });
      continue;
    }
    if (message.role !== 'user' && message.role !== 'assistant') return undefined;
    if (typeof message.content === 'string') {
      prompt.push({ role: message.role, content: [{ type: 'text', text: message.content }] });
      continue;
    }
    const texts: { type: 'text'; text: string }[] = [];
    for (const part of message.content) {
      if (part.type !== 'text' || part.providerOptions !== undefined) return undefined;
      // As `streamText`: empty text parts are left out.
      if (part.text !== '') texts.push({ type: 'text', text: part.text });
    }
    prompt.push({ role: message.role, content: texts });
  }
  return prompt;
}

/**
 * A reply straight from the model's `doStream`, for a call without tools over a plain-text
 * conversation. `streamText` checks the whole prompt against its schemas and sends every chunk
 * through its own transform streams; for plain text that is work without a purpose, measured
 * at ~2 ms before the request and ~0.2 ms per chunk (bench/stream-overhead). Middleware on the
 * model (the call gate) applies as it does under `streamText`.
 */
export async function* partsOfModel(
  model: LanguageModelV3,
  call: {
    prompt: LanguageModelV3Prompt;
    abortSignal: AbortSignal;
    providerOptions: Parameters<LanguageModelV3['doStream']>[0]['providerOptions'];
  },
): AsyncGenerator<ReplyPart> {
  const { stream } = await model.doStream({
    prompt: call.prompt,
    abortSignal: call.abortSignal,
    providerOptions: call.providerOptions,
    includeRawChunks: false,
  });
  const reader = stream.getReader();
  try {
    for (;;) {
      const { done, value: part } = await reader.read();
      if (done) return;
      switch (part.type) {
        case 'text-delta':
          yield { type: 'text-delta', text: part.delta };
          break;
        case 'error':
          yield { type: 'error', error: part.error };
          break;
        case 'finish':
          yield {
            type: 'finish',
            usage: {
              inputTokens: part.usage.inputTokens.total ?? 0,
              outputTokens: part.usage.outputTokens.total ?? 0,
              cached: part.usage.inputTokens.cacheRead ?? 0,
            },
            reason: part.finishReason.unified,
          };
          break;
        default:
          break;
      }
    }
  } finally {
    // Left early (a failure, a stop): release the response body.
    await reader.cancel().catch(() => {});
  }
}
