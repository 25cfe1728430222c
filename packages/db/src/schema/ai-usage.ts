import { sql } from 'drizzle-orm';
import {
  bigserial,
  index,
  integer,
  numeric,
  pgPolicy,
  pgTable,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import { authenticatedRole } from 'drizzle-orm/supabase';
import { authUsers } from './auth-users.ts';

/**
 * One row per attempt against one model (a retried call writes several): the ledger behind
 * cost, latency and fallback reporting. Written by the API's own role; users may read their own
 * rows and never write any.
 */
export const aiUsage = pgTable(
  'ai_usage',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    userId: uuid('user_id').references(() => authUsers.id, { onDelete: 'set null' }),
    requestId: text('request_id'),
    role: text('role').notNull(),
    provider: text('provider').notNull(),
    model: text('model').notNull(),
    inputTokens: integer('input_tokens').default(0).notNull(),
    outputTokens: integer('output_tokens').default(0).notNull(),
    cachedInputTokens: integer('cached_input_tokens').default(0).notNull(),
    costUsd: numeric('cost_usd', { precision: 14, scale: 8, mode: 'number' }).default(0).notNull(),
    priceTableVersion: text('price_table_version').notNull(),
    latencyMs: integer('latency_ms').notNull(),
    timeToFirstTokenMs: integer('time_to_first_token_ms'),
    outcome: text('outcome').notNull(),
    errorKind: text('error_kind'),
    promptTemplate: text('prompt_template'),
    promptVersion: text('prompt_version'),
    createdAt: timestamp('created_at', { withTimezone: true }).defaultNow().notNull(),
  },
  (t) => [
    index('ai_usage_user_created_idx').on(t.userId, t.createdAt),
    index('ai_usage_created_idx').on(t.createdAt),
    pgPolicy('ai_usage_select_own', {
      for: 'select',
      to: authenticatedRole,
      using: sql`${t.userId} = (select auth.uid())`,
    }),
  ],
).enableRLS();
