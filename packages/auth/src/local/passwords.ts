import { hash, verify } from '@node-rs/argon2';

/**
 * Argon2id through @node-rs/argon2 (a maintained binding to the reference implementation) with
 * its defaults, which follow OWASP's recommended minimum (19 MiB, t=2, p=1).
 */
export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

export function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  return verify(passwordHash, password).catch(() => false);
}

// Verified against when the email is unknown, so a miss costs as much time as a wrong password.
let decoy: Promise<string> | undefined;
export function decoyHash(): Promise<string> {
  decoy ??= hash('waypoint-decoy-password');
  return decoy;
}
