import type {
  LanguageModelV3CallOptions as CallOptions,
  LanguageModelV3StreamPart,
} from '@ai-sdk/provider';
import { type ModelMessage, streamText } from 'ai';
import { convertArrayToReadableStream, MockLanguageModelV3 } from 'ai/test';
import { describe, expect, it } from 'vitest';
import { partsOfModel, partsOfStreamText, plainTextPrompt, type ReplyPart } from './reply-parts.ts';

// The direct path must ask the model exactly what `streamText` would, and read its answer the
// same way: both run against the AI SDK's own mock model and are compared.
const answer: LanguageModelV3StreamPart[] = [
  { type: 'stream-start', warnings: [] },
  { type: 'response-metadata', id: 'r1', modelId: 'mock' },
  { type: 'text-start', id: 't' },
  { type: 'text-delta', id: 't', delta: 'Hello' },
  { type: 'text-delta', id: 't', delta: ', world' },
  { type: 'text-end', id: 't' },
  {
    type: 'finish',
    finishReason: { unified: 'stop', raw: 'stop' },
    usage: {
      inputTokens: { total: 42, noCache: 30, cacheRead: 12, cacheWrite: undefined },
      outputTokens: { total: 7, text: 7, reasoning: undefined },
    },
  },
];
const mockModel = (parts = answer) =>
  new MockLanguageModelV3({
    doStream: async () => ({ stream: convertArrayToReadableStream(parts) }),
  });

const conversation: ModelMessage[] = [
  { role: 'user', content: 'Plan my week' },
  { role: 'assistant', content: 'Which goals matter most?' },
  { role: 'system', content: 'The user is in Lisbon.' },
  {
    role: 'user',
    content: [
      { type: 'text', text: 'Running' },
      { type: 'text', text: '' },
    ],
  },
  {
    role: 'assistant',
    content: [
      { type: 'text', text: '' },
      { type: 'text', text: 'Noted.' },
    ],
  },
  { role: 'user', content: 'And reading.' },
];
const providerOptions = { offline: { partialText: 'abc' } };

async function collect(parts: AsyncIterable<ReplyPart>) {
  const seen: ReplyPart[] = [];
  for await (const part of parts) seen.push(part);
  return seen;
}

describe('asking the model directly', () => {
  it('sends the prompt and options streamText sends', async () => {
    for (const system of ['You are a coach.', undefined]) {
      const viaSdk = mockModel();
      await collect(
        partsOfStreamText(
          streamText({
            model: viaSdk,
            system,
            messages: conversation,
            providerOptions,
            allowSystemInMessages: true,
          }).fullStream,
        ),
      );
      const direct = mockModel();
      const prompt = plainTextPrompt(system, conversation);
      expect(prompt).toBeDefined();
      await collect(
        partsOfModel(direct, {
          prompt: prompt as NonNullable<typeof prompt>,
          abortSignal: new AbortController().signal,
          providerOptions,
        }),
      );
      // The whole call: prompt, provider options, and every setting streamText would pass
      // (all unset here) — all but the abort signal, which is each caller's own.
      expect(viaSdk.doStreamCalls).toHaveLength(1);
      expect(direct.doStreamCalls).toHaveLength(1);
      const { abortSignal: _sdkSignal, ...sdkCall } = viaSdk.doStreamCalls[0] as CallOptions;
      const { abortSignal: _directSignal, ...directCall } = direct.doStreamCalls[0] as CallOptions;
      expect(directCall).toEqual(sdkCall);
      expect(directCall.prompt).toHaveLength(conversation.length + (system ? 1 : 0));
    }
  });

  it('reads text, usage and the finish reason as from streamText', async () => {
    const viaSdk = await collect(
      partsOfStreamText(
        streamText({ model: mockModel(), messages: conversation, allowSystemInMessages: true })
          .fullStream,
      ),
    );
    const direct = await collect(
      partsOfModel(mockModel(), {
        prompt: plainTextPrompt(undefined, conversation) ?? [],
        abortSignal: new AbortController().signal,
        providerOptions: {},
      }),
    );
    expect(direct).toEqual(viaSdk);
    expect(direct).toEqual([
      { type: 'text-delta', text: 'Hello' },
      { type: 'text-delta', text: ', world' },
      { type: 'finish', usage: { inputTokens: 42, outputTokens: 7, cached: 12 }, reason: 'stop' },
    ]);
  });

  it('passes an error the model streams on to the gateway', async () => {
    const failure = new Error('overloaded');
    const parts = await collect(
      partsOfModel(
        mockModel([
          { type: 'text-start', id: 't' },
          { type: 'error', error: failure },
        ]),
        {
          prompt: [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }],
          abortSignal: new AbortController().signal,
          providerOptions: {},
        },
      ),
    );
    expect(parts).toEqual([{ type: 'error', error: failure }]);
  });

  it('leaves to streamText what is not plain text', () => {
    const cases: ModelMessage[] = [
      {
        role: 'assistant',
        content: [{ type: 'tool-call', toolCallId: 'c1', toolName: 'propose', input: {} }],
      },
      {
        role: 'tool',
        content: [
          {
            type: 'tool-result',
            toolCallId: 'c1',
            toolName: 'propose',
            output: { type: 'text', value: 'ok' },
          },
        ],
      },
      { role: 'user', content: [{ type: 'image', image: new URL('https://example.com/a.png') }] },
      { role: 'user', content: 'hi', providerOptions: { openai: { user: 'u1' } } },
      {
        role: 'user',
        content: [{ type: 'text', text: 'hi', providerOptions: { anthropic: { cache: 1 } } }],
      },
    ];
    for (const message of cases) expect(plainTextPrompt('s', [message])).toBeUndefined();
  });
});
