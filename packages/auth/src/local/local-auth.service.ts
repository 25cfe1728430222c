import type { Database } from '@waypoint/db';
import { SignJWT } from 'jose';
import { z } from 'zod';
import type { AccessTokenVerifier, Principal } from '../principal.ts';
import { AuthTokenError } from '../principal.ts';
import { AuthApiError } from './auth-api-error.ts';
import { type AuthUserRow, localAuthRepository as repo } from './local-auth.repository.ts';
import { decoyHash, hashPassword, verifyPassword } from './passwords.ts';
import { hashRefreshToken, newRefreshToken } from './refresh-tokens.ts';
import type { SigningKey } from './signing-key.ts';
import { userJson } from './user-json.ts';

export interface LocalAuthOptions {
  db: Database;
  key: SigningKey;
  issuer: string;
  verifier: AccessTokenVerifier;
  accessTokenTtlSeconds: number;
  refreshReuseIntervalSeconds: number;
  minPasswordLength: number;
  now?: () => Date;
}

export type LogoutScope = 'global' | 'local' | 'others';

const email = z.email().max(255);
const MAX_PASSWORD_LENGTH = 72;

/** Sign-up, password and refresh grants, and logout, with GoTrue's rules and error codes. */
export class LocalAuthService {
  private readonly now: () => Date;

  constructor(private readonly options: LocalAuthOptions) {
    this.now = options.now ?? (() => new Date());
  }

  async signUp(input: { email?: unknown; password?: unknown; data?: unknown }, userAgent?: string) {
    const address = this.parseEmail(input.email);
    const password = this.checkPassword(input.password);
    const metadata = isRecord(input.data) ? input.data : {};
    const now = this.now();
    const user = await repo.insertUser(this.options.db, {
      email: address,
      passwordHash: await hashPassword(password),
      metadata,
      now,
    });
    if (!user) throw new AuthApiError(422, 'user_already_exists', 'User already registered');
    return this.startSession(user, userAgent);
  }

  async passwordGrant(input: { email?: unknown; password?: unknown }, userAgent?: string) {
    const address = typeof input.email === 'string' ? input.email.trim().toLowerCase() : '';
    const password = typeof input.password === 'string' ? input.password : '';
    if (!address || !password) {
      throw new AuthApiError(400, 'validation_failed', 'Email and password are required');
    }
    const user = await repo.findUserByEmail(this.options.db, address);
    const ok = await verifyPassword(user?.encryptedPassword ?? (await decoyHash()), password);
    if (!user || !ok)
      throw new AuthApiError(400, 'invalid_credentials', 'Invalid login credentials');
    await repo.touchSignIn(this.options.db, user.id, this.now());
    return this.startSession(user, userAgent);
  }

  /**
   * Single-use, rotating refresh tokens. Presenting a used token again within the reuse interval
   * (two tabs refreshing at once) yields a fresh sibling; later, it is treated as stolen and the
   * whole session is revoked.
   */
  async refreshGrant(input: { refresh_token?: unknown }) {
    const token = typeof input.refresh_token === 'string' ? input.refresh_token : '';
    if (!token) throw new AuthApiError(400, 'validation_failed', 'refresh_token is required');
    const { db } = this.options;
    const tokenHash = hashRefreshToken(token);
    const notFound = () =>
      new AuthApiError(
        400,
        'refresh_token_not_found',
        'Invalid Refresh Token: Refresh Token Not Found',
      );
    const record = await repo.findRefreshToken(db, tokenHash);
    if (!record || record.revoked || record.sessionRevokedAt) throw notFound();
    const now = this.now();
    const firstUse = await repo.markRefreshTokenUsed(db, record.id, now);
    if (!firstUse) {
      const usedAt = record.usedAt ?? now;
      const elapsed = (now.getTime() - usedAt.getTime()) / 1000;
      if (elapsed > this.options.refreshReuseIntervalSeconds) {
        await repo.revokeSession(db, record.sessionId, now);
        throw new AuthApiError(
          400,
          'refresh_token_already_used',
          'Invalid Refresh Token: Already Used',
        );
      }
    }
    const user = await repo.findUser(db, record.userId);
    if (!user) throw notFound();
    await repo.touchSession(db, record.sessionId, now);
    return this.issueSession(user, record.sessionId, tokenHash);
  }

  async user(accessToken: string | undefined) {
    const principal = await this.authenticate(accessToken);
    const user = await repo.findUser(this.options.db, principal.userId);
    if (!user) throw new AuthApiError(404, 'not_found', 'User not found');
    return userJson(user);
  }

  async logout(accessToken: string | undefined, scope: LogoutScope): Promise<void> {
    const principal = await this.authenticate(accessToken);
    const { db } = this.options;
    const now = this.now();
    const sessionId = principal.sessionId;
    if (scope === 'global') return repo.revokeUserSessions(db, principal.userId, now);
    if (scope === 'others')
      return repo.revokeUserSessions(db, principal.userId, now, sessionId ?? undefined);
    if (sessionId) await repo.revokeSession(db, sessionId, now);
  }

  /** A valid token whose session was signed out is refused, as GoTrue does on /user. */
  private async authenticate(accessToken: string | undefined): Promise<Principal> {
    if (!accessToken) {
      throw new AuthApiError(401, 'no_authorization', 'This endpoint requires a Bearer token');
    }
    let principal: Principal;
    try {
      principal = await this.options.verifier.verify(accessToken);
    } catch (error) {
      if (error instanceof AuthTokenError) {
        throw new AuthApiError(401, 'bad_jwt', 'invalid JWT: unable to parse or verify signature');
      }
      throw error;
    }
    if (
      !principal.sessionId ||
      !(await repo.isSessionActive(this.options.db, principal.sessionId))
    ) {
      throw new AuthApiError(
        403,
        'session_not_found',
        'Session from session_id claim in JWT does not exist',
      );
    }
    return principal;
  }

  private async startSession(user: AuthUserRow, userAgent: string | undefined) {
    const sessionId = await repo.createSession(this.options.db, user.id, userAgent);
    return this.issueSession(user, sessionId, null);
  }

  private async issueSession(user: AuthUserRow, sessionId: string, parentHash: string | null) {
    const refreshToken = newRefreshToken();
    await repo.insertRefreshToken(this.options.db, {
      tokenHash: hashRefreshToken(refreshToken),
      sessionId,
      parentHash,
    });
    const issuedAt = Math.floor(this.now().getTime() / 1000);
    const expiresIn = this.options.accessTokenTtlSeconds;
    const json = userJson(user);
    const accessToken = await new SignJWT({
      aud: 'authenticated',
      role: 'authenticated',
      email: user.email,
      phone: '',
      app_metadata: json.app_metadata,
      user_metadata: json.user_metadata,
      session_id: sessionId,
      is_anonymous: false,
      aal: 'aal1',
      amr: [{ method: 'password', timestamp: issuedAt }],
    })
      .setProtectedHeader({ alg: 'ES256', kid: this.options.key.kid, typ: 'JWT' })
      .setSubject(user.id)
      .setIssuer(this.options.issuer)
      .setIssuedAt(issuedAt)
      .setExpirationTime(issuedAt + expiresIn)
      .sign(this.options.key.privateKey);
    return {
      access_token: accessToken,
      token_type: 'bearer' as const,
      expires_in: expiresIn,
      expires_at: issuedAt + expiresIn,
      refresh_token: refreshToken,
      user: json,
    };
  }

  private parseEmail(value: unknown): string {
    const parsed = email.safeParse(typeof value === 'string' ? value.trim().toLowerCase() : value);
    if (!parsed.success) {
      throw new AuthApiError(
        400,
        'email_address_invalid',
        'Unable to validate email address: invalid format',
      );
    }
    return parsed.data;
  }

  private checkPassword(value: unknown): string {
    const password = typeof value === 'string' ? value : '';
    const min = this.options.minPasswordLength;
    if (password.length < min || password.length > MAX_PASSWORD_LENGTH) {
      throw new AuthApiError(
        422,
        'weak_password',
        `Password should be between ${min} and ${MAX_PASSWORD_LENGTH} characters.`,
        { weak_password: { reasons: ['length'] } },
      );
    }
    return password;
  }
}

export type SessionJson = Awaited<ReturnType<LocalAuthService['passwordGrant']>>;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
