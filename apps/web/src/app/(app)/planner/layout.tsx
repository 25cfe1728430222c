import type { ReactNode } from 'react';
import { PlannerNav } from '@/components/planner/planner-nav';

export default function PlannerLayout({ children }: { children: ReactNode }) {
  return (
    <>
      <PlannerNav />
      {children}
    </>
  );
}
