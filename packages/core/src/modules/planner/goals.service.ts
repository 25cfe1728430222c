import type { Principal } from '@waypoint/auth';
import { actorOf, type DataAccess } from '../../data/data-access.ts';
import { NotFoundError } from '../../errors/domain-errors.ts';
import type { GoalsRepository } from './goals.repository.ts';
import type {
  TCreateGoalRequest,
  TGoal,
  TListGoalsRequest,
  TUpdateGoalRequest,
} from './planner.schemas.ts';

export class GoalsService {
  readonly #data: DataAccess;
  readonly #goals: GoalsRepository;

  constructor(data: DataAccess, goals: GoalsRepository) {
    this.#data = data;
    this.#goals = goals;
  }

  list(principal: Principal, filter: TListGoalsRequest): Promise<TGoal[]> {
    return this.#data.readAsUser(actorOf(principal), (tx) =>
      this.#goals.list(tx, principal.userId, filter),
    );
  }

  /** Active goals, most urgent first: what the planner assistant plans from. */
  listActive(principal: Principal): Promise<TGoal[]> {
    return this.list(principal, { status: 'active' });
  }

  get(principal: Principal, id: string): Promise<TGoal> {
    return this.#data.asUser(actorOf(principal), async (tx) => {
      const goal = await this.#goals.get(tx, principal.userId, id);
      if (!goal) throw new NotFoundError('Goal');
      return goal;
    });
  }

  create(principal: Principal, input: TCreateGoalRequest): Promise<TGoal> {
    return this.#data.asUser(actorOf(principal), (tx) =>
      this.#goals.insert(tx, principal.userId, input),
    );
  }

  update(principal: Principal, { id, ...patch }: TUpdateGoalRequest): Promise<TGoal> {
    return this.#data.asUser(actorOf(principal), async (tx) => {
      const goal = await this.#goals.update(tx, principal.userId, id, patch);
      if (!goal) throw new NotFoundError('Goal');
      return goal;
    });
  }

  delete(principal: Principal, id: string): Promise<{ id: string }> {
    return this.#data.asUser(actorOf(principal), async (tx) => {
      if (!(await this.#goals.delete(tx, principal.userId, id))) throw new NotFoundError('Goal');
      return { id };
    });
  }
}
