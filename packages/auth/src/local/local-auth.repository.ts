import type { Executor } from '@waypoint/db';
import { schema } from '@waypoint/db';
import { and, eq, isNull, ne, sql } from 'drizzle-orm';

const { authUsers, authSessions, authRefreshTokens } = schema;

export type AuthUserRow = typeof authUsers.$inferSelect;

export interface RefreshTokenRecord {
  id: number;
  sessionId: string;
  userId: string;
  revoked: boolean;
  usedAt: Date | null;
  sessionRevokedAt: Date | null;
}

/** Every query of the local auth server. It runs as the API's own connection, never as a user. */
export const localAuthRepository = {
  async insertUser(
    db: Executor,
    user: { email: string; passwordHash: string; metadata: Record<string, unknown>; now: Date },
  ): Promise<AuthUserRow | undefined> {
    const [row] = await db
      .insert(authUsers)
      .values({
        id: crypto.randomUUID(),
        aud: 'authenticated',
        role: 'authenticated',
        email: user.email,
        encryptedPassword: user.passwordHash,
        emailConfirmedAt: user.now,
        lastSignInAt: user.now,
        rawAppMetaData: { provider: 'email', providers: ['email'] },
        rawUserMetaData: user.metadata,
        createdAt: user.now,
        updatedAt: user.now,
      })
      // The unique index on lower(email) decides races between two sign-ups.
      .onConflictDoNothing()
      .returning();
    return row;
  },

  async findUserByEmail(db: Executor, email: string): Promise<AuthUserRow | undefined> {
    const [row] = await db
      .select()
      .from(authUsers)
      .where(and(sql`lower(${authUsers.email}) = ${email}`, eq(authUsers.isAnonymous, false)))
      .limit(1);
    return row;
  },

  async findUser(db: Executor, id: string): Promise<AuthUserRow | undefined> {
    const [row] = await db.select().from(authUsers).where(eq(authUsers.id, id)).limit(1);
    return row;
  },

  async touchSignIn(db: Executor, id: string, now: Date): Promise<void> {
    await db.update(authUsers).set({ lastSignInAt: now }).where(eq(authUsers.id, id));
  },

  async createSession(db: Executor, userId: string, userAgent: string | undefined) {
    const [row] = await db
      .insert(authSessions)
      .values({ userId, userAgent: userAgent?.slice(0, 512) })
      .returning({ id: authSessions.id });
    if (!row) throw new Error('session insert returned nothing');
    return row.id;
  },

  async isSessionActive(db: Executor, sessionId: string): Promise<boolean> {
    const [row] = await db
      .select({ id: authSessions.id })
      .from(authSessions)
      .where(and(eq(authSessions.id, sessionId), isNull(authSessions.revokedAt)))
      .limit(1);
    return row !== undefined;
  },

  async insertRefreshToken(
    db: Executor,
    token: { tokenHash: string; sessionId: string; parentHash: string | null },
  ): Promise<void> {
    await db.insert(authRefreshTokens).values(token);
  },

  async findRefreshToken(db: Executor, tokenHash: string): Promise<RefreshTokenRecord | undefined> {
    const [row] = await db
      .select({
        id: authRefreshTokens.id,
        sessionId: authRefreshTokens.sessionId,
        userId: authSessions.userId,
        revoked: authRefreshTokens.revoked,
        usedAt: authRefreshTokens.usedAt,
        sessionRevokedAt: authSessions.revokedAt,
      })
      .from(authRefreshTokens)
      .innerJoin(authSessions, eq(authSessions.id, authRefreshTokens.sessionId))
      .where(eq(authRefreshTokens.tokenHash, tokenHash))
      .limit(1);
    return row;
  },

  /** Marks a token used; false when another request used it first (the caller re-reads). */
  async markRefreshTokenUsed(db: Executor, id: number, now: Date): Promise<boolean> {
    const rows = await db
      .update(authRefreshTokens)
      .set({ usedAt: now })
      .where(and(eq(authRefreshTokens.id, id), isNull(authRefreshTokens.usedAt)))
      .returning({ id: authRefreshTokens.id });
    return rows.length > 0;
  },

  async touchSession(db: Executor, sessionId: string, now: Date): Promise<void> {
    await db.update(authSessions).set({ refreshedAt: now }).where(eq(authSessions.id, sessionId));
  },

  async revokeSession(db: Executor, sessionId: string, now: Date): Promise<void> {
    await db
      .update(authSessions)
      .set({ revokedAt: now })
      .where(and(eq(authSessions.id, sessionId), isNull(authSessions.revokedAt)));
    await db
      .update(authRefreshTokens)
      .set({ revoked: true })
      .where(eq(authRefreshTokens.sessionId, sessionId));
  },

  /** Revokes every session of a user, or every one but `exceptSessionId`. */
  async revokeUserSessions(
    db: Executor,
    userId: string,
    now: Date,
    exceptSessionId?: string,
  ): Promise<void> {
    const sessions = await db
      .select({ id: authSessions.id })
      .from(authSessions)
      .where(
        and(
          eq(authSessions.userId, userId),
          isNull(authSessions.revokedAt),
          exceptSessionId ? ne(authSessions.id, exceptSessionId) : undefined,
        ),
      );
    for (const session of sessions) await localAuthRepository.revokeSession(db, session.id, now);
  },
};
