import type { JWTPayload } from 'jose';
import { AuthTokenError, type Principal } from './principal.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Turns a verified Supabase payload into a principal, refusing tokens that lack what RLS needs. */
export function principalFromClaims(payload: JWTPayload): Principal {
  const { sub } = payload;
  if (typeof sub !== 'string' || !UUID.test(sub)) throw new AuthTokenError('claims', 'bad sub');
  const role = payload.role;
  if (role !== 'authenticated') throw new AuthTokenError('claims', 'not an authenticated token');
  const email = typeof payload.email === 'string' ? payload.email : null;
  const sessionId = typeof payload.session_id === 'string' ? payload.session_id : null;
  return {
    userId: sub,
    email,
    role,
    sessionId,
    isAdmin: hasAdminRole(payload.app_metadata),
    claims: { ...payload, sub },
  };
}

/** Admins are marked in `app_metadata`, which only the server (service role) can write. */
function hasAdminRole(appMetadata: unknown): boolean {
  if (!appMetadata || typeof appMetadata !== 'object') return false;
  const roles = (appMetadata as { roles?: unknown }).roles;
  return Array.isArray(roles) && roles.includes('admin');
}
