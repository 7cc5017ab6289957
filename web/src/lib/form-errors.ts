import type { TFunction } from 'i18next';
import { ApiError, type FieldError, type FieldErrorCode, fieldErrors } from './api/problem.ts';

const none = () => ({});
const limit = (error: FieldError) => ({ count: error.limit ?? 0 });

/**
 * What the sentence of each code the API documents takes from the error
 * (`errors.<code>` in the locales). The compiler wants every code here, so a
 * code added to the API is translated before the app builds.
 */
const SENTENCES: Record<FieldErrorCode, (error: FieldError) => Record<string, unknown>> = {
  required: none,
  'unknown-property': none,
  'wrong-type': none,
  'too-short': limit,
  'too-long': limit,
  'too-small': limit,
  'too-large': limit,
  'too-few': limit,
  'too-many': limit,
  'not-allowed': none,
  'invalid-format': none,
  'invalid-email': none,
  'invalid-date': none,
  'invalid-id': none,
  'control-characters': none,
  'invalid-amount': none,
  'invalid-time-zone': none,
  'invalid-country': none,
  'invalid-cursor': none,
  'invalid-token': none,
  'wrong-password': none,
  'common-password': none,
  'before-start': none,
  'too-many-nights': limit,
  'too-many-days': limit,
  'more-than-total': none,
  'less-than-paid': none,
  'more-than-due': none,
  'more-than-paid': none,
  'more-than-held': none,
  'too-many-guests': limit,
  'not-a-member': none,
  invalid: none,
};

export const FIELD_ERROR_CODES = Object.keys(SENTENCES) as FieldErrorCode[];

/** A field error in the user's language, from its code: never the server's English sentence. */
export function translateFieldError(t: TFunction, error: FieldError): string {
  const params = Object.hasOwn(SENTENCES, error.code) ? SENTENCES[error.code] : undefined;
  // A code newer than this app gets a generic sentence.
  return params ? t(`errors.${error.code}`, params(error)) : t('errors.invalid');
}

/** Field errors of an API error, translated, keyed by field name. */
export function translatedFieldErrors(t: TFunction, error: unknown): Record<string, string> {
  return Object.fromEntries(
    Object.entries(fieldErrors(error)).map(([field, item]) => [field, translateFieldError(t, item)]),
  );
}

/** Whether the server named fields in its answer: the form shows those next to each field. */
export function hasFieldErrors(error: unknown): boolean {
  return Object.keys(fieldErrors(error)).length > 0;
}

/** A sentence for an error that belongs to no single field, in the user's language. */
export function errorSummary(t: TFunction, error: unknown): string {
  if (error instanceof ApiError) return t(`problems.${error.code}`, { defaultValue: t('problems.unknown') });
  return t('state.errorBody');
}
