import { z } from 'zod';
import { ZUuid } from '../../shared/schemas.ts';
import { GOAL_HORIZONS, PRIORITIES, ZIsoDate } from './planner.schemas.ts';

const ZReason = z.string().trim().min(1, { message: 'Every change needs a reason' }).max(500);

/** One change in a proposal's diff; each says why, so the user can judge it. */
export const ZProposalChangeSchema = z.discriminatedUnion('op', [
  z.strictObject({
    op: z.literal('add_item'),
    date: ZIsoDate,
    title: z.string().trim().min(1).max(200),
    goalId: ZUuid.nullish(),
    estimateMinutes: z.number().int().min(0).max(1440).nullish(),
    priority: z.enum(PRIORITIES).optional(),
    reason: ZReason,
  }),
  z.strictObject({
    op: z.literal('move_item'),
    itemId: ZUuid,
    toDate: ZIsoDate,
    reason: ZReason,
  }),
  z.strictObject({
    op: z.literal('complete_item'),
    itemId: ZUuid,
    reason: ZReason,
  }),
  z.strictObject({
    op: z.literal('create_goal'),
    title: z.string().trim().min(1).max(200),
    horizon: z.enum(GOAL_HORIZONS),
    priority: z.enum(PRIORITIES).optional(),
    description: z.string().trim().max(2000).nullish(),
    reason: ZReason,
  }),
]);
export type TProposalChange = z.infer<typeof ZProposalChangeSchema>;

/** A change as shown in the diff: with the current title and date of the item it touches. */
export const ZProposalChangeViewSchema = z.intersection(
  ZProposalChangeSchema,
  z.object({ itemTitle: z.string().optional(), fromDate: z.string().optional() }),
);

export const ZProposalSchema = z.object({
  id: z.uuid(),
  conversationId: z.uuid().nullable(),
  messageId: z.uuid().nullable(),
  summary: z.string(),
  changes: z.array(ZProposalChangeViewSchema),
  status: z.enum(['pending', 'applied', 'rejected']),
  decidedAt: z.date().nullable(),
  createdAt: z.date(),
});
export type TProposal = z.infer<typeof ZProposalSchema>;

export const ZCreateProposalRequestSchema = z.strictObject({
  summary: z.string().trim().min(1).max(500),
  changes: z.array(ZProposalChangeSchema).min(1).max(50),
  conversationId: ZUuid.nullish(),
  messageId: ZUuid.nullish(),
});
export type TCreateProposalRequest = z.infer<typeof ZCreateProposalRequestSchema>;

export const ZListProposalsRequestSchema = z
  .strictObject({
    status: z.enum(['pending', 'applied', 'rejected']).optional(),
    conversationId: ZUuid.optional(),
  })
  .default({});
export type TListProposalsRequest = z.infer<typeof ZListProposalsRequestSchema>;
