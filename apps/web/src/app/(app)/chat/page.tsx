import type { Metadata } from 'next';
import { Suspense } from 'react';
import { ChatPage } from '@/components/chat-page';
import { PageHeader } from '@/components/page-header';

export const metadata: Metadata = { title: 'Chat' };

export default function Page() {
  return (
    <>
      <PageHeader title="Chat" description="Ask the general assistant anything." />
      <Suspense>
        <ChatPage />
      </Suspense>
    </>
  );
}
