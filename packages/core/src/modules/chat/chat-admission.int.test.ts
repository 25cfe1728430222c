import type { FakeProvider } from '@waypoint/ai/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { createCaller } from '../../root.ts';
import { createFakeModelHarness, type FakeModelHarness } from '../../testing/fake-model-harness.ts';
import type { TestHarness } from '../../testing/harness.ts';

type Caller = ReturnType<typeof createCaller>;

// One reply slot: the second reply must wait for the first.
let fake: FakeProvider;
let h: TestHarness;
let models: FakeModelHarness;
beforeAll(async () => {
  models = await createFakeModelHarness({
    services: { chatMaxActiveReplies: 1 },
    aiEnv: { AI_CHAT_MODELS: 'openai:m1', AI_TASK_MODELS: 'offline' },
  });
  ({ fake, h } = models);
});
afterAll(() => models.close());
beforeEach(() => models.reset());

let sends = 0;
async function sendIn(caller: Caller, text: string) {
  const { id } = await caller.chat.conversations.create({ assistant: 'general' });
  const sent = await caller.chat.send({
    conversationId: id,
    text,
    clientMessageId: `admission-${++sends}`,
  });
  return { conversationId: id, ...sent };
}

async function replyOf(caller: Caller, conversationId: string) {
  return (await caller.chat.conversations.get({ id: conversationId })).messages[1];
}

async function until(condition: () => boolean | Promise<boolean>) {
  for (let i = 0; i < 400; i++) {
    if (await condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error('condition never held');
}

describe('reply slots', () => {
  it('generates past the limit in order: a waiting reply is stored, streaming, and runs next', async () => {
    const { caller } = await h.signUp();
    fake.enqueue(
      'm1',
      { chunks: ['one', ' two', ' three'], chunkDelayMs: 100 },
      { chunks: ['next'] },
    );
    const first = await sendIn(caller, 'First');
    const second = await sendIn(caller, 'Second');

    await until(() => fake.requestsFor('m1').length === 1);
    expect(h.services.chat.load()).toEqual({ active: 1, waiting: 1, limit: 1 });
    expect(await replyOf(caller, second.conversationId)).toMatchObject({ status: 'streaming' });

    await until(async () => (await replyOf(caller, second.conversationId))?.status === 'complete');
    expect(await replyOf(caller, first.conversationId)).toMatchObject({ status: 'complete' });
    const [a, b] = fake.requestsFor('m1');
    expect(JSON.stringify(a?.body.messages)).toContain('First');
    expect(JSON.stringify(b?.body.messages)).toContain('Second');
    expect(h.services.chat.load()).toEqual({ active: 0, waiting: 0, limit: 1 });
  });

  it('a reply stopped while it waits ends stopped at once, without calling a model', async () => {
    const { caller } = await h.signUp();
    fake.enqueue('m1', { chunks: ['slow', ' reply', ' here'], chunkDelayMs: 150 });
    const first = await sendIn(caller, 'First');
    const second = await sendIn(caller, 'Second');
    await until(() => fake.requestsFor('m1').length === 1);

    await caller.chat.stop({ assistantMessageId: second.assistantMessageId });
    expect(await replyOf(caller, second.conversationId)).toMatchObject({ status: 'stopped' });
    expect(await replyOf(caller, first.conversationId)).toMatchObject({ status: 'streaming' });

    await until(async () => (await replyOf(caller, first.conversationId))?.status === 'complete');
    expect(fake.requestsFor('m1')).toHaveLength(1);
  });
});
