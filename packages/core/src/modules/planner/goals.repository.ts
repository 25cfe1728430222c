import type { Executor } from '@waypoint/db';
import { schema } from '@waypoint/db';
import { and, asc, desc, eq, type SQL } from 'drizzle-orm';
import type { TCreateGoalRequest, TGoal, TListGoalsRequest } from './planner.schemas.ts';

const { goals } = schema;

/** The columns a goal DTO carries, chosen once so new columns never leak by accident. */
const goalColumns = {
  id: goals.id,
  title: goals.title,
  description: goals.description,
  horizon: goals.horizon,
  status: goals.status,
  priority: goals.priority,
  targetDate: goals.targetDate,
  createdAt: goals.createdAt,
  updatedAt: goals.updatedAt,
};

type GoalValues = Omit<TCreateGoalRequest, 'description' | 'targetDate'> & {
  description?: string | null | undefined;
  targetDate?: string | null | undefined;
};

export const goalsRepository = {
  list(ex: Executor, userId: string, filter: TListGoalsRequest): Promise<TGoal[]> {
    const conditions: SQL[] = [eq(goals.userId, userId)];
    if (filter.status) conditions.push(eq(goals.status, filter.status));
    if (filter.horizon) conditions.push(eq(goals.horizon, filter.horizon));
    return ex
      .select(goalColumns)
      .from(goals)
      .where(and(...conditions))
      .orderBy(desc(goals.priority), asc(goals.createdAt));
  },

  async get(ex: Executor, userId: string, id: string): Promise<TGoal | undefined> {
    const [row] = await ex
      .select(goalColumns)
      .from(goals)
      .where(and(eq(goals.userId, userId), eq(goals.id, id)));
    return row;
  },

  async insert(ex: Executor, userId: string, values: GoalValues): Promise<TGoal> {
    const [row] = await ex
      .insert(goals)
      .values({ ...values, userId })
      .returning(goalColumns);
    return row!;
  },

  async update(
    ex: Executor,
    userId: string,
    id: string,
    patch: Partial<GoalValues>,
  ): Promise<TGoal | undefined> {
    const [row] = await ex
      .update(goals)
      .set(patch)
      .where(and(eq(goals.userId, userId), eq(goals.id, id)))
      .returning(goalColumns);
    return row;
  },

  async delete(ex: Executor, userId: string, id: string): Promise<boolean> {
    const rows = await ex
      .delete(goals)
      .where(and(eq(goals.userId, userId), eq(goals.id, id)))
      .returning({ id: goals.id });
    return rows.length > 0;
  },
};

export type GoalsRepository = typeof goalsRepository;
