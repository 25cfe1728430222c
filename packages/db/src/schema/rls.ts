import { sql } from 'drizzle-orm';
import { type AnyPgColumn, pgPolicy } from 'drizzle-orm/pg-core';
import { authenticatedRole } from 'drizzle-orm/supabase';

/**
 * The four policies every user-owned table gets: the `authenticated` role sees and changes only
 * rows whose owner column is `auth.uid()`. `(select auth.uid())` is evaluated once per statement
 * rather than per row (Supabase's own advice for RLS performance).
 */
export function ownerPolicies(table: string, owner: AnyPgColumn) {
  const isOwner = sql`${owner} = (select auth.uid())`;
  return [
    pgPolicy(`${table}_select_own`, { for: 'select', to: authenticatedRole, using: isOwner }),
    pgPolicy(`${table}_insert_own`, { for: 'insert', to: authenticatedRole, withCheck: isOwner }),
    pgPolicy(`${table}_update_own`, {
      for: 'update',
      to: authenticatedRole,
      using: isOwner,
      withCheck: isOwner,
    }),
    pgPolicy(`${table}_delete_own`, { for: 'delete', to: authenticatedRole, using: isOwner }),
  ];
}
