import type { TRPCRouterRecord } from '@trpc/server';
import { protectedProcedure } from '../../trpc/procedures.ts';
import { ZUsageSummaryRequestSchema, ZUsageSummarySchema } from './usage.schemas.ts';

export const aiRouter = {
  usage: {
    summary: protectedProcedure
      .input(ZUsageSummaryRequestSchema)
      .output(ZUsageSummarySchema)
      .query(({ ctx, input }) => ctx.services.ai.usage.summary(ctx.principal, input)),
  } satisfies TRPCRouterRecord,
} satisfies TRPCRouterRecord;
