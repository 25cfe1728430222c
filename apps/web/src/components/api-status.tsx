'use client';
import { useQuery } from '@tanstack/react-query';
import { usePublicConfig } from './config-context';

/** A banner when the API does not answer: every page depends on it. */
export function ApiStatus() {
  const { apiUrl } = usePublicConfig();
  const health = useQuery({
    queryKey: ['api-health', apiUrl],
    queryFn: async () => {
      const response = await fetch(`${apiUrl}/health`, { cache: 'no-store' });
      if (!response.ok) throw new Error(`API answered ${response.status}`);
      return true;
    },
    refetchInterval: (query) => (query.state.status === 'error' ? 5_000 : 60_000),
    retry: 1,
  });
  if (!health.isError) return null;
  return (
    <div
      role="alert"
      className="border-b border-amber-300 bg-amber-50 px-4 py-2 text-sm text-amber-900"
    >
      The Waypoint API at <code>{apiUrl}</code> is not reachable. Your changes cannot be saved until
      it is back; this page retries on its own.
    </div>
  );
}
