import type { Metadata } from 'next';
import { EmptyState } from '@/components/empty-state';
import { PageHeader } from '@/components/page-header';

export const metadata: Metadata = { title: 'Coach' };

export default function CoachPage() {
  return (
    <>
      <PageHeader title="Coach" description="Socratic coaching through phased journeys." />
      <EmptyState title="No journeys yet">
        <p>
          The coach asks the questions that help you see where you stand, one phase at a time, and
          keeps a skills inventory as you go. Journeys arrive here once the coach module ships.
        </p>
      </EmptyState>
    </>
  );
}
