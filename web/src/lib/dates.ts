import { addDays, differenceInCalendarDays, format, parseISO } from 'date-fns';

/**
 * Stays and blocks use plain calendar dates ("2026-07-14"), never instants:
 * these helpers keep them as strings and only parse them to count or step
 * days, so the browser's time zone never moves a date.
 */
export type CalendarDate = string;

export const shiftDate = (date: CalendarDate, days: number): CalendarDate =>
  format(addDays(parseISO(date), days), 'yyyy-MM-dd');

export const nightsBetween = (from: CalendarDate, to: CalendarDate): number =>
  differenceInCalendarDays(parseISO(to), parseISO(from));

/** The first day of the month holding `date`, and of the month `months` later. */
export const monthStart = (date: CalendarDate, months = 0): CalendarDate => {
  const [year, month] = date.split('-').map(Number) as [number, number];
  const shifted = new Date(year, month - 1 + months, 1);
  return format(shifted, 'yyyy-MM-dd');
};

/** Every date of the half-open range [from, to). */
export function datesOf(from: CalendarDate, to: CalendarDate): CalendarDate[] {
  return Array.from({ length: Math.max(0, nightsBetween(from, to)) }, (_, index) => shiftDate(from, index));
}

/** Today's date where the houses are: the organization's time zone, not the browser's. */
export function todayIn(timeZone: string | undefined): CalendarDate {
  try {
    // en-CA writes dates as YYYY-MM-DD.
    return new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    }).format(new Date());
  } catch {
    return format(new Date(), 'yyyy-MM-dd');
  }
}

export const isWeekend = (date: CalendarDate): boolean => {
  const day = parseISO(date).getDay();
  return day === 0 || day === 6;
};

/** A date for people: "Tue 14 Jul" / "mar. 14 juil.", or with the year when asked. */
export function formatDate(
  date: CalendarDate,
  language: string | undefined,
  options: Intl.DateTimeFormatOptions = { weekday: 'short', day: 'numeric', month: 'short' },
): string {
  return parseISO(date).toLocaleDateString(language, options);
}

export const formatMonth = (date: CalendarDate, language: string | undefined): string =>
  parseISO(date).toLocaleDateString(language, { month: 'long', year: 'numeric' });

/** Units of a relative time, each with how many of it make the next. */
const RELATIVE_UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['second', 60],
  ['minute', 60],
  ['hour', 24],
  ['day', 7],
  ['week', 4.35],
  ['month', 12],
  ['year', Number.POSITIVE_INFINITY],
];

/** An instant (ISO 8601) relative to now, in the largest unit that fits: "5 minutes ago", "in 2 hours". */
export function formatRelative(instant: string, language: string | undefined, now = Date.now()): string {
  const format = new Intl.RelativeTimeFormat(language, { numeric: 'auto' });
  let value = (Date.parse(instant) - now) / 1000;
  for (const [unit, size] of RELATIVE_UNITS) {
    if (Math.abs(Math.round(value)) < size) return format.format(Math.round(value), unit);
    value /= size;
  }
  return format.format(Math.round(value), 'year');
}

/** An instant (ISO 8601) as a date and time in the browser's time zone: "12 Jul 2026, 10:15". */
export const formatInstant = (instant: string, language: string | undefined): string =>
  new Date(instant).toLocaleString(language, { dateStyle: 'medium', timeStyle: 'short' });
