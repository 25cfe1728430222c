import { describe, expect, it } from 'vitest';
import { ReplyBuilder } from './reply-builder.ts';

const model = { provider: 'offline', model: 'offline' } as const;

describe('ReplyBuilder', () => {
  it('keeps one text part and starts a new paragraph when text resumes after a tool step', () => {
    const builder = new ReplyBuilder('m1');
    builder.apply({ type: 'model-start', model, continuation: false });
    builder.apply({ type: 'text-delta', delta: 'Let me look at your plan.' });
    builder.apply({
      type: 'tool-call',
      toolCallId: 'c1',
      toolName: 'propose_day_items',
      input: { date: '2026-11-24' },
    });
    builder.apply({
      type: 'tool-result',
      toolCallId: 'c1',
      toolName: 'propose_day_items',
      output: { proposalId: 'p1' },
    });
    const chunks = builder.apply({ type: 'text-delta', delta: 'I proposed one item.' });
    builder.apply({
      type: 'finish',
      modelsUsed: [model],
      offline: true,
      usage: { inputTokens: 1, outputTokens: 2 },
      finishReason: 'stop',
    });

    expect(chunks).toContainEqual({
      type: 'text-delta',
      id: 'text',
      delta: '\n\nI proposed one item.',
    });
    expect(builder.parts()).toEqual([
      { type: 'text', text: 'Let me look at your plan.\n\nI proposed one item.' },
      {
        type: 'tool-propose_day_items',
        toolCallId: 'c1',
        state: 'output-available',
        input: { date: '2026-11-24' },
        output: { proposalId: 'p1' },
      },
    ]);
    expect(builder.status).toBe('complete');
    expect(builder.metadata).toMatchObject({ offline: true, models: [model] });
  });

  it('records a stop and a kind error as honest statuses', () => {
    const stopped = new ReplyBuilder('m2');
    stopped.apply({ type: 'text-delta', delta: 'Partial' });
    stopped.apply({ type: 'stopped', modelsUsed: [] });
    expect(stopped.status).toBe('stopped');
    expect(stopped.parts()).toEqual([{ type: 'text', text: 'Partial' }]);

    const failed = new ReplyBuilder('m3');
    const chunks = failed.apply({
      type: 'error',
      message: 'The coach is thinking deeply — please try again.',
      modelsUsed: [],
    });
    expect(failed.status).toBe('failed');
    expect(chunks.at(-1)).toEqual({
      type: 'error',
      errorText: 'The coach is thinking deeply — please try again.',
    });
  });
});
