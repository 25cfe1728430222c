'use client';
import ReactMarkdown from 'react-markdown';
import remarkGfm from 'remark-gfm';

/** Markdown with GitHub extensions (tables, task lists); raw HTML is never rendered. */
export function Markdown({ text }: { text: string }) {
  return (
    <div className="prose-chat space-y-2 break-words text-[15px] leading-relaxed">
      <ReactMarkdown remarkPlugins={[remarkGfm]}>{text}</ReactMarkdown>
    </div>
  );
}
