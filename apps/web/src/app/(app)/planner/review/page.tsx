import type { Metadata } from 'next';
import { Suspense } from 'react';
import { WeekReview } from '@/components/planner/week-review';

export const metadata: Metadata = { title: 'Planner · Review' };

export default function Page() {
  return (
    <Suspense>
      <WeekReview />
    </Suspense>
  );
}
