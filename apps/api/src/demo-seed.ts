import { AuthApiError, type LocalAuth } from '@waypoint/auth';
import { createCaller, createContextInner, type Logger, type Services } from '@waypoint/core';

/** The quick start's demo account; the README gives these credentials. */
export const DEMO_USER = { email: 'demo@waypoint.local', password: 'waypoint-demo' } as const;

/**
 * Creates the demo user with a few goals and this week's plan, through the same procedures the
 * app uses. Runs once: an existing demo user is left as it is.
 */
export async function seedDemo(deps: { local: LocalAuth; services: Services; log: Logger }) {
  let session: { access_token: string };
  try {
    session = await deps.local.service.signUp({
      ...DEMO_USER,
      data: { display_name: 'Demo' },
    });
  } catch (error) {
    if (error instanceof AuthApiError && error.code === 'user_already_exists') return;
    throw error;
  }
  const principal = await deps.local.verifier.verify(session.access_token);
  const caller = createCaller(
    createContextInner({
      principal,
      requestId: 'demo-seed',
      log: deps.log,
      services: deps.services,
    }),
  );
  await caller.account.updateProfile({ displayName: 'Demo' });

  const fitness = await caller.planner.goals.create({
    title: 'Run a half marathon',
    description: 'Build up to 21 km by spring with three runs a week.',
    horizon: 'medium',
    priority: 'high',
  });
  const course = await caller.planner.goals.create({
    title: 'Finish the TypeScript course',
    horizon: 'short',
    priority: 'urgent',
  });
  await caller.planner.goals.create({
    title: 'Learn Spanish',
    description: 'Hold a 10-minute conversation.',
    horizon: 'long',
    priority: 'medium',
  });
  await caller.planner.goals.create({
    title: 'Renovate the balcony',
    horizon: 'medium',
    priority: 'low',
    status: 'paused',
  });

  const monday = mondayOf(new Date());
  await caller.planner.weeks.upsert({
    weekStart: monday,
    summary: 'Get the course back on track and keep running.',
    focusAreas: ['TypeScript course', 'Running'],
    status: 'active',
  });
  const day = (offset: number) => addDays(monday, offset);
  const items = [
    { date: day(0), title: 'Easy 5 km run', goalId: fitness.id, estimateMinutes: 40 },
    { date: day(0), title: 'Course: generics chapter', goalId: course.id, estimateMinutes: 90 },
    { date: day(1), title: 'Team stand-up', estimateMinutes: 30, pinned: true },
    { date: day(2), title: 'Intervals 6 × 400 m', goalId: fitness.id, estimateMinutes: 50 },
    { date: day(3), title: 'Course: exercises 4–6', goalId: course.id, estimateMinutes: 120 },
  ];
  for (const item of items) await caller.planner.items.create(item);
  deps.log.info({ email: DEMO_USER.email }, 'demo user seeded');
}

function mondayOf(date: Date): string {
  const utc = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
  const offset = (utc.getUTCDay() + 6) % 7;
  utc.setUTCDate(utc.getUTCDate() - offset);
  return utc.toISOString().slice(0, 10);
}

function addDays(isoDate: string, days: number): string {
  const date = new Date(`${isoDate}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}
