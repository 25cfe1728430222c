import type { Principal } from '@waypoint/auth';
import { actorOf, type DataAccess } from '../../data/data-access.ts';
import type { GoalsRepository } from './goals.repository.ts';
import { addDays } from './planner.dates.ts';
import type { TProgress, TWeekReview } from './planner.schemas.ts';
import type { PlansRepository } from './plans.repository.ts';

const noProgress = (): TProgress => ({
  itemsPlanned: 0,
  itemsDone: 0,
  minutesPlanned: 0,
  minutesDone: 0,
});

/** Planned versus done for a week, per goal: the numbers behind the weekly review chart. */
export class ReviewService {
  readonly #data: DataAccess;
  readonly #plans: PlansRepository;
  readonly #goals: GoalsRepository;

  constructor(data: DataAccess, plans: PlansRepository, goals: GoalsRepository) {
    this.#data = data;
    this.#plans = plans;
    this.#goals = goals;
  }

  week(principal: Principal, weekStart: string): Promise<TWeekReview> {
    const userId = principal.userId;
    return this.#data.asUser(actorOf(principal), async (tx) => {
      const [progress, goals] = await Promise.all([
        this.#plans.progressByGoal(tx, userId, weekStart, addDays(weekStart, 6)),
        this.#goals.list(tx, userId, {}),
      ]);
      const byGoal = new Map(progress.map((p) => [p.goalId, p]));
      // Active goals always show (a zero is the finding); others only if they had work this week.
      const reviewed = goals.filter((g) => g.status === 'active' || byGoal.has(g.id));
      const totals = noProgress();
      for (const p of progress) {
        totals.itemsPlanned += p.itemsPlanned;
        totals.itemsDone += p.itemsDone;
        totals.minutesPlanned += p.minutesPlanned;
        totals.minutesDone += p.minutesDone;
      }
      const pick = (p: TProgress | undefined): TProgress =>
        p
          ? {
              itemsPlanned: p.itemsPlanned,
              itemsDone: p.itemsDone,
              minutesPlanned: p.minutesPlanned,
              minutesDone: p.minutesDone,
            }
          : noProgress();
      return {
        weekStart,
        goals: reviewed.map((g) => ({
          goalId: g.id,
          title: g.title,
          status: g.status,
          priority: g.priority,
          ...pick(byGoal.get(g.id)),
        })),
        unlinked: pick(byGoal.get(null)),
        totals,
      };
    });
  }
}
