import { boolean, jsonb, pgSchema, timestamp, uuid, varchar } from 'drizzle-orm/pg-core';

/**
 * Supabase's `auth.users`, as far as Waypoint reads and (in local auth mode) writes it. It is not
 * managed by drizzle-kit: Supabase owns it, and on PGlite or plain Postgres the bootstrap
 * migration creates it with GoTrue's column names only where it is missing.
 */
export const authSchema = pgSchema('auth');

export const authUsers = authSchema.table('users', {
  id: uuid('id').primaryKey(),
  aud: varchar('aud', { length: 255 }),
  role: varchar('role', { length: 255 }),
  email: varchar('email', { length: 255 }),
  encryptedPassword: varchar('encrypted_password', { length: 255 }),
  emailConfirmedAt: timestamp('email_confirmed_at', { withTimezone: true }),
  lastSignInAt: timestamp('last_sign_in_at', { withTimezone: true }),
  rawAppMetaData: jsonb('raw_app_meta_data').$type<Record<string, unknown>>(),
  rawUserMetaData: jsonb('raw_user_meta_data').$type<Record<string, unknown>>(),
  isAnonymous: boolean('is_anonymous').default(false).notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }),
  updatedAt: timestamp('updated_at', { withTimezone: true }),
});
