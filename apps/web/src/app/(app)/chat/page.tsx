import type { Metadata } from 'next';
import { EmptyState } from '@/components/empty-state';
import { PageHeader } from '@/components/page-header';

export const metadata: Metadata = { title: 'Chat' };

export default function ChatPage() {
  return (
    <>
      <PageHeader title="Chat" description="Ask the general assistant anything." />
      <EmptyState title="No conversations yet">
        <p>
          Chat streams answers as they are written and keeps every reply, even if you close the tab.
          It arrives with the conversation engine; until a provider is configured, the offline model
          answers.
        </p>
      </EmptyState>
    </>
  );
}
