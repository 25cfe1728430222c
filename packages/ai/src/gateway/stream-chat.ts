import { setMaxListeners } from 'node:events';
import { type ModelMessage, stepCountIs, streamText, wrapLanguageModel } from 'ai';
import { contextWindowOf, fitToContext } from '../budget/token-budget.ts';
import type { AttemptOutcome, ModelRef, UsageSink } from '../contracts.ts';
import type { AiEnv } from '../env.ts';
import { priceFor } from '../pricing/price-table.ts';
import { refKey } from '../registry/chains.ts';
import type { ModelFactory } from '../registry/providers.ts';
import type { BreakerRegistry } from '../resilience/breaker.ts';
import {
  AiTimeoutError,
  CallCancelledError,
  CallerAbortError,
  classifyFailure,
  PartialStreamError,
} from '../resilience/failures.ts';
import { createRetryPolicy } from '../resilience/retry.ts';
import { callGate } from './call-gate.ts';
import { ContinuationJoiner } from './continuation.ts';
import { EventQueue } from './event-queue.ts';
import { partsOfModel, partsOfStreamText, plainTextPrompt, type ReplyPart } from './reply-parts.ts';
import { type ChatStreamEvent, OFFLINE_REF, type StreamChatInput } from './types.ts';

const CONTINUE_INSTRUCTION =
  'Your previous reply was cut off after the text above. Continue it from exactly where it ' +
  'stopped, without repeating any of it and without commenting on the interruption.';

interface Deps {
  env: AiEnv;
  chain: ModelRef[];
  models: ModelFactory;
  breakers: BreakerRegistry;
  usageSink?: UsageSink;
  now: () => number;
}

/**
 * One chat reply through the role's chain. Each model gets the retry policy (before its first
 * token) inside its circuit breaker; a model that fails — even mid-stream — hands over to the
 * next, which continues the same text. The offline responder answers when the chain is spent.
 */
export function streamChat(deps: Deps, input: StreamChatInput): AsyncIterable<ChatStreamEvent> {
  const queue = new EventQueue<ChatStreamEvent>();
  run(deps, input, queue).finally(() => queue.end());
  return queue;
}

async function run(deps: Deps, input: StreamChatInput, queue: EventQueue<ChatStreamEvent>) {
  const { env } = deps;
  const retryPolicy = createRetryPolicy({
    attempts: env.AI_RETRY_ATTEMPTS,
    minMs: env.AI_RETRY_MIN_MS,
    maxMs: env.AI_RETRY_MAX_MS,
  });
  const chain = deps.chain.some((ref) => ref.provider === 'offline')
    ? deps.chain
    : [...deps.chain, OFFLINE_REF];
  const state = { text: '', modelsUsed: [] as ModelRef[] };

  for (let index = 0; index < chain.length; index++) {
    const ref = chain[index] as ModelRef;
    const next = chain[index + 1];
    const isOffline = ref.provider === 'offline';
    let attempt = 0;
    try {
      const run = () => {
        attempt += 1;
        return attemptStream(deps, input, ref, state, queue, { attempt, hasNext: Boolean(next) });
      };
      const result = isOffline
        ? await run()
        : await retryPolicy.execute(() => deps.breakers.for(refKey(ref)).execute(run));
      queue.push({ type: 'finish', modelsUsed: state.modelsUsed, ...result });
      return;
    } catch (error) {
      if (error instanceof CallerAbortError || input.abortSignal?.aborted) {
        queue.push({ type: 'stopped', modelsUsed: state.modelsUsed });
        return;
      }
      const failure = classifyFailure(error, env.AI_RETRY_MAX_MS);
      if (failure.kind === 'breaker_open') {
        record(deps, input, ref, {
          outcome: 'skipped_by_breaker',
          errorKind: failure.kind,
          latencyMs: 0,
        });
      }
      if (next) queue.push({ type: 'fallback', from: ref, to: next, reason: failure.kind });
    }
  }
  queue.push({
    type: 'error',
    modelsUsed: state.modelsUsed,
    message: `The ${input.assistantName ?? 'assistant'} is thinking deeply — please try again.`,
  });
}

async function attemptStream(
  deps: Deps,
  input: StreamChatInput,
  ref: ModelRef,
  state: { text: string; modelsUsed: ModelRef[] },
  queue: EventQueue<ChatStreamEvent>,
  meta: { attempt: number; hasNext: boolean },
) {
  const { env } = deps;
  const controller = new AbortController();
  // The AI SDK listens on it once per step and per request; many steps are not a leak.
  setMaxListeners(100, controller.signal);
  const onCallerAbort = () => controller.abort(new CallerAbortError());
  if (input.abortSignal?.aborted) throw new CallerAbortError();
  input.abortSignal?.addEventListener('abort', onCallerAbort, { once: true });
  let timer: NodeJS.Timeout | undefined;
  const arm = (kind: 'connect' | 'chunk', ms: number) => {
    clearTimeout(timer);
    timer = setTimeout(() => controller.abort(new AiTimeoutError(kind, ms)), ms);
  };
  const isOffline = ref.provider === 'offline';
  // The connect timeout and the latency figures start when the request may leave.
  const armConnect = () => {
    started = deps.now();
    if (!isOffline) arm('connect', env.AI_CONNECT_TIMEOUT_MS);
  };
  let started = deps.now();
  const model = deps.models.language(ref, input.offline.responder);
  if (!input.proceed) armConnect();

  const partialBefore = state.text;
  const continuation = partialBefore.length > 0;
  const joiner = new ContinuationJoiner(partialBefore);
  const history: ModelMessage[] = continuation
    ? [
        ...input.messages,
        { role: 'assistant', content: partialBefore },
        { role: 'user', content: CONTINUE_INSTRUCTION },
      ]
    : input.messages;
  // Each model gets the conversation fitted to its own window.
  const { messages } = fitToContext({
    system: input.system,
    messages: history,
    contextWindow: contextWindowOf(ref.model, ref.provider),
  });
  let firstTokenAt: number | null = null;
  let announced = false;
  let textThisAttempt = '';

  const announce = () => {
    if (announced) return;
    announced = true;
    state.modelsUsed.push(ref);
    queue.push({ type: 'model-start', model: ref, continuation });
  };
  const emitText = (delta: string) => {
    if (!delta) return;
    announce();
    state.text += delta;
    textThisAttempt += delta;
    queue.push({ type: 'text-delta', delta });
  };

  try {
    const gated = input.proceed
      ? wrapLanguageModel({
          model,
          middleware: callGate(input.proceed, {
            opened: armConnect,
            refused: () => {
              const error = new CallCancelledError();
              controller.abort(error);
              return error;
            },
          }),
        })
      : model;
    const providerOptions = {
      offline: {
        ...(input.offline.context !== undefined ? { context: input.offline.context as never } : {}),
        ...(continuation ? { partialText: partialBefore } : {}),
      },
    };
    // Without tools, over plain text, the model is asked directly (reply-parts.ts); anything
    // else goes through `streamText` and its tool loop.
    const prompt = input.tools ? undefined : plainTextPrompt(input.system, messages);
    const parts = prompt
      ? partsOfModel(gated, { prompt, abortSignal: controller.signal, providerOptions })
      : partsOfStreamText(
          streamText({
            model: gated,
            system: input.system,
            messages,
            tools: input.tools,
            stopWhen: stepCountIs(input.maxSteps ?? 5),
            maxRetries: 0,
            abortSignal: controller.signal,
            // Errors arrive as stream parts and are handled below; the SDK must not log them too.
            onError: () => {},
            providerOptions,
          }).fullStream,
        );
    let finish: Extract<ReplyPart, { type: 'finish' }> | undefined;
    for await (const part of parts) {
      switch (part.type) {
        case 'text-delta':
          if (!isOffline) arm('chunk', env.AI_CHUNK_TIMEOUT_MS);
          firstTokenAt ??= deps.now();
          emitText(joiner.push(part.text));
          break;
        case 'tool-call':
          if (!isOffline) arm('chunk', env.AI_CHUNK_TIMEOUT_MS);
          announce();
          queue.push(part);
          break;
        case 'tool-result':
          queue.push(part);
          break;
        case 'error':
          throw part.error;
        case 'abort':
          throw controller.signal.reason ?? new CallerAbortError();
        case 'finish':
          finish = part;
          break;
        default:
          break;
      }
    }
    emitText(joiner.flush());
    announce();
    const usage = finish?.usage ?? { inputTokens: 0, outputTokens: 0, cached: 0 };
    record(deps, input, ref, {
      outcome: 'ok',
      latencyMs: deps.now() - started,
      timeToFirstTokenMs: firstTokenAt === null ? null : firstTokenAt - started,
      usage,
    });
    return {
      offline: isOffline,
      usage: { inputTokens: usage.inputTokens, outputTokens: usage.outputTokens },
      finishReason: finish?.reason ?? 'stop',
    };
  } catch (raw) {
    const reason = controller.signal.aborted ? controller.signal.reason : raw;
    if (reason instanceof CallerAbortError) {
      // A call called off before it was made is no attempt: nothing to record.
      if (!(reason instanceof CallCancelledError))
        record(deps, input, ref, {
          outcome: 'failed',
          errorKind: 'stopped',
          latencyMs: deps.now() - started,
        });
      throw reason;
    }
    const error =
      textThisAttempt.length > 0 ? new PartialStreamError(textThisAttempt, reason) : reason;
    const failure = classifyFailure(error, env.AI_RETRY_MAX_MS);
    const willRetry = failure.retryable && meta.attempt < env.AI_RETRY_ATTEMPTS;
    const outcome: AttemptOutcome = willRetry ? 'retried' : meta.hasNext ? 'fell_back' : 'failed';
    record(deps, input, ref, {
      outcome,
      errorKind: failure.kind,
      latencyMs: deps.now() - started,
      timeToFirstTokenMs: firstTokenAt === null ? null : firstTokenAt - started,
    });
    throw error;
  } finally {
    clearTimeout(timer);
    input.abortSignal?.removeEventListener('abort', onCallerAbort);
  }
}

function record(
  deps: Deps,
  input: StreamChatInput,
  ref: ModelRef,
  attempt: {
    outcome: AttemptOutcome;
    latencyMs: number;
    errorKind?: string;
    timeToFirstTokenMs?: number | null;
    usage?: { inputTokens: number; outputTokens: number; cached: number };
  },
) {
  if (!deps.usageSink) return;
  const usage = attempt.usage ?? { inputTokens: 0, outputTokens: 0, cached: 0 };
  const price = priceFor(ref, {
    inputTokens: usage.inputTokens,
    outputTokens: usage.outputTokens,
    cachedInputTokens: usage.cached,
  });
  try {
    void deps.usageSink.record({
      role: 'chat',
      provider: ref.provider,
      model: ref.model,
      inputTokens: usage.inputTokens,
      outputTokens: usage.outputTokens,
      cachedInputTokens: usage.cached,
      costUsd: price.costUsd,
      priceTableVersion: price.version,
      latencyMs: Math.round(attempt.latencyMs),
      timeToFirstTokenMs:
        attempt.timeToFirstTokenMs == null ? null : Math.round(attempt.timeToFirstTokenMs),
      outcome: attempt.outcome,
      ...(attempt.errorKind ? { errorKind: attempt.errorKind } : {}),
      ...(input.requestId ? { requestId: input.requestId } : {}),
      ...(input.userId ? { userId: input.userId } : {}),
      ...(input.promptTemplate ? { promptTemplate: input.promptTemplate } : {}),
      at: new Date(),
    });
  } catch {
    // Accounting must never break a reply.
  }
}
