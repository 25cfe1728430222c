import type { Executor } from '@waypoint/db';
import { schema } from '@waypoint/db';
import { and, asc, between, eq, inArray, max, sql } from 'drizzle-orm';
import type { TPlanItem } from './planner.schemas.ts';

const { weeklyPlans, dailyPlans, planItems } = schema;

export interface WeekRow {
  id: string;
  weekStart: string;
  summary: string | null;
  focusAreas: string[];
  status: 'draft' | 'active' | 'completed';
}

export interface DayRow {
  id: string;
  date: string;
  summary: string | null;
  status: 'draft' | 'active' | 'completed';
  weeklyPlanId: string | null;
}

const weekColumns = {
  id: weeklyPlans.id,
  weekStart: weeklyPlans.weekStart,
  summary: weeklyPlans.summary,
  focusAreas: weeklyPlans.focusAreas,
  status: weeklyPlans.status,
};

const dayColumns = {
  id: dailyPlans.id,
  date: dailyPlans.date,
  summary: dailyPlans.summary,
  status: dailyPlans.status,
  weeklyPlanId: dailyPlans.weeklyPlanId,
};

const itemColumns = {
  id: planItems.id,
  date: dailyPlans.date,
  goalId: planItems.goalId,
  title: planItems.title,
  notes: planItems.notes,
  status: planItems.status,
  priority: planItems.priority,
  position: planItems.position,
  estimateMinutes: planItems.estimateMinutes,
  pinned: planItems.pinned,
  createdAt: planItems.createdAt,
  updatedAt: planItems.updatedAt,
};

export type ItemValues = {
  title?: string | undefined;
  notes?: string | null | undefined;
  goalId?: string | null | undefined;
  priority?: TPlanItem['priority'] | undefined;
  status?: TPlanItem['status'] | undefined;
  estimateMinutes?: number | null | undefined;
  pinned?: boolean | undefined;
};

export const plansRepository = {
  async findWeek(ex: Executor, userId: string, weekStart: string): Promise<WeekRow | undefined> {
    const [row] = await ex
      .select(weekColumns)
      .from(weeklyPlans)
      .where(and(eq(weeklyPlans.userId, userId), eq(weeklyPlans.weekStart, weekStart)));
    return row;
  },

  async upsertWeek(
    ex: Executor,
    userId: string,
    weekStart: string,
    patch: Partial<Pick<WeekRow, 'summary' | 'focusAreas' | 'status'>>,
  ): Promise<WeekRow> {
    const [row] = await ex
      .insert(weeklyPlans)
      .values({ userId, weekStart, ...patch })
      .onConflictDoUpdate({
        target: [weeklyPlans.userId, weeklyPlans.weekStart],
        set: { ...patch, updatedAt: new Date() },
      })
      .returning(weekColumns);
    return row!;
  },

  /** Days planned before their week existed join it once it does. */
  async attachDaysToWeek(ex: Executor, userId: string, week: WeekRow, lastDate: string) {
    await ex
      .update(dailyPlans)
      .set({ weeklyPlanId: week.id })
      .where(
        and(eq(dailyPlans.userId, userId), between(dailyPlans.date, week.weekStart, lastDate)),
      );
  },

  findDays(ex: Executor, userId: string, from: string, to: string): Promise<DayRow[]> {
    return ex
      .select(dayColumns)
      .from(dailyPlans)
      .where(and(eq(dailyPlans.userId, userId), between(dailyPlans.date, from, to)))
      .orderBy(asc(dailyPlans.date));
  },

  async upsertDay(
    ex: Executor,
    userId: string,
    date: string,
    patch: Partial<Pick<DayRow, 'summary' | 'status' | 'weeklyPlanId'>>,
  ): Promise<DayRow> {
    const [row] = await ex
      .insert(dailyPlans)
      .values({ userId, date, ...patch })
      .onConflictDoUpdate({
        target: [dailyPlans.userId, dailyPlans.date],
        set: { ...patch, updatedAt: new Date() },
      })
      .returning(dayColumns);
    return row!;
  },

  itemsForRange(ex: Executor, userId: string, from: string, to: string): Promise<TPlanItem[]> {
    return ex
      .select(itemColumns)
      .from(planItems)
      .innerJoin(dailyPlans, eq(planItems.dailyPlanId, dailyPlans.id))
      .where(and(eq(planItems.userId, userId), between(dailyPlans.date, from, to)))
      .orderBy(asc(dailyPlans.date), asc(planItems.position), asc(planItems.createdAt));
  },

  async findItem(
    ex: Executor,
    userId: string,
    id: string,
  ): Promise<(TPlanItem & { dailyPlanId: string }) | undefined> {
    const [row] = await ex
      .select({ ...itemColumns, dailyPlanId: planItems.dailyPlanId })
      .from(planItems)
      .innerJoin(dailyPlans, eq(planItems.dailyPlanId, dailyPlans.id))
      .where(and(eq(planItems.userId, userId), eq(planItems.id, id)));
    return row;
  },

  async nextPosition(ex: Executor, userId: string, dailyPlanId: string): Promise<number> {
    const [row] = await ex
      .select({ last: max(planItems.position) })
      .from(planItems)
      .where(and(eq(planItems.userId, userId), eq(planItems.dailyPlanId, dailyPlanId)));
    return row?.last === null || row?.last === undefined ? 0 : row.last + 1;
  },

  async insertItem(
    ex: Executor,
    userId: string,
    dailyPlanId: string,
    values: ItemValues & { title: string; position: number },
  ): Promise<string> {
    const [row] = await ex
      .insert(planItems)
      .values({ ...values, userId, dailyPlanId })
      .returning({ id: planItems.id });
    return row!.id;
  },

  async updateItem(
    ex: Executor,
    userId: string,
    id: string,
    patch: ItemValues & { dailyPlanId?: string; position?: number },
  ): Promise<boolean> {
    const rows = await ex
      .update(planItems)
      .set(patch)
      .where(and(eq(planItems.userId, userId), eq(planItems.id, id)))
      .returning({ id: planItems.id });
    return rows.length > 0;
  },

  async deleteItem(ex: Executor, userId: string, id: string): Promise<boolean> {
    const rows = await ex
      .delete(planItems)
      .where(and(eq(planItems.userId, userId), eq(planItems.id, id)))
      .returning({ id: planItems.id });
    return rows.length > 0;
  },

  async itemIdsOfDay(ex: Executor, userId: string, dailyPlanId: string): Promise<string[]> {
    const rows = await ex
      .select({ id: planItems.id })
      .from(planItems)
      .where(and(eq(planItems.userId, userId), eq(planItems.dailyPlanId, dailyPlanId)))
      .orderBy(asc(planItems.position), asc(planItems.createdAt));
    return rows.map((r) => r.id);
  },

  /** Gives `orderedIds` the positions 0..n-1 in one statement. */
  async setPositions(ex: Executor, userId: string, dailyPlanId: string, orderedIds: string[]) {
    if (orderedIds.length === 0) return;
    const ids = sql.join(
      orderedIds.map((id) => sql`${id}`),
      sql`, `,
    );
    await ex.execute(sql`
      update ${planItems} as p set position = v.ord - 1, updated_at = now()
      from unnest(array[${ids}]::uuid[]) with ordinality as v(id, ord)
      where p.id = v.id and p.user_id = ${userId} and p.daily_plan_id = ${dailyPlanId}
    `);
  },

  /** Planned and done counts and minutes in a date range, grouped by goal (null = no goal). */
  progressByGoal(ex: Executor, userId: string, from: string, to: string) {
    return ex
      .select({
        goalId: planItems.goalId,
        itemsPlanned: sql<number>`count(*)::int`,
        itemsDone: sql<number>`(count(*) filter (where ${planItems.status} = 'done'))::int`,
        minutesPlanned: sql<number>`coalesce(sum(${planItems.estimateMinutes}), 0)::int`,
        minutesDone: sql<number>`coalesce(sum(${planItems.estimateMinutes}) filter (where ${planItems.status} = 'done'), 0)::int`,
      })
      .from(planItems)
      .innerJoin(dailyPlans, eq(planItems.dailyPlanId, dailyPlans.id))
      .where(and(eq(planItems.userId, userId), between(dailyPlans.date, from, to)))
      .groupBy(planItems.goalId);
  },

  goalIdsExisting(ex: Executor, userId: string, ids: string[]) {
    return ex
      .select({ id: schema.goals.id })
      .from(schema.goals)
      .where(and(eq(schema.goals.userId, userId), inArray(schema.goals.id, ids)));
  },
};

export type PlansRepository = typeof plansRepository;
