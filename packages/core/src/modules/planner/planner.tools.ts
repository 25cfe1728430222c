import type { Principal } from '@waypoint/auth';
import { type ToolSet, tool } from 'ai';
import { z } from 'zod';
import { DomainError } from '../../errors/domain-errors.ts';
import { GOAL_HORIZONS, PRIORITIES, ZIsoDate } from './planner.schemas.ts';
import type { TProposalChange } from './proposals.schemas.ts';
import type { ProposalsService } from './proposals.service.ts';

export interface PlannerToolRun {
  principal: Principal;
  conversationId: string | null;
  messageId: string | null;
}

const reason = z.string().min(1).describe('Why this change helps, in one sentence for the user');

/**
 * The planner assistant's tools. None of them changes the plan: each stores a proposal the user
 * applies or rejects. A refused proposal (a pinned item, an unknown id) comes back to the model
 * as an error it can explain, instead of failing the turn.
 */
export function plannerTools(proposals: ProposalsService, run: PlannerToolRun): ToolSet {
  const propose = async (summary: string, changes: TProposalChange[]) => {
    try {
      const proposal = await proposals.create(run.principal, {
        summary,
        changes,
        conversationId: run.conversationId,
        messageId: run.messageId,
      });
      return { proposalId: proposal.id, status: 'pending', changes: proposal.changes.length };
    } catch (error) {
      if (error instanceof DomainError) return { error: error.message };
      throw error;
    }
  };

  return {
    propose_day_items: tool({
      description:
        'Propose new items for one day (the user must accept). Link items to a goal by its id.',
      inputSchema: z.object({
        date: ZIsoDate.describe('YYYY-MM-DD'),
        items: z
          .array(
            z.object({
              title: z.string().min(1).max(200),
              goalId: z.uuid().nullish().describe('Id of the goal this item advances'),
              estimateMinutes: z.number().int().min(5).max(600).nullish(),
              priority: z.enum(PRIORITIES).optional(),
              reason,
            }),
          )
          .min(1)
          .max(10),
      }),
      execute: ({ date, items }) =>
        propose(
          `Add ${items.length} item(s) on ${date}`,
          items.map((item) => ({ op: 'add_item' as const, date, ...item })),
        ),
    }),
    move_item: tool({
      description: 'Propose moving an unpinned item to another day. Pinned items never move.',
      inputSchema: z.object({ itemId: z.uuid(), toDate: ZIsoDate, reason }),
      execute: (input) =>
        propose(`Move an item to ${input.toDate}`, [{ op: 'move_item', ...input }]),
    }),
    mark_item_done: tool({
      description: 'Propose marking an item done, e.g. when the user says they finished it.',
      inputSchema: z.object({ itemId: z.uuid(), reason }),
      execute: (input) => propose('Mark an item done', [{ op: 'complete_item', ...input }]),
    }),
    create_goal: tool({
      description: 'Propose a new goal the user mentioned but has not recorded.',
      inputSchema: z.object({
        title: z.string().min(1).max(200),
        horizon: z.enum(GOAL_HORIZONS),
        priority: z.enum(PRIORITIES).optional(),
        description: z.string().max(2000).nullish(),
        reason,
      }),
      execute: (input) =>
        propose(`Create the goal "${input.title}"`, [{ op: 'create_goal', ...input }]),
    }),
  };
}
