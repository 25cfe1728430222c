import { generateObject, generateText, jsonSchema, stepCountIs, streamText, tool } from 'ai';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { OfflineRequest } from '../contracts.ts';
import { generalOfflineResponder } from './general-responder.ts';
import { createOfflineModel } from './offline-model.ts';

describe('offline model', () => {
  it('streams the responder reply chunk by chunk and marks it offline', async () => {
    const model = createOfflineModel({ responder: generalOfflineResponder });
    const result = streamText({ model, prompt: 'Help me plan my week' });
    const chunks: string[] = [];
    for await (const delta of result.textStream) chunks.push(delta);
    expect(chunks.length).toBeGreaterThan(10);
    const text = chunks.join('');
    expect(text).toContain('Help me plan my week');
    expect(text).toContain('Offline mode');
    expect((await result.providerMetadata)?.offline).toEqual({ offline: true });
    expect((await result.usage).outputTokens).toBeGreaterThan(0);
  });

  it('is deterministic', async () => {
    const model = createOfflineModel({ responder: generalOfflineResponder });
    const a = await generateText({ model, prompt: 'I want to learn Spanish' });
    const b = await generateText({ model, prompt: 'I want to learn Spanish' });
    expect(a.text).toBe(b.text);
    expect(a.text).toMatch(/sessions of 30–60 minutes/);
  });

  it('passes the assistant context and answers with structured objects', async () => {
    let seen: OfflineRequest | undefined;
    const model = createOfflineModel({
      responder: (request) => {
        seen = request;
        const ctx = request.context as { goals: string[] };
        return { type: 'object', object: { title: `Plan: ${ctx.goals.join(', ')}` } };
      },
    });
    const { object } = await generateObject({
      model,
      schema: z.object({ title: z.string() }),
      prompt: 'Title this conversation',
      providerOptions: { offline: { context: { goals: ['Run', 'Read'] } } },
    });
    expect(object).toEqual({ title: 'Plan: Run, Read' });
    expect(seen?.objectSchema).toBeDefined();
  });

  it('calls tools, then answers once their results are in', async () => {
    const calls: unknown[] = [];
    const model = createOfflineModel({
      responder: (request) =>
        request.messages.at(-1)?.role === 'tool'
          ? { type: 'text', text: 'Proposed one item for Monday.' }
          : { type: 'tool-calls', calls: [{ toolName: 'propose', input: { title: 'Run 5 km' } }] },
    });
    const result = await generateText({
      model,
      prompt: 'Plan Monday',
      stopWhen: stepCountIs(3),
      tools: {
        propose: tool({
          inputSchema: jsonSchema<{ title: string }>({
            type: 'object',
            properties: { title: { type: 'string' } },
            required: ['title'],
          }),
          execute: async (input) => {
            calls.push(input);
            return { ok: true };
          },
        }),
      },
    });
    expect(calls).toEqual([{ title: 'Run 5 km' }]);
    expect(result.text).toBe('Proposed one item for Monday.');
  });
});
