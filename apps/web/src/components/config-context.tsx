'use client';
import { createContext, type ReactNode, useContext } from 'react';
import type { PublicConfig } from '@/env';
import { ApiProvider } from '@/lib/trpc';

const ConfigContext = createContext<PublicConfig | null>(null);

export function usePublicConfig(): PublicConfig {
  const config = useContext(ConfigContext);
  if (!config) throw new Error('usePublicConfig outside <Providers>');
  return config;
}

export function Providers({ config, children }: { config: PublicConfig; children: ReactNode }) {
  return (
    <ConfigContext.Provider value={config}>
      <ApiProvider config={config}>{children}</ApiProvider>
    </ConfigContext.Provider>
  );
}
