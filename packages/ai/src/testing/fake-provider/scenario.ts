/** What the fake provider does with one request. Faults compose with the scripted reply. */
export interface FakeScenario {
  /** Answer with this status and a JSON error body instead of a reply. */
  status?: number;
  /** Sent as `Retry-After` (seconds) with an error status. */
  retryAfterSeconds?: number;
  /** The reply, as the chunks to stream (joined for non-streaming requests). */
  chunks?: string[];
  /** Tool calls to make instead of (or after) text. */
  toolCalls?: { name: string; arguments: Record<string, unknown> }[];
  /** Wait before the response headers (tests connect/first-byte timeouts). */
  firstByteDelayMs?: number;
  /** Wait between chunks (a slow trickle). */
  chunkDelayMs?: number;
  /** Stop sending after this many chunks and keep the connection open (a stall). */
  stallAfter?: number;
  /** Destroy the socket after this many chunks (a drop mid-stream). */
  dropAfter?: number;
  /** Send a chunk that is not valid JSON after this many chunks. */
  malformedAfter?: number;
  usage?: { inputTokens: number; outputTokens: number; cachedInputTokens?: number };
}

export interface RecordedRequest {
  protocol: 'openai' | 'anthropic';
  path: string;
  headers: Record<string, string | string[] | undefined>;
  body: Record<string, unknown>;
  /** Set when the client went away before the reply finished (an abort or a timeout). */
  closedEarly: boolean;
  /** `performance.now()` when the request's body had arrived (benchmarks time the path to it). */
  receivedAt: number;
}

export const DEFAULT_CHUNKS = ['Hello', ' from', ' the', ' fake', ' provider.'];
