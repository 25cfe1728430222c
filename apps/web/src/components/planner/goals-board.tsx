'use client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { RouterOutputs } from '@waypoint/core';
import { type FormEvent, useState } from 'react';
import { EmptyState } from '@/components/empty-state';
import { useTRPC } from '@/lib/trpc';

type Goal = RouterOutputs['planner']['goals']['list'][number];
type Filters = { status?: Status | undefined; horizon?: Horizon | undefined };
type Horizon = Goal['horizon'];
type Status = Goal['status'];
type Priority = Goal['priority'];

const HORIZONS: Horizon[] = ['short', 'medium', 'long'];
const STATUSES: Status[] = ['active', 'paused', 'completed', 'cancelled'];
const PRIORITIES: Priority[] = ['urgent', 'high', 'medium', 'low'];
const PRIORITY_STYLE: Record<Priority, string> = {
  urgent: 'bg-red-100 text-red-800',
  high: 'bg-orange-100 text-orange-800',
  medium: 'bg-sky-100 text-sky-800',
  low: 'bg-slate-100 text-slate-700',
};

export function GoalsBoard() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [filters, setFilters] = useState<Filters>({ status: 'active' });
  const goals = useQuery(trpc.planner.goals.list.queryOptions(filters));
  const [error, setError] = useState<string | null>(null);
  const invalidate = () =>
    queryClient.invalidateQueries({ queryKey: trpc.planner.goals.list.queryKey() });
  const create = useMutation(
    trpc.planner.goals.create.mutationOptions({
      onSuccess: () => {
        setError(null);
        return invalidate();
      },
      onError: (e) => setError(e.message),
    }),
  );
  const update = useMutation(trpc.planner.goals.update.mutationOptions({ onSuccess: invalidate }));

  function onCreate(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    create.mutate(
      {
        title: String(form.get('title') ?? ''),
        horizon: form.get('horizon') as Horizon,
        priority: form.get('priority') as Priority,
      },
      { onSuccess: () => formElement.reset() },
    );
  }

  return (
    <div className="space-y-6">
      <form
        onSubmit={onCreate}
        className="flex flex-wrap items-end gap-3 rounded-2xl border border-slate-200 bg-white p-4"
        aria-label="New goal"
      >
        <label className="flex-1 text-sm font-medium text-slate-700">
          New goal
          <input
            name="title"
            required
            placeholder="e.g. Run a half marathon"
            className="mt-1 w-full rounded-lg border border-slate-300 px-3 py-2 font-normal"
          />
        </label>
        <label className="text-sm font-medium text-slate-700">
          Horizon
          <select
            name="horizon"
            defaultValue="medium"
            className="mt-1 block rounded-lg border border-slate-300 px-2 py-2 font-normal"
          >
            {HORIZONS.map((h) => (
              <option key={h}>{h}</option>
            ))}
          </select>
        </label>
        <label className="text-sm font-medium text-slate-700">
          Priority
          <select
            name="priority"
            defaultValue="medium"
            className="mt-1 block rounded-lg border border-slate-300 px-2 py-2 font-normal"
          >
            {PRIORITIES.map((p) => (
              <option key={p}>{p}</option>
            ))}
          </select>
        </label>
        <button
          type="submit"
          disabled={create.isPending}
          className="rounded-lg bg-brand-600 px-4 py-2 font-medium text-white disabled:opacity-60"
        >
          Add goal
        </button>
        {error && (
          <p role="alert" className="w-full text-sm text-red-700">
            {error}
          </p>
        )}
      </form>

      <fieldset className="flex flex-wrap gap-3">
        <legend className="sr-only">Filter goals</legend>
        <select
          aria-label="Status"
          value={filters.status ?? ''}
          onChange={(e) =>
            setFilters({ ...filters, status: (e.target.value || undefined) as Status | undefined })
          }
          className="rounded-lg border border-slate-300 px-2 py-1.5 text-sm"
        >
          <option value="">Any status</option>
          {STATUSES.map((s) => (
            <option key={s}>{s}</option>
          ))}
        </select>
        <select
          aria-label="Horizon"
          value={filters.horizon ?? ''}
          onChange={(e) =>
            setFilters({
              ...filters,
              horizon: (e.target.value || undefined) as Horizon | undefined,
            })
          }
          className="rounded-lg border border-slate-300 px-2 py-1.5 text-sm"
        >
          <option value="">Any horizon</option>
          {HORIZONS.map((h) => (
            <option key={h}>{h}</option>
          ))}
        </select>
      </fieldset>

      {goals.isPending ? (
        <p role="status">Loading goals…</p>
      ) : goals.isError ? (
        <p role="alert" className="text-red-700">
          Goals could not be loaded: {goals.error.message}
        </p>
      ) : goals.data.length === 0 ? (
        <EmptyState title="No goals here yet">
          <p>
            Start with one thing you want to be true in a few months — the planner and its agent
            plan your weeks from your active goals, most urgent first.
          </p>
        </EmptyState>
      ) : (
        <ul className="space-y-2" aria-label="Goals">
          {goals.data.map((goal) => (
            <li
              key={goal.id}
              className="flex items-center gap-3 rounded-xl border border-slate-200 bg-white px-4 py-3"
            >
              <span
                className={`rounded-full px-2 py-0.5 text-xs font-semibold ${PRIORITY_STYLE[goal.priority]}`}
              >
                {goal.priority}
              </span>
              <GoalTitle
                title={goal.title}
                onRename={(title) => update.mutate({ id: goal.id, title })}
              />
              <span className="text-xs text-slate-500">{goal.horizon}</span>
              <select
                aria-label={`Status of ${goal.title}`}
                value={goal.status}
                onChange={(e) => update.mutate({ id: goal.id, status: e.target.value as Status })}
                className="rounded-lg border border-slate-300 px-2 py-1 text-sm"
              >
                {STATUSES.map((s) => (
                  <option key={s}>{s}</option>
                ))}
              </select>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** The title, edited in place: click or press Enter on it, Enter to save, Esc to cancel. */
function GoalTitle({ title, onRename }: { title: string; onRename(title: string): void }) {
  const [editing, setEditing] = useState(false);
  if (!editing) {
    return (
      <button
        type="button"
        onClick={() => setEditing(true)}
        title="Rename"
        className="flex-1 rounded text-left font-medium hover:bg-slate-50"
      >
        {title}
      </button>
    );
  }
  const finish = (value: string) => {
    setEditing(false);
    const next = value.trim();
    if (next && next !== title) onRename(next);
  };
  return (
    <input
      aria-label={`Rename ${title}`}
      defaultValue={title}
      // biome-ignore lint/a11y/noAutofocus: the field appears because the user asked to edit it
      autoFocus
      onBlur={(event) => finish(event.currentTarget.value)}
      onKeyDown={(event) => {
        if (event.key === 'Enter') finish(event.currentTarget.value);
        if (event.key === 'Escape') setEditing(false);
      }}
      className="flex-1 rounded border border-slate-300 px-2 py-1"
    />
  );
}
