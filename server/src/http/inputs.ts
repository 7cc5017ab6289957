import type { KeywordDefinition } from 'ajv';
import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { FIRST_DATE, isCalendarDate, LAST_DATE } from '../kernel/dates.ts';

/**
 * The vocabulary of request values. Every string a route accepts — in its
 * path, its query or its body — is one of these (a test walks the OpenAPI
 * document to hold it), so the same input gets the same answer on every
 * database: a value PostgreSQL would refuse (a NUL character, year 0000,
 * February 30th) is a 400 at the edge, never a 500 from the database, and a
 * value SQLite would store is never one PostgreSQL could not take.
 *
 * The rules are ajv formats and one keyword, registered on the request
 * validators in `app.ts`; they are named in the OpenAPI document.
 */

// Control characters (C0, DEL, C1). PostgreSQL's text cannot hold NUL at all; none of them is typed by a person.
const CONTROL = /\p{Cc}/u;
// Long text keeps tab, line feed and carriage return: a control character that is none of those.
const CONTROL_IN_TEXT = /[^\P{Cc}\t\n\r]/u;
const ID = /^[A-Za-z0-9_-]{1,64}$/;
// What opaque tokens and cursors are made of (base64url, hex, JWT dots); anything else cannot be one.
const TOKEN = /^[A-Za-z0-9._~+/=-]+$/;

function isTimeZone(value: string): boolean {
  if (!/^[A-Za-z0-9_+/-]{1,64}$/.test(value)) return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

/** The formats request validators know, by the name schemas give them. */
export const INPUT_FORMATS = {
  'calendar-date': isCalendarDate,
  id: (value) => ID.test(value),
  'single-line': (value) => value.isWellFormed() && !CONTROL.test(value),
  text: (value) => value.isWellFormed() && !CONTROL_IN_TEXT.test(value),
  token: (value) => TOKEN.test(value),
  'time-zone': isTimeZone,
  // A password is hashed, never stored or shown: any character is allowed, lone UTF-16 halves aside.
  password: (value) => value.isWellFormed(),
} satisfies Record<string, (value: string) => boolean>;

/**
 * `x-trim`: the value is trimmed before its length is checked, so a name of
 * spaces is empty (and refused by `minLength: 1`) and " Mv1 " is saved as "Mv1".
 */
const trimKeyword: KeywordDefinition = {
  keyword: 'x-trim',
  type: 'string',
  modifying: true,
  before: 'maxLength',
  schemaType: 'boolean',
  compile: (trim: boolean) => (data, context) => {
    if (trim && context) context.parentData[context.parentDataProperty] = data.trim();
    return true;
  },
};

export const INPUT_KEYWORDS: KeywordDefinition[] = [trimKeyword];

/** A real date, `YYYY-MM-DD`, from 0001-01-01 to 9999-12-31. */
export const CalendarDate = (description = 'YYYY-MM-DD') =>
  Type.String({ format: 'calendar-date', description: `${description} (${FIRST_DATE} to ${LAST_DATE})` });

/** A date in an answer: the server wrote it, so only its shape is stated. */
export const CalendarDateOut = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'YYYY-MM-DD' });

/** An id (UUIDv7 for what Staykeep makes). */
export const Id = (description?: string) =>
  Type.String({ format: 'id', maxLength: 64, ...(description ? { description } : {}) });

/** A name: one line, trimmed, not empty. */
export const Name = (maxLength: number, description?: string) =>
  Type.String({
    format: 'single-line',
    'x-trim': true,
    minLength: 1,
    maxLength,
    ...(description ? { description } : {}),
  });

/** A short value on one line (a phone number, an address, a search term), trimmed; may be empty. */
export const Line = (maxLength: number, options: { minLength?: number; description?: string } = {}) =>
  Type.String({ format: 'single-line', 'x-trim': true, maxLength, ...options });

/** Free text over several lines (notes, descriptions), kept as written. */
export const Text = (maxLength: number, description?: string) =>
  Type.String({ format: 'text', maxLength, ...(description ? { description } : {}) });

export const Email = (description?: string) =>
  Type.String({ format: 'email', maxLength: 254, ...(description ? { description } : {}) });

/** An opaque secret or cursor handed out by the server (refresh, reset and invitation tokens). */
export const Token = (maxLength: number, description?: string) =>
  Type.String({ format: 'token', minLength: 1, maxLength, ...(description ? { description } : {}) });

export const Password = (maxLength: number, description?: string) =>
  Type.String({ format: 'password', maxLength, ...(description ? { description } : {}) });

export const TimeZone = (description = 'IANA time zone, e.g. Europe/Paris') =>
  Type.String({ format: 'time-zone', maxLength: 64, description });

/**
 * A route's preValidation for a body every field of which is optional: a
 * client may send none at all (a browser's refresh with its cookie, a bare
 * "sync now"), which is read as `{}`.
 */
export async function allowEmptyBody(request: FastifyRequest): Promise<void> {
  request.body ??= {};
}
