import { describe, expect, it } from 'vitest';
import { AppError } from './errors.ts';
import { fromCents, toCents } from './money.ts';

describe('money', () => {
  it.each([
    ['150', 15_000],
    ['150.5', 15_050],
    ['150.05', 15_005],
    [150.5, 15_050],
    [0.07, 7],
    ['-12.30', -1_230],
    ['0', 0],
    ['999999999999.99', 99_999_999_999_999],
  ])('reads %s as %d cents', (input, cents) => {
    expect(toCents(input, 'body.amount')).toBe(cents);
  });

  it.each(['150.005', '1e3', '12,50', '', 'abc', 0.1 + 0.2, 1.005])('refuses %s', (input) => {
    expect(() => toCents(input, 'body.amount')).toThrow(AppError);
    try {
      toCents(input, 'body.amount');
    } catch (error) {
      expect((error as AppError).errors).toEqual([
        {
          path: 'body.amount',
          code: 'invalid-amount',
          message: 'must be an amount of zero or more with at most two decimals, like 150 or 150.50',
        },
      ]);
    }
  });

  it.each([
    [15_000, '150.00'],
    [15_005, '150.05'],
    [7, '0.07'],
    [-1_230, '-12.30'],
    [0, '0.00'],
  ])('writes %d cents as %s', (cents, text) => {
    expect(fromCents(cents)).toBe(text);
  });
});
