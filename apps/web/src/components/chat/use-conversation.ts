'use client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTRPC, useTRPCClient } from '@/lib/trpc';
import { applyChunk, type LiveReply, type UiChunk } from './reply-state';

interface PendingSend {
  text: string;
  clientMessageId: string;
}

/**
 * One conversation: its stored messages, the reply being followed live, and the actions.
 * Generation runs on the server, so following is only watching: a reload or a dropped
 * connection resumes (the SSE link reconnects with the last event id).
 */
export function useConversation(conversationId: string) {
  const trpc = useTRPC();
  const client = useTRPCClient();
  const queryClient = useQueryClient();
  const query = useQuery(trpc.chat.conversations.get.queryOptions({ id: conversationId }));
  const [live, setLive] = useState<LiveReply | null>(null);
  const [sendError, setSendError] = useState<{ message: string; pending: PendingSend } | null>(
    null,
  );
  const subscription = useRef<{ unsubscribe(): void } | null>(null);

  const refresh = useCallback(
    () =>
      queryClient.invalidateQueries({
        queryKey: trpc.chat.conversations.get.queryKey({ id: conversationId }),
      }),
    [queryClient, trpc, conversationId],
  );

  const follow = useCallback(
    (messageId: string) => {
      subscription.current?.unsubscribe();
      setLive({ id: messageId, parts: [], metadata: {}, status: 'streaming' });
      subscription.current = client.chat.stream.subscribe(
        { assistantMessageId: messageId },
        {
          onData: (event) => {
            const chunk = event.data as UiChunk;
            setLive((reply) =>
              reply && reply.id === messageId ? applyChunk(reply, chunk) : reply,
            );
            if (chunk.type === 'finish') {
              void refresh();
              void queryClient.invalidateQueries({
                queryKey: trpc.chat.conversations.list.queryKey(),
              });
            }
          },
          onError: () => void refresh(),
        },
      );
    },
    [client, refresh, queryClient, trpc],
  );

  useEffect(() => () => subscription.current?.unsubscribe(), []);

  // After a reload, a reply still being written is followed again.
  const streamingId = query.data?.messages.find((m) => m.status === 'streaming')?.id;
  useEffect(() => {
    if (streamingId && live?.id !== streamingId) follow(streamingId);
  }, [streamingId, live?.id, follow]);

  const sendMutation = useMutation(trpc.chat.send.mutationOptions());
  const send = useCallback(
    async (pending: PendingSend) => {
      setSendError(null);
      try {
        const { assistantMessageId } = await sendMutation.mutateAsync({
          conversationId,
          ...pending,
        });
        await refresh();
        follow(assistantMessageId);
        return true;
      } catch (error) {
        const data = (error as { data?: { retryAfterSeconds?: number; code?: string } }).data;
        const message =
          data?.code === 'TOO_MANY_REQUESTS'
            ? `You are sending quickly — try again in ${data.retryAfterSeconds ?? 'a few'} seconds.`
            : (error as Error).message || 'Your message could not be sent.';
        setSendError({ message, pending });
        return false;
      }
    },
    [sendMutation, conversationId, refresh, follow],
  );

  const stopMutation = useMutation(trpc.chat.stop.mutationOptions());
  const regenerateMutation = useMutation(trpc.chat.regenerate.mutationOptions());
  const editMutation = useMutation(trpc.chat.edit.mutationOptions());

  return {
    conversation: query.data,
    isLoading: query.isPending,
    loadError: query.error,
    live,
    sendError,
    isStreaming: live?.status === 'streaming' || Boolean(streamingId),
    send: (text: string) => send({ text, clientMessageId: crypto.randomUUID() }),
    retrySend: () => (sendError ? send(sendError.pending) : Promise.resolve(false)),
    stop: async () => {
      const id = live?.status === 'streaming' ? live.id : streamingId;
      if (id) await stopMutation.mutateAsync({ assistantMessageId: id });
      await refresh();
    },
    regenerate: async (assistantMessageId: string) => {
      const result = await regenerateMutation.mutateAsync({ assistantMessageId });
      await refresh();
      follow(result.assistantMessageId);
    },
    edit: async (messageId: string, text: string) => {
      const result = await editMutation.mutateAsync({ messageId, text });
      await refresh();
      follow(result.assistantMessageId);
    },
    switchBranch: async (messageId: string) => {
      const data = await queryClient.fetchQuery(
        trpc.chat.conversations.get.queryOptions({
          id: conversationId,
          branchMessageId: messageId,
        }),
      );
      queryClient.setQueryData(trpc.chat.conversations.get.queryKey({ id: conversationId }), data);
    },
  };
}

export type ConversationState = ReturnType<typeof useConversation>;
