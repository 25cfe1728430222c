import type { Metadata } from 'next';
import { EmptyState } from '@/components/empty-state';
import { PageHeader } from '@/components/page-header';

export const metadata: Metadata = { title: 'Portfolio' };

export default function PortfolioPage() {
  return (
    <>
      <PageHeader
        title="Portfolio"
        description="Projects, posts and certifications, published on your own pages."
      />
      <EmptyState title="Nothing published yet">
        <p>
          Collect your projects, posts and certifications here, write them with an AI assistant, and
          publish them on a public page. The portfolio module is on its way.
        </p>
      </EmptyState>
    </>
  );
}
