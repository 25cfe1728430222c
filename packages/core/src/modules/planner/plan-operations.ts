import type { Executor } from '@waypoint/db';
import { NotFoundError } from '../../errors/domain-errors.ts';
import type { GoalsRepository } from './goals.repository.ts';
import { addDays, weekDates, weekStartOf } from './planner.dates.ts';
import type {
  TCreateItemRequest,
  TDay,
  TPlanItem,
  TUpsertDayRequest,
  TWeek,
} from './planner.schemas.ts';
import type { DayRow, PlansRepository } from './plans.repository.ts';

/**
 * Plan changes at transaction level, shared by the plan procedures and by applying an
 * assistant's proposal, so both follow the same rules. Callers own the transaction.
 */
export class PlanOperations {
  readonly #plans: PlansRepository;
  readonly #goals: GoalsRepository;

  constructor(plans: PlansRepository, goals: GoalsRepository) {
    this.#plans = plans;
    this.#goals = goals;
  }

  async readWeek(tx: Executor, userId: string, weekStart: string): Promise<TWeek> {
    const lastDate = addDays(weekStart, 6);
    const [week, days, items] = await Promise.all([
      this.#plans.findWeek(tx, userId, weekStart),
      this.#plans.findDays(tx, userId, weekStart, lastDate),
      this.#plans.itemsForRange(tx, userId, weekStart, lastDate),
    ]);
    return {
      weekStart,
      exists: Boolean(week),
      summary: week?.summary ?? null,
      focusAreas: week?.focusAreas ?? [],
      status: week?.status ?? 'draft',
      days: weekDates(weekStart).map((date) =>
        toDay(
          date,
          days.find((d) => d.date === date),
          items.filter((i) => i.date === date),
        ),
      ),
    };
  }

  async readDay(tx: Executor, userId: string, date: string): Promise<TDay> {
    const [[day], items] = await Promise.all([
      this.#plans.findDays(tx, userId, date, date),
      this.#plans.itemsForRange(tx, userId, date, date),
    ]);
    return toDay(date, day, items);
  }

  /** The day's row, created (and attached to its week when there is one) if missing. */
  async ensureDay(
    tx: Executor,
    userId: string,
    date: string,
    patch: Pick<TUpsertDayRequest, 'summary' | 'status'> = {},
  ): Promise<DayRow> {
    const week = await this.#plans.findWeek(tx, userId, weekStartOf(date));
    return this.#plans.upsertDay(tx, userId, date, { ...patch, weeklyPlanId: week?.id ?? null });
  }

  async createItem(
    tx: Executor,
    userId: string,
    { date, ...values }: TCreateItemRequest,
  ): Promise<TPlanItem> {
    if (values.goalId) await this.requireGoal(tx, userId, values.goalId);
    const day = await this.ensureDay(tx, userId, date);
    const position = await this.#plans.nextPosition(tx, userId, day.id);
    const id = await this.#plans.insertItem(tx, userId, day.id, { ...values, position });
    return this.requireItem(tx, userId, id);
  }

  /** Moves an item to a day (the same or another) at a position, renumbering both days. */
  async moveItem(
    tx: Executor,
    userId: string,
    id: string,
    toDate: string,
    toIndex?: number,
  ): Promise<TPlanItem> {
    const item = await this.requireItem(tx, userId, id);
    const target = await this.ensureDay(tx, userId, toDate);
    const source = await this.#plans.itemIdsOfDay(tx, userId, item.dailyPlanId);
    const targetIds =
      target.id === item.dailyPlanId
        ? source.filter((x) => x !== id)
        : await this.#plans.itemIdsOfDay(tx, userId, target.id);
    targetIds.splice(Math.min(toIndex ?? targetIds.length, targetIds.length), 0, id);
    if (target.id !== item.dailyPlanId) {
      await this.#plans.updateItem(tx, userId, id, { dailyPlanId: target.id });
      const remaining = source.filter((x) => x !== id);
      await this.#plans.setPositions(tx, userId, item.dailyPlanId, remaining);
    }
    await this.#plans.setPositions(tx, userId, target.id, targetIds);
    return this.requireItem(tx, userId, id);
  }

  async requireGoal(tx: Executor, userId: string, goalId: string) {
    const goal = await this.#goals.get(tx, userId, goalId);
    if (!goal) throw new NotFoundError('Goal');
    return goal;
  }

  async requireItem(tx: Executor, userId: string, id: string) {
    const item = await this.#plans.findItem(tx, userId, id);
    if (!item) throw new NotFoundError('Plan item');
    return item;
  }
}

function toDay(date: string, day: DayRow | undefined, items: TPlanItem[]): TDay {
  return {
    date,
    exists: Boolean(day),
    summary: day?.summary ?? null,
    status: day?.status ?? 'draft',
    items,
  };
}
