import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  index,
  jsonb,
  pgEnum,
  pgTable,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { authUsers } from './auth-users.ts';
import { createdAt, updatedAt } from './columns.ts';
import { ownerPolicies } from './rls.ts';

export const messageRole = pgEnum('message_role', ['user', 'assistant']);
export const messageStatus = pgEnum('message_status', [
  'streaming',
  'complete',
  'stopped',
  'failed',
  'interrupted',
]);

/** One conversation with one assistant, optionally about something (`{ type, id }`). */
export const conversations = pgTable(
  'conversations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => authUsers.id, { onDelete: 'cascade' }),
    assistant: text('assistant').notNull(),
    title: text('title'),
    contextType: text('context_type'),
    contextId: text('context_id'),
    /** The tip of the branch being shown; the active branch is its chain of parents. */
    activeLeafId: uuid('active_leaf_id'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('conversations_user_updated_idx').on(t.userId, t.updatedAt.desc()),
    index('conversations_user_assistant_updated_idx').on(t.userId, t.assistant, t.updatedAt.desc()),
    index('conversations_user_context_idx').on(t.userId, t.contextType, t.contextId),
    ...ownerPolicies('conversations', t.userId),
  ],
).enableRLS();

/**
 * Messages form a tree per conversation (`parent_id`): regenerating adds a sibling reply,
 * editing a user message adds a sibling turn. `parts` holds AI SDK UI-message parts.
 */
export const messages = pgTable(
  'messages',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    conversationId: uuid('conversation_id')
      .notNull()
      .references(() => conversations.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => authUsers.id, { onDelete: 'cascade' }),
    parentId: uuid('parent_id').references((): AnyPgColumn => messages.id, { onDelete: 'cascade' }),
    role: messageRole('role').notNull(),
    parts: jsonb('parts').$type<unknown[]>().notNull(),
    status: messageStatus('status').notNull(),
    models: jsonb('models').$type<{ provider: string; model: string }[]>().default([]).notNull(),
    usage: jsonb('usage').$type<Record<string, unknown>>(),
    metadata: jsonb('metadata').$type<Record<string, unknown>>(),
    error: text('error'),
    /** The client's id for a send, so a retried send stores nothing twice. */
    clientMessageId: text('client_message_id'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('messages_conversation_created_idx').on(t.conversationId, t.createdAt),
    index('messages_parent_idx').on(t.parentId),
    index('messages_streaming_idx').on(t.status).where(sql`status = 'streaming'`),
    uniqueIndex('messages_client_message_id_key')
      .on(t.conversationId, t.clientMessageId)
      .where(sql`client_message_id is not null`),
    ...ownerPolicies('messages', t.userId),
  ],
).enableRLS();
