import { z } from 'zod';
import { ZUuid } from '../../shared/schemas.ts';
import { isIsoDate, isMonday } from './planner.dates.ts';

export const GOAL_HORIZONS = ['short', 'medium', 'long'] as const;
export const GOAL_STATUSES = ['active', 'completed', 'paused', 'cancelled'] as const;
export const PRIORITIES = ['low', 'medium', 'high', 'urgent'] as const;
export const PLAN_STATUSES = ['draft', 'active', 'completed'] as const;
export const ITEM_STATUSES = ['todo', 'in_progress', 'done', 'skipped'] as const;

export const ZIsoDate = z
  .string()
  .refine(isIsoDate, { message: 'Must be a date in YYYY-MM-DD format' });
export const ZWeekStart = ZIsoDate.refine(isMonday, { message: 'Week must start on a Monday' });

const ZTitle = z
  .string()
  .trim()
  .min(1, { message: 'Title cannot be empty' })
  .max(200, { message: 'Title is at most 200 characters' });
const ZLongText = z.string().trim().max(5000, { message: 'At most 5000 characters' });
const ZEstimate = z
  .number()
  .int({ message: 'Estimate is whole minutes' })
  .min(0)
  .max(1440, { message: 'Estimate is at most 1440 minutes (a day)' });

// Goals
export const ZGoalSchema = z.object({
  id: z.uuid(),
  title: z.string(),
  description: z.string().nullable(),
  horizon: z.enum(GOAL_HORIZONS),
  status: z.enum(GOAL_STATUSES),
  priority: z.enum(PRIORITIES),
  targetDate: z.string().nullable(),
  createdAt: z.date(),
  updatedAt: z.date(),
});
export type TGoal = z.infer<typeof ZGoalSchema>;

export const ZListGoalsRequestSchema = z
  .strictObject({
    status: z.enum(GOAL_STATUSES).optional(),
    horizon: z.enum(GOAL_HORIZONS).optional(),
  })
  .default({});
export type TListGoalsRequest = z.infer<typeof ZListGoalsRequestSchema>;

export const ZByIdRequestSchema = z.strictObject({ id: ZUuid });

export const ZCreateGoalRequestSchema = z.strictObject({
  title: ZTitle,
  description: ZLongText.nullish(),
  horizon: z.enum(GOAL_HORIZONS),
  status: z.enum(GOAL_STATUSES).optional(),
  priority: z.enum(PRIORITIES).optional(),
  targetDate: ZIsoDate.nullish(),
});
export type TCreateGoalRequest = z.infer<typeof ZCreateGoalRequestSchema>;

export const ZUpdateGoalRequestSchema = ZCreateGoalRequestSchema.partial().extend({ id: ZUuid });
export type TUpdateGoalRequest = z.infer<typeof ZUpdateGoalRequestSchema>;

// Plans
export const ZPlanItemSchema = z.object({
  id: z.uuid(),
  date: z.string(),
  goalId: z.uuid().nullable(),
  title: z.string(),
  notes: z.string().nullable(),
  status: z.enum(ITEM_STATUSES),
  priority: z.enum(PRIORITIES),
  position: z.number().int(),
  estimateMinutes: z.number().int().nullable(),
  pinned: z.boolean(),
  createdAt: z.date(),
  updatedAt: z.date(),
});
export type TPlanItem = z.infer<typeof ZPlanItemSchema>;

export const ZDaySchema = z.object({
  date: z.string(),
  /** False for a day nobody planned yet: it is shown empty, not stored. */
  exists: z.boolean(),
  summary: z.string().nullable(),
  status: z.enum(PLAN_STATUSES),
  items: z.array(ZPlanItemSchema),
});
export type TDay = z.infer<typeof ZDaySchema>;

export const ZWeekSchema = z.object({
  weekStart: z.string(),
  exists: z.boolean(),
  summary: z.string().nullable(),
  focusAreas: z.array(z.string()),
  status: z.enum(PLAN_STATUSES),
  days: z.array(ZDaySchema),
});
export type TWeek = z.infer<typeof ZWeekSchema>;

export const ZGetWeekRequestSchema = z.strictObject({ weekStart: ZWeekStart });
export const ZUpsertWeekRequestSchema = z.strictObject({
  weekStart: ZWeekStart,
  summary: ZLongText.nullish(),
  focusAreas: z.array(z.string().trim().min(1).max(100)).max(10).optional(),
  status: z.enum(PLAN_STATUSES).optional(),
});
export type TUpsertWeekRequest = z.infer<typeof ZUpsertWeekRequestSchema>;

export const ZGetDayRequestSchema = z.strictObject({ date: ZIsoDate });
export const ZUpsertDayRequestSchema = z.strictObject({
  date: ZIsoDate,
  summary: ZLongText.nullish(),
  status: z.enum(PLAN_STATUSES).optional(),
});
export type TUpsertDayRequest = z.infer<typeof ZUpsertDayRequestSchema>;

export const ZCreateItemRequestSchema = z.strictObject({
  date: ZIsoDate,
  title: ZTitle,
  notes: ZLongText.nullish(),
  goalId: ZUuid.nullish(),
  priority: z.enum(PRIORITIES).optional(),
  status: z.enum(ITEM_STATUSES).optional(),
  estimateMinutes: ZEstimate.nullish(),
  pinned: z.boolean().optional(),
});
export type TCreateItemRequest = z.infer<typeof ZCreateItemRequestSchema>;

export const ZUpdateItemRequestSchema = z.strictObject({
  id: ZUuid,
  title: ZTitle.optional(),
  notes: ZLongText.nullish(),
  goalId: ZUuid.nullish(),
  priority: z.enum(PRIORITIES).optional(),
  status: z.enum(ITEM_STATUSES).optional(),
  estimateMinutes: ZEstimate.nullish(),
  pinned: z.boolean().optional(),
});
export type TUpdateItemRequest = z.infer<typeof ZUpdateItemRequestSchema>;

export const ZMoveItemRequestSchema = z.strictObject({
  id: ZUuid,
  toDate: ZIsoDate,
  /** Position in the target day; appended at the end when omitted. */
  toIndex: z.number().int().min(0).optional(),
});
export type TMoveItemRequest = z.infer<typeof ZMoveItemRequestSchema>;

export const ZReorderItemsRequestSchema = z.strictObject({
  date: ZIsoDate,
  itemIds: z.array(ZUuid).max(500),
});
export type TReorderItemsRequest = z.infer<typeof ZReorderItemsRequestSchema>;

// Review
const ZProgressSchema = z.object({
  itemsPlanned: z.number().int(),
  itemsDone: z.number().int(),
  minutesPlanned: z.number().int(),
  minutesDone: z.number().int(),
});
export type TProgress = z.infer<typeof ZProgressSchema>;

export const ZWeekReviewSchema = z.object({
  weekStart: z.string(),
  goals: z.array(
    ZProgressSchema.extend({
      goalId: z.uuid(),
      title: z.string(),
      status: z.enum(GOAL_STATUSES),
      priority: z.enum(PRIORITIES),
    }),
  ),
  unlinked: ZProgressSchema,
  totals: ZProgressSchema,
});
export type TWeekReview = z.infer<typeof ZWeekReviewSchema>;
