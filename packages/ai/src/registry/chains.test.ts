import { describe, expect, it } from 'vitest';
import { loadAiEnv } from '../env.ts';
import { parseModelChains } from './chains.ts';

const parse = (env: Record<string, string>) => parseModelChains(loadAiEnv(env));

describe('model chains', () => {
  it('default to offline chat and task models and local embeddings', () => {
    expect(parse({})).toEqual({
      chat: [{ provider: 'offline', model: 'offline' }],
      task: [{ provider: 'offline', model: 'offline' }],
      embedding: { provider: 'local', model: 'hashing-384' },
    });
  });

  it('parse ordered provider:model chains', () => {
    const chains = parse({
      AI_CHAT_MODELS: 'openai:gpt-4.1, ollama:llama3.2:3b, offline',
      OPENAI_API_KEY: 'k',
      OLLAMA_BASE_URL: 'http://127.0.0.1:11434/api',
    });
    expect(chains.chat).toEqual([
      { provider: 'openai', model: 'gpt-4.1' },
      { provider: 'ollama', model: 'llama3.2:3b' },
      { provider: 'offline', model: 'offline' },
    ]);
  });

  it('fail at start-up naming the variable', () => {
    expect(() => parse({ AI_CHAT_MODELS: 'mistral:large' })).toThrow(
      /AI_CHAT_MODELS: unknown provider "mistral"/,
    );
    expect(() => parse({ AI_TASK_MODELS: 'anthropic:claude-haiku-4-5' })).toThrow(
      /AI_TASK_MODELS uses anthropic, which needs ANTHROPIC_API_KEY/,
    );
    expect(() => parse({ AI_CHAT_MODELS: 'openai-compatible:x' })).toThrow(
      /OPENAI_COMPATIBLE_BASE_URL/,
    );
    expect(() => parse({ AI_EMBEDDING_MODEL: 'anthropic:x', ANTHROPIC_API_KEY: 'k' })).toThrow(
      /no embedding models/,
    );
  });
});
