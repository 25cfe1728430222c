import type { Metadata } from 'next';
import { EmptyState } from '@/components/empty-state';
import { PageHeader } from '@/components/page-header';

export const metadata: Metadata = { title: 'Travel' };

export default function TravelPage() {
  return (
    <>
      <PageHeader
        title="Travel"
        description="Brainstorm destinations alone or with friends, then plan the trip."
      />
      <EmptyState title="No trips yet">
        <p>
          Tell Waypoint how you like to travel, brainstorm destinations solo or as a group, and turn
          the winner into a plan with weather, flights, places and events. Coming with the travel
          module.
        </p>
      </EmptyState>
    </>
  );
}
