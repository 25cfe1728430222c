import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  date,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  text,
  unique,
  uuid,
} from 'drizzle-orm/pg-core';
import { authUsers } from './auth-users.ts';
import { createdAt, updatedAt } from './columns.ts';
import { ownerPolicies } from './rls.ts';

export const goalHorizon = pgEnum('goal_horizon', ['short', 'medium', 'long']);
export const goalStatus = pgEnum('goal_status', ['active', 'completed', 'paused', 'cancelled']);
/** Declared low → urgent so that `order by priority desc` puts urgent first. */
export const priority = pgEnum('priority', ['low', 'medium', 'high', 'urgent']);
export const planStatus = pgEnum('plan_status', ['draft', 'active', 'completed']);
export const planItemStatus = pgEnum('plan_item_status', [
  'todo',
  'in_progress',
  'done',
  'skipped',
]);

const owner = () =>
  uuid('user_id')
    .notNull()
    .references(() => authUsers.id, { onDelete: 'cascade' });

export const goals = pgTable(
  'goals',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: owner(),
    title: text('title').notNull(),
    description: text('description'),
    horizon: goalHorizon('horizon').notNull(),
    status: goalStatus('status').default('active').notNull(),
    priority: priority('priority').default('medium').notNull(),
    targetDate: date('target_date', { mode: 'string' }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('goals_user_status_priority_idx').on(t.userId, t.status, t.priority),
    check('goals_title_not_blank', sql`length(trim(${t.title})) > 0`),
    ...ownerPolicies('goals', t.userId),
  ],
).enableRLS();

export const weeklyPlans = pgTable(
  'weekly_plans',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: owner(),
    weekStart: date('week_start', { mode: 'string' }).notNull(),
    summary: text('summary'),
    focusAreas: jsonb('focus_areas').$type<string[]>().default([]).notNull(),
    status: planStatus('status').default('draft').notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    unique('weekly_plans_user_week_key').on(t.userId, t.weekStart),
    check('weekly_plans_week_start_is_monday', sql`extract(isodow from ${t.weekStart}) = 1`),
    ...ownerPolicies('weekly_plans', t.userId),
  ],
).enableRLS();

export const dailyPlans = pgTable(
  'daily_plans',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: owner(),
    date: date('date', { mode: 'string' }).notNull(),
    summary: text('summary'),
    status: planStatus('status').default('draft').notNull(),
    weeklyPlanId: uuid('weekly_plan_id').references(() => weeklyPlans.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    unique('daily_plans_user_date_key').on(t.userId, t.date),
    index('daily_plans_weekly_plan_idx').on(t.weeklyPlanId),
    ...ownerPolicies('daily_plans', t.userId),
  ],
).enableRLS();

export const planItems = pgTable(
  'plan_items',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: owner(),
    dailyPlanId: uuid('daily_plan_id')
      .notNull()
      .references(() => dailyPlans.id, { onDelete: 'cascade' }),
    goalId: uuid('goal_id').references(() => goals.id, { onDelete: 'set null' }),
    title: text('title').notNull(),
    notes: text('notes'),
    status: planItemStatus('status').default('todo').notNull(),
    priority: priority('priority').default('medium').notNull(),
    position: integer('position').notNull(),
    estimateMinutes: integer('estimate_minutes'),
    pinned: boolean('pinned').default(false).notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('plan_items_day_position_idx').on(t.dailyPlanId, t.position),
    index('plan_items_user_goal_idx').on(t.userId, t.goalId),
    check('plan_items_title_not_blank', sql`length(trim(${t.title})) > 0`),
    check(
      'plan_items_estimate_range',
      sql`${t.estimateMinutes} is null or ${t.estimateMinutes} between 0 and 1440`,
    ),
    ...ownerPolicies('plan_items', t.userId),
  ],
).enableRLS();
