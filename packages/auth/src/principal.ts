/**
 * Who is calling, as established from a verified Supabase access token. This is the contract
 * between `@waypoint/auth` (which produces it) and `@waypoint/core` (which scopes every query by
 * `userId` and hands `claims` to Postgres for RLS).
 */
export interface Principal {
  userId: string;
  email: string | null;
  /** The Postgres role the token asks for; always `authenticated` for signed-in users. */
  role: string;
  sessionId: string | null;
  /** Admins are marked in `app_metadata.roles` (set server-side only, never by the user). */
  isAdmin: boolean;
  /** The verified JWT payload, passed to Postgres as `request.jwt.claims`. */
  claims: Record<string, unknown> & { sub: string };
}

/** Why a token was refused; never shown to clients beyond "unauthorized". */
export class AuthTokenError extends Error {
  constructor(
    readonly reason:
      | 'missing'
      | 'malformed'
      | 'algorithm'
      | 'signature'
      | 'expired'
      | 'not_yet_valid'
      | 'issuer'
      | 'audience'
      | 'unknown_key'
      | 'claims'
      | 'revoked',
    message: string = reason,
  ) {
    super(message);
    this.name = 'AuthTokenError';
  }
}

export interface AccessTokenVerifier {
  /** Resolves the principal or throws `AuthTokenError`. */
  verify(token: string): Promise<Principal>;
}
