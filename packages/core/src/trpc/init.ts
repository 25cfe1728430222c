import { initTRPC } from '@trpc/server';
import superjson from 'superjson';
import type { Context } from './context.ts';
import { formatError } from './error-formatter.ts';

export const t = initTRPC.context<Context>().create({
  transformer: superjson,
  errorFormatter: formatError,
  // Stacks are stripped by the formatter anyway; this keeps tRPC from building them.
  isDev: false,
  sse: {
    ping: { enabled: true, intervalMs: 10_000 },
    client: { reconnectAfterInactivityMs: 25_000 },
  },
});
