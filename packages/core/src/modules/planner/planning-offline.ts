import type { TGoal, TPlanItem } from './planner.schemas.ts';
import { daysInScope, openMinutes, type PlanningContext } from './planning-context.ts';
import type { TProposalChange } from './proposals.schemas.ts';

/** A suggested first session per horizon: long-term goals start with planning, not doing. */
const SESSION_BY_HORIZON: Record<TGoal['horizon'], { verb: string; minutes: number }> = {
  short: { verb: 'Focused work session', minutes: 60 },
  medium: { verb: 'Move forward', minutes: 45 },
  long: { verb: 'Plan the next milestone', minutes: 30 },
};

const PRIORITY_RANK: Record<TPlanItem['priority'], number> = {
  urgent: 3,
  high: 2,
  medium: 1,
  low: 0,
};

export interface OfflinePlan {
  /** What the assistant says, in plain words. */
  message: string;
  /** Items for goals with nothing planned this week. */
  additions: Extract<TProposalChange, { op: 'add_item' }>[];
  /** Moves off over-capacity days (never of pinned items). */
  moves: Extract<TProposalChange, { op: 'move_item' }>[];
  overCapacity: { date: string; minutes: number }[];
}

/**
 * The planner's rule-based answer when no model is available. It works from the user's own
 * data: every active goal with nothing planned this week gets a concrete first session on the
 * day with the most room, and days past capacity are flagged with a proposed move of their least
 * important unpinned item.
 */
export function planOffline(ctx: PlanningContext): OfflinePlan {
  const days = daysInScope(ctx).map((d) => ({ ...d, load: openMinutes(d) }));
  const capacity = ctx.dailyCapacityMinutes;

  const overCapacity = days
    .filter((d) => d.load > capacity)
    .map((d) => ({ date: d.date, minutes: d.load }));

  const moves: OfflinePlan['moves'] = [];
  for (const over of overCapacity) {
    const day = days.find((d) => d.date === over.date)!;
    const movable = day.items
      .filter((i) => !i.pinned && i.status === 'todo')
      .sort((a, b) => PRIORITY_RANK[a.priority] - PRIORITY_RANK[b.priority]);
    const candidate = movable[0];
    const target = days.filter((d) => d.date !== day.date).sort((a, b) => a.load - b.load)[0];
    if (!candidate || !target) continue;
    const minutes = candidate.estimateMinutes ?? 0;
    if (target.load + minutes > capacity) continue;
    moves.push({
      op: 'move_item',
      itemId: candidate.id,
      toDate: target.date,
      reason: `${day.date} has ${over.minutes} min planned against a capacity of ${capacity}; "${candidate.title}" is its least urgent unpinned item and ${target.date} has room.`,
    });
    day.load -= minutes;
    target.load += minutes;
  }

  const plannedGoalIds = new Set(
    ctx.week.days.flatMap((d) => d.items.map((i) => i.goalId)).filter(Boolean),
  );
  const additions: OfflinePlan['additions'] = [];
  for (const goal of ctx.activeGoals) {
    if (plannedGoalIds.has(goal.id)) continue;
    const session = SESSION_BY_HORIZON[goal.horizon];
    const target = [...days].sort((a, b) => a.load - b.load)[0];
    if (!target || target.load + session.minutes > capacity) continue;
    additions.push({
      op: 'add_item',
      date: target.date,
      title: `${session.verb}: ${goal.title}`,
      goalId: goal.id,
      estimateMinutes: session.minutes,
      priority: goal.priority,
      reason: `"${goal.title}" is an active ${goal.priority}-priority goal with nothing planned this week; ${target.date} has the most room.`,
    });
    target.load += session.minutes;
  }

  return { message: describe(ctx, additions, moves, overCapacity), additions, moves, overCapacity };
}

function describe(
  ctx: PlanningContext,
  additions: OfflinePlan['additions'],
  moves: OfflinePlan['moves'],
  overCapacity: OfflinePlan['overCapacity'],
): string {
  const parts: string[] = [];
  if (ctx.activeGoals.length === 0) {
    parts.push(
      'You have no active goals yet. Add one or two (a short-term one is a good start) and I will plan sessions for them.',
    );
  }
  for (const o of overCapacity) {
    parts.push(
      `${o.date} is over capacity: ${o.minutes} min planned against ${ctx.dailyCapacityMinutes}.`,
    );
  }
  if (additions.length > 0) {
    parts.push(
      `These active goals have nothing planned this week: ${additions
        .map((a) => `"${a.title.split(': ').slice(1).join(': ')}"`)
        .join(', ')}. I proposed a first session for each.`,
    );
  }
  if (moves.length > 0) parts.push(`I proposed ${moves.length} move(s) to even out your days.`);
  if (parts.length === 0) {
    parts.push('Your plan covers every active goal and no day is over capacity. Nice balance!');
  }
  parts.push('Nothing changes until you apply a proposal. Pinned items are never moved.');
  return parts.join('\n\n');
}
