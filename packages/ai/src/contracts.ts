// Types shared by the gateway (chains, resilience, providers) and the parts it composes
// (offline model, usage ledger, cache, prompts). Kept in one small file so both sides agree.
import type { ModelMessage } from 'ai';

export type ModelRole = 'chat' | 'task' | 'embedding';

export type ProviderId = 'openai' | 'anthropic' | 'ollama' | 'openai-compatible' | 'offline';

/** One link of a role's chain, parsed from `provider:model` (e.g. `openai:gpt-4.1`). */
export interface ModelRef {
  provider: ProviderId;
  model: string;
}

/**
 * What an assistant answers when no remote model can: rule-based, deterministic and built from
 * the user's own data (the assistant's context), never filler text.
 */
export interface OfflineRequest {
  system: string | undefined;
  messages: ModelMessage[];
  /** The assistant's context as built for this turn (goals, plans, ...), when there is one. */
  context?: unknown;
  /** Set when the caller wants a structured object back (JSON schema of the expected object). */
  objectSchema?: Record<string, unknown>;
  /** Tools the caller offered; the responder may answer with calls to them. */
  toolNames?: string[];
  /** Text already streamed by a failed model; the responder continues after it. */
  partialText?: string;
}

export type OfflineReply =
  | { type: 'text'; text: string }
  | { type: 'object'; object: unknown }
  | { type: 'tool-calls'; text?: string; calls: { toolName: string; input: unknown }[] };

export type OfflineResponder = (request: OfflineRequest) => OfflineReply | Promise<OfflineReply>;

export type AttemptOutcome = 'ok' | 'retried' | 'fell_back' | 'failed' | 'skipped_by_breaker';

/** One attempt against one model: the unit of usage, cost and latency accounting. */
export interface UsageRecord {
  role: ModelRole;
  provider: ProviderId;
  model: string;
  inputTokens: number;
  outputTokens: number;
  cachedInputTokens: number;
  costUsd: number;
  priceTableVersion: string;
  latencyMs: number;
  timeToFirstTokenMs: number | null;
  outcome: AttemptOutcome;
  errorKind?: string;
  requestId?: string;
  userId?: string;
  promptTemplate?: { id: string; version: string };
  at: Date;
}

export interface UsageSink {
  record(usage: UsageRecord): Promise<void> | void;
}
