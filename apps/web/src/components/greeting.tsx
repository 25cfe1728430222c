'use client';
import { useQuery } from '@tanstack/react-query';
import { useTRPC } from '@/lib/trpc';

export function Greeting() {
  const trpc = useTRPC();
  const me = useQuery(trpc.account.me.queryOptions());
  const name = me.data?.displayName;
  return (
    <header className="mb-6">
      <h1 className="text-2xl font-semibold" data-testid="greeting">
        {name ? `Hello, ${name}` : 'Hello'}
      </h1>
      <p className="mt-1 text-slate-600">Where are you going this week?</p>
    </header>
  );
}
