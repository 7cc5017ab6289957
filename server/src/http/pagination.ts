import { Type } from 'typebox';
import { badRequest } from './errors.ts';
import { fieldError } from './field-errors.ts';
import { INPUT_FORMATS, Token } from './inputs.ts';

/** `limit` and `cursor` of every list route (limit 50 by default, 200 at most). */
export const PageQuery = {
  limit: Type.Integer({ minimum: 1, maximum: 200, default: 50 }),
  cursor: Type.Optional(Token(1000, 'nextCursor of the previous page')),
};

/** An opaque cursor holding the sort values of the last item of a page. */
export function encodeCursor(values: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

/** What a cursor value is: it goes back into a query as a bound, so it must be one the database reads. */
export type CursorValue = 'calendar-date' | 'id' | 'instant' | 'text' | 'integer';

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z$/;
const isCursorValue: Record<CursorValue, (value: string) => boolean> = {
  'calendar-date': INPUT_FORMATS['calendar-date'],
  id: INPUT_FORMATS.id,
  instant: (value) => INSTANT.test(value) && !Number.isNaN(Date.parse(value)),
  text: (value) => value.length <= 500 && INPUT_FORMATS['single-line'](value),
  integer: (value) => /^\d{1,15}$/.test(value),
};

/**
 * The sort values a cursor holds, each checked to be of its kind: a cursor is
 * the client's text, and a forged one must be a 400 like any other bad input,
 * not a date PostgreSQL cannot read.
 */
export function decodeCursor(
  cursor: string | undefined,
  kinds: readonly CursorValue[],
): string[] | undefined {
  if (cursor === undefined) return undefined;
  try {
    const values: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(values) &&
      values.length === kinds.length &&
      values.every((value, index) => typeof value === 'string' && isCursorValue[kinds[index] ?? 'id'](value))
    ) {
      return values;
    }
  } catch {
    // reported below
  }
  throw badRequest('The request is not valid.', [fieldError('querystring.cursor', 'invalid-cursor')]);
}

/** Fetch one row more than asked: its presence says whether a next page exists. */
export function page<T>(rows: T[], limit: number, cursorOf: (row: T) => (string | number)[]) {
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > limit && last ? encodeCursor(cursorOf(last)) : null };
}
