import type { FakeProvider } from '@waypoint/ai/testing';
import { schema } from '@waypoint/db';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { createCaller } from '../../root.ts';
import { createFakeModelHarness, type FakeModelHarness } from '../../testing/fake-model-harness.ts';
import type { TestHarness } from '../../testing/harness.ts';
import type { BranchCache } from './branch-cache.ts';
import { type ChatRepository, chatRepository } from './chat.repository.ts';

type Caller = ReturnType<typeof createCaller>;

let fake: FakeProvider;
let h: TestHarness;
let models: FakeModelHarness;
beforeAll(async () => {
  models = await createFakeModelHarness({
    services: { chatSendPerMinute: 5 },
    aiEnv: {
      AI_CHAT_MODELS: 'openai:m1,openai:m2',
      AI_TASK_MODELS: 'offline',
      AI_CONNECT_TIMEOUT_MS: '2000',
      AI_CHUNK_TIMEOUT_MS: '2000',
    },
  });
  ({ fake, h } = models);
});
afterAll(() => models.close());
beforeEach(() => models.reset());

let sends = 0;
const clientId = () => `client-${++sends}-${Date.now()}`;

async function startChat(
  caller: Caller,
  assistant = 'general',
  context?: { type: string; id: string },
) {
  return (await caller.chat.conversations.create({ assistant, context })).id;
}

/** A conversation with `turns` finished turns (their replies stored, so this process knows it). */
async function chatWithTurns(caller: Caller, turns: number) {
  const id = await startChat(caller);
  for (let turn = 0; turn < turns; turn++) {
    await caller.chat.send({
      conversationId: id,
      text: `Turn ${turn}`,
      clientMessageId: clientId(),
    });
    await settled(caller, id);
  }
  return { id, messages: (await caller.chat.conversations.get({ id })).messages };
}

async function settled(caller: Caller, conversationId: string) {
  for (let i = 0; i < 200; i++) {
    const conversation = await caller.chat.conversations.get({ id: conversationId });
    if (conversation.messages.every((m) => m.status !== 'streaming')) return conversation;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error('reply never settled');
}

const textOf = (message: { parts: Record<string, unknown>[] } | undefined) =>
  (message?.parts ?? [])
    .filter((p) => p.type === 'text')
    .map((p) => p.text)
    .join('');

async function readStream(
  caller: Caller,
  assistantMessageId: string,
  lastEventId?: string,
  stopAfterDeltas = Number.POSITIVE_INFINITY,
) {
  const events: { id: string; data: { type: string; delta?: string } }[] = [];
  const stream = await caller.chat.stream({ assistantMessageId, lastEventId });
  let deltas = 0;
  // Server-side callers get tRPC's tracked tuples; HTTP clients get `{ id, data }`.
  for await (const raw of stream as AsyncIterable<[string, { type: string; delta?: string }]>) {
    const event = { id: raw[0], data: raw[1] };
    events.push(event);
    if (event.data.type === 'text-delta' && ++deltas >= stopAfterDeltas) break;
  }
  const text = events.map((e) => (e.data.type === 'text-delta' ? e.data.delta : '')).join('');
  return { events, text };
}

/**
 * Holds the repository's `method` calls that `matches` until `release()`, to see what followers
 * get while a write is slow; `restore()` releases and puts the repository back.
 */
function holdWrites<M extends 'updateMessage' | 'checkpointReplies'>(
  method: M,
  matches: (...args: Parameters<ChatRepository[M]>) => boolean,
) {
  let release = () => {};
  const gate = new Promise<void>((resolve) => {
    release = resolve;
  });
  const write = chatRepository[method] as (...args: unknown[]) => Promise<void>;
  const hold = { held: 0, release: () => release(), restore: () => {} };
  const spy = vi.spyOn(chatRepository, method).mockImplementation((async (
    ...args: Parameters<ChatRepository[M]>
  ) => {
    if (matches(...args)) {
      hold.held += 1;
      await gate;
    }
    return write.apply(chatRepository, args);
  }) as never);
  hold.restore = () => {
    release();
    spy.mockRestore();
  };
  return hold;
}

/**
 * A deferred trigger on the messages table: `body` runs at COMMIT of a transaction that stored a
 * user message (slow, or failing, commits). `drop()` removes it.
 */
async function commitTrigger(body: string) {
  await h.handle.db.execute(
    sql.raw(`create or replace function test_at_commit() returns trigger language plpgsql as $$
      begin ${body}; return null; end $$`),
  );
  await h.handle.db.execute(
    sql.raw(`create constraint trigger test_at_commit after insert on messages
      deferrable initially deferred for each row when (new.role = 'user')
      execute function test_at_commit()`),
  );
  return {
    drop: async () => {
      await h.handle.db.execute(sql.raw('drop trigger if exists test_at_commit on messages'));
      await h.handle.db.execute(sql.raw('drop function if exists test_at_commit()'));
    },
  };
}

describe('chat engine', () => {
  it('stores the user message first, is idempotent per clientMessageId, and generates with no subscriber', async () => {
    const { caller } = await h.signUp();
    const id = await startChat(caller);
    const clientMessageId = clientId();
    fake.enqueue('m1', { status: 400 }, { status: 400 }); // m1 refuses: the reply must come from m2
    const sent = await caller.chat.send({
      conversationId: id,
      text: 'Hello there',
      clientMessageId,
    });
    const again = await caller.chat.send({
      conversationId: id,
      text: 'Hello there',
      clientMessageId,
    });
    expect(again).toEqual(sent);

    const conversation = await settled(caller, id);
    expect(conversation.messages.map((m) => m.role)).toEqual(['user', 'assistant']);
    expect(textOf(conversation.messages[0])).toBe('Hello there');
    const reply = conversation.messages[1];
    expect(reply).toMatchObject({ id: sent.assistantMessageId, status: 'complete' });
    expect(textOf(reply)).toBe('Hello from the fake provider.');
    expect(reply?.models).toEqual([{ provider: 'openai', model: 'm2' }]);
    expect(reply?.metadata).toMatchObject({
      fallbacks: [{ from: 'openai:m1', to: 'openai:m2', reason: 'http_400' }],
    });
    // The model saw the user's message; it was stored before the call.
    expect(JSON.stringify(fake.requestsFor('m1')[0]?.body.messages)).toContain('Hello there');
    const userRows = await h.handle.db.select().from(schema.messages).where(sql`role = 'user'`);
    expect(userRows).toHaveLength(1);
  });

  // For a conversation this process knows (its last reply finished here) the assistant's context
  // starts loading before the turn's statement answers and the branch comes from the cache; for a
  // new one both come after. Either way the model waits for COMMIT.
  for (const known of [false, true]) {
    const which = known ? 'a conversation this process knows' : 'a new conversation';

    it(`asks no model before the turn is committed, though its reply is prepared before (${which})`, async () => {
      const { caller } = await h.signUp();
      const { id } = await chatWithTurns(caller, known ? 1 : 0);
      // COMMIT takes a second (a deferred trigger), long after the turn's statement has answered
      // and the generation has been prepared. When the model's request arrives, the user's
      // message must be visible to another connection: committed. (On PostgreSQL the check's
      // snapshot is taken at once; on PGlite's single connection it waits for the transaction.)
      const visibleAtRequest: Promise<boolean>[] = [];
      fake.setResponder(() => {
        visibleAtRequest.push(
          h.handle.db
            .select({ id: schema.messages.id })
            .from(schema.messages)
            .where(sql`conversation_id = ${id} and role = 'user' and parts::text like '%Wait%'`)
            .then((rows) => rows.length === 1),
        );
        return undefined;
      });
      const trigger = await commitTrigger('perform pg_sleep(1)');
      try {
        const sent = await caller.chat.send({
          conversationId: id,
          text: 'Wait',
          clientMessageId: clientId(),
        });
        const conversation = await settled(caller, id);
        expect(conversation.messages.at(-1)).toMatchObject({
          id: sent.assistantMessageId,
          status: 'complete',
        });
        expect(await Promise.all(visibleAtRequest)).toEqual([true]);
        expect(JSON.stringify(fake.requestsFor('m1').at(-1)?.body.messages)).toContain('Wait');
      } finally {
        fake.setResponder(undefined);
        await trigger.drop();
      }
    });

    it(`asks no model and leaves nothing behind when the turn cannot be committed (${which})`, async () => {
      const { caller } = await h.signUp();
      const { id, messages } = await chatWithTurns(caller, known ? 1 : 0);
      const requests = fake.requests.length;
      const usage = (await h.handle.db.select().from(schema.aiUsage)).length;
      // The turn's statement succeeds and the generation is prepared; COMMIT fails (a deferred
      // trigger): the user's message is not stored and no model is asked.
      const trigger = await commitTrigger("raise exception 'the turn cannot be committed'");
      try {
        await expect(
          caller.chat.send({ conversationId: id, text: 'Lost?', clientMessageId: clientId() }),
        ).rejects.toMatchObject({ code: 'INTERNAL_SERVER_ERROR' });
      } finally {
        await trigger.drop();
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(fake.requests).toHaveLength(requests);
      expect((await caller.chat.conversations.get({ id })).messages).toEqual(messages);
      expect(await h.handle.db.select().from(schema.aiUsage)).toHaveLength(usage);
      // The conversation takes the next message.
      await caller.chat.send({ conversationId: id, text: 'Again', clientMessageId: clientId() });
      expect((await settled(caller, id)).messages.map((m) => m.role)).toEqual([
        ...messages.map((m) => m.role),
        'user',
        'assistant',
      ]);
    });
  }

  it('refuses a send to a known conversation while its reply streams, asking no model for it', async () => {
    const { caller } = await h.signUp();
    const { id } = await chatWithTurns(caller, 1);
    fake.setDefault({ chunks: ['Slow', ' reply'], chunkDelayMs: 300 });
    const streaming = await caller.chat.send({
      conversationId: id,
      text: 'Second',
      clientMessageId: clientId(),
    });
    await expect.poll(() => fake.requests.length).toBe(2);
    // Known here: its context starts loading before the statement says the leaf is streaming.
    await expect(
      caller.chat.send({ conversationId: id, text: 'Third', clientMessageId: clientId() }),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
    const conversation = await settled(caller, id);
    expect(fake.requests).toHaveLength(2);
    expect(conversation.messages.map((m) => m.id).at(-1)).toBe(streaming.assistantMessageId);
    expect(conversation.messages).toHaveLength(4);
    expect(JSON.stringify(conversation.messages)).not.toContain('Third');
  });

  it('takes two different sends to one conversation at once in turn: one is stored, the other refused', async () => {
    const { caller } = await h.signUp();
    const id = await startChat(caller);
    fake.setDefault({ chunks: ['Slow', ' reply'], chunkDelayMs: 200 });
    // On PostgreSQL the second waits for the first's lock on the conversation, finds its leaf
    // moved, looks again and meets the first's reply still streaming.
    const results = await Promise.allSettled([
      caller.chat.send({ conversationId: id, text: 'One', clientMessageId: clientId() }),
      caller.chat.send({ conversationId: id, text: 'Two', clientMessageId: clientId() }),
    ]);
    const stored = results.filter((r) => r.status === 'fulfilled');
    const refused = results.filter((r) => r.status === 'rejected');
    expect(stored).toHaveLength(1);
    expect(refused.map((r) => (r as PromiseRejectedResult).reason)).toMatchObject([
      { code: 'CONFLICT', message: expect.stringMatching(/still being written/) },
    ]);
    const conversation = await settled(caller, id);
    expect(conversation.messages.map((m) => m.role)).toEqual(['user', 'assistant']);
    expect(fake.requests).toHaveLength(1);
  });

  it('refuses a send to a conversation whose assistant is gone, storing nothing', async () => {
    const { caller, user } = await h.signUp();
    const [row] = await h.handle.db
      .insert(schema.conversations)
      .values({ userId: user.id, assistant: 'retired' })
      .returning();
    const id = row?.id as string;
    await expect(
      caller.chat.send({ conversationId: id, text: 'Hello?', clientMessageId: clientId() }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    const stored = await h.handle.db
      .select()
      .from(schema.messages)
      .where(sql`conversation_id = ${id}`);
    expect(stored).toEqual([]);
    expect(fake.requests).toHaveLength(0);
  });

  it('stores a send made twice at once only once, and answers both with its ids', async () => {
    const { caller } = await h.signUp();
    const id = await startChat(caller);
    const send = { conversationId: id, text: 'Twice', clientMessageId: clientId() };
    // On PostgreSQL both transactions can read before either writes: the unique index decides.
    const [first, second] = await Promise.all([caller.chat.send(send), caller.chat.send(send)]);
    expect(second).toEqual(first);
    const conversation = await settled(caller, id);
    expect(conversation.messages.map((m) => [m.role, m.id])).toEqual([
      ['user', first.userMessageId],
      ['assistant', first.assistantMessageId],
    ]);
  });

  it("refuses a send while the reply before it streams, and one into a conversation not the caller's, storing nothing", async () => {
    const { caller } = await h.signUp();
    const id = await startChat(caller);
    fake.enqueue('m1', { chunks: ['Slow', ' reply'], chunkDelayMs: 300 });
    await caller.chat.send({ conversationId: id, text: 'First', clientMessageId: clientId() });
    await expect(
      caller.chat.send({ conversationId: id, text: 'Too soon', clientMessageId: clientId() }),
    ).rejects.toMatchObject({
      code: 'CONFLICT',
      message: expect.stringMatching(/still being written/),
    });
    const { caller: stranger } = await h.signUp();
    await expect(
      stranger.chat.send({ conversationId: id, text: 'Mine now', clientMessageId: clientId() }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const conversation = await settled(caller, id);
    expect(conversation.messages.map((m) => [m.role, textOf(m)])).toEqual([
      ['user', 'First'],
      ['assistant', 'Slow reply'],
    ]);
    expect(fake.requests).toHaveLength(1);
  });

  it('resumes a stream from the last event id and replays a finished reply whole', async () => {
    const { caller } = await h.signUp();
    const id = await startChat(caller);
    fake.enqueue('m1', {
      chunks: ['One', ' two', ' three', ' four', ' five', ' six'],
      chunkDelayMs: 40,
    });
    const { assistantMessageId } = await caller.chat.send({
      conversationId: id,
      text: 'Count',
      clientMessageId: clientId(),
    });

    const first = await readStream(caller, assistantMessageId, undefined, 2);
    const lastId = first.events.at(-1)?.id;
    const rest = await readStream(caller, assistantMessageId, lastId);
    expect(first.text + rest.text).toBe('One two three four five six');
    expect(rest.events.at(-1)?.data.type).toBe('finish');
    const ids = [...first.events, ...rest.events].map((e) => Number(e.id));
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    expect(new Set(ids).size).toBe(ids.length);

    const replay = await readStream(caller, assistantMessageId);
    expect(replay.text).toBe('One two three four five six');
    expect(replay.events[0]?.data.type).toBe('start');
  });

  it('sends finish only once the reply is stored, so the next message can follow at once', async () => {
    const { caller } = await h.signUp();
    const id = await startChat(caller);
    fake.enqueue('m1', { chunks: ['First', ' answer'] }, { chunks: ['Second', ' answer'] });
    // Hold the final save of the reply until released, to see what followers get meanwhile.
    const finalSaves = holdWrites('updateMessage', (_db, _user, _id, patch) => !!patch.status);
    try {
      const first = await caller.chat.send({
        conversationId: id,
        text: 'One',
        clientMessageId: clientId(),
      });
      // `finish` as a follower sees it, not the end of the stream.
      let finished = false;
      const reading = (async () => {
        const stream = await caller.chat.stream({ assistantMessageId: first.assistantMessageId });
        const types: string[] = [];
        for await (const [, data] of stream as AsyncIterable<[string, { type: string }]>) {
          types.push(data.type);
          if (data.type === 'finish') finished = true;
        }
        return types;
      })();
      while (finalSaves.held === 0) await new Promise((resolve) => setTimeout(resolve, 5));
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(finished).toBe(false);
      finalSaves.release();
      expect((await reading).at(-1)).toBe('finish');
    } finally {
      finalSaves.restore();
    }

    // No wait between finish and the next send: the reply row is already complete.
    const second = await caller.chat.send({
      conversationId: id,
      text: 'Two',
      clientMessageId: clientId(),
    });
    await readStream(caller, second.assistantMessageId);
    const conversation = await settled(caller, id);
    expect(conversation.messages.map(textOf)).toEqual([
      'One',
      'First answer',
      'Two',
      'Second answer',
    ]);
    // The second call saw the whole branch before it (read in the send's own transaction).
    const sentMessages = fake.requestsFor('m1')[1]?.body.messages as {
      role: string;
      content: unknown;
    }[];
    expect(sentMessages.filter((m) => m.role !== 'system').map((m) => [m.role, m.content])).toEqual(
      [
        ['user', 'One'],
        ['assistant', 'First answer'],
        ['user', 'Two'],
      ],
    );
  });

  it('keeps streaming while a checkpoint of the reply is slow to write, and saves it whole', async () => {
    const { caller } = await h.signUp();
    const id = await startChat(caller);
    const words = Array.from({ length: 12 }, (_, i) => ` w${i}`);
    fake.enqueue('m1', { chunks: words, chunkDelayMs: 100 });
    // Checkpoints wait until released; the final save waits for them, then goes through.
    const checkpoints = holdWrites('checkpointReplies', (_db, _at, replies) => replies.length > 0);
    try {
      const sent = await caller.chat.send({
        conversationId: id,
        text: 'Count slowly',
        clientMessageId: clientId(),
      });
      const stream = await caller.chat.stream({ assistantMessageId: sent.assistantMessageId });
      let text = '';
      for await (const [, data] of stream as AsyncIterable<
        [string, { type: string; delta?: string }]
      >) {
        if (data.type === 'text-delta') text += data.delta;
        // Every word arrived while the checkpoint was still held.
        if (text === words.join('')) break;
      }
      expect(checkpoints.held).toBeGreaterThanOrEqual(1);
      checkpoints.release();
      const conversation = await settled(caller, id);
      expect(conversation.messages[1]).toMatchObject({ status: 'complete' });
      expect(textOf(conversation.messages[1])).toBe(words.join(''));
    } finally {
      checkpoints.restore();
    }
  });

  it('stops the upstream call and keeps the partial text as stopped', async () => {
    const { caller } = await h.signUp();
    const id = await startChat(caller);
    fake.enqueue('m1', {
      chunks: Array.from({ length: 100 }, (_, i) => ` w${i}`),
      chunkDelayMs: 30,
    });
    const { assistantMessageId } = await caller.chat.send({
      conversationId: id,
      text: 'Go',
      clientMessageId: clientId(),
    });
    await readStream(caller, assistantMessageId, undefined, 3);
    expect(await caller.chat.stop({ assistantMessageId })).toEqual({ stopped: true });
    const reply = (await caller.chat.conversations.get({ id })).messages[1];
    expect(reply?.status).toBe('stopped');
    const kept = textOf(reply);
    expect(kept.length).toBeGreaterThan(0);
    expect(kept.split(' ').length).toBeLessThan(100);
    await expect.poll(() => fake.requestsFor('m1')[0]?.closedEarly).toBe(true);
    expect(fake.requestsFor('m2')).toHaveLength(0);
  });

  it('continues a reply that dropped mid-stream on the next model, as one message', async () => {
    const { caller } = await h.signUp();
    const id = await startChat(caller);
    fake.enqueue('m1', { dropAfter: 2 });
    await caller.chat.send({ conversationId: id, text: 'Hi', clientMessageId: clientId() });
    const reply = (await settled(caller, id)).messages[1];
    expect(textOf(reply)).toBe('Hello from the fake provider.');
    expect(reply?.models).toEqual([
      { provider: 'openai', model: 'm1' },
      { provider: 'openai', model: 'm2' },
    ]);
  });

  it('marks replies orphaned by a crash as interrupted, and they can be regenerated', async () => {
    const { caller, user } = await h.signUp();
    const id = await startChat(caller);
    await caller.chat.send({ conversationId: id, text: 'Hi', clientMessageId: clientId() });
    const conversation = await settled(caller, id);
    const reply = conversation.messages[1];
    if (!reply) throw new Error('no reply');
    await h.handle.db.execute(
      sql`update messages set status = 'streaming', updated_at = now() - interval '5 minutes' where id = ${reply.id} and user_id = ${user.id}`,
    );
    expect(await h.services.chat.recoverInterrupted()).toBe(1);
    expect((await caller.chat.conversations.get({ id })).messages[1]?.status).toBe('interrupted');
    const { assistantMessageId } = await caller.chat.regenerate({ assistantMessageId: reply.id });
    const after = await settled(caller, id);
    expect(after.messages[1]).toMatchObject({
      id: assistantMessageId,
      status: 'complete',
      siblings: { index: 1 },
    });
  });

  it('refuses to regenerate a reply another instance is still writing, not one left still', async () => {
    const { caller, user } = await h.signUp();
    const { id, messages } = await chatWithTurns(caller, 1);
    const replyId = messages[1]?.id ?? '';
    // As another API process generating it would leave the row: streaming, touched just now.
    const markStreaming = (age: string) =>
      h.handle.db.execute(
        sql`update messages set status = 'streaming', updated_at = now() - ${age}::interval where id = ${replyId} and user_id = ${user.id}`,
      );
    await markStreaming('2 seconds');
    await expect(caller.chat.regenerate({ assistantMessageId: replyId })).rejects.toMatchObject({
      code: 'CONFLICT',
    });
    expect((await caller.chat.conversations.get({ id })).messages).toHaveLength(2);
    // Still for longer than any writer leaves it: orphaned, so it may be regenerated at once.
    await markStreaming('5 minutes');
    const { assistantMessageId } = await caller.chat.regenerate({ assistantMessageId: replyId });
    expect((await settled(caller, id)).messages[1]).toMatchObject({
      id: assistantMessageId,
      status: 'complete',
    });
  });

  it("checkpoints and keeps alive many replies in one statement each, only their owner's and only while streaming", async () => {
    const streamingReply = async () => {
      const { caller, user } = await h.signUp();
      const id = await startChat(caller);
      await caller.chat.send({ conversationId: id, text: 'Hi', clientMessageId: clientId() });
      const reply = (await settled(caller, id)).messages[1];
      if (!reply) throw new Error('no reply');
      await h.handle.db.execute(
        sql`update messages set status = 'streaming', updated_at = now() - interval '5 minutes' where id = ${reply.id}`,
      );
      return { id: reply.id, userId: user.id };
    };
    const [a, b, ended, stranger] = [
      await streamingReply(),
      await streamingReply(),
      await streamingReply(),
      await streamingReply(),
    ];
    if (!a || !b || !ended || !stranger) throw new Error('no replies');
    await h.handle.db.execute(sql`update messages set status = 'stopped' where id = ${ended.id}`);
    const at = new Date('2030-01-01T00:00:00Z');
    const partsOf = (text: string) => [{ type: 'text', text }];
    const checkpoint = {
      models: [{ provider: 'openai', model: 'm1' }],
      metadata: {},
      usage: null,
      error: null,
    };
    await chatRepository.checkpointReplies(h.handle.db, at, [
      { id: a.id, userId: a.userId, parts: partsOf('partial a'), ...checkpoint },
      { id: ended.id, userId: ended.userId, parts: partsOf('not written'), ...checkpoint },
      // Someone else's user id: the row is not theirs, nothing is written.
      { id: stranger.id, userId: a.userId, parts: partsOf('not written'), ...checkpoint },
    ]);
    await chatRepository.touchReplies(h.handle.db, at, [
      { id: b.id, userId: b.userId },
      { id: stranger.id, userId: b.userId },
    ]);
    const rows = await h.handle.db.select().from(schema.messages).where(sql`role = 'assistant'`);
    const row = (id: string) => rows.find((r) => r.id === id);
    expect(row(a.id)).toMatchObject({
      parts: partsOf('partial a'),
      status: 'streaming',
      updatedAt: at,
    });
    expect(row(a.id)?.models).toEqual(checkpoint.models);
    expect(row(b.id)).toMatchObject({ status: 'streaming', updatedAt: at });
    expect(textOf(row(b.id) as never)).toBe('Hello from the fake provider.');
    for (const untouched of [ended, stranger]) {
      expect(row(untouched.id)?.updatedAt.getTime()).toBeLessThan(Date.now() - 60_000);
      expect(textOf(row(untouched.id) as never)).toBe('Hello from the fake provider.');
    }
  });

  it('regenerates as a sibling, edits into a new branch, and switches branches', async () => {
    const { caller } = await h.signUp();
    const id = await startChat(caller);
    const sent = await caller.chat.send({
      conversationId: id,
      text: 'First question',
      clientMessageId: clientId(),
    });
    await settled(caller, id);
    fake.enqueue('m1', { chunks: ['Another', ' answer.'] });
    const regen = await caller.chat.regenerate({ assistantMessageId: sent.assistantMessageId });
    let conversation = await settled(caller, id);
    expect(conversation.messages[1]).toMatchObject({
      id: regen.assistantMessageId,
      siblings: { ids: [sent.assistantMessageId, regen.assistantMessageId], index: 1 },
    });
    expect(textOf(conversation.messages[1])).toBe('Another answer.');

    const edited = await caller.chat.edit({
      messageId: sent.userMessageId,
      text: 'Better question',
    });
    conversation = await settled(caller, id);
    expect(conversation.messages.map((m) => m.id)).toEqual([
      edited.userMessageId,
      edited.assistantMessageId,
    ]);
    expect(conversation.messages[0]?.siblings.ids).toEqual([
      sent.userMessageId,
      edited.userMessageId,
    ]);

    const back = await caller.chat.conversations.get({ id, branchMessageId: sent.userMessageId });
    expect(back.messages.map((m) => m.id)).toEqual([sent.userMessageId, regen.assistantMessageId]);
    expect((await caller.chat.conversations.get({ id })).messages[0]?.id).toBe(sent.userMessageId);
  });

  it('gives the model its active branch: known from the last reply, after an edit and a branch switch, and read whole', async () => {
    const { caller } = await h.signUp();
    const id = await startChat(caller);
    fake.setResponder((body) => {
      const messages = body.messages as { role: string; content: string }[];
      return { chunks: [`Answer to ${messages.at(-1)?.content}`] };
    });
    const seen = () =>
      ((fake.requests.at(-1)?.body.messages ?? []) as { role: string; content: string }[])
        .filter((m) => m.role !== 'system')
        .map((m) => m.content);
    const say = async (text: string) => {
      const sent = await caller.chat.send({
        conversationId: id,
        text,
        clientMessageId: clientId(),
      });
      await settled(caller, id);
      return sent;
    };
    await say('One');
    await say('Two'); // the branch up to One's answer is known: only what is new is read
    expect(seen()).toEqual(['One', 'Answer to One', 'Two']);
    // An edit of Two starts a branch beside it, which its reply answers.
    const conversation = await caller.chat.conversations.get({ id });
    const two = conversation.messages[2]?.id as string;
    await caller.chat.edit({ messageId: two, text: 'Two, better' });
    await settled(caller, id);
    expect(seen()).toEqual(['One', 'Answer to One', 'Two, better']);
    // Back to the first branch: the last reply known is on the other one, so the walk goes up
    // to the root.
    await caller.chat.conversations.get({ id, branchMessageId: two });
    await say('Three');
    expect(seen()).toEqual(['One', 'Answer to One', 'Two', 'Answer to Two', 'Three']);
    // Nothing known (another API process, or a restart): the branch is read whole.
    (h.services.chat as unknown as { branches: BranchCache }).branches.forget(id);
    await say('Four');
    expect(seen()).toEqual([
      'One',
      'Answer to One',
      'Two',
      'Answer to Two',
      'Three',
      'Answer to Three',
      'Four',
    ]);
  });

  it('writes a title in the background and lists conversations newest first with a cursor', async () => {
    const { caller } = await h.signUp();
    const a = await startChat(caller);
    await caller.chat.send({
      conversationId: a,
      text: 'Plan my marathon training please',
      clientMessageId: clientId(),
    });
    await settled(caller, a);
    await expect
      .poll(async () => (await caller.chat.conversations.get({ id: a })).title)
      .toBe('Plan my marathon training please');
    const b = await startChat(caller, 'planner', { type: 'weekly_planning', id: '2026-11-23' });
    const page1 = await caller.chat.conversations.list({ limit: 1 });
    expect(page1.items.map((c) => c.id)).toEqual([b]);
    const page2 = await caller.chat.conversations.list({ limit: 1, cursor: page1.nextCursor });
    expect(page2.items.map((c) => c.id)).toEqual([a]);
    expect(page2.nextCursor).toBeNull();
    expect(
      (await caller.chat.conversations.list({ assistant: 'planner', limit: 10 })).items,
    ).toHaveLength(1);
  });

  it('rate limits sends per user with the seconds to wait', async () => {
    const { caller } = await h.signUp();
    const id = await startChat(caller);
    fake.setDefault({ chunks: ['ok'] });
    let error: unknown;
    for (let i = 0; i < 6 && !error; i++) {
      try {
        await caller.chat.send({ conversationId: id, text: `m${i}`, clientMessageId: clientId() });
        await settled(caller, id);
      } catch (e) {
        error = e;
      }
    }
    expect(error).toMatchObject({ code: 'TOO_MANY_REQUESTS' });
    expect(
      (error as { cause?: { details?: { retryAfterSeconds?: number } } }).cause?.details
        ?.retryAfterSeconds,
    ).toBeGreaterThan(0);
  });

  it('refuses bad input and an unknown assistant with field errors', async () => {
    const { caller } = await h.signUp();
    await expect(caller.chat.conversations.create({ assistant: 'nope' })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    });
    const id = await startChat(caller);
    await expect(
      caller.chat.send({ conversationId: id, text: '   ', clientMessageId: clientId() }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });

  it("answers NOT_FOUND for another user's conversation and messages on every procedure", async () => {
    const owner = await h.signUp();
    const other = await h.signUp();
    const id = await startChat(owner.caller);
    const sent = await owner.caller.chat.send({
      conversationId: id,
      text: 'Private',
      clientMessageId: clientId(),
    });
    await settled(owner.caller, id);
    const c = other.caller;
    const attempts = [
      () => c.chat.conversations.get({ id }),
      () => c.chat.conversations.rename({ id, title: 'x' }),
      () => c.chat.conversations.delete({ id }),
      () => c.chat.send({ conversationId: id, text: 'x', clientMessageId: clientId() }),
      () => c.chat.stop({ assistantMessageId: sent.assistantMessageId }),
      () => c.chat.regenerate({ assistantMessageId: sent.assistantMessageId }),
      () => c.chat.edit({ messageId: sent.userMessageId, text: 'x' }),
      async () => {
        for await (const _ of (await c.chat.stream({
          assistantMessageId: sent.assistantMessageId,
        })) as AsyncIterable<unknown>) {
          // a leak would yield here
        }
      },
    ];
    for (const attempt of attempts)
      await expect(attempt()).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect((await c.chat.conversations.list({ limit: 10 })).items).toEqual([]);
    expect((await owner.caller.chat.conversations.get({ id })).messages).toHaveLength(2);
  });
});
