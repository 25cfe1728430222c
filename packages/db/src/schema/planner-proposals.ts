import { index, jsonb, pgEnum, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { authUsers } from './auth-users.ts';
import { createdAt, updatedAt } from './columns.ts';
import { ownerPolicies } from './rls.ts';

export const proposalStatus = pgEnum('proposal_status', ['pending', 'applied', 'rejected']);

/**
 * A change to the user's plan suggested by the planner assistant. Nothing in it touches the plan
 * until the user applies it; each change carries the reason shown beside it in the diff.
 * `changes` holds a list of tagged operations (add_item, move_item, complete_item, create_goal).
 */
export const plannerProposals = pgTable(
  'planner_proposals',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => authUsers.id, { onDelete: 'cascade' }),
    /** The conversation and assistant message that proposed it (no FK: chats may be deleted). */
    conversationId: uuid('conversation_id'),
    messageId: uuid('message_id'),
    summary: text('summary').notNull(),
    changes: jsonb('changes').$type<unknown[]>().notNull(),
    status: proposalStatus('status').default('pending').notNull(),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('planner_proposals_user_status_idx').on(t.userId, t.status, t.createdAt),
    index('planner_proposals_conversation_idx').on(t.conversationId),
    ...ownerPolicies('planner_proposals', t.userId),
  ],
).enableRLS();
