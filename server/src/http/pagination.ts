import { Type } from 'typebox';
import { badRequest } from './errors.ts';
import { fieldError } from './field-errors.ts';

/** `limit` and `cursor` of every list route (limit 50 by default, 200 at most). */
export const PageQuery = {
  limit: Type.Integer({ minimum: 1, maximum: 200, default: 50 }),
  cursor: Type.Optional(Type.String({ maxLength: 500, description: 'nextCursor of the previous page' })),
};

/** An opaque cursor holding the sort values of the last item of a page. */
export function encodeCursor(values: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

export function decodeCursor(cursor: string | undefined, size: number): (string | number)[] | undefined {
  if (cursor === undefined) return undefined;
  try {
    const values = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(values) &&
      values.length === size &&
      values.every((value) => typeof value === 'string' || typeof value === 'number')
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
