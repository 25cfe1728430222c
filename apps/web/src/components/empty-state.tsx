import type { ReactNode } from 'react';

export function EmptyState(props: { title: string; children: ReactNode; action?: ReactNode }) {
  return (
    <section className="rounded-2xl border border-dashed border-slate-300 bg-white p-10 text-center">
      <h2 className="text-lg font-semibold">{props.title}</h2>
      <div className="mx-auto mt-2 max-w-prose text-sm text-slate-600">{props.children}</div>
      {props.action && <div className="mt-6">{props.action}</div>}
    </section>
  );
}
