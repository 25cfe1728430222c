import type { Principal } from '@waypoint/auth';
import { ValidationError } from '../../errors/domain-errors.ts';
import type { AccountService } from '../account/account.service.ts';
import type { GoalsService } from './goals.service.ts';
import { isIsoDate, isMonday, todayIn, weekStartOf } from './planner.dates.ts';
import type { PlanningContext, PlanningKind } from './planning-context.ts';
import type { PlansService } from './plans.service.ts';

export interface PlanningContextSources {
  account: AccountService;
  goals: GoalsService;
  plans: PlansService;
}

/** A conversation's context reference, e.g. `{ type: 'weekly_planning', id: '2026-11-23' }`. */
export interface PlanningContextRef {
  type: string;
  id: string;
}

export function isPlanningKind(type: string): type is PlanningKind {
  return type === 'daily_planning' || type === 'weekly_planning';
}

/** Reads everything the planner assistant sees on a turn, fresh, for the signed-in user only. */
export async function buildPlanningContext(
  sources: PlanningContextSources,
  principal: Principal,
  ref: PlanningContextRef | null,
  now: Date = new Date(),
): Promise<PlanningContext> {
  const profile = await sources.account.me(principal);
  const today = todayIn(profile.timezone, now);
  const kind: PlanningKind = ref && isPlanningKind(ref.type) ? ref.type : 'weekly_planning';
  const focus = ref?.id ?? (kind === 'weekly_planning' ? weekStartOf(today) : today);
  if (!isIsoDate(focus) || (kind === 'weekly_planning' && !isMonday(focus))) {
    throw new ValidationError('This planning conversation points at an invalid date', {
      'context.id': [
        kind === 'weekly_planning' ? 'Must be a Monday (YYYY-MM-DD)' : 'Must be YYYY-MM-DD',
      ],
    });
  }
  const [activeGoals, week] = await Promise.all([
    sources.goals.listActive(principal),
    sources.plans.getWeek(principal, weekStartOf(focus)),
  ]);
  return {
    kind,
    focus,
    today,
    timezone: profile.timezone,
    dailyCapacityMinutes: profile.dailyCapacityMinutes,
    activeGoals,
    week,
  };
}
