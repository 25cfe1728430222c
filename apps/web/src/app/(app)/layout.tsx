import Link from 'next/link';
import type { ReactNode } from 'react';
import { ApiStatus } from '@/components/api-status';
import { Nav } from '@/components/nav';
import { SignOutButton } from '@/components/sign-out-button';

export default function AppLayout({ children }: { children: ReactNode }) {
  return (
    <div className="min-h-screen">
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:left-4 focus:top-4 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2"
      >
        Skip to content
      </a>
      <ApiStatus />
      <div className="mx-auto flex max-w-screen-2xl flex-col gap-6 px-4 py-6 md:flex-row">
        <aside className="md:w-52 md:shrink-0">
          <div className="mb-4 flex items-center justify-between md:block">
            <Link href="/" className="text-lg font-semibold text-brand-700">
              Waypoint
            </Link>
          </div>
          <Nav />
          <div className="mt-4 border-t border-slate-200 pt-4">
            <SignOutButton />
          </div>
        </aside>
        <main id="main" className="min-w-0 flex-1">
          {children}
        </main>
      </div>
    </div>
  );
}
