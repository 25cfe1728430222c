'use client';
import Link from 'next/link';
import { usePathname } from 'next/navigation';

const TABS = [
  { href: '/planner', label: 'Goals' },
  { href: '/planner/week', label: 'Week' },
  { href: '/planner/day', label: 'Day' },
  { href: '/planner/review', label: 'Review' },
];

export function PlannerNav() {
  const pathname = usePathname();
  return (
    <nav aria-label="Planner" className="mb-6 flex gap-1 border-b border-slate-200">
      {TABS.map((tab) => {
        const active = pathname === tab.href;
        return (
          <Link
            key={tab.href}
            href={tab.href}
            aria-current={active ? 'page' : undefined}
            className={`-mb-px border-b-2 px-3 py-2 text-sm font-medium ${active ? 'border-brand-600 text-brand-700' : 'border-transparent text-slate-600 hover:text-slate-900'}`}
          >
            {tab.label}
          </Link>
        );
      })}
    </nav>
  );
}
