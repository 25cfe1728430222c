import type {
  LanguageModelV3,
  LanguageModelV3CallOptions,
  LanguageModelV3Content,
  LanguageModelV3StreamPart,
  LanguageModelV3Usage,
} from '@ai-sdk/provider';
import type { ModelMessage } from 'ai';
import { countTokens } from 'gpt-tokenizer';
import type { OfflineReply, OfflineRequest, OfflineResponder } from '../contracts.ts';

export interface OfflineModelOptions {
  responder: OfflineResponder;
  modelId?: string;
  /** Pause between streamed chunks, so the UI streams offline replies like a model's. */
  chunkDelayMs?: number;
}

/** How callers hand the offline model what a remote model gets in its prompt text. */
export interface OfflineProviderOptions {
  /** The assistant's context for this turn (goals, plans, ...), given to the responder. */
  context?: unknown;
  /** Text a failed model already streamed; the responder continues after it. */
  partialText?: string;
}

/** Marks replies that came from the offline model, in `providerMetadata.offline.offline`. */
export const OFFLINE_METADATA = { offline: { offline: true } } as const;

/**
 * A real AI SDK language model whose replies come from an assistant's rule-based responder:
 * deterministic, built from the user's own data, streamed chunk by chunk, and able to answer
 * with structured objects and tool calls. The last link of every chain.
 */
export function createOfflineModel(options: OfflineModelOptions): LanguageModelV3 {
  const modelId = options.modelId ?? 'offline';
  return {
    specificationVersion: 'v3',
    provider: 'offline',
    modelId,
    supportedUrls: {},
    async doGenerate(call) {
      const request = toOfflineRequest(call);
      const reply = await options.responder(request);
      const content = toContent(reply, call);
      const text = content.map((part) => (part.type === 'text' ? part.text : '')).join('');
      return {
        content,
        finishReason: finishReasonOf(reply),
        usage: usageOf(request, text),
        providerMetadata: OFFLINE_METADATA,
        warnings: [],
        response: { id: `offline-${Date.now()}`, modelId, timestamp: new Date() },
      };
    },
    async doStream(call) {
      const request = toOfflineRequest(call);
      const reply = await options.responder(request);
      const content = toContent(reply, call);
      const delay = options.chunkDelayMs ?? 0;
      const signal = call.abortSignal;
      const stream = new ReadableStream<LanguageModelV3StreamPart>({
        async start(controller) {
          controller.enqueue({ type: 'stream-start', warnings: [] });
          controller.enqueue({ type: 'response-metadata', id: `offline-${Date.now()}`, modelId });
          let streamed = '';
          let index = 0;
          for (const part of content) {
            if (part.type === 'text') {
              const id = `text-${index++}`;
              controller.enqueue({ type: 'text-start', id });
              for (const chunk of chunksOf(part.text)) {
                if (signal?.aborted) {
                  controller.error(signal.reason ?? new Error('aborted'));
                  return;
                }
                if (delay > 0) await sleep(delay);
                controller.enqueue({ type: 'text-delta', id, delta: chunk });
                streamed += chunk;
              }
              controller.enqueue({ type: 'text-end', id });
            } else if (part.type === 'tool-call') {
              controller.enqueue(part);
            }
          }
          controller.enqueue({
            type: 'finish',
            finishReason: finishReasonOf(reply),
            usage: usageOf(request, streamed),
            providerMetadata: OFFLINE_METADATA,
          });
          controller.close();
        },
      });
      return { stream };
    },
  };
}

function toOfflineRequest(call: LanguageModelV3CallOptions): OfflineRequest {
  const system = call.prompt
    .filter((message) => message.role === 'system')
    .map((message) => message.content)
    .join('\n\n');
  // The provider prompt and AI SDK model messages share their shape for text, tool calls and
  // tool results, which is all a rule-based responder reads.
  const messages = call.prompt.filter((m) => m.role !== 'system') as unknown as ModelMessage[];
  const offline = (call.providerOptions?.offline ?? {}) as OfflineProviderOptions;
  const tools = (call.tools ?? []).map((tool) => tool.name);
  const request: OfflineRequest = { system: system || undefined, messages };
  if (offline.context !== undefined) request.context = offline.context;
  if (offline.partialText) request.partialText = offline.partialText;
  if (tools.length > 0) request.toolNames = tools;
  if (call.responseFormat?.type === 'json' && call.responseFormat.schema) {
    request.objectSchema = call.responseFormat.schema as Record<string, unknown>;
  }
  return request;
}

function toContent(
  reply: OfflineReply,
  call: LanguageModelV3CallOptions,
): LanguageModelV3Content[] {
  switch (reply.type) {
    case 'text':
      return [{ type: 'text', text: reply.text }];
    case 'object':
      return [{ type: 'text', text: JSON.stringify(reply.object) }];
    case 'tool-calls': {
      const offered = new Set((call.tools ?? []).map((tool) => tool.name));
      const content: LanguageModelV3Content[] = reply.text
        ? [{ type: 'text', text: reply.text }]
        : [];
      reply.calls.forEach((toolCall, index) => {
        if (!offered.has(toolCall.toolName)) return;
        content.push({
          type: 'tool-call',
          toolCallId: `offline-call-${index}`,
          toolName: toolCall.toolName,
          input: JSON.stringify(toolCall.input),
        });
      });
      return content;
    }
  }
}

function finishReasonOf(reply: OfflineReply) {
  return reply.type === 'tool-calls'
    ? { unified: 'tool-calls' as const, raw: 'tool_calls' }
    : { unified: 'stop' as const, raw: 'stop' };
}

function usageOf(request: OfflineRequest, output: string): LanguageModelV3Usage {
  const input = countTokens(`${request.system ?? ''}\n${JSON.stringify(request.messages)}`);
  const outputTokens = countTokens(output);
  return {
    inputTokens: { total: input, noCache: input, cacheRead: 0, cacheWrite: 0 },
    outputTokens: { total: outputTokens, text: outputTokens, reasoning: 0 },
  };
}

/** Word-sized chunks that keep whitespace and line breaks, so markdown streams intact. */
export function chunksOf(text: string): string[] {
  return text.match(/\s*\S+\s*/g) ?? (text ? [text] : []);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
