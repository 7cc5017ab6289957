import { expect, it } from 'vitest';
import { datesOf, formatRelative, monthStart, nightsBetween, shiftDate } from './dates.ts';

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

it('says an instant relative to now in the largest unit that fits, in the language asked', () => {
  const now = Date.parse('2026-07-12T10:00:00Z');
  expect(formatRelative('2026-07-12T09:55:00Z', 'en', now)).toBe('5 minutes ago');
  expect(formatRelative('2026-07-12T12:00:00Z', 'en', now)).toBe('in 2 hours');
  // 59.6 minutes rounds to an hour, not to "60 minutes".
  expect(formatRelative('2026-07-12T09:00:24Z', 'en', now)).toBe('1 hour ago');
  expect(formatRelative('2026-07-11T10:00:00Z', 'fr', now)).toBe('hier');
  expect(formatRelative('2026-07-12T10:00:00Z', 'en', now)).toBe('now');
});
