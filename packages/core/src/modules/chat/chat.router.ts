import { type TRPCRouterRecord, tracked } from '@trpc/server';
import { z } from 'zod';
import { protectedProcedure } from '../../trpc/procedures.ts';
import {
  ZByIdRequest,
  ZConversation,
  ZConversationPage,
  ZConversationSummary,
  ZCreateConversationRequest,
  ZEditRequest,
  ZGetConversationRequest,
  ZListConversationsRequest,
  ZMessageIdRequest,
  ZRenameConversationRequest,
  ZSendRequest,
  ZSendResult,
  ZStreamRequest,
} from './chat.schemas.ts';

export const chatRouter = {
  assistants: protectedProcedure
    .output(z.array(z.object({ id: z.string(), title: z.string() })))
    .query(({ ctx }) => ctx.services.chat.assistants()),
  conversations: {
    create: protectedProcedure
      .input(ZCreateConversationRequest)
      .output(z.object({ id: z.uuid() }))
      .mutation(({ ctx, input }) => ctx.services.chat.create(ctx.principal, input)),
    list: protectedProcedure
      .input(ZListConversationsRequest)
      .output(ZConversationPage)
      .query(({ ctx, input }) => ctx.services.chat.list(ctx.principal, input)),
    get: protectedProcedure
      .input(ZGetConversationRequest)
      .output(ZConversation)
      .query(({ ctx, input }) => ctx.services.chat.get(ctx.principal, input)),
    rename: protectedProcedure
      .input(ZRenameConversationRequest)
      .output(ZConversationSummary)
      .mutation(({ ctx, input }) => ctx.services.chat.rename(ctx.principal, input)),
    delete: protectedProcedure
      .input(ZByIdRequest)
      .output(z.object({ id: z.uuid() }))
      .mutation(({ ctx, input }) => ctx.services.chat.delete(ctx.principal, input.id)),
  } satisfies TRPCRouterRecord,
  send: protectedProcedure
    .input(ZSendRequest)
    .output(ZSendResult)
    .mutation(({ ctx, input }) => ctx.services.chat.send(ctx.principal, input)),
  /** Tracked events: a reconnect with the last event id replays only what was missed. */
  stream: protectedProcedure.input(ZStreamRequest).subscription(async function* ({
    ctx,
    input,
    signal,
  }) {
    for await (const { seq, chunk } of ctx.services.chat.stream(ctx.principal, input, signal)) {
      yield tracked(String(seq), chunk);
    }
  }),
  stop: protectedProcedure
    .input(ZMessageIdRequest)
    .output(z.object({ stopped: z.boolean() }))
    .mutation(({ ctx, input }) => ctx.services.chat.stop(ctx.principal, input.assistantMessageId)),
  regenerate: protectedProcedure
    .input(ZMessageIdRequest)
    .output(z.object({ assistantMessageId: z.uuid() }))
    .mutation(({ ctx, input }) =>
      ctx.services.chat.regenerate(ctx.principal, input.assistantMessageId),
    ),
  edit: protectedProcedure
    .input(ZEditRequest)
    .output(ZSendResult)
    .mutation(({ ctx, input }) => ctx.services.chat.edit(ctx.principal, input)),
} satisfies TRPCRouterRecord;
