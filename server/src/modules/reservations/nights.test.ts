import { describe, expect, it } from 'vitest';
import { addDays, eachNight, isCalendarDate, nightsBetween } from './nights.ts';

describe('calendar dates', () => {
  it('lists the nights of a half-open stay, across months and a leap day', () => {
    expect(eachNight('2028-02-27', '2028-03-02')).toEqual([
      '2028-02-27',
      '2028-02-28',
      '2028-02-29',
      '2028-03-01',
    ]);
    expect(eachNight('2026-12-31', '2027-01-01')).toEqual(['2026-12-31']);
    expect(eachNight('2026-07-01', '2026-07-01')).toEqual([]);
  });

  it('counts nights and adds days without a time zone', () => {
    expect(nightsBetween('2026-03-28', '2026-03-30')).toBe(2);
    expect(addDays('2026-10-24', 2)).toBe('2026-10-26');
  });

  it('accepts real dates only', () => {
    expect(isCalendarDate('2026-02-28')).toBe(true);
    expect(isCalendarDate('2026-02-29')).toBe(false);
    expect(isCalendarDate('2026-13-01')).toBe(false);
    expect(isCalendarDate('26-01-01')).toBe(false);
  });
});
