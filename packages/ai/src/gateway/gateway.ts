import { createHash } from 'node:crypto';
import { embedMany, generateObject, generateText, type ModelMessage } from 'ai';
import { z } from 'zod';
import type { ModelRef, UsageSink } from '../contracts.ts';
import type { AiEnv } from '../env.ts';
import { priceFor } from '../pricing/price-table.ts';
import { parseModelChains, refKey } from '../registry/chains.ts';
import { createModelFactory } from '../registry/providers.ts';
import { BreakerRegistry } from '../resilience/breaker.ts';
import { AiTimeoutError, classifyFailure } from '../resilience/failures.ts';
import { createRetryPolicy } from '../resilience/retry.ts';
import { streamChat } from './stream-chat.ts';
import {
  type CallIdentity,
  OFFLINE_REF,
  type OfflineOption,
  type StreamChatInput,
} from './types.ts';

/** A store for deterministic task replies (in-process LRU, or Redis when configured). */
export interface ResponseCache {
  get(key: string): Promise<string | undefined>;
  set(key: string, value: string, ttlMs: number): Promise<void>;
}

export interface GenerateTaskInput<T> extends CallIdentity {
  system?: string;
  prompt?: string;
  messages?: ModelMessage[];
  schema?: z.ZodType<T>;
  temperature?: number;
  offline: OfflineOption;
}

export interface TaskResult<T> {
  text: string;
  object?: T;
  model: ModelRef;
  offline: boolean;
  cached: boolean;
}

export interface AiGatewayOptions {
  env: AiEnv;
  usageSink?: UsageSink;
  cache?: ResponseCache;
  now?: () => number;
  /** Pause between offline chunks, so offline replies stream visibly. */
  offlineChunkDelayMs?: number;
}

/** The only way Waypoint talks to models: chains by role, one resilience policy, usage for all. */
export function createAiGateway(options: AiGatewayOptions) {
  const { env } = options;
  const chains = parseModelChains(env);
  const models = createModelFactory(env, { offlineChunkDelayMs: options.offlineChunkDelayMs });
  const breakers = new BreakerRegistry({
    consecutive: env.AI_BREAKER_CONSECUTIVE,
    errorRate: env.AI_BREAKER_ERROR_RATE,
    windowMs: env.AI_BREAKER_WINDOW_MS,
    minVolume: env.AI_BREAKER_MIN_VOLUME,
    halfOpenAfterMs: env.AI_BREAKER_HALF_OPEN_MS,
  });
  const now = options.now ?? (() => performance.now());
  const retryPolicy = createRetryPolicy({
    attempts: env.AI_RETRY_ATTEMPTS,
    minMs: env.AI_RETRY_MIN_MS,
    maxMs: env.AI_RETRY_MAX_MS,
  });

  return {
    chains,
    /** True when every chat and task link is the offline model (the UI shows a banner). */
    offlineOnly: [...chains.chat, ...chains.task].every((ref) => ref.provider === 'offline'),
    breakers: () => breakers.states(),

    streamChat: (input: StreamChatInput) =>
      streamChat(
        { env, chain: chains.chat, models, breakers, usageSink: options.usageSink, now },
        input,
      ),

    async generateTask<T>(input: GenerateTaskInput<T>): Promise<TaskResult<T>> {
      const chain = chains.task.some((r) => r.provider === 'offline')
        ? chains.task
        : [...chains.task, OFFLINE_REF];
      const cacheable = Boolean(options.cache && input.schema && input.temperature === 0);
      let lastError: unknown;
      for (const [index, ref] of chain.entries()) {
        const key = cacheable ? cacheKey(ref, input) : undefined;
        if (key && options.cache) {
          const hit = await options.cache.get(key).catch(() => undefined);
          if (hit !== undefined) {
            const object = JSON.parse(hit) as T;
            return {
              text: hit,
              object,
              model: ref,
              offline: ref.provider === 'offline',
              cached: true,
            };
          }
        }
        let attempt = 0;
        const once = async () => {
          attempt += 1;
          const started = now();
          const signal = timeoutSignal(env.AI_TASK_TIMEOUT_MS);
          try {
            const result = await runTask(ref, input, signal);
            recordTask(ref, input, 'ok', now() - started, result.usage);
            return result;
          } catch (raw) {
            const error = signal.aborted ? signal.reason : raw;
            const failure = classifyFailure(error, env.AI_RETRY_MAX_MS);
            const retried = failure.retryable && attempt < env.AI_RETRY_ATTEMPTS;
            recordTask(
              ref,
              input,
              retried ? 'retried' : index < chain.length - 1 ? 'fell_back' : 'failed',
              now() - started,
              undefined,
              failure.kind,
            );
            throw error;
          }
        };
        try {
          const result =
            ref.provider === 'offline'
              ? await once()
              : await retryPolicy.execute(() => breakers.for(refKey(ref)).execute(once));
          if (key && options.cache && result.object !== undefined) {
            await options.cache
              .set(key, JSON.stringify(result.object), env.AI_CACHE_TTL_MS)
              .catch(() => {});
          }
          return {
            text: result.text,
            object: result.object,
            model: ref,
            offline: ref.provider === 'offline',
            cached: false,
          };
        } catch (error) {
          lastError = error;
        }
      }
      throw lastError;
    },

    async embed(values: string[]): Promise<number[][]> {
      const model = models.embedding(chains.embedding);
      if (chains.embedding.provider === 'local') {
        return (await embedMany({ model, values, maxRetries: 0 })).embeddings;
      }
      // No fallback across embedding models: vectors of different models cannot share an index.
      const key = refKey(chains.embedding);
      const { embeddings } = await retryPolicy.execute(() =>
        breakers.for(key).execute(() =>
          embedMany({
            model,
            values,
            maxRetries: 0,
            abortSignal: timeoutSignal(env.AI_TASK_TIMEOUT_MS),
          }),
        ),
      );
      return embeddings;
    },
  };

  async function runTask<T>(ref: ModelRef, input: GenerateTaskInput<T>, abortSignal: AbortSignal) {
    const model = models.language(ref, input.offline.responder);
    const common = {
      model,
      system: input.system,
      maxRetries: 0,
      abortSignal,
      temperature: input.temperature,
      providerOptions: { offline: { context: (input.offline.context ?? null) as never } },
      ...(input.messages ? { messages: input.messages } : { prompt: input.prompt ?? '' }),
    };
    if (input.schema) {
      const result = await generateObject({ ...common, schema: input.schema });
      return {
        text: JSON.stringify(result.object),
        object: result.object as T,
        usage: result.usage,
      };
    }
    const result = await generateText(common);
    return { text: result.text, object: undefined, usage: result.usage };
  }

  function recordTask(
    ref: ModelRef,
    input: CallIdentity,
    outcome: 'ok' | 'retried' | 'fell_back' | 'failed',
    latencyMs: number,
    usage?: {
      inputTokens: number | undefined;
      outputTokens: number | undefined;
      inputTokenDetails?: { cacheReadTokens: number | undefined };
    },
    errorKind?: string,
  ) {
    if (!options.usageSink) return;
    const tokens = {
      inputTokens: usage?.inputTokens ?? 0,
      outputTokens: usage?.outputTokens ?? 0,
      cachedInputTokens: usage?.inputTokenDetails?.cacheReadTokens ?? 0,
    };
    const price = priceFor(ref, tokens);
    void Promise.resolve(
      options.usageSink.record({
        role: 'task',
        provider: ref.provider,
        model: ref.model,
        ...tokens,
        costUsd: price.costUsd,
        priceTableVersion: price.version,
        latencyMs: Math.round(latencyMs),
        timeToFirstTokenMs: null,
        outcome,
        ...(errorKind ? { errorKind } : {}),
        ...(input.requestId ? { requestId: input.requestId } : {}),
        ...(input.userId ? { userId: input.userId } : {}),
        ...(input.promptTemplate ? { promptTemplate: input.promptTemplate } : {}),
        at: new Date(),
      }),
    ).catch(() => {});
  }
}

export type AiGateway = ReturnType<typeof createAiGateway>;

function timeoutSignal(ms: number): AbortSignal {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new AiTimeoutError('total', ms)), ms);
  timer.unref?.();
  return controller.signal;
}

/** Deterministic task replies are keyed on everything that shapes them. */
function cacheKey<T>(ref: ModelRef, input: GenerateTaskInput<T>): string {
  const schema = input.schema ? JSON.stringify(z.toJSONSchema(input.schema)) : '';
  const material = JSON.stringify([
    refKey(ref),
    input.system ?? '',
    input.prompt ?? '',
    input.messages ?? [],
    schema,
    input.promptTemplate ?? null,
  ]);
  return `ai:task:${createHash('sha256').update(material).digest('hex')}`;
}
