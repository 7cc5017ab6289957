import type { TFunction } from 'i18next';
import { expect, it } from 'vitest';
import { endDateError, isAmount, isCalendarDate, optionalAmountRule } from './validation.ts';

const t = ((key: string) => key) as unknown as TFunction;

it('accepts amounts the API takes, with a comma too, and refuses three decimals', () => {
  expect(['150', '150.5', '150,50', ' 9 '].map(isAmount)).toEqual([true, true, true, true]);
  expect(['150.505', '-3', '1e3', ''].map(isAmount)).toEqual([false, false, false, false]);
  expect(optionalAmountRule(t)('')).toBeNull();
  expect(optionalAmountRule(t)('12.345')).toBe('errors.invalid-amount');
});

it('wants an end date after its start', () => {
  expect(isCalendarDate('2026-07-14')).toBe(true);
  expect(endDateError(t, '2026-07-15', '2026-07-14')).toBeNull();
  expect(endDateError(t, '2026-07-14', '2026-07-14')).toBe('reservations.errors.checkOutAfter');
  expect(endDateError(t, '14/07/2026', '2026-07-14')).toBe('errors.invalid-date');
});
