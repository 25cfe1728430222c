import { describe, expect, it } from 'vitest';
import { applyProposal, createTestHarness, principalFor } from '../../testing/index.ts';
import { plannerRouter } from './planner.router.ts';

/**
 * Every planner procedure, run by user B against user A's data. A procedure added to the router
 * without a case here fails the first test, so nobody forgets to think about its authorization.
 */
describe('planner authorization', () => {
  it('every planner procedure has a cross-user case', () => {
    const procedures = Object.entries(plannerRouter).flatMap(([entity, procs]) =>
      Object.keys(procs).map((verb) => `${entity}.${verb}`),
    );
    const covered = new Set(Object.keys(crossUserCases()).map((name) => name.split(' ')[0]));
    expect(procedures.sort()).toEqual([...covered].sort());
  });

  it.each(Object.entries(crossUserCases()))(
    '%s as another user is NOT_FOUND and changes nothing',
    async (_name, attack) => {
      const h = await createTestHarness();
      await h.reset();
      const owner = await h.signUp();
      const goal = await owner.caller.planner.goals.create({
        title: 'Secret goal',
        horizon: 'short',
      });
      const item = await owner.caller.planner.items.create({
        date: '2026-11-24',
        title: 'Secret item',
        goalId: goal.id,
      });
      await owner.caller.planner.weeks.upsert({ weekStart: '2026-11-23', summary: 'Secret week' });
      const proposal = await h.services.planner.proposals.create(principalFor(owner.user), {
        summary: 'Secret proposal',
        changes: [{ op: 'complete_item', itemId: item.id, reason: 'Secret reason' }],
      });
      const before = await owner.caller.planner.weeks.get({ weekStart: '2026-11-23' });

      const intruder = await h.signUp();
      const outcome = await attack(intruder.caller, {
        goalId: goal.id,
        itemId: item.id,
        proposalId: proposal.id,
      });
      if (outcome.kind === 'error') {
        expect(['NOT_FOUND', 'FORBIDDEN']).toContain(outcome.code);
      } else {
        // Date-addressed reads answer with the intruder's own (empty) plans.
        expect(JSON.stringify(outcome.value)).not.toMatch(/Secret/);
      }
      expect(await owner.caller.planner.weeks.get({ weekStart: '2026-11-23' })).toEqual(before);
      expect((await owner.caller.planner.proposals.get({ id: proposal.id })).status).toBe(
        'pending',
      );
      expect(await owner.caller.planner.goals.get({ id: goal.id })).toMatchObject({
        title: 'Secret goal',
      });
    },
  );
});

type Caller = Awaited<
  ReturnType<Awaited<ReturnType<typeof createTestHarness>>['signUp']>
>['caller'];
type Ids = { goalId: string; itemId: string; proposalId: string };
type Outcome = { kind: 'error'; code: string } | { kind: 'value'; value: unknown };

async function outcomeOf(call: Promise<unknown>): Promise<Outcome> {
  try {
    return { kind: 'value', value: await call };
  } catch (error) {
    return { kind: 'error', code: (error as { code: string }).code };
  }
}

function crossUserCases(): Record<string, (c: Caller, ids: Ids) => Promise<Outcome>> {
  return {
    'goals.list': (c) => outcomeOf(c.planner.goals.list()),
    'goals.get': (c, { goalId }) => outcomeOf(c.planner.goals.get({ id: goalId })),
    'goals.create': (c) => outcomeOf(c.planner.goals.list()),
    'goals.update': (c, { goalId }) =>
      outcomeOf(c.planner.goals.update({ id: goalId, title: 'pwned' })),
    'goals.delete': (c, { goalId }) => outcomeOf(c.planner.goals.delete({ id: goalId })),
    'weeks.get': (c) => outcomeOf(c.planner.weeks.get({ weekStart: '2026-11-23' })),
    'weeks.upsert': (c) =>
      outcomeOf(c.planner.weeks.upsert({ weekStart: '2026-11-23', summary: 'mine' })),
    'days.get': (c) => outcomeOf(c.planner.days.get({ date: '2026-11-24' })),
    'days.upsert': (c) => outcomeOf(c.planner.days.upsert({ date: '2026-11-24', summary: 'x' })),
    'items.create': (c, { goalId }) =>
      outcomeOf(c.planner.items.create({ date: '2026-11-24', title: 'x', goalId })),
    'items.update': (c, { itemId }) =>
      outcomeOf(c.planner.items.update({ id: itemId, status: 'done' })),
    'items.move': (c, { itemId }) =>
      outcomeOf(c.planner.items.move({ id: itemId, toDate: '2026-11-25' })),
    'items.delete': (c, { itemId }) => outcomeOf(c.planner.items.delete({ id: itemId })),
    'items.reorder': (c, { itemId }) =>
      outcomeOf(c.planner.items.reorder({ date: '2026-11-24', itemIds: [itemId] })),
    'items.update (goal link)': (c, { goalId }) =>
      outcomeOf(
        c.planner.items
          .create({ date: '2026-11-27', title: 'mine' })
          .then((own) => c.planner.items.update({ id: own.id, goalId })),
      ),
    'review.week': (c) => outcomeOf(c.planner.review.week({ weekStart: '2026-11-23' })),
    'proposals.list': (c) => outcomeOf(c.planner.proposals.list()),
    'proposals.get': (c, { proposalId }) => outcomeOf(c.planner.proposals.get({ id: proposalId })),
    'proposals.apply': (c, { proposalId }) => outcomeOf(applyProposal(c, proposalId)),
    'proposals.reject': (c, { proposalId }) =>
      outcomeOf(c.planner.proposals.reject({ id: proposalId })),
  };
}
