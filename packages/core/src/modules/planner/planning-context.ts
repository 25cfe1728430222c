import type { TDay, TGoal, TPlanItem, TWeek } from './planner.schemas.ts';

export type PlanningKind = 'daily_planning' | 'weekly_planning';

/** What the planner assistant knows on each turn; built fresh from the database every time. */
export interface PlanningContext {
  kind: PlanningKind;
  /** The date being planned (daily) or the Monday of the week (weekly). */
  focus: string;
  today: string;
  timezone: string;
  dailyCapacityMinutes: number;
  /** Active goals only, most urgent first: paused or finished goals are not planned for. */
  activeGoals: TGoal[];
  /** The week holding the focus date, so a day is planned with its week in view. */
  week: TWeek;
}

const OPEN: TPlanItem['status'][] = ['todo', 'in_progress'];

/** Minutes still to do on a day: what counts against its capacity. */
export function openMinutes(day: TDay): number {
  return day.items
    .filter((i) => OPEN.includes(i.status))
    .reduce((sum, i) => sum + (i.estimateMinutes ?? 0), 0);
}

export function plannedMinutes(day: TDay): number {
  return day.items.reduce((sum, i) => sum + (i.estimateMinutes ?? 0), 0);
}

/** Days of the planning window: the focus day, or the week from today (or Monday) onwards. */
export function daysInScope(ctx: PlanningContext): TDay[] {
  if (ctx.kind === 'daily_planning') return ctx.week.days.filter((d) => d.date === ctx.focus);
  const upcoming = ctx.week.days.filter((d) => d.date >= ctx.today);
  return upcoming.length > 0 ? upcoming : ctx.week.days;
}

/**
 * The context as the model reads it. Ids are included because the tools refer to goals and
 * items by id; pinned items are marked because they must never be moved.
 */
export function renderPlanningContext(ctx: PlanningContext): string {
  const lines: string[] = [
    `Today is ${ctx.today} (time zone ${ctx.timezone}).`,
    ctx.kind === 'daily_planning'
      ? `We are planning the day ${ctx.focus}.`
      : `We are planning the week starting Monday ${ctx.focus}.`,
    `Daily capacity: ${ctx.dailyCapacityMinutes} minutes of planned work.`,
    '',
    'Active goals (most urgent first):',
  ];
  if (ctx.activeGoals.length === 0) lines.push('- (none yet)');
  for (const g of ctx.activeGoals) {
    const target = g.targetDate ? `, target ${g.targetDate}` : '';
    lines.push(`- [goal ${g.id}] ${g.title} (priority ${g.priority}, ${g.horizon} term${target})`);
  }
  lines.push('', `Week of ${ctx.week.weekStart}${ctx.week.summary ? `: ${ctx.week.summary}` : ''}`);
  if (ctx.week.focusAreas.length > 0) lines.push(`Focus areas: ${ctx.week.focusAreas.join(', ')}`);
  for (const day of ctx.week.days) {
    const over = openMinutes(day) > ctx.dailyCapacityMinutes ? ' — OVER CAPACITY' : '';
    const marker = day.date === ctx.focus && ctx.kind === 'daily_planning' ? ' (planning)' : '';
    lines.push(`${day.date}${marker}: ${plannedMinutes(day)} min planned${over}`);
    for (const item of day.items) {
      const goal = ctx.activeGoals.find((g) => g.id === item.goalId);
      lines.push(
        `  - [item ${item.id}] ${item.title} — ${item.status}, ${item.estimateMinutes ?? '?'} min` +
          `${item.pinned ? ', PINNED (never move)' : ''}${goal ? `, for goal "${goal.title}"` : ''}`,
      );
    }
  }
  return lines.join('\n');
}
