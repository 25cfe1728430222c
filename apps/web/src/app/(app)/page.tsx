import Link from 'next/link';
import { Greeting } from '@/components/greeting';

const MODULES = [
  {
    href: '/planner',
    title: 'Planner',
    text: 'Goals, this week and today — with an agent that proposes, never imposes.',
  },
  { href: '/coach', title: 'Coach', text: 'Questions that help you find your next step.' },
  { href: '/portfolio', title: 'Portfolio', text: 'Show what you have built and learned.' },
  { href: '/travel', title: 'Travel', text: 'From “where should we go?” to a day-by-day plan.' },
];

export default function HomePage() {
  return (
    <>
      <Greeting />
      <ul className="grid gap-4 sm:grid-cols-2">
        {MODULES.map((module) => (
          <li key={module.href}>
            <Link
              href={module.href}
              className="block h-full rounded-2xl border border-slate-200 bg-white p-5 hover:border-brand-600"
            >
              <h2 className="font-semibold">{module.title}</h2>
              <p className="mt-1 text-sm text-slate-600">{module.text}</p>
            </Link>
          </li>
        ))}
      </ul>
    </>
  );
}
