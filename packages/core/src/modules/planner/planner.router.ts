import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import { protectedProcedure } from '../../trpc/procedures.ts';
import {
  ZByIdRequestSchema,
  ZCreateGoalRequestSchema,
  ZCreateItemRequestSchema,
  ZDaySchema,
  ZGetDayRequestSchema,
  ZGetWeekRequestSchema,
  ZGoalSchema,
  ZListGoalsRequestSchema,
  ZMoveItemRequestSchema,
  ZPlanItemSchema,
  ZReorderItemsRequestSchema,
  ZUpdateGoalRequestSchema,
  ZUpdateItemRequestSchema,
  ZUpsertDayRequestSchema,
  ZUpsertWeekRequestSchema,
  ZWeekReviewSchema,
  ZWeekSchema,
} from './planner.schemas.ts';
import { ZListProposalsRequestSchema, ZProposalSchema } from './proposals.schemas.ts';

const ZDeletedSchema = z.object({ id: z.uuid() });

const goals = {
  list: protectedProcedure
    .input(ZListGoalsRequestSchema)
    .output(z.array(ZGoalSchema))
    .query(({ ctx, input }) => ctx.services.planner.goals.list(ctx.principal, input)),
  get: protectedProcedure
    .input(ZByIdRequestSchema)
    .output(ZGoalSchema)
    .query(({ ctx, input }) => ctx.services.planner.goals.get(ctx.principal, input.id)),
  create: protectedProcedure
    .input(ZCreateGoalRequestSchema)
    .output(ZGoalSchema)
    .mutation(({ ctx, input }) => ctx.services.planner.goals.create(ctx.principal, input)),
  update: protectedProcedure
    .input(ZUpdateGoalRequestSchema)
    .output(ZGoalSchema)
    .mutation(({ ctx, input }) => ctx.services.planner.goals.update(ctx.principal, input)),
  delete: protectedProcedure
    .input(ZByIdRequestSchema)
    .output(ZDeletedSchema)
    .mutation(({ ctx, input }) => ctx.services.planner.goals.delete(ctx.principal, input.id)),
} satisfies TRPCRouterRecord;

const weeks = {
  get: protectedProcedure
    .input(ZGetWeekRequestSchema)
    .output(ZWeekSchema)
    .query(({ ctx, input }) => ctx.services.planner.plans.getWeek(ctx.principal, input.weekStart)),
  upsert: protectedProcedure
    .input(ZUpsertWeekRequestSchema)
    .output(ZWeekSchema)
    .mutation(({ ctx, input }) => ctx.services.planner.plans.upsertWeek(ctx.principal, input)),
} satisfies TRPCRouterRecord;

const days = {
  get: protectedProcedure
    .input(ZGetDayRequestSchema)
    .output(ZDaySchema)
    .query(({ ctx, input }) => ctx.services.planner.plans.getDay(ctx.principal, input.date)),
  upsert: protectedProcedure
    .input(ZUpsertDayRequestSchema)
    .output(ZDaySchema)
    .mutation(({ ctx, input }) => ctx.services.planner.plans.upsertDay(ctx.principal, input)),
} satisfies TRPCRouterRecord;

const items = {
  create: protectedProcedure
    .input(ZCreateItemRequestSchema)
    .output(ZPlanItemSchema)
    .mutation(({ ctx, input }) => ctx.services.planner.plans.createItem(ctx.principal, input)),
  update: protectedProcedure
    .input(ZUpdateItemRequestSchema)
    .output(ZPlanItemSchema)
    .mutation(({ ctx, input }) => ctx.services.planner.plans.updateItem(ctx.principal, input)),
  move: protectedProcedure
    .input(ZMoveItemRequestSchema)
    .output(ZPlanItemSchema)
    .mutation(({ ctx, input }) => ctx.services.planner.plans.moveItem(ctx.principal, input)),
  delete: protectedProcedure
    .input(ZByIdRequestSchema)
    .output(ZDeletedSchema)
    .mutation(({ ctx, input }) => ctx.services.planner.plans.deleteItem(ctx.principal, input.id)),
  reorder: protectedProcedure
    .input(ZReorderItemsRequestSchema)
    .output(ZDaySchema)
    .mutation(({ ctx, input }) => ctx.services.planner.plans.reorderItems(ctx.principal, input)),
} satisfies TRPCRouterRecord;

const review = {
  week: protectedProcedure
    .input(ZGetWeekRequestSchema)
    .output(ZWeekReviewSchema)
    .query(({ ctx, input }) => ctx.services.planner.review.week(ctx.principal, input.weekStart)),
} satisfies TRPCRouterRecord;

const proposals = {
  list: protectedProcedure
    .input(ZListProposalsRequestSchema)
    .output(z.array(ZProposalSchema))
    .query(({ ctx, input }) => ctx.services.planner.proposals.list(ctx.principal, input)),
  get: protectedProcedure
    .input(ZByIdRequestSchema)
    .output(ZProposalSchema)
    .query(({ ctx, input }) => ctx.services.planner.proposals.get(ctx.principal, input.id)),
  apply: protectedProcedure
    .input(ZByIdRequestSchema)
    .output(ZProposalSchema)
    .mutation(({ ctx, input }) => ctx.services.planner.proposals.apply(ctx.principal, input.id)),
  reject: protectedProcedure
    .input(ZByIdRequestSchema)
    .output(ZProposalSchema)
    .mutation(({ ctx, input }) => ctx.services.planner.proposals.reject(ctx.principal, input.id)),
} satisfies TRPCRouterRecord;

export const plannerRouter = {
  goals,
  weeks,
  days,
  items,
  review,
  proposals,
} satisfies TRPCRouterRecord;
