import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  applyProposal,
  createTestHarness,
  principalFor,
  type TestHarness,
} from '../../testing/index.ts';

describe('planner proposals', () => {
  let h: TestHarness;
  beforeAll(async () => {
    h = await createTestHarness();
  });
  beforeEach(() => h.reset());

  async function setup() {
    const { user, caller } = await h.signUp();
    const principal = principalFor(user);
    const goal = await caller.planner.goals.create({ title: 'Fitness', horizon: 'medium' });
    const run = await caller.planner.items.create({ date: '2026-11-24', title: 'Run' });
    const pinned = await caller.planner.items.create({
      date: '2026-11-24',
      title: 'Dentist',
      pinned: true,
    });
    const propose = (
      changes: Parameters<typeof h.services.planner.proposals.create>[1]['changes'],
    ) => h.services.planner.proposals.create(principal, { summary: 'Plan tweaks', changes });
    return { caller, goal, run, pinned, propose };
  }

  it('applies every change of a proposal in one go', async () => {
    const { caller, goal, run, propose } = await setup();
    const proposal = await propose([
      {
        op: 'add_item',
        date: '2026-11-25',
        title: 'Gym',
        goalId: goal.id,
        estimateMinutes: 60,
        reason: 'Fitness has nothing planned',
      },
      { op: 'move_item', itemId: run.id, toDate: '2026-11-26', reason: 'Tuesday is over capacity' },
      {
        op: 'create_goal',
        title: 'Sleep 8h',
        horizon: 'short',
        reason: 'You mentioned being tired',
      },
    ]);
    expect(proposal.status).toBe('pending');
    expect(proposal.changes[1]).toMatchObject({ itemTitle: 'Run', fromDate: '2026-11-24' });
    // Nothing changes before the user applies it.
    expect((await caller.planner.days.get({ date: '2026-11-25' })).items).toEqual([]);

    const applied = await applyProposal(caller, proposal.id);
    expect(applied.status).toBe('applied');
    expect((await caller.planner.days.get({ date: '2026-11-25' })).items[0]).toMatchObject({
      title: 'Gym',
      goalId: goal.id,
      estimateMinutes: 60,
    });
    expect((await caller.planner.days.get({ date: '2026-11-26' })).items[0]?.id).toBe(run.id);
    expect((await caller.planner.goals.list()).map((g) => g.title)).toContain('Sleep 8h');

    await expect(applyProposal(caller, proposal.id)).rejects.toMatchObject({
      code: 'CONFLICT',
    });
  });

  it('never proposes moving a pinned item', async () => {
    const { pinned, propose } = await setup();
    await expect(
      propose([{ op: 'move_item', itemId: pinned.id, toDate: '2026-11-27', reason: 'x' }]),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
  });

  it('refuses to apply a move when the item was pinned since, and writes nothing', async () => {
    const { caller, run, propose } = await setup();
    const proposal = await propose([
      { op: 'add_item', date: '2026-11-25', title: 'Stretch', reason: 'Recovery' },
      { op: 'move_item', itemId: run.id, toDate: '2026-11-26', reason: 'Balance the week' },
    ]);
    await caller.planner.items.update({ id: run.id, pinned: true });

    await expect(applyProposal(caller, proposal.id)).rejects.toMatchObject({
      code: 'CONFLICT',
    });
    expect((await caller.planner.days.get({ date: '2026-11-25' })).items).toEqual([]);
    expect((await caller.planner.proposals.get({ id: proposal.id })).status).toBe('pending');
  });

  it('rejecting leaves the plan as it was', async () => {
    const { caller, run, propose } = await setup();
    const proposal = await propose([
      { op: 'complete_item', itemId: run.id, reason: 'You said you ran this morning' },
    ]);
    expect((await caller.planner.proposals.reject({ id: proposal.id })).status).toBe('rejected');
    expect((await caller.planner.days.get({ date: '2026-11-24' })).items[0]?.status).toBe('todo');
    expect(await caller.planner.proposals.list({ status: 'pending' })).toEqual([]);
  });
});
