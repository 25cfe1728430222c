import { describe, expect, it } from 'vitest';
import { applyChunk, type LiveReply, textOf, type UiChunk } from './reply-state';

const empty: LiveReply = { id: 'r1', parts: [], metadata: {}, status: 'streaming' };
const fold = (chunks: UiChunk[], from = empty) => chunks.reduce(applyChunk, from);

describe('applyChunk', () => {
  it('builds text, tool parts and metadata from chunks', () => {
    const reply = fold([
      { type: 'start' },
      {
        type: 'message-metadata',
        messageMetadata: { models: [{ provider: 'offline', model: 'offline' }], offline: true },
      },
      { type: 'text-start', id: 'text' },
      { type: 'text-delta', id: 'text', delta: 'Hello ' },
      { type: 'text-delta', id: 'text', delta: 'there' },
      {
        type: 'tool-input-available',
        toolCallId: 'c1',
        toolName: 'propose_day_items',
        input: { date: '2026-11-24' },
      },
      { type: 'tool-output-available', toolCallId: 'c1', output: { proposalId: 'p1' } },
      { type: 'finish', messageMetadata: { status: 'complete' } },
    ]);
    expect(textOf(reply.parts)).toBe('Hello there');
    expect(reply.parts[1]).toMatchObject({
      type: 'tool-propose_day_items',
      state: 'output-available',
      output: { proposalId: 'p1' },
    });
    expect(reply).toMatchObject({ status: 'complete', metadata: { offline: true } });
  });

  it('restarts on a replay from the first event instead of doubling the text', () => {
    const partial = fold([{ type: 'start' }, { type: 'text-delta', id: 'text', delta: 'Hello' }]);
    const replayed = fold(
      [{ type: 'start' }, { type: 'text-delta', id: 'text', delta: 'Hello world' }],
      partial,
    );
    expect(textOf(replayed.parts)).toBe('Hello world');
  });

  it('keeps a stopped status and a kind error', () => {
    expect(fold([{ type: 'finish', messageMetadata: { status: 'stopped' } }]).status).toBe(
      'stopped',
    );
    expect(
      fold([{ type: 'error', errorText: 'The assistant is thinking deeply — please try again.' }]),
    ).toMatchObject({ status: 'failed' });
  });
});
