import type { TFunction } from 'i18next';
import { ApiError, fieldErrors } from './api/client.ts';

// The server explains field errors in English; these are the ones a form can meet.
const KNOWN_MESSAGES: [RegExp, string][] = [
  [/^must be at least (\d+) characters$/, 'errors.minLength'],
  [/^must be at most (\d+) characters$/, 'errors.maxLength'],
  [/^is one of the most common passwords/, 'errors.commonPassword'],
  [/^is wrong$/, 'errors.wrongPassword'],
  [/^must match format "email"$/, 'errors.email'],
  [/^is required$/, 'errors.required'],
  [/^must not be blank$/, 'errors.required'],
  [/^is invalid, expired or already used$/, 'errors.tokenInvalid'],
];

export function translateFieldError(t: TFunction, message: string): string {
  for (const [pattern, key] of KNOWN_MESSAGES) {
    const match = message.match(pattern);
    if (match) return t(key, { count: Number(match[1] ?? 0) });
  }
  return message;
}

/** Field errors of an API error, translated, keyed by field name. */
export function translatedFieldErrors(t: TFunction, error: unknown): Record<string, string> {
  return Object.fromEntries(
    Object.entries(fieldErrors(error)).map(([field, message]) => [field, translateFieldError(t, message)]),
  );
}

/** Whether the server named fields in its answer: the form shows those next to each field. */
export function hasFieldErrors(error: unknown): boolean {
  return Object.keys(fieldErrors(error)).length > 0;
}

/** A sentence for an error that belongs to no single field. */
export function errorSummary(t: TFunction, error: unknown): string {
  if (error instanceof ApiError) {
    const key = `problems.${error.code}`;
    return t(key, { defaultValue: error.problem.detail ?? error.problem.title });
  }
  return t('state.errorBody');
}
