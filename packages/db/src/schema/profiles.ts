import { pgTable, text, uuid } from 'drizzle-orm/pg-core';
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
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => ownerPolicies('profiles', t.id),
).enableRLS();
