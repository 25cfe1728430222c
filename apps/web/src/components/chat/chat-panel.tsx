'use client';
import { useQuery } from '@tanstack/react-query';
import {
  type KeyboardEvent,
  type ReactNode,
  useEffect,
  useLayoutEffect,
  useRef,
  useState,
} from 'react';
import { useTRPC } from '@/lib/trpc';
import { MessageItem, type MessageView } from './message-item';
import type { ChatPart } from './reply-state';
import { useConversation } from './use-conversation';

/**
 * The chat every module uses: streaming Markdown replies, stop (Esc), regenerate, edit, branch
 * switching, copy, the model badge, an offline banner, kind errors with retry, and auto-scroll
 * that lets go when the reader scrolls up.
 */
export function ChatPanel(props: {
  conversationId: string;
  placeholder?: string;
  emptyState?: ReactNode;
  renderTool?: (part: ChatPart) => ReactNode;
  onReplyFinished?: () => void;
}) {
  const trpc = useTRPC();
  const models = useQuery(trpc.ai.models.queryOptions());
  const chat = useConversation(props.conversationId);
  const [draft, setDraft] = useState('');
  const scroller = useRef<HTMLDivElement>(null);
  const stick = useRef(true);

  const messages: MessageView[] = (chat.conversation?.messages ?? []).map((m) => {
    const live = chat.live?.id === m.id ? chat.live : null;
    return {
      id: m.id,
      role: m.role,
      parts: (live && live.parts.length > 0 ? live.parts : m.parts) as ChatPart[],
      status: live ? live.status : m.status,
      metadata: (live
        ? { ...(m.metadata ?? {}), ...live.metadata }
        : m.metadata) as MessageView['metadata'],
      error: live?.error ?? m.error,
      siblings: m.siblings,
    };
  });
  const busy = messages.some((m) => m.status === 'streaming');
  const liveStatus = chat.live?.status;
  const onFinished = props.onReplyFinished;
  useEffect(() => {
    if (liveStatus && liveStatus !== 'streaming') onFinished?.();
  }, [liveStatus, onFinished]);

  const contentSize = messages.reduce((n, m) => n + JSON.stringify(m.parts).length, 0);
  useLayoutEffect(() => {
    const element = scroller.current;
    if (element && stick.current && contentSize >= 0) element.scrollTop = element.scrollHeight;
  }, [contentSize]);

  async function submit() {
    const text = draft.trim();
    if (!text || busy) return;
    setDraft('');
    stick.current = true;
    if (!(await chat.send(text))) setDraft(text);
  }

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      void submit();
    }
  }

  return (
    <section
      aria-label="Conversation"
      className="flex h-full min-h-0 flex-col rounded-2xl border border-slate-200 bg-slate-50"
      onKeyDown={(event) => {
        if (event.key === 'Escape' && busy) void chat.stop();
      }}
    >
      {models.data?.offlineOnly && (
        <p
          data-testid="offline-banner"
          className="rounded-t-2xl border-b border-amber-200 bg-amber-50 px-4 py-2 text-xs text-amber-900"
        >
          Offline mode: answers come from built-in rules using your data. Set{' '}
          <code>AI_CHAT_MODELS</code> and a provider key to use a model.
        </p>
      )}
      <div
        ref={scroller}
        onScroll={(event) => {
          const el = event.currentTarget;
          stick.current = el.scrollHeight - el.scrollTop - el.clientHeight < 48;
        }}
        className="min-h-0 flex-1 overflow-y-auto p-4"
        aria-live="polite"
      >
        {chat.isLoading ? (
          <p role="status">Loading the conversation…</p>
        ) : chat.loadError ? (
          <p role="alert" className="text-red-700">
            This conversation could not be loaded: {chat.loadError.message}
          </p>
        ) : messages.length === 0 ? (
          (props.emptyState ?? <p className="text-sm text-slate-500">Ask anything to start.</p>)
        ) : (
          <ol className="space-y-4">
            {messages.map((message, index) => (
              <MessageItem
                key={message.id}
                message={message}
                isLast={index === messages.length - 1}
                busy={busy}
                renderTool={props.renderTool}
                onRegenerate={(id) => void chat.regenerate(id)}
                onEdit={(id, text) => void chat.edit(id, text)}
                onSwitch={(id) => void chat.switchBranch(id)}
              />
            ))}
          </ol>
        )}
      </div>
      {chat.sendError && (
        <div
          role="alert"
          className="mx-4 mb-2 flex items-center justify-between rounded-lg bg-red-50 px-3 py-2 text-sm text-red-800"
        >
          <span>{chat.sendError.message}</span>
          <button
            type="button"
            onClick={() => void chat.retrySend()}
            className="font-medium underline"
          >
            Retry
          </button>
        </div>
      )}
      <form
        className="flex items-end gap-2 border-t border-slate-200 bg-white p-3 rounded-b-2xl"
        onSubmit={(event) => {
          event.preventDefault();
          void submit();
        }}
      >
        <label htmlFor={`composer-${props.conversationId}`} className="sr-only">
          Message
        </label>
        <textarea
          id={`composer-${props.conversationId}`}
          value={draft}
          onChange={(event) => setDraft(event.target.value)}
          onKeyDown={onKeyDown}
          rows={2}
          placeholder={props.placeholder ?? 'Message (Enter to send, Shift+Enter for a new line)'}
          className="min-h-[44px] flex-1 resize-none rounded-lg border border-slate-300 px-3 py-2"
        />
        {busy ? (
          <button
            type="button"
            onClick={() => void chat.stop()}
            className="rounded-lg bg-slate-800 px-4 py-2 font-medium text-white"
          >
            Stop
          </button>
        ) : (
          <button
            type="submit"
            disabled={!draft.trim()}
            className="rounded-lg bg-brand-600 px-4 py-2 font-medium text-white disabled:opacity-50"
          >
            Send
          </button>
        )}
      </form>
    </section>
  );
}
