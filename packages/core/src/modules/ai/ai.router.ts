import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import { adminProcedure, protectedProcedure } from '../../trpc/procedures.ts';
import { ZUsageSummaryRequestSchema, ZUsageSummarySchema } from './usage.schemas.ts';

const ZModelRef = z.object({ provider: z.string(), model: z.string() });
const ZModelsSchema = z.object({
  chat: z.array(ZModelRef),
  task: z.array(ZModelRef),
  offlineOnly: z.boolean(),
});
const ZBreakerSchema = z.object({
  model: z.string(),
  state: z.enum(['closed', 'open', 'half-open']),
  consecutiveFailures: z.number(),
  lastFailure: z.string().optional(),
});

export const aiRouter = {
  usage: {
    summary: protectedProcedure
      .input(ZUsageSummaryRequestSchema)
      .output(ZUsageSummarySchema)
      .query(({ ctx, input }) => ctx.services.ai.usage.summary(ctx.principal, input)),
  } satisfies TRPCRouterRecord,
  /** Which models answer each role, and whether only the offline model is configured. */
  models: protectedProcedure.output(ZModelsSchema).query(({ ctx }) => {
    const { chains, offlineOnly } = ctx.services.ai.gateway;
    return { chat: chains.chat, task: chains.task, offlineOnly };
  }),
  /** Circuit breaker state per provider and model (admins only: it reveals the setup). */
  breakers: adminProcedure
    .output(z.array(ZBreakerSchema))
    .query(({ ctx }) => ctx.services.ai.gateway.breakers()),
} satisfies TRPCRouterRecord;
