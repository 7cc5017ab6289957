import { createHash, randomBytes } from 'node:crypto';

/** Emails are unique whatever their case: stored and compared trimmed and lower-cased. */
export const normalizeEmail = (email: string): string => email.trim().toLowerCase();

/** A random opaque token (refresh, reset, invitation): 256 bits, URL-safe. */
export function randomToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Only this digest is stored: a database leak does not give usable tokens. */
export function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
