import type { Metadata } from 'next';
import { PageHeader } from '@/components/page-header';
import { GoalsBoard } from '@/components/planner/goals-board';

export const metadata: Metadata = { title: 'Planner' };

export default function PlannerPage() {
  return (
    <>
      <PageHeader
        title="Goals"
        description="What you are working towards, by horizon and priority."
      />
      <GoalsBoard />
    </>
  );
}
