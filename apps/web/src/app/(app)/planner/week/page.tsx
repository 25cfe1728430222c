import type { Metadata } from 'next';
import { Suspense } from 'react';
import { WeekBoard } from '@/components/planner/week-board';

export const metadata: Metadata = { title: 'Planner · Week' };

export default function Page() {
  return (
    <Suspense>
      <WeekBoard />
    </Suspense>
  );
}
