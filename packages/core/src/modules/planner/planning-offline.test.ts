import { describe, expect, it } from 'vitest';
import { weekDates } from './planner.dates.ts';
import { plannerOfflineResponder } from './planner.offline.ts';
import type { TGoal, TPlanItem } from './planner.schemas.ts';
import { type PlanningContext, renderPlanningContext } from './planning-context.ts';
import { planOffline } from './planning-offline.ts';

const at = new Date('2026-11-20T00:00:00Z');
let seq = 0;
const id = () => `00000000-0000-4000-8000-${String(++seq).padStart(12, '0')}`;

function goal(title: string, overrides: Partial<TGoal> = {}): TGoal {
  return {
    id: id(),
    title,
    description: null,
    horizon: 'short',
    status: 'active',
    priority: 'medium',
    targetDate: null,
    createdAt: at,
    updatedAt: at,
    ...overrides,
  };
}

function item(date: string, title: string, overrides: Partial<TPlanItem> = {}): TPlanItem {
  return {
    id: id(),
    date,
    goalId: null,
    title,
    notes: null,
    status: 'todo',
    priority: 'medium',
    position: 0,
    estimateMinutes: 60,
    pinned: false,
    createdAt: at,
    updatedAt: at,
    ...overrides,
  };
}

function context(goals: TGoal[], items: TPlanItem[], capacity = 240): PlanningContext {
  return {
    kind: 'weekly_planning',
    focus: '2026-11-23',
    today: '2026-11-23',
    timezone: 'Europe/Amsterdam',
    dailyCapacityMinutes: capacity,
    activeGoals: goals,
    week: {
      weekStart: '2026-11-23',
      exists: true,
      summary: null,
      focusAreas: [],
      status: 'active',
      days: weekDates('2026-11-23').map((date) => ({
        date,
        exists: true,
        summary: null,
        status: 'draft',
        items: items.filter((i) => i.date === date),
      })),
    },
  };
}

describe('the offline planner', () => {
  it('proposes a concrete session for each active goal with nothing planned this week', () => {
    const beta = goal('Ship the beta', { priority: 'urgent' });
    const dutch = goal('Learn Dutch', { horizon: 'long' });
    const covered = goal('Run a 10k');
    const ctx = context(
      [beta, dutch, covered],
      [item('2026-11-24', 'Run', { goalId: covered.id })],
    );

    const plan = planOffline(ctx);

    expect(plan.additions.map((a) => [a.goalId, a.title, a.estimateMinutes])).toEqual([
      [beta.id, 'Focused work session: Ship the beta', 60],
      [dutch.id, 'Plan the next milestone: Learn Dutch', 30],
    ]);
    // Spread over different days with room, never onto the busy Tuesday.
    expect(new Set(plan.additions.map((a) => a.date)).size).toBe(2);
    expect(plan.additions.every((a) => a.date !== '2026-11-24')).toBe(true);
    expect(plan.message).toContain('Ship the beta');
  });

  it('flags days over capacity and moves their least urgent unpinned item, never a pinned one', () => {
    const pinnedLow = item('2026-11-25', 'Dentist', {
      pinned: true,
      priority: 'low',
      estimateMinutes: 90,
    });
    const urgent = item('2026-11-25', 'Board deck', { priority: 'urgent', estimateMinutes: 120 });
    const low = item('2026-11-25', 'Tidy inbox', { priority: 'low', estimateMinutes: 60 });
    const ctx = context([], [pinnedLow, urgent, low], 240);

    const plan = planOffline(ctx);

    expect(plan.overCapacity).toEqual([{ date: '2026-11-25', minutes: 270 }]);
    expect(plan.moves).toHaveLength(1);
    expect(plan.moves[0]).toMatchObject({ itemId: low.id });
    expect(plan.moves[0]?.toDate).not.toBe('2026-11-25');
    expect(plan.message).toContain('over capacity');
  });

  it('proposes nothing that would push a day past capacity', () => {
    const ctx = context([goal('Big goal')], [], 30);
    expect(planOffline(ctx).additions).toEqual([]);
  });

  it('tells a user without goals how to start', () => {
    expect(planOffline(context([], [])).message).toMatch(/no active goals/i);
  });
});

describe('the planning context the model reads', () => {
  it('lists active goals with ids, each day with items, pinned flags and capacity warnings', () => {
    const g = goal('Ship the beta', { priority: 'urgent', targetDate: '2026-12-15' });
    const pinned = item('2026-11-24', 'Dentist', { pinned: true, estimateMinutes: 300 });
    const text = renderPlanningContext(context([g], [pinned], 240));
    expect(text).toContain(
      `[goal ${g.id}] Ship the beta (priority urgent, short term, target 2026-12-15)`,
    );
    expect(text).toContain(`[item ${pinned.id}] Dentist — todo, 300 min, PINNED (never move)`);
    expect(text).toContain('2026-11-24: 300 min planned — OVER CAPACITY');
    expect(text).toContain('Today is 2026-11-23 (time zone Europe/Amsterdam)');
  });
});

describe('the planner offline responder', () => {
  const userSays = (text: string) => [{ role: 'user' as const, content: text }];
  const tools = ['propose_day_items', 'move_item', 'mark_item_done', 'create_goal'];

  it('answers with proposals made through the same tools a model would call', async () => {
    const beta = goal('Ship the beta', { priority: 'urgent' });
    const reply = await plannerOfflineResponder({
      system: undefined,
      messages: userSays('Plan my week'),
      context: context([beta], []),
      toolNames: tools,
    });
    expect(reply.type).toBe('tool-calls');
    if (reply.type !== 'tool-calls') return;
    expect(reply.calls[0]).toMatchObject({
      toolName: 'propose_day_items',
      input: { items: [expect.objectContaining({ goalId: beta.id })] },
    });
  });

  it('turns "I finished X" into a proposal to mark X done', async () => {
    const report = item('2026-11-24', 'Quarterly report');
    const reply = await plannerOfflineResponder({
      system: undefined,
      messages: userSays('I finished the quarterly report this morning'),
      context: context([], [report]),
      toolNames: tools,
    });
    expect(reply).toMatchObject({
      type: 'tool-calls',
      calls: [{ toolName: 'mark_item_done', input: { itemId: report.id } }],
    });
  });

  it('explains in text once its tools have run', async () => {
    const reply = await plannerOfflineResponder({
      system: undefined,
      messages: [...userSays('Plan my week'), { role: 'tool', content: [] }],
      context: context([goal('Ship the beta')], []),
      toolNames: tools,
    });
    expect(reply).toMatchObject({ type: 'text', text: expect.stringContaining('Ship the beta') });
  });
});
