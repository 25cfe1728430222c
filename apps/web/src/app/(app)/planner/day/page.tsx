import type { Metadata } from 'next';
import { Suspense } from 'react';
import { DayView } from '@/components/planner/day-view';

export const metadata: Metadata = { title: 'Planner · Day' };

export default function Page() {
  return (
    <Suspense>
      <DayView />
    </Suspense>
  );
}
