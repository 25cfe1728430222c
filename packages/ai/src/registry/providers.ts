import { createAnthropic } from '@ai-sdk/anthropic';
import { createOpenAI } from '@ai-sdk/openai';
import { createOpenAICompatible } from '@ai-sdk/openai-compatible';
import type { EmbeddingModelV3, LanguageModelV3 } from '@ai-sdk/provider';
import { createOllama } from 'ollama-ai-provider-v2';
import type { ModelRef, OfflineResponder } from '../contracts.ts';
import { createLocalEmbeddingModel } from '../embeddings/local-embedding.ts';
import type { AiEnv } from '../env.ts';
import { createOfflineModel } from '../offline/offline-model.ts';
import type { ModelChains } from './chains.ts';

/**
 * Builds AI SDK models for chain links. Remote providers are created once; the offline model is
 * made per call because it answers with the calling assistant's responder.
 */
export function createModelFactory(env: AiEnv, options: { offlineChunkDelayMs?: number } = {}) {
  const openai = env.OPENAI_API_KEY
    ? createOpenAI({ apiKey: env.OPENAI_API_KEY, baseURL: env.OPENAI_BASE_URL })
    : undefined;
  const anthropic = env.ANTHROPIC_API_KEY
    ? createAnthropic({ apiKey: env.ANTHROPIC_API_KEY, baseURL: env.ANTHROPIC_BASE_URL })
    : undefined;
  const ollama = env.OLLAMA_BASE_URL ? createOllama({ baseURL: env.OLLAMA_BASE_URL }) : undefined;
  const compatible = env.OPENAI_COMPATIBLE_BASE_URL
    ? createOpenAICompatible({
        name: 'openai-compatible',
        baseURL: env.OPENAI_COMPATIBLE_BASE_URL,
        apiKey: env.OPENAI_COMPATIBLE_API_KEY,
        includeUsage: true,
      })
    : undefined;

  const missing = (ref: ModelRef): never => {
    throw new Error(`provider ${ref.provider} is not configured`);
  };

  return {
    language(ref: ModelRef, responder: OfflineResponder): LanguageModelV3 {
      switch (ref.provider) {
        // Chat completions: the protocol every OpenAI-style server (and our fake) speaks.
        case 'openai':
          return openai ? openai.chat(ref.model) : missing(ref);
        case 'anthropic':
          return anthropic ? anthropic(ref.model) : missing(ref);
        case 'ollama':
          return ollama ? ollama(ref.model) : missing(ref);
        case 'openai-compatible':
          return compatible ? compatible.chatModel(ref.model) : missing(ref);
        case 'offline':
          return createOfflineModel({ responder, chunkDelayMs: options.offlineChunkDelayMs });
      }
    },
    embedding(ref: ModelChains['embedding']): EmbeddingModelV3 {
      switch (ref.provider) {
        case 'local':
          return createLocalEmbeddingModel();
        case 'openai':
          return openai ? openai.embedding(ref.model) : missing(ref);
        case 'ollama':
          return ollama ? ollama.embedding(ref.model) : missing(ref);
        case 'openai-compatible':
          return compatible ? compatible.textEmbeddingModel(ref.model) : missing(ref);
        default:
          return missing(ref);
      }
    },
  };
}

export type ModelFactory = ReturnType<typeof createModelFactory>;
