'use client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { EmptyState } from '@/components/empty-state';
import { formatDay } from '@/lib/dates';
import { useTRPC } from '@/lib/trpc';
import { AgentPanel } from './agent-panel';
import { DateStepper } from './date-stepper';
import type { PlanItem } from './item-card';
import { usePlannerDate } from './use-planner-dates';

const STATUSES: { value: PlanItem['status']; label: string }[] = [
  { value: 'todo', label: 'To do' },
  { value: 'in_progress', label: 'Doing' },
  { value: 'done', label: 'Done' },
  { value: 'skipped', label: 'Skipped' },
];

/** One day: status toggles, estimates, a capacity bar, and the agent beside it. */
export function DayView() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { value: date, capacity, go } = usePlannerDate('date');
  const day = useQuery({
    ...trpc.planner.days.get.queryOptions({ date: date ?? '' }),
    enabled: Boolean(date),
  });
  const goals = useQuery(trpc.planner.goals.list.queryOptions({ status: 'active' }));
  const [error, setError] = useState<string | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.planner.pathKey() });
  const onError = (e: { message: string }) => setError(e.message);
  const update = useMutation(
    trpc.planner.items.update.mutationOptions({ onSuccess: refresh, onError }),
  );
  const create = useMutation(
    trpc.planner.items.create.mutationOptions({ onSuccess: refresh, onError }),
  );
  const remove = useMutation(
    trpc.planner.items.delete.mutationOptions({ onSuccess: refresh, onError }),
  );

  if (!date || day.isPending) return <p role="status">Loading the day…</p>;
  if (day.isError)
    return (
      <p role="alert" className="text-red-700">
        This day could not be loaded: {day.error.message}
      </p>
    );
  const items = day.data.items;
  const open = items.filter((i) => i.status === 'todo' || i.status === 'in_progress');
  const planned = open.reduce((sum, i) => sum + (i.estimateMinutes ?? 0), 0);
  const over = planned > capacity;

  function onCreate(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    const estimate = Number(data.get('estimate'));
    setError(null);
    create.mutate(
      {
        date: date as string,
        title: String(data.get('title') ?? ''),
        goalId: String(data.get('goalId') ?? '') || null,
        estimateMinutes: estimate > 0 ? estimate : null,
      },
      { onSuccess: () => form.reset() },
    );
  }

  return (
    <div className="grid gap-6 2xl:grid-cols-[1fr_380px]">
      <div className="min-w-0 space-y-4">
        <div className="flex items-center gap-3">
          <DateStepper date={date} unit="day" go={go}>
            {formatDay(date, 'long')}
          </DateStepper>
        </div>
        <div>
          <div className="flex justify-between text-sm">
            <span>
              Planned: {planned} of {capacity} min
            </span>
            {over && (
              <span className="font-medium text-red-700">
                Over capacity by {planned - capacity} min
              </span>
            )}
          </div>
          <meter
            aria-label="Capacity used"
            min={0}
            max={capacity}
            value={planned}
            className="sr-only"
          />
          <div aria-hidden className="mt-1 h-2 rounded bg-slate-200">
            <div
              className={`h-2 rounded ${over ? 'bg-red-500' : 'bg-brand-600'}`}
              style={{ width: `${Math.min(100, (100 * planned) / Math.max(capacity, 1))}%` }}
            />
          </div>
        </div>
        {error && (
          <p role="alert" className="rounded-lg bg-red-50 px-3 py-2 text-sm text-red-700">
            {error}
          </p>
        )}
        {items.length === 0 ? (
          <EmptyState title="Nothing planned for this day">
            <p>
              Add what you will do, with an estimate, or ask the agent to propose items from your
              goals.
            </p>
          </EmptyState>
        ) : (
          <ul className="space-y-2" aria-label="Items">
            {items.map((item) => (
              <li
                key={item.id}
                data-testid="day-item"
                className="flex flex-wrap items-center gap-3 rounded-xl border border-slate-200 bg-white px-3 py-2"
              >
                <span
                  className={`flex-1 ${item.status === 'done' ? 'text-slate-400 line-through' : ''}`}
                >
                  {item.pinned ? '📌 ' : ''}
                  {item.title}
                </span>
                <fieldset className="flex overflow-hidden rounded-lg border border-slate-300 text-xs">
                  <legend className="sr-only">Status of {item.title}</legend>
                  {STATUSES.map((s) => (
                    <button
                      key={s.value}
                      type="button"
                      aria-pressed={item.status === s.value}
                      onClick={() => update.mutate({ id: item.id, status: s.value })}
                      className={`px-2 py-1 ${item.status === s.value ? 'bg-brand-600 text-white' : 'bg-white hover:bg-slate-100'}`}
                    >
                      {s.label}
                    </button>
                  ))}
                </fieldset>
                <label className="flex items-center gap-1 text-xs text-slate-600">
                  <input
                    type="number"
                    min={0}
                    max={1440}
                    step={5}
                    defaultValue={item.estimateMinutes ?? ''}
                    aria-label={`Estimate for ${item.title} in minutes`}
                    onBlur={(e) => {
                      const value = e.target.value === '' ? null : Number(e.target.value);
                      if (value !== item.estimateMinutes)
                        update.mutate({ id: item.id, estimateMinutes: value });
                    }}
                    className="w-16 rounded border border-slate-300 px-1 py-0.5"
                  />
                  min
                </label>
                <button
                  type="button"
                  aria-pressed={item.pinned}
                  onClick={() => update.mutate({ id: item.id, pinned: !item.pinned })}
                  className="text-xs text-slate-600 hover:underline"
                >
                  {item.pinned ? 'Unpin' : 'Pin'}
                </button>
                <button
                  type="button"
                  onClick={() => remove.mutate({ id: item.id })}
                  className="text-xs text-red-700 hover:underline"
                  aria-label={`Delete ${item.title}`}
                >
                  Delete
                </button>
              </li>
            ))}
          </ul>
        )}
        <form
          onSubmit={onCreate}
          aria-label="Add an item"
          className="flex flex-wrap items-end gap-2 rounded-xl border border-slate-200 bg-white p-3"
        >
          <label className="flex-1 text-sm">
            <span className="block font-medium text-slate-700">New item</span>
            <input
              name="title"
              required
              className="mt-1 w-full rounded-lg border border-slate-300 px-2 py-1.5"
            />
          </label>
          <label className="text-sm">
            <span className="block font-medium text-slate-700">Goal</span>
            <select name="goalId" className="mt-1 rounded-lg border border-slate-300 px-2 py-1.5">
              <option value="">No goal</option>
              {goals.data?.map((g) => (
                <option key={g.id} value={g.id}>
                  {g.title}
                </option>
              ))}
            </select>
          </label>
          <label className="text-sm">
            <span className="block font-medium text-slate-700">Minutes</span>
            <input
              name="estimate"
              type="number"
              min={0}
              max={1440}
              step={5}
              className="mt-1 w-20 rounded-lg border border-slate-300 px-2 py-1.5"
            />
          </label>
          <button
            type="submit"
            className="rounded-lg bg-brand-600 px-3 py-1.5 font-medium text-white"
          >
            Add
          </button>
        </form>
      </div>
      <aside aria-label="Planner agent" className="h-[560px] min-h-0">
        <AgentPanel context={{ type: 'daily_planning', id: date }} />
      </aside>
    </div>
  );
}
