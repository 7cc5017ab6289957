import { expect, it } from 'vitest';
import { addMonths, change, percent } from './metrics.ts';

it('steps months across a year end, both ways', () => {
  expect(addMonths('2026-12', 1)).toBe('2027-01');
  expect(addMonths('2026-01', -1)).toBe('2025-12');
  expect(addMonths('2026-03', -14)).toBe('2025-01');
  expect(addMonths('2026-06', 0)).toBe('2026-06');
});

it('says a change of a rate in points and of an amount in percent, and nothing against nothing', () => {
  expect(change(0.724, 0.65, 'rate')).toEqual({ direction: 'up', points: 7.4 });
  expect(change(0.5, 0.55, 'rate')).toEqual({ direction: 'down', points: -5 });
  expect(change(1100, 1000, 'amount')).toEqual({ direction: 'up', points: 10 });
  expect(change(1000, 0, 'amount')).toBeNull();
  expect(change(0, 0, 'rate')).toEqual({ direction: 'flat', points: 0 });
});

it('writes a share as a percentage in the reader’s language', () => {
  expect(percent(0.7246, 'en')).toBe('72.5%');
  expect(percent(0.7246, 'fr').replace(/\s/g, ' ')).toBe('72,5 %');
});
