import { expect, it } from 'vitest';
import { fromCents, priceOfNights, toCents } from './money.ts';

it('reads amounts as people type them, in cents', () => {
  expect(['380', '380.5', '380,50', ' 0 ', '0.07'].map(toCents)).toEqual([38000, 38050, 38050, 0, 7]);
  expect(['', '-3', '1.005', 'abc'].map(toCents)).toEqual([null, null, null, null]);
  expect([0, 7, 38050, 100000].map(fromCents)).toEqual(['0.00', '0.07', '380.50', '1000.00']);
});

it('prices nights without floating point drift', () => {
  expect(priceOfNights('95.00', 4)).toBe('380.00');
  // 0.1 × 3 in doubles is 0.30000000000000004.
  expect(priceOfNights('0.10', 3)).toBe('0.30');
  expect(priceOfNights('160.35', 7)).toBe('1122.45');
});
