'use client';
import { useQuery } from '@tanstack/react-query';
import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { isIsoDate, mondayOf, todayIn } from '@/lib/dates';
import { useTRPC } from '@/lib/trpc';

/** The date a planner page shows: `?date=` / `?week=` in the URL, or today in the user's zone. */
export function usePlannerDate(param: 'date' | 'week') {
  const trpc = useTRPC();
  const me = useQuery(trpc.account.me.queryOptions());
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const today = me.data ? todayIn(me.data.timezone) : null;
  const raw = params.get(param);
  const chosen = isIsoDate(raw) ? raw : today;
  const value = chosen && param === 'week' ? mondayOf(chosen) : chosen;
  return {
    value,
    today,
    capacity: me.data?.dailyCapacityMinutes ?? 480,
    go: (next: string) => router.push(`${pathname}?${param}=${next}`),
  };
}
