import { expect, it } from 'vitest';
import { datesOf, monthStart, nightsBetween, shiftDate } from './dates.ts';

it('steps calendar dates without the time zone moving them, across DST changes', () => {
  // The European clock change (last Sunday of March and of October) must not skip or repeat a day.
  expect(shiftDate('2026-03-28', 1)).toBe('2026-03-29');
  expect(shiftDate('2026-03-29', 1)).toBe('2026-03-30');
  expect(shiftDate('2026-10-25', -1)).toBe('2026-10-24');
  expect(nightsBetween('2026-03-28', '2026-04-02')).toBe(5);
  expect(datesOf('2026-10-24', '2026-10-27')).toEqual(['2026-10-24', '2026-10-25', '2026-10-26']);
  expect(monthStart('2026-12-15', 1)).toBe('2027-01-01');
  expect(monthStart('2026-01-31', -1)).toBe('2025-12-01');
});
