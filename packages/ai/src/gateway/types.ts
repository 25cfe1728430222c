import type { ModelMessage, ToolSet } from 'ai';
import type { ModelRef, OfflineResponder } from '../contracts.ts';

export interface OfflineOption {
  responder: OfflineResponder;
  /** The assistant's context for this turn, handed to the responder. */
  context?: unknown;
}

export interface CallIdentity {
  requestId?: string;
  userId?: string;
  promptTemplate?: { id: string; version: string };
}

export interface StreamChatInput extends CallIdentity {
  system?: string;
  messages: ModelMessage[];
  tools?: ToolSet;
  offline: OfflineOption;
  abortSignal?: AbortSignal;
  /** Named in the kind message shown when nothing can answer ("The coach is thinking deeply"). */
  assistantName?: string;
  maxSteps?: number;
  /**
   * When given, the reply is prepared (prompt checked and converted) at once, but no model is
   * asked before this resolves: `true` lets the call go, `false` ends the reply as stopped with
   * nothing sent. Chat passes its send's commit: the user's message is stored before any model
   * is called, and the preparation is not on the path to the first token.
   */
  proceed?: PromiseLike<boolean>;
}

export type ChatStreamEvent =
  | { type: 'model-start'; model: ModelRef; continuation: boolean }
  | { type: 'text-delta'; delta: string }
  | { type: 'tool-call'; toolCallId: string; toolName: string; input: unknown }
  | { type: 'tool-result'; toolCallId: string; toolName: string; output: unknown }
  | { type: 'fallback'; from: ModelRef; to: ModelRef; reason: string }
  | {
      type: 'finish';
      modelsUsed: ModelRef[];
      offline: boolean;
      usage: { inputTokens: number; outputTokens: number };
      finishReason: string;
    }
  | { type: 'stopped'; modelsUsed: ModelRef[] }
  | { type: 'error'; message: string; modelsUsed: ModelRef[] };

export const OFFLINE_REF: ModelRef = { provider: 'offline', model: 'offline' };
