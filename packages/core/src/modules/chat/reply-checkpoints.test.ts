import { afterEach, describe, expect, it } from 'vitest';
import type { DataAccess } from '../../data/data-access.ts';
import { createLogger } from '../../logging/logger.ts';
import type { ChatRepository, ReplyCheckpoint } from './chat.repository.ts';
import { ReplyCheckpoints } from './reply-checkpoints.ts';

/** A repository that records each statement and lets the test decide when (and if) it lands. */
function recordingRepo() {
  const statements: { kind: 'checkpoint' | 'touch'; ids: string[]; texts: string[] }[] = [];
  let gate: Promise<void> = Promise.resolve();
  let fail = false;
  const land = async () => {
    await gate;
    if (fail) throw new Error('database unavailable');
  };
  const repo = {
    async checkpointReplies(_db: unknown, _at: Date, replies: ReplyCheckpoint[]) {
      if (replies.length === 0) return;
      statements.push({
        kind: 'checkpoint',
        ids: replies.map((r) => r.id),
        texts: replies.map((r) => String((r.parts[0] as { text: string }).text)),
      });
      await land();
    },
    async touchReplies(_db: unknown, _at: Date, replies: { id: string }[]) {
      if (replies.length === 0) return;
      statements.push({ kind: 'touch', ids: replies.map((r) => r.id), texts: [] });
      await land();
    },
  } as unknown as ChatRepository;
  return {
    repo,
    statements,
    hold() {
      let open = () => {};
      gate = new Promise((resolve) => {
        open = resolve;
      });
      return () => open();
    },
    failing(value: boolean) {
      fail = value;
    },
  };
}

const data = { asSystem: (work) => work({} as never) } as DataAccess;
const log = createLogger({ level: 'silent' });
let clock = 0;
let writer: ReplyCheckpoints | undefined;
afterEach(() => writer?.close());

function setUp() {
  clock = 1_000_000;
  const recorded = recordingRepo();
  writer = new ReplyCheckpoints({
    data,
    repo: recorded.repo,
    log,
    keepAliveEveryMs: 5000,
    now: () => clock,
  });
  const texts = new Map<string, string>();
  const generating = (id: string) => {
    texts.set(id, `${id}:0`);
    writer?.hold('user-1', id, () => ({
      parts: [{ type: 'text', text: texts.get(id) }],
      models: [],
      metadata: {},
      usage: null,
      error: null,
    }));
  };
  const grow = (id: string, text: string) => {
    texts.set(id, text);
    writer?.changed(id);
  };
  return { writer: writer as ReplyCheckpoints, recorded, generating, grow };
}

describe('reply checkpoints', () => {
  it('writes every changed reply in one statement and keeps the quiet ones alive in another', async () => {
    const { writer, recorded, generating, grow } = setUp();
    generating('a');
    generating('b');
    generating('quiet');
    writer.hold('user-2', 'waiting-1');
    writer.hold('user-3', 'waiting-2');
    grow('a', 'a:1');
    grow('b', 'b:1');
    await writer.tick();
    expect(recorded.statements).toEqual([
      { kind: 'checkpoint', ids: ['a', 'b'], texts: ['a:1', 'b:1'] },
    ]);

    // Nothing changed and nothing is due: no statement at all.
    clock += 1000;
    await writer.tick();
    expect(recorded.statements).toHaveLength(1);

    // Five seconds on, every reply not written since is touched, in one statement; `a` grew again.
    clock += 4000;
    grow('a', 'a:2');
    await writer.tick();
    expect(recorded.statements.slice(1)).toEqual([
      { kind: 'checkpoint', ids: ['a'], texts: ['a:2'] },
      { kind: 'touch', ids: ['b', 'quiet', 'waiting-1', 'waiting-2'], texts: [] },
    ]);
  });

  it('holds a released reply until its checkpoint in flight has landed, and no one else', async () => {
    const { writer, recorded, generating, grow } = setUp();
    generating('a');
    generating('b');
    grow('a', 'a:1');
    const open = recorded.hold();
    const writing = writer.tick();
    let aReleased = false;
    const releasingA = writer.release('a').then(() => {
      aReleased = true;
    });
    // `b` was not in the write: released at once.
    await writer.release('b');
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(aReleased).toBe(false);
    // A tick while a write is in flight joins it rather than starting a second one.
    expect(writer.tick()).toBe(writing);
    open();
    await releasingA;
    expect(recorded.statements).toEqual([{ kind: 'checkpoint', ids: ['a'], texts: ['a:1'] }]);
    expect(writer.size).toBe(0);
  });

  it('writes a failed checkpoint again on the next tick, with the text current then', async () => {
    const { writer, recorded, generating, grow } = setUp();
    generating('a');
    writer.hold('user-2', 'waiting');
    clock += 5000;
    grow('a', 'a:1');
    recorded.failing(true);
    await writer.tick();
    recorded.failing(false);
    grow('a', 'a:2');
    clock += 1000;
    await writer.tick();
    expect(recorded.statements).toEqual([
      { kind: 'checkpoint', ids: ['a'], texts: ['a:1'] },
      { kind: 'touch', ids: ['waiting'], texts: [] },
      { kind: 'checkpoint', ids: ['a'], texts: ['a:2'] },
      { kind: 'touch', ids: ['waiting'], texts: [] },
    ]);
  });

  it('a waiting reply that gets its slot keeps its keep-alive clock and gains a checkpoint', async () => {
    const { writer, recorded, generating, grow } = setUp();
    writer.hold('user-1', 'a');
    clock += 3000;
    generating('a');
    clock += 2000;
    await writer.tick();
    expect(recorded.statements).toEqual([{ kind: 'touch', ids: ['a'], texts: [] }]);
    grow('a', 'a:1');
    await writer.tick();
    expect(recorded.statements.at(-1)).toEqual({ kind: 'checkpoint', ids: ['a'], texts: ['a:1'] });
  });
});
