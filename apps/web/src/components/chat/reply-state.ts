/** A message as the chat component shows it, built from stored parts or from streamed chunks. */
export interface ChatPart {
  type: string;
  text?: string;
  toolCallId?: string;
  state?: string;
  input?: unknown;
  output?: unknown;
}

export interface ReplyMetadata {
  models?: { provider: string; model: string }[];
  offline?: boolean;
  fallbacks?: { from: string; to: string; reason: string }[];
  status?: string;
}

export interface LiveReply {
  id: string;
  parts: ChatPart[];
  metadata: ReplyMetadata;
  status: 'streaming' | 'complete' | 'stopped' | 'failed' | 'interrupted';
  error?: string;
}

export type UiChunk =
  | { type: 'start'; messageId?: string }
  | { type: 'text-start'; id: string }
  | { type: 'text-delta'; id: string; delta: string }
  | { type: 'text-end'; id: string }
  | { type: 'tool-input-available'; toolCallId: string; toolName: string; input: unknown }
  | { type: 'tool-output-available'; toolCallId: string; output: unknown }
  | { type: 'message-metadata'; messageMetadata: ReplyMetadata }
  | { type: 'finish'; messageMetadata?: ReplyMetadata }
  | { type: 'error'; errorText: string }
  | { type: string };

/**
 * Folds AI SDK UI-message chunks into a reply. `start` resets it, so a replay from the first
 * event (after a reload) rebuilds the reply instead of doubling it.
 */
export function applyChunk(reply: LiveReply, chunk: UiChunk): LiveReply {
  switch (chunk.type) {
    case 'start':
      return { id: reply.id, parts: [], metadata: {}, status: 'streaming' };
    case 'text-delta': {
      const { delta } = chunk as { delta: string };
      const parts = [...reply.parts];
      const last = parts.at(-1);
      if (last?.type === 'text')
        parts[parts.length - 1] = { ...last, text: (last.text ?? '') + delta };
      else parts.push({ type: 'text', text: delta });
      return { ...reply, parts };
    }
    case 'tool-input-available': {
      const c = chunk as { toolCallId: string; toolName: string; input: unknown };
      return {
        ...reply,
        parts: [
          ...reply.parts,
          {
            type: `tool-${c.toolName}`,
            toolCallId: c.toolCallId,
            state: 'input-available',
            input: c.input,
          },
        ],
      };
    }
    case 'tool-output-available': {
      const c = chunk as { toolCallId: string; output: unknown };
      return {
        ...reply,
        parts: reply.parts.map((p) =>
          p.toolCallId === c.toolCallId ? { ...p, state: 'output-available', output: c.output } : p,
        ),
      };
    }
    case 'message-metadata':
      return {
        ...reply,
        metadata: {
          ...reply.metadata,
          ...(chunk as { messageMetadata: ReplyMetadata }).messageMetadata,
        },
      };
    case 'finish': {
      const metadata = {
        ...reply.metadata,
        ...((chunk as { messageMetadata?: ReplyMetadata }).messageMetadata ?? {}),
      };
      const status = (metadata.status as LiveReply['status'] | undefined) ?? 'complete';
      return { ...reply, metadata, status: status === 'streaming' ? 'complete' : status };
    }
    case 'error':
      return { ...reply, status: 'failed', error: (chunk as { errorText: string }).errorText };
    default:
      return reply;
  }
}

export function textOf(parts: ChatPart[]): string {
  return parts
    .filter((p) => p.type === 'text')
    .map((p) => p.text ?? '')
    .join('');
}
