import { integer, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { authUsers } from './auth-users.ts';
import { createdAt, updatedAt } from './columns.ts';
import { ownerPolicies } from './rls.ts';

export const profiles = pgTable(
  'profiles',
  {
    id: uuid('id')
      .primaryKey()
      .references(() => authUsers.id, { onDelete: 'cascade' }),
    displayName: text('display_name'),
    timezone: text('timezone').default('UTC').notNull(),
    /** How many minutes of planned work fit in one of this user's days (the planner warns past it). */
    dailyCapacityMinutes: integer('daily_capacity_minutes').default(480).notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => ownerPolicies('profiles', t.id),
).enableRLS();
