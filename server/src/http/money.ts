import { Type } from 'typebox';
import { badRequest } from './errors.ts';
import { codedPattern, fieldError } from './field-errors.ts';

/**
 * Money crosses the API as a decimal string with two fraction digits
 * ("150.00") and is kept as integer cents: no floating point arithmetic ever
 * touches an amount. Input may be a string or a number with at most two
 * decimals.
 */
export const MoneyInput = Type.Union(
  [
    Type.String({ pattern: codedPattern('invalid-amount', '^\\d{1,12}(\\.\\d{1,2})?$') }),
    Type.Number({ minimum: 0, maximum: 1e12 }),
  ],
  {
    // Prices and amounts paid are never negative; a signed amount (an adjustment) has SignedMoneyInput.
    description: 'An amount of zero or more: "150.00", "150.5" or 150.5 (at most two decimals)',
  },
);

/** An amount that may be negative: a correction that takes away from what it corrects. */
export const SignedMoneyInput = Type.Union(
  [
    Type.String({ pattern: codedPattern('invalid-amount', '^-?\\d{1,12}(\\.\\d{1,2})?$') }),
    Type.Number({ minimum: -1e12, maximum: 1e12 }),
  ],
  { description: 'An amount, negative to take away: "-20.00", "12.5" or -20 (at most two decimals)' },
);

export const MoneyOutput = Type.String({
  pattern: '^-?\\d+\\.\\d{2}$',
  description: 'Two decimals, e.g. "150.00"',
});

const DECIMAL = /^(-?)(\d{1,12})(?:\.(\d{1,2}))?$/;

/** Cents of an amount given as a string or a number; a 400 naming the field otherwise. */
export function toCents(value: string | number, path: string): number {
  // A number is read through its shortest decimal form: 0.1 + 0.2 arrives as "0.30000000000000004" and is refused.
  const text = typeof value === 'number' ? String(value) : value.trim();
  const match = DECIMAL.exec(text);
  if (!match) throw badRequest('The request is not valid.', [fieldError(path, 'invalid-amount')]);
  const [, sign, units, fraction = ''] = match;
  const cents = Number(units) * 100 + Number(fraction.padEnd(2, '0'));
  return sign === '-' && cents !== 0 ? -cents : cents;
}

export function fromCents(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const absolute = Math.abs(cents);
  return `${sign}${Math.floor(absolute / 100)}.${String(absolute % 100).padStart(2, '0')}`;
}
