import type { Principal } from '@waypoint/auth';
import { actorOf, type DataAccess } from '../../data/data-access.ts';
import { NotFoundError, ValidationError } from '../../errors/domain-errors.ts';
import type { PlanOperations } from './plan-operations.ts';
import { addDays } from './planner.dates.ts';
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
import type { PlansRepository } from './plans.repository.ts';

/** Weeks, days and the items in them. Every method runs in one transaction under the user's RLS. */
export class PlansService {
  readonly #data: DataAccess;
  readonly #plans: PlansRepository;
  readonly #ops: PlanOperations;

  constructor(data: DataAccess, plans: PlansRepository, ops: PlanOperations) {
    this.#data = data;
    this.#plans = plans;
    this.#ops = ops;
  }

  getWeek(principal: Principal, weekStart: string): Promise<TWeek> {
    return this.#data.asUser(actorOf(principal), (tx) =>
      this.#ops.readWeek(tx, principal.userId, weekStart),
    );
  }

  upsertWeek(principal: Principal, { weekStart, ...patch }: TUpsertWeekRequest): Promise<TWeek> {
    const userId = principal.userId;
    return this.#data.asUser(actorOf(principal), async (tx) => {
      const week = await this.#plans.upsertWeek(tx, userId, weekStart, patch);
      await this.#plans.attachDaysToWeek(tx, userId, week, addDays(weekStart, 6));
      return this.#ops.readWeek(tx, userId, weekStart);
    });
  }

  getDay(principal: Principal, date: string): Promise<TDay> {
    return this.#data.asUser(actorOf(principal), (tx) =>
      this.#ops.readDay(tx, principal.userId, date),
    );
  }

  upsertDay(principal: Principal, { date, ...patch }: TUpsertDayRequest): Promise<TDay> {
    const userId = principal.userId;
    return this.#data.asUser(actorOf(principal), async (tx) => {
      await this.#ops.ensureDay(tx, userId, date, patch);
      return this.#ops.readDay(tx, userId, date);
    });
  }

  createItem(principal: Principal, input: TCreateItemRequest): Promise<TPlanItem> {
    return this.#data.asUser(actorOf(principal), (tx) =>
      this.#ops.createItem(tx, principal.userId, input),
    );
  }

  updateItem(principal: Principal, { id, ...patch }: TUpdateItemRequest): Promise<TPlanItem> {
    const userId = principal.userId;
    return this.#data.asUser(actorOf(principal), async (tx) => {
      await this.#ops.requireItem(tx, userId, id);
      if (patch.goalId) await this.#ops.requireGoal(tx, userId, patch.goalId);
      await this.#plans.updateItem(tx, userId, id, patch);
      return this.#ops.requireItem(tx, userId, id);
    });
  }

  moveItem(principal: Principal, { id, toDate, toIndex }: TMoveItemRequest): Promise<TPlanItem> {
    return this.#data.asUser(actorOf(principal), (tx) =>
      this.#ops.moveItem(tx, principal.userId, id, toDate, toIndex),
    );
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
      return this.#ops.readDay(tx, userId, date);
    });
  }
}
