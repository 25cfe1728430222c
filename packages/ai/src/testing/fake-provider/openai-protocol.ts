import type { FakeScenario } from './scenario.ts';

/** OpenAI chat-completions frames: `data: {chunk}` lines, then `data: [DONE]`. */
export const openaiProtocol = {
  contentType: 'text/event-stream',
  start: (_model: string) => [] as string[],
  textChunk: (model: string, text: string) =>
    frame({
      id: 'chatcmpl-fake',
      object: 'chat.completion.chunk',
      created: Math.floor(Date.now() / 1000),
      model,
      choices: [{ index: 0, delta: { role: 'assistant', content: text }, finish_reason: null }],
    }),
  toolCalls: (model: string, calls: NonNullable<FakeScenario['toolCalls']>) =>
    calls.map((call, index) =>
      frame({
        id: 'chatcmpl-fake',
        object: 'chat.completion.chunk',
        created: Math.floor(Date.now() / 1000),
        model,
        choices: [
          {
            index: 0,
            delta: {
              tool_calls: [
                {
                  index,
                  id: `call_${index}`,
                  type: 'function',
                  function: { name: call.name, arguments: JSON.stringify(call.arguments) },
                },
              ],
            },
            finish_reason: null,
          },
        ],
      }),
    ),
  finish: (model: string, scenario: FakeScenario) => [
    frame({
      id: 'chatcmpl-fake',
      object: 'chat.completion.chunk',
      created: Math.floor(Date.now() / 1000),
      model,
      choices: [
        { index: 0, delta: {}, finish_reason: scenario.toolCalls?.length ? 'tool_calls' : 'stop' },
      ],
      usage: usageOf(scenario),
    }),
    'data: [DONE]\n\n',
  ],
  malformed: () => 'data: {"choices": [{"delta": {"content": \n\n',
  completion: (model: string, scenario: FakeScenario, text: string) => ({
    id: 'chatcmpl-fake',
    object: 'chat.completion',
    created: Math.floor(Date.now() / 1000),
    model,
    choices: [
      {
        index: 0,
        message: {
          role: 'assistant',
          content: text,
          tool_calls: scenario.toolCalls?.map((call, index) => ({
            id: `call_${index}`,
            type: 'function',
            function: { name: call.name, arguments: JSON.stringify(call.arguments) },
          })),
        },
        finish_reason: scenario.toolCalls?.length ? 'tool_calls' : 'stop',
      },
    ],
    usage: usageOf(scenario),
  }),
  error: (status: number) => ({
    error: { message: `fake provider error ${status}`, type: 'server_error', code: String(status) },
  }),
};

function usageOf(scenario: FakeScenario) {
  const usage = scenario.usage ?? { inputTokens: 12, outputTokens: 5 };
  return {
    prompt_tokens: usage.inputTokens,
    completion_tokens: usage.outputTokens,
    total_tokens: usage.inputTokens + usage.outputTokens,
    prompt_tokens_details: { cached_tokens: usage.cachedInputTokens ?? 0 },
  };
}

function frame(data: unknown): string {
  return `data: ${JSON.stringify(data)}\n\n`;
}
