'use client';
import { useQuery } from '@tanstack/react-query';
import { EmptyState } from '@/components/empty-state';
import { formatDay } from '@/lib/dates';
import { useTRPC } from '@/lib/trpc';
import { DateStepper } from './date-stepper';
import { usePlannerDate } from './use-planner-dates';

/** Planned versus done, in minutes, per goal: a bar chart the user can read at a glance. */
export function WeekReview() {
  const trpc = useTRPC();
  const { value: weekStart, go } = usePlannerDate('week');
  const review = useQuery({
    ...trpc.planner.review.week.queryOptions({ weekStart: weekStart ?? '' }),
    enabled: Boolean(weekStart),
  });
  if (!weekStart || review.isPending) return <p role="status">Loading the review…</p>;
  if (review.isError)
    return (
      <p role="alert" className="text-red-700">
        The review could not be loaded: {review.error.message}
      </p>
    );
  const rows = [
    ...review.data.goals.map((g) => ({ key: g.goalId, label: g.title, ...g })),
    { key: 'none', label: 'No goal', ...review.data.unlinked },
  ].filter((r) => r.itemsPlanned > 0);
  const max = Math.max(1, ...rows.map((r) => r.minutesPlanned));
  const totals = review.data.totals;

  return (
    <div className="space-y-4">
      <div className="flex items-center gap-3">
        <DateStepper date={weekStart} unit="week" go={go}>
          Review of the week of {formatDay(weekStart, 'long')}
        </DateStepper>
      </div>
      {rows.length === 0 ? (
        <EmptyState title="Nothing was planned this week">
          <p>
            Plan items in the Week view, link them to goals, and mark them done as you go: the
            review compares plan and reality per goal.
          </p>
        </EmptyState>
      ) : (
        <>
          <p className="text-sm text-slate-600">
            Done {totals.itemsDone} of {totals.itemsPlanned} items · {totals.minutesDone} of{' '}
            {totals.minutesPlanned} minutes
          </p>
          <figure>
            <figcaption className="mb-2 flex gap-4 text-xs text-slate-600">
              <span className="flex items-center gap-1">
                <span className="inline-block h-2 w-4 rounded bg-slate-300" /> planned
              </span>
              <span className="flex items-center gap-1">
                <span className="inline-block h-2 w-4 rounded bg-green-500" /> done
              </span>
            </figcaption>
            <ul aria-label="Planned versus done per goal" className="space-y-3">
              {rows.map((row) => (
                <li key={row.key} data-testid="review-row" className="text-sm">
                  <div className="flex justify-between">
                    <span className="font-medium">{row.label}</span>
                    <span className="text-slate-600">
                      {row.minutesDone}/{row.minutesPlanned} min · {row.itemsDone}/
                      {row.itemsPlanned} items
                    </span>
                  </div>
                  <div className="relative mt-1 h-3 rounded bg-slate-100" aria-hidden>
                    <div
                      className="absolute h-3 rounded bg-slate-300"
                      style={{ width: `${(100 * row.minutesPlanned) / max}%` }}
                    />
                    <div
                      className="absolute h-3 rounded bg-green-500"
                      style={{ width: `${(100 * row.minutesDone) / max}%` }}
                    />
                  </div>
                </li>
              ))}
            </ul>
          </figure>
        </>
      )}
    </div>
  );
}
