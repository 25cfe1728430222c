import { bigserial, boolean, index, pgSchema, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { authUsers } from './auth-users.ts';

/**
 * Sessions and refresh tokens of the local, Supabase-compatible auth server (used when no
 * Supabase project is configured). Kept out of `public` so that on a real Supabase project they
 * are inert and never exposed through its REST API. Only the API's service connection touches
 * them; no policies are needed because `authenticated` is granted nothing here.
 */
export const localAuth = pgSchema('local_auth');

export const authSessions = localAuth.table(
  'sessions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => authUsers.id, { onDelete: 'cascade' }),
    userAgent: text('user_agent'),
    createdAt: timestamp('created_at', { withTimezone: true }).defaultNow().notNull(),
    refreshedAt: timestamp('refreshed_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [index('sessions_user_id_idx').on(t.userId)],
);

export const authRefreshTokens = localAuth.table(
  'refresh_tokens',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    /** SHA-256 of the opaque token: a leaked table does not leak usable tokens. */
    tokenHash: text('token_hash').notNull().unique(),
    sessionId: uuid('session_id')
      .notNull()
      .references(() => authSessions.id, { onDelete: 'cascade' }),
    parentHash: text('parent_hash'),
    revoked: boolean('revoked').default(false).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).defaultNow().notNull(),
    /** When this token was exchanged for its successor; reuse after a short grace revokes all. */
    usedAt: timestamp('used_at', { withTimezone: true }),
  },
  (t) => [index('refresh_tokens_session_id_idx').on(t.sessionId)],
);
