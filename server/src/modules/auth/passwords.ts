import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { hash, verify } from '@node-rs/argon2';
import { type FieldError, fieldError } from '../../http/field-errors.ts';

/** OWASP's minimum for argon2id (the library's default algorithm): 19 MiB, 2 passes, 1 lane. */
const ARGON2_PARAMS = { memoryCost: 19_456, timeCost: 2, parallelism: 1 };
export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 128;

const COMMON_PASSWORDS = new Set(
  readFileSync(path.join(import.meta.dirname, 'data/common-passwords.txt'), 'utf8')
    .split('\n')
    .map((line) => line.trim().toLowerCase())
    .filter(Boolean),
);

/** Length and the common-password list; no composition rules (NIST SP 800-63B). */
export function passwordProblems(password: string, field = 'body.password'): FieldError[] {
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH) {
    return [fieldError(field, 'too-short', { limit: PASSWORD_MIN_LENGTH })];
  }
  if (length > PASSWORD_MAX_LENGTH) {
    return [fieldError(field, 'too-long', { limit: PASSWORD_MAX_LENGTH })];
  }
  if (COMMON_PASSWORDS.has(password.toLowerCase())) {
    return [fieldError(field, 'common-password')];
  }
  return [];
}

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2_PARAMS);
}

/** Whether a stored hash was made with weaker parameters than today's and should be redone. */
export function needsRehash(storedHash: string): boolean {
  const match = storedHash.match(/^\$argon2id\$v=\d+\$m=(\d+),t=(\d+),p=(\d+)\$/);
  if (!match) return true;
  const [, memory, time, lanes] = match.map(Number);
  return (
    memory !== ARGON2_PARAMS.memoryCost ||
    time !== ARGON2_PARAMS.timeCost ||
    lanes !== ARGON2_PARAMS.parallelism
  );
}

let dummyHash: Promise<string> | undefined;

/**
 * Checks a password. With no stored hash (unknown email, OAuth-only account)
 * it still verifies against a dummy hash, so the answer takes as long and an
 * attacker cannot tell which emails exist by timing.
 */
export async function verifyPassword(storedHash: string | null, password: string): Promise<boolean> {
  if (storedHash === null) {
    dummyHash ??= hashPassword(randomBytes(16).toString('hex'));
    await verify(await dummyHash, password).catch(() => false);
    return false;
  }
  return verify(storedHash, password).catch(() => false);
}
