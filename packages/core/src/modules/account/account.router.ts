import type { TRPCRouterRecord } from '@trpc/server';
import { protectedProcedure } from '../../trpc/procedures.ts';
import { ZAccountResponseSchema, ZUpdateProfileRequestSchema } from './account.schemas.ts';

export const accountRouter = {
  me: protectedProcedure
    .output(ZAccountResponseSchema)
    .query(({ ctx }) => ctx.services.account.me(ctx.principal)),

  updateProfile: protectedProcedure
    .input(ZUpdateProfileRequestSchema)
    .output(ZAccountResponseSchema)
    .mutation(({ ctx, input }) => ctx.services.account.updateProfile(ctx.principal, input)),
} satisfies TRPCRouterRecord;
