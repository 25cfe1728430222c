import type { FakeProvider } from '@waypoint/ai/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createFakeModelHarness, type FakeModelHarness } from '../../testing/fake-model-harness.ts';
import type { TestHarness } from '../../testing/harness.ts';

let fake: FakeProvider;
let h: TestHarness;
let models: FakeModelHarness;
beforeAll(async () => {
  models = await createFakeModelHarness({
    aiEnv: { AI_CHAT_MODELS: 'openai:planner-model' },
  });
  ({ fake, h } = models);
});
afterAll(() => models.close());
beforeEach(() => models.reset());

describe('planner assistant', () => {
  it("sends the model the active goals and the day's items, and no paused goal", async () => {
    const { caller } = await h.signUp();
    const active = await caller.planner.goals.create({
      title: 'Ship the beta',
      horizon: 'short',
      priority: 'urgent',
    });
    await caller.planner.goals.create({
      title: 'Learn the cello',
      horizon: 'long',
      status: 'paused',
    });
    await caller.planner.items.create({
      date: '2026-11-24',
      title: 'Write release notes',
      goalId: active.id,
      estimateMinutes: 45,
      pinned: true,
    });
    const { id } = await caller.chat.conversations.create({
      assistant: 'planner',
      context: { type: 'daily_planning', id: '2026-11-24' },
    });
    await caller.chat.send({
      conversationId: id,
      text: 'Plan my day',
      clientMessageId: 'planner-test-1',
    });
    await expect.poll(() => fake.requestsFor('planner-model').length).toBeGreaterThan(0);

    const request = fake.requestsFor('planner-model')[0]?.body as {
      messages: { role: string; content: unknown }[];
      tools?: { function: { name: string } }[];
    };
    const prompt = JSON.stringify(request.messages);
    expect(prompt).toContain('Ship the beta');
    expect(prompt).toContain('Write release notes');
    expect(prompt).toContain('Plan my day');
    expect(prompt).not.toContain('Learn the cello');
    expect(request.tools?.map((t) => t.function.name).sort()).toEqual([
      'create_goal',
      'mark_item_done',
      'move_item',
      'propose_day_items',
    ]);
  });

  it('proposes through its tools when the model calls them, and the plan is untouched until applied', async () => {
    const { caller } = await h.signUp();
    const goal = await caller.planner.goals.create({
      title: 'Run a 10k',
      horizon: 'medium',
      priority: 'high',
    });
    const { id } = await caller.chat.conversations.create({
      assistant: 'planner',
      context: { type: 'daily_planning', id: '2026-11-24' },
    });
    fake.enqueue(
      'planner-model',
      {
        chunks: [],
        toolCalls: [
          {
            name: 'propose_day_items',
            arguments: {
              date: '2026-11-24',
              items: [
                {
                  title: 'Easy 5 km',
                  goalId: goal.id,
                  estimateMinutes: 35,
                  priority: 'high',
                  reason: 'Keeps the 10k plan moving',
                },
              ],
            },
          },
        ],
      },
      { chunks: ['I proposed an easy run for today.'] },
    );
    await caller.chat.send({
      conversationId: id,
      text: 'Add a run',
      clientMessageId: 'planner-test-2',
    });
    await expect
      .poll(async () => (await caller.chat.conversations.get({ id })).messages[1]?.status)
      .toBe('complete');
    const proposals = await caller.planner.proposals.list({ status: 'pending' });
    expect(proposals).toHaveLength(1);
    expect(proposals[0]?.changes[0]).toMatchObject({
      op: 'add_item',
      title: 'Easy 5 km',
      reason: 'Keeps the 10k plan moving',
    });
    expect((await caller.planner.days.get({ date: '2026-11-24' })).items).toEqual([]);
  });
});
