import { z } from 'zod';
import { ZUuid } from '../../shared/schemas.ts';

export const MESSAGE_STATUSES = [
  'streaming',
  'complete',
  'stopped',
  'failed',
  'interrupted',
] as const;
export type TMessageStatus = (typeof MESSAGE_STATUSES)[number];

const ZAssistantId = z.string().regex(/^[a-z][a-z0-9_-]{0,39}$/, 'Unknown assistant');
const ZTitle = z.string().trim().min(1, 'Title cannot be empty').max(120);
export const ZMessageText = z.string().trim().min(1, 'Message cannot be empty').max(20_000);

export const ZConversationContext = z.strictObject({
  type: z.string().regex(/^[a-z_]{1,40}$/),
  id: z.string().min(1).max(100),
});

export const ZCreateConversationRequest = z.strictObject({
  assistant: ZAssistantId,
  title: ZTitle.optional(),
  context: ZConversationContext.nullish(),
});

export const ZListConversationsRequest = z.strictObject({
  assistant: ZAssistantId.optional(),
  context: ZConversationContext.optional(),
  limit: z.number().int().min(1).max(100).default(20),
  /** Opaque cursor from the previous page. */
  cursor: z.string().max(200).nullish(),
});

export const ZGetConversationRequest = z.strictObject({
  id: ZUuid,
  /** Show the branch through this message (the branch switcher); it becomes the active one. */
  branchMessageId: ZUuid.optional(),
});

export const ZRenameConversationRequest = z.strictObject({ id: ZUuid, title: ZTitle });
export const ZByIdRequest = z.strictObject({ id: ZUuid });

export const ZSendRequest = z.strictObject({
  conversationId: ZUuid,
  text: ZMessageText,
  /** The client's id for this send: a retry with the same id stores nothing twice. */
  clientMessageId: z.string().min(8).max(100),
});

export const ZStreamRequest = z.strictObject({
  assistantMessageId: ZUuid,
  /** Set by the SSE link on reconnect: only events after it are replayed. */
  lastEventId: z.string().max(40).nullish(),
});

export const ZMessageIdRequest = z.strictObject({ assistantMessageId: ZUuid });
export const ZEditRequest = z.strictObject({ messageId: ZUuid, text: ZMessageText });

const ZModelRef = z.object({ provider: z.string(), model: z.string() });

export const ZMessage = z.object({
  id: ZUuid,
  parentId: ZUuid.nullable(),
  role: z.enum(['user', 'assistant']),
  parts: z.array(z.record(z.string(), z.unknown())),
  status: z.enum(MESSAGE_STATUSES),
  models: z.array(ZModelRef),
  usage: z.record(z.string(), z.unknown()).nullable(),
  metadata: z.record(z.string(), z.unknown()).nullable(),
  error: z.string().nullable(),
  createdAt: z.date(),
  /** This message and its alternatives (regenerations or edits), in creation order. */
  siblings: z.object({ ids: z.array(ZUuid), index: z.number().int() }),
});
export type TMessage = z.infer<typeof ZMessage>;

export const ZConversationSummary = z.object({
  id: ZUuid,
  assistant: z.string(),
  title: z.string().nullable(),
  context: ZConversationContext.nullable(),
  createdAt: z.date(),
  updatedAt: z.date(),
});
export type TConversationSummary = z.infer<typeof ZConversationSummary>;

export const ZConversation = ZConversationSummary.extend({ messages: z.array(ZMessage) });
export type TConversation = z.infer<typeof ZConversation>;

export const ZConversationPage = z.object({
  items: z.array(ZConversationSummary),
  nextCursor: z.string().nullable(),
});

export const ZSendResult = z.object({ userMessageId: ZUuid, assistantMessageId: ZUuid });
