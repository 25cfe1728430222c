import { initTRPC } from '@trpc/server';
import type { Context } from './context.ts';
import { formatError } from './error-formatter.ts';
import { wireTransformer } from './wire-format.ts';

export const t = initTRPC.context<Context>().create({
  // superjson on the wire; answers are written by a faster serializer that produces the same.
  transformer: wireTransformer,
  errorFormatter: formatError,
  // Stacks are stripped by the formatter anyway; this keeps tRPC from building them.
  isDev: false,
  sse: {
    ping: { enabled: true, intervalMs: 10_000 },
    client: { reconnectAfterInactivityMs: 25_000 },
  },
});
