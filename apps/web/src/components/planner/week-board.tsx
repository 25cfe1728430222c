'use client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { type FormEvent, useRef, useState } from 'react';
import { addDays, formatDay } from '@/lib/dates';
import { useTRPC } from '@/lib/trpc';
import { AgentPanel } from './agent-panel';
import { DateStepper } from './date-stepper';
import { ItemCard, type PlanItem } from './item-card';
import { usePlannerDate } from './use-planner-dates';

/** Seven columns, drag to reorder and to move between days, progress per goal, and the agent. */
export function WeekBoard() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { value: weekStart, go } = usePlannerDate('week');
  const week = useQuery({
    ...trpc.planner.weeks.get.queryOptions({ weekStart: weekStart ?? '' }),
    enabled: Boolean(weekStart),
  });
  const review = useQuery({
    ...trpc.planner.review.week.queryOptions({ weekStart: weekStart ?? '' }),
    enabled: Boolean(weekStart),
  });
  const goals = useQuery(trpc.planner.goals.list.queryOptions({}));
  const [error, setError] = useState<string | null>(null);
  const dragged = useRef<string | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.planner.pathKey() });
  const onError = (e: { message: string }) => setError(e.message);
  const move = useMutation(
    trpc.planner.items.move.mutationOptions({ onSuccess: refresh, onError }),
  );
  const reorder = useMutation(
    trpc.planner.items.reorder.mutationOptions({ onSuccess: refresh, onError }),
  );
  const create = useMutation(
    trpc.planner.items.create.mutationOptions({ onSuccess: refresh, onError }),
  );

  if (!weekStart || week.isPending) return <p role="status">Loading your week…</p>;
  if (week.isError)
    return (
      <p role="alert" className="text-red-700">
        This week could not be loaded: {week.error.message}
      </p>
    );
  const days = week.data.days;
  const goalTitle = new Map(goals.data?.map((g) => [g.id, g.title]));
  const itemsOf = (date: string) => days.find((d) => d.date === date)?.items ?? [];

  function place(itemId: string, toDate: string, toIndex: number) {
    setError(null);
    const from = days.find((d) => d.items.some((i) => i.id === itemId));
    if (!from) return;
    if (from.date === toDate) {
      const ids = from.items.map((i) => i.id).filter((id) => id !== itemId);
      const at = Math.max(0, Math.min(toIndex, ids.length));
      ids.splice(at, 0, itemId);
      reorder.mutate({ date: toDate, itemIds: ids });
    } else {
      move.mutate({ id: itemId, toDate, toIndex });
    }
  }

  function keyboardMove(item: PlanItem, direction: 'up' | 'down' | 'prev' | 'next') {
    const index = itemsOf(item.date).findIndex((i) => i.id === item.id);
    if (direction === 'up') place(item.id, item.date, index - 1);
    else if (direction === 'down') place(item.id, item.date, index + 1);
    else {
      const target = addDays(item.date, direction === 'prev' ? -1 : 1);
      const start = weekStart as string;
      if (target >= start && target < addDays(start, 7))
        place(item.id, target, itemsOf(target).length);
    }
  }

  function quickAdd(event: FormEvent<HTMLFormElement>, date: string) {
    event.preventDefault();
    const form = event.currentTarget;
    const title = String(new FormData(form).get('title') ?? '').trim();
    if (!title) return;
    create.mutate({ date, title }, { onSuccess: () => form.reset() });
  }

  const progress = review.data?.goals.filter((g) => g.itemsPlanned > 0) ?? [];
  return (
    <div className="grid gap-6 2xl:grid-cols-[1fr_380px]">
      <div className="min-w-0 space-y-4">
        <div className="flex items-center gap-3">
          <DateStepper date={weekStart} unit="week" go={go}>
            Week of {formatDay(weekStart, 'long')}
          </DateStepper>
          <Link
            href={`/planner/review?week=${weekStart}`}
            className="ml-auto text-sm font-medium text-brand-600 underline"
          >
            Weekly review
          </Link>
        </div>
        {error && (
          <p role="alert" className="rounded-lg bg-red-50 px-3 py-2 text-sm text-red-700">
            {error}
          </p>
        )}
        {progress.length > 0 && (
          <ul aria-label="Progress per goal" className="grid gap-2 sm:grid-cols-2">
            {progress.map((g) => (
              <li
                key={g.goalId}
                className="rounded-lg border border-slate-200 bg-white px-3 py-2 text-sm"
              >
                <div className="flex justify-between">
                  <span className="truncate">{g.title}</span>
                  <span className="text-slate-500">
                    {g.itemsDone}/{g.itemsPlanned}
                  </span>
                </div>
                <div className="mt-1 h-1.5 rounded bg-slate-100">
                  <div
                    className="h-1.5 rounded bg-green-500"
                    style={{ width: `${(100 * g.itemsDone) / g.itemsPlanned}%` }}
                  />
                </div>
              </li>
            ))}
          </ul>
        )}
        <ol
          className="grid grid-cols-1 gap-2 sm:grid-cols-2 lg:grid-cols-7"
          aria-label="Days of the week"
        >
          {days.map((day) => (
            <li
              key={day.date}
              data-testid={`day-${day.date}`}
              onDragOver={(event) => event.preventDefault()}
              onDrop={(event) => {
                event.preventDefault();
                const id = event.dataTransfer.getData('text/plain') || dragged.current;
                if (!id) return;
                const card = (event.target as HTMLElement).closest<HTMLElement>('[data-item-id]');
                const targetIndex = card
                  ? day.items.findIndex((i) => i.id === card.dataset.itemId)
                  : day.items.length;
                place(id, day.date, targetIndex < 0 ? day.items.length : targetIndex);
              }}
              className="flex min-h-40 flex-col rounded-xl bg-slate-100 p-2"
            >
              <Link
                href={`/planner/day?date=${day.date}`}
                className="mb-2 text-xs font-semibold uppercase tracking-wide text-slate-600 hover:text-brand-700"
              >
                {formatDay(day.date)}
              </Link>
              <ul className="flex-1 space-y-1.5">
                {day.items.map((item) => (
                  <ItemCard
                    key={item.id}
                    item={item}
                    goalTitle={item.goalId ? goalTitle.get(item.goalId) : undefined}
                    onDragStart={() => {
                      dragged.current = item.id;
                    }}
                    onMove={(direction) => keyboardMove(item, direction)}
                  />
                ))}
              </ul>
              <form onSubmit={(event) => quickAdd(event, day.date)} className="mt-2">
                <label className="sr-only" htmlFor={`add-${day.date}`}>
                  Add an item on {formatDay(day.date, 'long')}
                </label>
                <input
                  id={`add-${day.date}`}
                  name="title"
                  placeholder="+ Add"
                  className="w-full rounded-md border border-transparent bg-transparent px-2 py-1 text-sm focus:border-slate-300 focus:bg-white"
                />
              </form>
            </li>
          ))}
        </ol>
      </div>
      <aside aria-label="Planner agent" className="h-[560px] min-h-0">
        <AgentPanel context={{ type: 'weekly_planning', id: weekStart }} />
      </aside>
    </div>
  );
}
