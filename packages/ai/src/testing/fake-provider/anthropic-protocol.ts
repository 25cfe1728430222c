import type { FakeScenario } from './scenario.ts';

/** Anthropic messages frames: `event:` + `data:` pairs from message_start to message_stop. */
export const anthropicProtocol = {
  contentType: 'text/event-stream',
  start: (model: string, scenario: FakeScenario) => [
    frame('message_start', {
      type: 'message_start',
      message: {
        id: 'msg_fake',
        type: 'message',
        role: 'assistant',
        model,
        content: [],
        stop_reason: null,
        usage: { input_tokens: scenario.usage?.inputTokens ?? 12, output_tokens: 1 },
      },
    }),
    frame('content_block_start', {
      type: 'content_block_start',
      index: 0,
      content_block: { type: 'text', text: '' },
    }),
  ],
  textChunk: (_model: string, text: string) =>
    frame('content_block_delta', {
      type: 'content_block_delta',
      index: 0,
      delta: { type: 'text_delta', text },
    }),
  finish: (_model: string, scenario: FakeScenario) => [
    frame('content_block_stop', { type: 'content_block_stop', index: 0 }),
    frame('message_delta', {
      type: 'message_delta',
      delta: { stop_reason: 'end_turn', stop_sequence: null },
      usage: { output_tokens: scenario.usage?.outputTokens ?? 5 },
    }),
    frame('message_stop', { type: 'message_stop' }),
  ],
  malformed: () =>
    'event: content_block_delta\ndata: {"type": "content_block_delta", "delta": \n\n',
  error: (status: number) => ({
    type: 'error',
    error: { type: status === 429 ? 'rate_limit_error' : 'api_error', message: `fake ${status}` },
  }),
};

function frame(event: string, data: unknown): string {
  return `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
}
