import type { Principal } from '@waypoint/auth';
import type { Executor } from '@waypoint/db';
import { actorOf, type DataAccess } from '../../data/data-access.ts';
import { NotFoundError, ValidationError } from '../../errors/domain-errors.ts';
import type { GoalsRepository } from './goals.repository.ts';
import { addDays, weekDates, weekStartOf } from './planner.dates.ts';
import type {
  TCreateItemRequest,
  TDay,
  TMoveItemRequest,
  TPlanItem,
  TReorderItemsRequest,
  TUpdateItemRequest,
  TUpsertDayRequest,
  TUpsertWeekRequest,
  TWeek,
} from './planner.schemas.ts';
import type { DayRow, PlansRepository } from './plans.repository.ts';

/** Weeks, days and the items in them. Every method runs in one transaction under the user's RLS. */
export class PlansService {
  readonly #data: DataAccess;
  readonly #plans: PlansRepository;
  readonly #goals: GoalsRepository;

  constructor(data: DataAccess, plans: PlansRepository, goals: GoalsRepository) {
    this.#data = data;
    this.#plans = plans;
    this.#goals = goals;
  }

  getWeek(principal: Principal, weekStart: string): Promise<TWeek> {
    return this.#data.asUser(actorOf(principal), (tx) =>
      this.#readWeek(tx, principal.userId, weekStart),
    );
  }

  upsertWeek(principal: Principal, { weekStart, ...patch }: TUpsertWeekRequest): Promise<TWeek> {
    const userId = principal.userId;
    return this.#data.asUser(actorOf(principal), async (tx) => {
      const week = await this.#plans.upsertWeek(tx, userId, weekStart, patch);
      await this.#plans.attachDaysToWeek(tx, userId, week, addDays(weekStart, 6));
      return this.#readWeek(tx, userId, weekStart);
    });
  }

  getDay(principal: Principal, date: string): Promise<TDay> {
    return this.#data.asUser(actorOf(principal), (tx) => this.#readDay(tx, principal.userId, date));
  }

  upsertDay(principal: Principal, { date, ...patch }: TUpsertDayRequest): Promise<TDay> {
    const userId = principal.userId;
    return this.#data.asUser(actorOf(principal), async (tx) => {
      await this.#ensureDay(tx, userId, date, patch);
      return this.#readDay(tx, userId, date);
    });
  }

  createItem(principal: Principal, { date, ...values }: TCreateItemRequest): Promise<TPlanItem> {
    const userId = principal.userId;
    return this.#data.asUser(actorOf(principal), async (tx) => {
      if (values.goalId) await this.#requireGoal(tx, userId, values.goalId);
      const day = await this.#ensureDay(tx, userId, date);
      const position = await this.#plans.nextPosition(tx, userId, day.id);
      const id = await this.#plans.insertItem(tx, userId, day.id, { ...values, position });
      return this.#requireItem(tx, userId, id);
    });
  }

  updateItem(principal: Principal, { id, ...patch }: TUpdateItemRequest): Promise<TPlanItem> {
    const userId = principal.userId;
    return this.#data.asUser(actorOf(principal), async (tx) => {
      await this.#requireItem(tx, userId, id);
      if (patch.goalId) await this.#requireGoal(tx, userId, patch.goalId);
      await this.#plans.updateItem(tx, userId, id, patch);
      return this.#requireItem(tx, userId, id);
    });
  }

  /** Moves an item to a day (the same or another) at a position, renumbering both days. */
  moveItem(principal: Principal, { id, toDate, toIndex }: TMoveItemRequest): Promise<TPlanItem> {
    const userId = principal.userId;
    return this.#data.asUser(actorOf(principal), async (tx) => {
      const item = await this.#requireItem(tx, userId, id);
      const target = await this.#ensureDay(tx, userId, toDate);
      const source = await this.#plans.itemIdsOfDay(tx, userId, item.dailyPlanId);
      const targetIds =
        target.id === item.dailyPlanId
          ? source.filter((x) => x !== id)
          : await this.#plans.itemIdsOfDay(tx, userId, target.id);
      const index = Math.min(toIndex ?? targetIds.length, targetIds.length);
      targetIds.splice(index, 0, id);
      if (target.id !== item.dailyPlanId) {
        await this.#plans.updateItem(tx, userId, id, { dailyPlanId: target.id });
        const remaining = source.filter((x) => x !== id);
        await this.#plans.setPositions(tx, userId, item.dailyPlanId, remaining);
      }
      await this.#plans.setPositions(tx, userId, target.id, targetIds);
      return this.#requireItem(tx, userId, id);
    });
  }

  deleteItem(principal: Principal, id: string): Promise<{ id: string }> {
    return this.#data.asUser(actorOf(principal), async (tx) => {
      if (!(await this.#plans.deleteItem(tx, principal.userId, id))) {
        throw new NotFoundError('Plan item');
      }
      return { id };
    });
  }

  /** Sets the order of a day's items; `itemIds` must list each of them exactly once. */
  reorderItems(principal: Principal, { date, itemIds }: TReorderItemsRequest): Promise<TDay> {
    const userId = principal.userId;
    return this.#data.asUser(actorOf(principal), async (tx) => {
      const [day] = await this.#plans.findDays(tx, userId, date, date);
      const current = day ? await this.#plans.itemIdsOfDay(tx, userId, day.id) : [];
      const known = new Set(current);
      if (itemIds.some((id) => !known.has(id))) throw new NotFoundError('Plan item');
      if (new Set(itemIds).size !== itemIds.length || itemIds.length !== current.length) {
        throw new ValidationError('List every item of the day exactly once', {
          itemIds: ['Must list every item of the day exactly once'],
        });
      }
      if (day) await this.#plans.setPositions(tx, userId, day.id, itemIds);
      return this.#readDay(tx, userId, date);
    });
  }

  async #readWeek(tx: Executor, userId: string, weekStart: string): Promise<TWeek> {
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

  async #readDay(tx: Executor, userId: string, date: string): Promise<TDay> {
    const [[day], items] = await Promise.all([
      this.#plans.findDays(tx, userId, date, date),
      this.#plans.itemsForRange(tx, userId, date, date),
    ]);
    return toDay(date, day, items);
  }

  async #ensureDay(
    tx: Executor,
    userId: string,
    date: string,
    patch: Pick<TUpsertDayRequest, 'summary' | 'status'> = {},
  ): Promise<DayRow> {
    const week = await this.#plans.findWeek(tx, userId, weekStartOf(date));
    return this.#plans.upsertDay(tx, userId, date, { ...patch, weeklyPlanId: week?.id ?? null });
  }

  async #requireGoal(tx: Executor, userId: string, goalId: string) {
    const goal = await this.#goals.get(tx, userId, goalId);
    if (!goal) throw new NotFoundError('Goal');
    return goal;
  }

  async #requireItem(tx: Executor, userId: string, id: string) {
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
