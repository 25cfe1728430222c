import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestHarness, type TestHarness } from '../../testing/index.ts';

const MONDAY = '2026-11-23';

describe('planner procedures', () => {
  let h: TestHarness;
  beforeAll(async () => {
    h = await createTestHarness();
  });
  beforeEach(() => h.reset());

  describe('goals', () => {
    it('creates, lists most urgent first, filters, updates and deletes', async () => {
      const { caller } = await h.signUp();
      const low = await caller.planner.goals.create({
        title: 'Read more',
        horizon: 'long',
        priority: 'low',
      });
      const urgent = await caller.planner.goals.create({
        title: 'Ship the beta',
        horizon: 'short',
        priority: 'urgent',
        targetDate: '2026-12-15',
      });
      await caller.planner.goals.create({
        title: 'Learn Dutch',
        horizon: 'medium',
        status: 'paused',
      });

      const all = await caller.planner.goals.list();
      expect(all.map((g) => g.title)).toEqual(['Ship the beta', 'Learn Dutch', 'Read more']);
      expect(all[0]).toMatchObject({ status: 'active', targetDate: '2026-12-15' });

      const active = await caller.planner.goals.list({ status: 'active' });
      expect(active.map((g) => g.id)).toEqual([urgent.id, low.id]);
      expect(await caller.planner.goals.list({ horizon: 'medium' })).toHaveLength(1);

      const updated = await caller.planner.goals.update({ id: low.id, status: 'completed' });
      expect(updated).toMatchObject({ title: 'Read more', status: 'completed' });
      expect(await caller.planner.goals.get({ id: low.id })).toEqual(updated);

      await caller.planner.goals.delete({ id: low.id });
      await expect(caller.planner.goals.get({ id: low.id })).rejects.toMatchObject({
        code: 'NOT_FOUND',
      });
    });
  });

  describe('days, weeks and items', () => {
    it('creating an item creates its day; the day lists items in order', async () => {
      const { caller } = await h.signUp();
      const empty = await caller.planner.days.get({ date: '2026-11-24' });
      expect(empty).toEqual({
        date: '2026-11-24',
        exists: false,
        summary: null,
        status: 'draft',
        items: [],
      });

      const a = await caller.planner.items.create({ date: '2026-11-24', title: 'Write spec' });
      const b = await caller.planner.items.create({
        date: '2026-11-24',
        title: 'Review PR',
        estimateMinutes: 30,
        pinned: true,
      });
      const day = await caller.planner.days.get({ date: '2026-11-24' });
      expect(day.exists).toBe(true);
      expect(day.items.map((i) => [i.title, i.position])).toEqual([
        ['Write spec', 0],
        ['Review PR', 1],
      ]);
      expect(day.items[1]).toMatchObject({ pinned: true, estimateMinutes: 30, status: 'todo' });

      const reordered = await caller.planner.items.reorder({
        date: '2026-11-24',
        itemIds: [b.id, a.id],
      });
      expect(reordered.items.map((i) => i.id)).toEqual([b.id, a.id]);
    });

    it('reorder must list every item of the day exactly once and writes nothing otherwise', async () => {
      const { caller } = await h.signUp();
      const a = await caller.planner.items.create({ date: '2026-11-24', title: 'A' });
      const b = await caller.planner.items.create({ date: '2026-11-24', title: 'B' });
      await expect(
        caller.planner.items.reorder({ date: '2026-11-24', itemIds: [b.id] }),
      ).rejects.toMatchObject({ code: 'BAD_REQUEST' });
      await expect(
        caller.planner.items.reorder({ date: '2026-11-24', itemIds: [b.id, b.id] }),
      ).rejects.toMatchObject({ code: 'BAD_REQUEST' });
      const day = await caller.planner.days.get({ date: '2026-11-24' });
      expect(day.items.map((i) => i.id)).toEqual([a.id, b.id]);
    });

    it('moves an item between days and renumbers both', async () => {
      const { caller } = await h.signUp();
      const a = await caller.planner.items.create({ date: '2026-11-24', title: 'A' });
      const b = await caller.planner.items.create({ date: '2026-11-24', title: 'B' });
      const c = await caller.planner.items.create({ date: '2026-11-25', title: 'C' });

      const moved = await caller.planner.items.move({ id: a.id, toDate: '2026-11-25', toIndex: 0 });
      expect(moved.date).toBe('2026-11-25');
      const tue = await caller.planner.days.get({ date: '2026-11-24' });
      const wed = await caller.planner.days.get({ date: '2026-11-25' });
      expect(tue.items.map((i) => [i.id, i.position])).toEqual([[b.id, 0]]);
      expect(wed.items.map((i) => [i.id, i.position])).toEqual([
        [a.id, 0],
        [c.id, 1],
      ]);
    });

    it('a week holds seven days with their items and links days planned before it', async () => {
      const { caller } = await h.signUp();
      await caller.planner.items.create({ date: '2026-11-26', title: 'Thursday task' });
      const week = await caller.planner.weeks.upsert({
        weekStart: MONDAY,
        summary: 'Launch week',
        focusAreas: ['beta', 'health'],
        status: 'active',
      });
      expect(week).toMatchObject({ exists: true, summary: 'Launch week', status: 'active' });
      expect(week.days.map((d) => d.date)).toEqual([
        '2026-11-23',
        '2026-11-24',
        '2026-11-25',
        '2026-11-26',
        '2026-11-27',
        '2026-11-28',
        '2026-11-29',
      ]);
      expect(week.days[3]?.items.map((i) => i.title)).toEqual(['Thursday task']);
      expect((await caller.planner.weeks.get({ weekStart: MONDAY })).focusAreas).toEqual([
        'beta',
        'health',
      ]);
    });

    it('updates item status and links items to goals', async () => {
      const { caller } = await h.signUp();
      const goal = await caller.planner.goals.create({ title: 'Fitness', horizon: 'medium' });
      const item = await caller.planner.items.create({
        date: '2026-11-24',
        title: 'Run 5k',
        goalId: goal.id,
      });
      const done = await caller.planner.items.update({ id: item.id, status: 'done' });
      expect(done).toMatchObject({ status: 'done', goalId: goal.id });
      await caller.planner.items.delete({ id: item.id });
      expect((await caller.planner.days.get({ date: '2026-11-24' })).items).toEqual([]);
    });
  });

  describe('weekly review', () => {
    it('counts planned and done items and minutes per goal and for unlinked items', async () => {
      const { caller } = await h.signUp();
      const fit = await caller.planner.goals.create({ title: 'Fitness', horizon: 'medium' });
      const idle = await caller.planner.goals.create({ title: 'Idle goal', horizon: 'long' });
      await caller.planner.goals.create({ title: 'Paused', horizon: 'long', status: 'paused' });
      const run = await caller.planner.items.create({
        date: '2026-11-24',
        title: 'Run',
        goalId: fit.id,
        estimateMinutes: 40,
      });
      await caller.planner.items.create({
        date: '2026-11-26',
        title: 'Gym',
        goalId: fit.id,
        estimateMinutes: 60,
      });
      const chores = await caller.planner.items.create({
        date: '2026-11-25',
        title: 'Chores',
        estimateMinutes: 20,
      });
      // Outside the week: must not count.
      await caller.planner.items.create({ date: '2026-11-30', title: 'Next week', goalId: fit.id });
      await caller.planner.items.update({ id: run.id, status: 'done' });
      await caller.planner.items.update({ id: chores.id, status: 'done' });

      const review = await caller.planner.review.week({ weekStart: MONDAY });
      expect(review.goals).toEqual([
        expect.objectContaining({
          goalId: fit.id,
          itemsPlanned: 2,
          itemsDone: 1,
          minutesPlanned: 100,
          minutesDone: 40,
        }),
        expect.objectContaining({ goalId: idle.id, itemsPlanned: 0, minutesPlanned: 0 }),
      ]);
      expect(review.unlinked).toEqual({
        itemsPlanned: 1,
        itemsDone: 1,
        minutesPlanned: 20,
        minutesDone: 20,
      });
      expect(review.totals).toMatchObject({ itemsPlanned: 3, itemsDone: 2, minutesPlanned: 120 });
    });
  });

  describe('bad input is refused with BAD_REQUEST naming the field, and nothing is written', () => {
    it.each([
      [
        'weeks.upsert with a Tuesday',
        'weekStart',
        (c: Caller) => c.planner.weeks.upsert({ weekStart: '2026-11-24' }),
      ],
      [
        'days.upsert with a US date',
        'date',
        (c: Caller) => c.planner.days.upsert({ date: '11/24/2026' }),
      ],
      [
        'items.create on 30 February',
        'date',
        (c: Caller) => c.planner.items.create({ date: '2026-02-30', title: 'x' }),
      ],
      [
        'items.create with an empty title',
        'title',
        (c: Caller) => c.planner.items.create({ date: '2026-11-24', title: '   ' }),
      ],
      [
        'goals.create with an unknown horizon',
        'horizon',
        (c: Caller) => c.planner.goals.create({ title: 'x', horizon: 'forever' as never }),
      ],
      [
        'items.create with a negative estimate',
        'estimateMinutes',
        (c: Caller) =>
          c.planner.items.create({ date: '2026-11-24', title: 'x', estimateMinutes: -5 }),
      ],
    ])('%s', async (_name, field, call) => {
      const { caller } = await h.signUp();
      const error = await call(caller).catch((e: unknown) => e);
      expect(error).toMatchObject({ code: 'BAD_REQUEST' });
      expect((error as Error).message).toContain(field);
      expect(await caller.planner.goals.list()).toEqual([]);
      const week = await caller.planner.weeks.get({ weekStart: MONDAY });
      expect(week.exists).toBe(false);
      expect(week.days.every((d) => !d.exists)).toBe(true);
    });
  });
});

type Caller = Awaited<ReturnType<TestHarness['signUp']>>['caller'];
