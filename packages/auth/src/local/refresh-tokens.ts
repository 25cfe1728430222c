import { createHash, randomBytes } from 'node:crypto';

/** Opaque, unguessable refresh tokens; only their SHA-256 is stored. */
export function newRefreshToken(): string {
  return randomBytes(32).toString('base64url');
}

export function hashRefreshToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
