import { describe, expect, it } from 'vitest';
import {
  addDays,
  eachNight,
  firstOfNextMonth,
  isCalendarDate,
  nightsBetween,
  startOfDay,
  wallClock,
} from './dates.ts';

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
    expect(nightsBetween('2028-02-27', '2028-03-02')).toBe(4);
    expect(nightsBetween('2026-12-31', '2027-01-01')).toBe(1);
    expect(nightsBetween('0099-12-31', '0100-01-01')).toBe(1);
    expect(nightsBetween('2026-07-01', '2026-07-01')).toBe(0);
    expect(addDays('2026-10-24', 2)).toBe('2026-10-26');
  });

  it('steps to the first day of the next month, across a year end, and not past December 9999', () => {
    expect(firstOfNextMonth('2026-02-14')).toBe('2026-03-01');
    expect(firstOfNextMonth('2026-12-31')).toBe('2027-01-01');
    expect(firstOfNextMonth('0099-12')).toBe('0100-01-01');
    expect(firstOfNextMonth('9999-11-30')).toBe('9999-12-01');
    expect(firstOfNextMonth('9999-12')).toBeNull();
  });

  it('accepts real dates only', () => {
    expect(isCalendarDate('2026-02-28')).toBe(true);
    expect(isCalendarDate('2026-02-29')).toBe(false);
    expect(isCalendarDate('2026-13-01')).toBe(false);
    expect(isCalendarDate('26-01-01')).toBe(false);
  });

  it('tells the local wall clock of an instant, across a change of offset and in zones off by part of an hour', () => {
    const at = (iso: string, zone: string) => wallClock(new Date(iso), zone);
    // Paris springs forward at 01:00 UTC: 01:59 is followed by 03:00.
    expect(at('2026-03-29T00:59:59.999Z', 'Europe/Paris')).toBe('2026-03-29T01:59');
    expect(at('2026-03-29T01:00:00.000Z', 'Europe/Paris')).toBe('2026-03-29T03:00');
    // Back in time, then two zones in turn within one minute.
    expect(at('2026-03-29T00:59:00.000Z', 'Europe/Paris')).toBe('2026-03-29T01:59');
    expect(at('2026-11-29T18:29:10.000Z', 'Asia/Kolkata')).toBe('2026-11-29T23:59');
    expect(at('2026-11-29T18:29:50.000Z', 'Asia/Kathmandu')).toBe('2026-11-30T00:14');
    expect(at('2026-11-29T18:30:00.000Z', 'Asia/Kolkata')).toBe('2026-11-30T00:00');
    expect(at('2026-11-29T18:29:59.000Z', 'Asia/Kolkata')).toBe('2026-11-29T23:59');
  });
});

describe('startOfDay', () => {
  it('is the first minute of the day on the local clock, across changes of offset and at the calendar’s ends', () => {
    expect(startOfDay('2026-12-03', 'Europe/Paris')).toBe('2026-12-02T23:00:00.000Z');
    expect(startOfDay('2026-07-14', 'Europe/Paris')).toBe('2026-07-13T22:00:00.000Z');
    // The days the clocks change: the day still starts at midnight, whatever the offset later.
    expect(startOfDay('2026-03-29', 'Europe/Paris')).toBe('2026-03-28T23:00:00.000Z');
    expect(startOfDay('2026-10-25', 'Europe/Paris')).toBe('2026-10-24T22:00:00.000Z');
    expect(startOfDay('2026-12-03', 'America/Los_Angeles')).toBe('2026-12-03T08:00:00.000Z');
    expect(startOfDay('2026-12-03', 'Pacific/Kiritimati')).toBe('2026-12-02T10:00:00.000Z');
    expect(startOfDay('2026-12-03', 'UTC')).toBe('2026-12-03T00:00:00.000Z');
    expect(startOfDay('0001-01-01', 'Pacific/Kiritimati')).toBe('0001-01-01T00:00:00.000Z');
    expect(startOfDay('9999-12-31', 'America/Los_Angeles')).toMatch(/^9999-12-31T/);
  });
});
