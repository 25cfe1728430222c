'use client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useTRPC } from '@/lib/trpc';
import { ChatPanel } from './chat/chat-panel';
import { EmptyState } from './empty-state';

/** The Chat page: the general assistant, with the user's conversations beside it. */
export function ChatPage() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const selected = params.get('c');
  const list = useQuery(
    trpc.chat.conversations.list.queryOptions({ assistant: 'general', limit: 30 }),
  );
  const create = useMutation(
    trpc.chat.conversations.create.mutationOptions({
      onSuccess: ({ id }) => {
        void queryClient.invalidateQueries({ queryKey: trpc.chat.conversations.list.queryKey() });
        router.push(`${pathname}?c=${id}`);
      },
    }),
  );

  return (
    <div className="grid h-[calc(100vh-8rem)] min-h-[480px] gap-4 md:grid-cols-[220px_1fr]">
      <nav aria-label="Conversations" className="flex min-h-0 flex-col gap-2">
        <button
          type="button"
          onClick={() => create.mutate({ assistant: 'general' })}
          className="rounded-lg bg-brand-600 px-3 py-2 text-sm font-medium text-white"
        >
          New conversation
        </button>
        <ul className="min-h-0 space-y-1 overflow-y-auto">
          {list.data?.items.map((c) => (
            <li key={c.id}>
              <button
                type="button"
                aria-current={c.id === selected ? 'page' : undefined}
                onClick={() => router.push(`${pathname}?c=${c.id}`)}
                className={`w-full truncate rounded-lg px-3 py-2 text-left text-sm ${c.id === selected ? 'bg-brand-50 text-brand-700' : 'hover:bg-slate-100'}`}
              >
                {c.title ?? 'New conversation'}
              </button>
            </li>
          ))}
        </ul>
      </nav>
      {selected ? (
        <ChatPanel
          key={selected}
          conversationId={selected}
          onReplyFinished={() =>
            void queryClient.invalidateQueries({
              queryKey: trpc.chat.conversations.list.queryKey(),
            })
          }
        />
      ) : (
        <EmptyState
          title="Start a conversation"
          action={
            <button
              type="button"
              onClick={() => create.mutate({ assistant: 'general' })}
              className="rounded-lg bg-brand-600 px-4 py-2 font-medium text-white"
            >
              New conversation
            </button>
          }
        >
          <p>
            Replies are written on the server and saved as they stream: close the tab and come back,
            and the answer is there. Stop anytime with Esc.
          </p>
        </EmptyState>
      )}
    </div>
  );
}
