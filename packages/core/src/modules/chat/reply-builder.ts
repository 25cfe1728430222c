import type { ChatStreamEvent } from '@waypoint/ai';
import type { UIMessageChunk } from 'ai';
import type { TMessageStatus } from './chat.schemas.ts';

export interface ReplyMetadata {
  models: { provider: string; model: string }[];
  offline: boolean;
  fallbacks: { from: string; to: string; reason: string }[];
  status: TMessageStatus;
}

type Part = Record<string, unknown>;

/**
 * Turns gateway events into AI SDK UI-message chunks for followers, and keeps the message parts
 * to store: one text part that grows, and a part per tool call with its result.
 */
export class ReplyBuilder {
  private text = '';
  private textOpen = false;
  private readonly tools = new Map<string, Part>();
  private readonly order: (string | 'text')[] = [];
  readonly metadata: ReplyMetadata = {
    models: [],
    offline: false,
    fallbacks: [],
    status: 'streaming',
  };
  usage: { inputTokens: number; outputTokens: number } | null = null;
  error: string | null = null;

  constructor(readonly messageId: string) {}

  start(): UIMessageChunk[] {
    return [{ type: 'start', messageId: this.messageId }, { type: 'start-step' }];
  }

  apply(event: ChatStreamEvent): UIMessageChunk[] {
    switch (event.type) {
      case 'model-start': {
        this.metadata.models.push(event.model);
        if (event.model.provider === 'offline') this.metadata.offline = true;
        return [{ type: 'message-metadata', messageMetadata: { ...this.metadata } }];
      }
      case 'fallback': {
        this.metadata.fallbacks.push({
          from: `${event.from.provider}:${event.from.model}`,
          to: `${event.to.provider}:${event.to.model}`,
          reason: event.reason,
        });
        return [{ type: 'message-metadata', messageMetadata: { ...this.metadata } }];
      }
      case 'text-delta': {
        const chunks: UIMessageChunk[] = [];
        // Text resuming after a tool step is a new paragraph, not glued to the last sentence.
        const delta =
          !this.textOpen && this.text.length > 0 && !/\s$/.test(this.text)
            ? `\n\n${event.delta}`
            : event.delta;
        if (!this.textOpen) {
          this.textOpen = true;
          if (!this.order.includes('text')) this.order.push('text');
          chunks.push({ type: 'text-start', id: 'text' });
        }
        this.text += delta;
        chunks.push({ type: 'text-delta', id: 'text', delta });
        return chunks;
      }
      case 'tool-call': {
        const part: Part = {
          type: `tool-${event.toolName}`,
          toolCallId: event.toolCallId,
          state: 'input-available',
          input: event.input,
        };
        this.tools.set(event.toolCallId, part);
        this.order.push(event.toolCallId);
        return [
          ...this.closeText(),
          {
            type: 'tool-input-available',
            toolCallId: event.toolCallId,
            toolName: event.toolName,
            input: event.input,
          },
        ];
      }
      case 'tool-result': {
        const part = this.tools.get(event.toolCallId);
        if (part) Object.assign(part, { state: 'output-available', output: event.output });
        return [
          { type: 'tool-output-available', toolCallId: event.toolCallId, output: event.output },
        ];
      }
      case 'finish':
        this.usage = event.usage;
        this.metadata.offline = event.offline;
        return this.end('complete');
      case 'stopped':
        return this.end('stopped');
      case 'error':
        this.error = event.message;
        return [...this.end('failed'), { type: 'error', errorText: event.message }];
    }
  }

  /** Ends the reply with a status of our own (stopped by the caller, or a server fault). */
  end(status: TMessageStatus): UIMessageChunk[] {
    this.metadata.status = status;
    return [
      ...this.closeText(),
      { type: 'finish-step' },
      { type: 'finish', messageMetadata: { ...this.metadata } },
    ];
  }

  get status(): TMessageStatus {
    return this.metadata.status;
  }

  parts(): Part[] {
    return this.order.map((key) =>
      key === 'text' ? { type: 'text', text: this.text } : (this.tools.get(key) as Part),
    );
  }

  private closeText(): UIMessageChunk[] {
    if (!this.textOpen) return [];
    this.textOpen = false;
    return [{ type: 'text-end', id: 'text' }];
  }
}

/** A stored reply as the chunks a follower would have seen, for replay after it finished. */
export function chunksOfStoredReply(message: {
  id: string;
  parts: unknown[];
  metadata: Record<string, unknown> | null;
  status: TMessageStatus;
  error: string | null;
}): UIMessageChunk[] {
  const chunks: UIMessageChunk[] = [
    { type: 'start', messageId: message.id },
    { type: 'start-step' },
  ];
  for (const raw of message.parts as Part[]) {
    if (raw.type === 'text') {
      chunks.push({ type: 'text-start', id: 'text' });
      chunks.push({ type: 'text-delta', id: 'text', delta: String(raw.text ?? '') });
      chunks.push({ type: 'text-end', id: 'text' });
    } else if (typeof raw.type === 'string' && raw.type.startsWith('tool-')) {
      const toolCallId = String(raw.toolCallId);
      chunks.push({
        type: 'tool-input-available',
        toolCallId,
        toolName: raw.type.slice(5),
        input: raw.input,
      });
      if (raw.state === 'output-available')
        chunks.push({ type: 'tool-output-available', toolCallId, output: raw.output });
    }
  }
  chunks.push({ type: 'finish-step' });
  chunks.push({
    type: 'finish',
    messageMetadata: { ...(message.metadata ?? {}), status: message.status },
  });
  if (message.status === 'failed' && message.error)
    chunks.push({ type: 'error', errorText: message.error });
  return chunks;
}
