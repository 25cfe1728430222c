import type { ModelRef, ProviderId } from '../contracts.ts';
import type { AiEnv } from '../env.ts';

export class AiConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AiConfigError';
  }
}

const PROVIDERS: readonly ProviderId[] = [
  'openai',
  'anthropic',
  'ollama',
  'openai-compatible',
  'offline',
];

/** What each provider needs before a chain may name it, by the variable that provides it. */
const REQUIRED: Record<ProviderId, (keyof AiEnv)[]> = {
  openai: ['OPENAI_API_KEY'],
  anthropic: ['ANTHROPIC_API_KEY'],
  ollama: ['OLLAMA_BASE_URL'],
  'openai-compatible': ['OPENAI_COMPATIBLE_BASE_URL'],
  offline: [],
};

export interface ModelChains {
  chat: ModelRef[];
  task: ModelRef[];
  /** `local` is the built-in hashing embedder; otherwise a provider's embedding model. */
  embedding: ModelRef | { provider: 'local'; model: string };
}

/**
 * Parses `AI_CHAT_MODELS` / `AI_TASK_MODELS` (`provider:model` lists, primary first) and
 * `AI_EMBEDDING_MODEL`. Unknown providers and providers without their key fail here, at start-up,
 * naming the variable to set.
 */
export function parseModelChains(env: AiEnv): ModelChains {
  return {
    chat: parseChain('AI_CHAT_MODELS', env.AI_CHAT_MODELS, env),
    task: parseChain('AI_TASK_MODELS', env.AI_TASK_MODELS, env),
    embedding: parseEmbedding(env),
  };
}

function parseChain(variable: string, value: string | undefined, env: AiEnv): ModelRef[] {
  const entries = (value ?? '')
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);
  if (entries.length === 0) return [{ provider: 'offline', model: 'offline' }];
  const chain = entries.map((entry) => parseRef(variable, entry, env));
  const seen = new Set<string>();
  for (const ref of chain) {
    const key = `${ref.provider}:${ref.model}`;
    if (seen.has(key)) throw new AiConfigError(`${variable} names ${key} twice`);
    seen.add(key);
  }
  return chain;
}

function parseRef(variable: string, entry: string, env: AiEnv): ModelRef {
  if (entry === 'offline') return { provider: 'offline', model: 'offline' };
  const colon = entry.indexOf(':');
  const provider = (colon === -1 ? entry : entry.slice(0, colon)) as ProviderId;
  const model = colon === -1 ? '' : entry.slice(colon + 1);
  if (!PROVIDERS.includes(provider)) {
    throw new AiConfigError(
      `${variable}: unknown provider "${provider}" in "${entry}" (known: ${PROVIDERS.join(', ')})`,
    );
  }
  if (!model) throw new AiConfigError(`${variable}: "${entry}" needs a model, as provider:model`);
  for (const key of REQUIRED[provider]) {
    if (!env[key]) {
      throw new AiConfigError(`${variable} uses ${provider}, which needs ${key} to be set`);
    }
  }
  return { provider, model };
}

function parseEmbedding(env: AiEnv): ModelChains['embedding'] {
  const value = env.AI_EMBEDDING_MODEL?.trim();
  if (!value || value === 'local') return { provider: 'local', model: 'hashing-384' };
  const ref = parseRef('AI_EMBEDDING_MODEL', value, env);
  if (ref.provider === 'anthropic' || ref.provider === 'offline') {
    throw new AiConfigError(`AI_EMBEDDING_MODEL: ${ref.provider} has no embedding models`);
  }
  return ref;
}

export const refKey = (ref: { provider: string; model: string }) => `${ref.provider}:${ref.model}`;
