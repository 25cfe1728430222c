'use client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { RouterOutputs } from '@waypoint/core';
import { formatDay } from '@/lib/dates';
import { useTRPC } from '@/lib/trpc';

type Change = RouterOutputs['planner']['proposals']['get']['changes'][number];

/** A proposal from the planner agent, shown as a diff with a reason per change. */
export function ProposalCard({ proposalId }: { proposalId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const proposal = useQuery(trpc.planner.proposals.get.queryOptions({ id: proposalId }));
  const onDecided = () => queryClient.invalidateQueries({ queryKey: trpc.planner.pathKey() });
  const apply = useMutation(trpc.planner.proposals.apply.mutationOptions({ onSuccess: onDecided }));
  const reject = useMutation(
    trpc.planner.proposals.reject.mutationOptions({ onSuccess: onDecided }),
  );

  if (proposal.isPending) return <p className="text-xs text-slate-500">Loading proposal…</p>;
  if (proposal.isError)
    return <p className="text-xs text-red-700">This proposal could not be loaded.</p>;
  const p = proposal.data;
  const error = apply.error ?? reject.error;
  return (
    <section
      aria-label={`Proposal: ${p.summary}`}
      data-testid="proposal"
      className="rounded-xl border border-slate-200 bg-slate-50 p-3 text-sm"
    >
      <p className="font-medium">{p.summary}</p>
      <ul className="mt-2 space-y-1.5">
        {p.changes.map((change, index) => (
          <li key={`${change.op}-${index}`} className="rounded-lg bg-white px-2 py-1.5">
            <DiffLine change={change} />
            <p className="text-xs text-slate-500">{change.reason}</p>
          </li>
        ))}
      </ul>
      {p.status === 'pending' ? (
        <div className="mt-3 flex gap-2">
          <button
            type="button"
            onClick={() => apply.mutate({ id: p.id })}
            disabled={apply.isPending || reject.isPending}
            className="rounded-lg bg-brand-600 px-3 py-1.5 font-medium text-white disabled:opacity-50"
          >
            Accept
          </button>
          <button
            type="button"
            onClick={() => reject.mutate({ id: p.id })}
            disabled={apply.isPending || reject.isPending}
            className="rounded-lg border border-slate-300 bg-white px-3 py-1.5 font-medium"
          >
            Reject
          </button>
        </div>
      ) : (
        <p className="mt-2 text-xs font-medium text-slate-600" data-testid="proposal-status">
          {p.status === 'applied'
            ? 'Accepted — your plan is updated.'
            : 'Rejected — nothing changed.'}
        </p>
      )}
      {error && (
        <p role="alert" className="mt-2 text-xs text-red-700">
          {error.message}
        </p>
      )}
    </section>
  );
}

function DiffLine({ change }: { change: Change }) {
  switch (change.op) {
    case 'add_item':
      return (
        <p>
          <span className="font-mono text-green-700">+</span> {change.title}{' '}
          <span className="text-slate-500">
            on {formatDay(change.date)}
            {change.estimateMinutes ? ` · ${change.estimateMinutes} min` : ''}
          </span>
        </p>
      );
    case 'move_item':
      return (
        <p>
          <span className="font-mono text-sky-700">→</span> {change.itemTitle ?? 'An item'}{' '}
          <span className="text-slate-500">
            {change.fromDate ? `${formatDay(change.fromDate)} → ` : 'to '}
            {formatDay(change.toDate)}
          </span>
        </p>
      );
    case 'complete_item':
      return (
        <p>
          <span className="font-mono text-green-700">✓</span> Mark “{change.itemTitle ?? 'an item'}”
          done
        </p>
      );
    case 'create_goal':
      return (
        <p>
          <span className="font-mono text-green-700">+</span> New goal: {change.title}{' '}
          <span className="text-slate-500">({change.horizon})</span>
        </p>
      );
  }
}
