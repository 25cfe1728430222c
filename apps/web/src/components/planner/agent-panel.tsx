'use client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { ChatPanel } from '@/components/chat/chat-panel';
import type { ChatPart } from '@/components/chat/reply-state';
import { useTRPC } from '@/lib/trpc';
import { ProposalCard } from './proposal-card';

/** The planner agent beside a week or a day: one conversation per planned week or day. */
export function AgentPanel({
  context,
}: {
  context: { type: 'weekly_planning' | 'daily_planning'; id: string };
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const existing = useQuery(
    trpc.chat.conversations.list.queryOptions({ assistant: 'planner', context, limit: 1 }),
  );
  const create = useMutation(
    trpc.chat.conversations.create.mutationOptions({
      onSuccess: () =>
        queryClient.invalidateQueries({ queryKey: trpc.chat.conversations.list.queryKey() }),
    }),
  );
  const conversationId = existing.data?.items[0]?.id;
  const needsConversation = existing.isSuccess && !conversationId && create.isIdle;
  useEffect(() => {
    if (needsConversation) create.mutate({ assistant: 'planner', context });
  }, [needsConversation, create, context]);

  if (!conversationId)
    return (
      <p role="status" className="text-sm text-slate-500">
        Opening the planner agent…
      </p>
    );
  return (
    <ChatPanel
      conversationId={conversationId}
      placeholder={
        context.type === 'weekly_planning'
          ? 'Ask the agent to plan this week…'
          : 'Ask the agent about this day…'
      }
      emptyState={
        <div className="text-sm text-slate-600">
          <p className="font-medium text-slate-800">Plan with the agent</p>
          <p className="mt-1">
            It reads your active goals and this{' '}
            {context.type === 'weekly_planning' ? 'week' : 'day'}, and proposes changes you accept
            or reject. It never moves what you pinned. Try “plan my week”.
          </p>
        </div>
      }
      renderTool={(part: ChatPart) => {
        const output = part.output as { proposalId?: string; error?: string } | undefined;
        if (output?.proposalId) return <ProposalCard proposalId={output.proposalId} />;
        if (output?.error)
          return <p className="text-xs text-amber-800">A proposal was refused: {output.error}</p>;
        return <p className="text-xs text-slate-500">Preparing a proposal…</p>;
      }}
      onReplyFinished={() =>
        void queryClient.invalidateQueries({ queryKey: trpc.planner.proposals.pathKey() })
      }
    />
  );
}
