import { createWaypointAuth, createWaypointClient } from '@waypoint/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiServer } from './app.ts';
import { startTestApi } from './testing/test-api.ts';

let api: ApiServer;
beforeAll(async () => {
  api = await startTestApi({ OFFLINE_CHUNK_DELAY_MS: '5' });
});
afterAll(() => api.stop());

type Chunk = { type: string; delta?: string; messageMetadata?: Record<string, unknown> };

/** Follows a reply over SSE until it finishes, or until `stopAfter` text deltas. */
function follow(
  client: ReturnType<typeof createWaypointClient>,
  assistantMessageId: string,
  options: { lastEventId?: string; stopAfter?: number } = {},
) {
  return new Promise<{ text: string; lastId: string | undefined; chunks: Chunk[] }>(
    (resolve, reject) => {
      const chunks: Chunk[] = [];
      let text = '';
      let lastId: string | undefined;
      let deltas = 0;
      const subscription = client.chat.stream.subscribe(
        { assistantMessageId, lastEventId: options.lastEventId },
        {
          onData: (event) => {
            const chunk = event.data as Chunk;
            lastId = event.id;
            chunks.push(chunk);
            if (chunk.type === 'text-delta') {
              text += chunk.delta;
              deltas += 1;
            }
            if (chunk.type === 'finish' || deltas === options.stopAfter) {
              subscription.unsubscribe();
              resolve({ text, lastId, chunks });
            }
          },
          onError: reject,
        },
      );
    },
  );
}

describe('chat over HTTP and SSE', () => {
  it('streams an offline reply, resumes after a disconnect, and replays it whole later', async () => {
    const auth = createWaypointAuth({ url: api.url });
    await auth.signUp('chatter@example.com', 'correct horse battery', 'Chatter');
    const client = createWaypointClient({ url: api.url, getAccessToken: auth.accessToken });

    const models = await client.ai.models.query();
    expect(models.offlineOnly).toBe(true);

    const { id } = await client.chat.conversations.create.mutate({ assistant: 'general' });
    const sent = await client.chat.send.mutate({
      conversationId: id,
      text: 'Help me plan my week',
      clientMessageId: 'http-test-0001',
    });
    const first = await follow(client, sent.assistantMessageId, { stopAfter: 3 });
    const rest = await follow(client, sent.assistantMessageId, { lastEventId: first.lastId });
    const whole = first.text + rest.text;
    expect(whole).toContain('Help me plan my week');
    expect(whole).toContain('Offline mode');
    expect(rest.chunks.at(-1)?.messageMetadata).toMatchObject({
      offline: true,
      status: 'complete',
    });

    const stored = await client.chat.conversations.get.query({ id });
    expect(stored.messages[1]?.parts).toEqual([{ type: 'text', text: whole }]);
    const replay = await follow(client, sent.assistantMessageId);
    expect(replay.text).toBe(whole);
  });
});
