import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { Providers } from '@/components/config-context';
import { publicConfig } from '@/env';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'Waypoint', template: '%s · Waypoint' },
  description: 'Coach, planner, portfolio and travel — one AI workspace.',
};

// Configuration is read per request so one build serves any API address.
export const dynamic = 'force-dynamic';

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-screen bg-slate-50 font-sans text-slate-900 antialiased">
        <Providers config={publicConfig()}>{children}</Providers>
      </body>
    </html>
  );
}
