import type { Executor } from '@waypoint/db';
import { compiledSelect, schema } from '@waypoint/db';
import { and, asc, desc, eq, sql } from 'drizzle-orm';
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

/** The goals list, built once per filter shape (by status, by horizon, both, neither). */
const listGoals = [false, true].flatMap((byStatus) =>
  [false, true].map((byHorizon) =>
    compiledSelect((qb) =>
      qb
        .select(goalColumns)
        .from(goals)
        .where(
          and(
            eq(goals.userId, sql.placeholder('userId')),
            byStatus ? eq(goals.status, sql.placeholder('status')) : undefined,
            byHorizon ? eq(goals.horizon, sql.placeholder('horizon')) : undefined,
          ),
        )
        .orderBy(desc(goals.priority), asc(goals.createdAt)),
    ),
  ),
);

export const goalsRepository = {
  list(ex: Executor, userId: string, filter: TListGoalsRequest): Promise<TGoal[]> {
    const list = listGoals[(filter.status ? 2 : 0) + (filter.horizon ? 1 : 0)];
    return list!(ex, { userId, status: filter.status, horizon: filter.horizon });
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
