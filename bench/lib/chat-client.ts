import type { createWaypointClient } from '@waypoint/client';

export type Client = ReturnType<typeof createWaypointClient>;

/**
 * One chat turn as a user sees it: send, then follow the reply over SSE. Times are from before
 * the send to the first text and between texts, on the client.
 */
export async function chatTurn(client: Client, conversationId: string, text: string) {
  const started = performance.now();
  const { assistantMessageId } = await client.chat.send.mutate({
    conversationId,
    text,
    clientMessageId: crypto.randomUUID(),
  });
  const sentMs = performance.now() - started;
  return new Promise<{
    ttftMs: number;
    gapsMs: number[];
    status: string;
    sentMs: number;
    firstEventMs: number;
  }>((resolve, reject) => {
    let firstEvent: number | undefined;
    let first: number | undefined;
    let last = 0;
    const gaps: number[] = [];
    const subscription = client.chat.stream.subscribe(
      { assistantMessageId },
      {
        onData: ({ data }) => {
          const chunk = data as {
            type: string;
            messageMetadata?: { status?: string };
            errorText?: string;
          };
          const now = performance.now();
          firstEvent ??= now;
          if (chunk.type === 'text-delta') {
            if (first === undefined) first = now;
            else gaps.push(now - last);
            last = now;
          }
          if (chunk.type === 'finish') {
            subscription.unsubscribe();
            const status = chunk.messageMetadata?.status ?? 'complete';
            if (first === undefined) reject(new Error(`no text (status ${status})`));
            else
              resolve({
                ttftMs: first - started,
                gapsMs: gaps,
                status,
                sentMs,
                firstEventMs: (firstEvent ?? now) - started,
              });
          }
        },
        onError: (error) => {
          subscription.unsubscribe();
          reject(error);
        },
      },
    );
  });
}
