// Every table drizzle-kit manages (generates migrations for). `auth.users` is deliberately not
// here: Supabase owns it, and the bootstrap migration creates it where it is missing.

export * from './ai-usage.ts';
export * from './chat.ts';
export * from './local-auth.ts';
export * from './planner.ts';
export * from './planner-proposals.ts';
export * from './profiles.ts';
