'use client';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { createTRPCContext } from '@trpc/tanstack-react-query';
import { createWaypointClient } from '@waypoint/client/trpc';
import type { AppRouter } from '@waypoint/core';
import { type ReactNode, useState } from 'react';
import type { PublicConfig } from '@/env';
import { supabaseBrowser } from './supabase-browser';

export const { TRPCProvider, useTRPC, useTRPCClient } = createTRPCContext<AppRouter>();

function makeQueryClient() {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 15_000,
        // Client errors (bad input, not found, signed out) will not fix themselves by retrying.
        retry: (count, error) => {
          const status = (error as { data?: { httpStatus?: number } }).data?.httpStatus;
          return (status === undefined || status >= 500) && count < 2;
        },
      },
    },
  });
}

/** The tRPC client talks to the API directly with the Supabase session's access token. */
export function ApiProvider({ config, children }: { config: PublicConfig; children: ReactNode }) {
  const [queryClient] = useState(makeQueryClient);
  const [trpcClient] = useState(() =>
    createWaypointClient({
      url: config.apiUrl,
      getAccessToken: async () => {
        const supabase = supabaseBrowser(config.supabaseUrl, config.anonKey);
        const { data } = await supabase.auth.getSession();
        return data.session?.access_token;
      },
    }),
  );
  return (
    <QueryClientProvider client={queryClient}>
      <TRPCProvider trpcClient={trpcClient} queryClient={queryClient}>
        {children}
      </TRPCProvider>
    </QueryClientProvider>
  );
}
