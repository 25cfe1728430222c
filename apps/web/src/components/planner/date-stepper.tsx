'use client';
import type { ReactNode } from 'react';
import { addDays } from '@/lib/dates';

/** The heading of a planner page with previous / next buttons for its day or week. */
export function DateStepper(props: {
  date: string;
  unit: 'day' | 'week';
  go(date: string): void;
  children: ReactNode;
}) {
  const step = props.unit === 'day' ? 1 : 7;
  const button = (direction: -1 | 1) => (
    <button
      type="button"
      onClick={() => props.go(addDays(props.date, direction * step))}
      className="rounded-lg border border-slate-300 px-2 py-1"
      aria-label={`${direction < 0 ? 'Previous' : 'Next'} ${props.unit}`}
    >
      {direction < 0 ? '←' : '→'}
    </button>
  );
  return (
    <>
      {button(-1)}
      <h2 className="text-lg font-semibold">{props.children}</h2>
      {button(1)}
    </>
  );
}
