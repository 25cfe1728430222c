import {
  createTRPCClient,
  httpBatchLink,
  httpLink,
  httpSubscriptionLink,
  splitLink,
  type TRPCClient,
} from '@trpc/client';
import type { AppRouter } from '@waypoint/core';
import { EventSource as EventSourcePonyfill } from 'eventsource';
import superjson from 'superjson';

export type AccessTokenGetter = () =>
  | string
  | null
  | undefined
  | Promise<string | null | undefined>;

export interface WaypointClientOptions {
  /** The API's base URL, e.g. `http://127.0.0.1:4000`. */
  url: string;
  /** The current Supabase access token (a signed-out caller returns nothing). */
  getAccessToken?: AccessTokenGetter;
  /** Calls in one batch; keep at or below the server's `TRPC_MAX_BATCH_SIZE` (20). */
  maxBatchSize?: number;
  fetch?: typeof globalThis.fetch;
}

export type WaypointClient = TRPCClient<AppRouter>;

/**
 * A typed client for the Waypoint API: queries go through the batch link, mutations each in its
 * own request, subscriptions (chat streams) through SSE. Every HTTP request carries the bearer token and
 * a fresh `x-request-id`, which the API echoes and logs.
 */
export function createWaypointClient(options: WaypointClientOptions): WaypointClient {
  const trpcUrl = `${options.url.replace(/\/+$/, '')}/trpc`;
  const authorization = async () => {
    const token = await options.getAccessToken?.();
    return token ? `Bearer ${token}` : undefined;
  };
  const http = {
    url: trpcUrl,
    transformer: superjson,
    fetch: options.fetch,
    headers: async () => {
      const value = await authorization();
      const headers: Record<string, string> = { 'x-request-id': crypto.randomUUID() };
      if (value) headers.authorization = value;
      return headers;
    },
  };
  return createTRPCClient<AppRouter>({
    links: [
      splitLink({
        condition: (op) => op.type === 'subscription',
        true: httpSubscriptionLink({
          url: trpcUrl,
          transformer: superjson,
          // Browsers' EventSource cannot send headers, so the token travels as a connection
          // param; Node 20 has no EventSource at all and gets the ponyfill.
          EventSource: globalThis.EventSource ?? EventSourcePonyfill,
          connectionParams: async () => {
            const value = await authorization();
            return value ? { authorization: value } : {};
          },
        }),
        false: splitLink({
          // A batch waits for a timer to gather the calls made together (at least 1 ms in
          // Node): worth it for the queries a page loads at once, not for a mutation — a
          // user's one action, like sending a chat message (bench/stream-overhead).
          condition: (op) => op.type === 'mutation',
          true: httpLink(http),
          // No query or mutation returns a stream, so answers come back whole: the streaming
          // batch link cost ~5 ms more per call (bench/stream-overhead) for nothing it could use.
          false: httpBatchLink({ ...http, maxItems: options.maxBatchSize ?? 20 }),
        }),
      }),
    ],
  });
}
