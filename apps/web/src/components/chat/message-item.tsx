'use client';
import { useState } from 'react';
import { Markdown } from './markdown';
import { type ChatPart, type ReplyMetadata, textOf } from './reply-state';

export interface MessageView {
  id: string;
  role: 'user' | 'assistant';
  parts: ChatPart[];
  status: string;
  metadata: ReplyMetadata | null;
  error: string | null;
  siblings: { ids: string[]; index: number };
}

export function MessageItem(props: {
  message: MessageView;
  isLast: boolean;
  busy: boolean;
  renderTool?: (part: ChatPart) => React.ReactNode;
  onRegenerate(id: string): void;
  onEdit(id: string, text: string): void;
  onSwitch(id: string): void;
}) {
  const { message } = props;
  const text = textOf(message.parts);
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState(text);
  const [copied, setCopied] = useState(false);
  const isUser = message.role === 'user';

  return (
    <li
      className={`group flex flex-col ${isUser ? 'items-end' : 'items-start'}`}
      data-testid={`message-${message.role}`}
      data-status={message.status}
    >
      <div
        className={`max-w-[85%] rounded-2xl px-4 py-3 ${isUser ? 'bg-brand-600 text-white' : 'border border-slate-200 bg-white'}`}
      >
        {editing ? (
          <form
            onSubmit={(event) => {
              event.preventDefault();
              setEditing(false);
              if (draft.trim() && draft !== text) props.onEdit(message.id, draft.trim());
            }}
            className="flex flex-col gap-2"
          >
            <label className="sr-only" htmlFor={`edit-${message.id}`}>
              Edit message
            </label>
            <textarea
              id={`edit-${message.id}`}
              value={draft}
              onChange={(e) => setDraft(e.target.value)}
              className="min-w-72 rounded-lg p-2 text-slate-900"
              rows={3}
            />
            <div className="flex gap-2 text-sm">
              <button
                type="submit"
                className="rounded bg-white px-2 py-1 font-medium text-brand-700"
              >
                Save and resend
              </button>
              <button type="button" onClick={() => setEditing(false)} className="px-2 py-1">
                Cancel
              </button>
            </div>
          </form>
        ) : isUser ? (
          <p className="whitespace-pre-wrap">{text}</p>
        ) : (
          <>
            {text ? (
              <Markdown text={text} />
            ) : message.status === 'streaming' ? (
              <TypingDots />
            ) : null}
            {message.parts
              .filter((p) => p.type.startsWith('tool-'))
              .map((part) => (
                <div key={part.toolCallId} className="mt-2">
                  {props.renderTool ? props.renderTool(part) : <ToolNote part={part} />}
                </div>
              ))}
          </>
        )}
      </div>
      <div className="mt-1 flex flex-wrap items-center gap-2 text-xs text-slate-500">
        {!isUser && <ModelBadge metadata={message.metadata} />}
        {message.status === 'stopped' && (
          <span className="rounded bg-slate-100 px-1.5 py-0.5">stopped</span>
        )}
        {message.status === 'interrupted' && (
          <span className="rounded bg-amber-100 px-1.5 py-0.5 text-amber-800">
            interrupted — regenerate to finish it
          </span>
        )}
        {message.status === 'failed' && (
          <span role="alert" className="rounded bg-red-50 px-1.5 py-0.5 text-red-700">
            {message.error ?? 'This reply failed.'}
          </span>
        )}
        {message.siblings.ids.length > 1 && (
          <fieldset className="flex items-center gap-1">
            <legend className="sr-only">Versions</legend>
            <button
              type="button"
              aria-label="Previous version"
              disabled={message.siblings.index === 0 || props.busy}
              onClick={() =>
                props.onSwitch(message.siblings.ids[message.siblings.index - 1] as string)
              }
              className="rounded px-1 hover:bg-slate-100 disabled:opacity-40"
            >
              ‹
            </button>
            <span data-testid="branch-position">
              {message.siblings.index + 1}/{message.siblings.ids.length}
            </span>
            <button
              type="button"
              aria-label="Next version"
              disabled={message.siblings.index === message.siblings.ids.length - 1 || props.busy}
              onClick={() =>
                props.onSwitch(message.siblings.ids[message.siblings.index + 1] as string)
              }
              className="rounded px-1 hover:bg-slate-100 disabled:opacity-40"
            >
              ›
            </button>
          </fieldset>
        )}
        {text && (
          <button
            type="button"
            onClick={async () => {
              await navigator.clipboard?.writeText(text).catch(() => {});
              setCopied(true);
              setTimeout(() => setCopied(false), 1500);
            }}
            className="rounded px-1.5 py-0.5 hover:bg-slate-100"
          >
            {copied ? 'Copied' : 'Copy'}
          </button>
        )}
        {isUser && !props.busy && (
          <button
            type="button"
            onClick={() => setEditing(true)}
            className="rounded px-1.5 py-0.5 hover:bg-slate-100"
          >
            Edit
          </button>
        )}
        {!isUser && props.isLast && !props.busy && message.status !== 'streaming' && (
          <button
            type="button"
            onClick={() => props.onRegenerate(message.id)}
            className="rounded px-1.5 py-0.5 hover:bg-slate-100"
          >
            Regenerate
          </button>
        )}
      </div>
    </li>
  );
}

function ModelBadge({ metadata }: { metadata: ReplyMetadata | null }) {
  const models = metadata?.models ?? [];
  if (models.length === 0) return null;
  const names = models.map((m) =>
    m.provider === 'offline' ? 'offline model' : `${m.provider}:${m.model}`,
  );
  const fellBack = (metadata?.fallbacks ?? []).length > 0;
  return (
    <span
      data-testid="model-badge"
      title={
        fellBack
          ? metadata?.fallbacks?.map((f) => `${f.from} → ${f.to} (${f.reason})`).join('\n')
          : undefined
      }
      className={`rounded px-1.5 py-0.5 ${metadata?.offline ? 'bg-amber-50 text-amber-800' : 'bg-slate-100'}`}
    >
      {names.join(' → ')}
      {fellBack ? ' · fallback took over' : ''}
    </span>
  );
}

function ToolNote({ part }: { part: ChatPart }) {
  return (
    <p className="rounded-lg bg-slate-50 px-3 py-2 text-xs text-slate-600">
      Used {part.type.slice(5).replaceAll('_', ' ')}
      {part.state === 'output-available' ? '' : '…'}
    </p>
  );
}

function TypingDots() {
  return (
    <span role="status" className="inline-flex gap-1 py-1" aria-label="Writing">
      <span className="h-2 w-2 animate-bounce rounded-full bg-slate-400" />
      <span className="h-2 w-2 animate-bounce rounded-full bg-slate-400 [animation-delay:120ms]" />
      <span className="h-2 w-2 animate-bounce rounded-full bg-slate-400 [animation-delay:240ms]" />
    </span>
  );
}
