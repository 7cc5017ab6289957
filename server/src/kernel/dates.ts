/**
 * Calendar dates are `YYYY-MM-DD` strings with no time zone. Arithmetic goes
 * through UTC midnight so the process time zone can never shift a day.
 *
 * They lie between 0001-01-01 and 9999-12-31: PostgreSQL has no year 0000,
 * and SQLite compares dates as text, where a five-digit year would sort before
 * a four-digit one. Arithmetic stays inside these bounds too (see `addDays`),
 * so every date a query is given is one both databases read the same way.
 */
const DAY_MS = 86_400_000;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
export const FIRST_DATE = '0001-01-01';
export const LAST_DATE = '9999-12-31';

/** A real `YYYY-MM-DD` date from 0001-01-01 to 9999-12-31 (no 2026-02-30, no year 0000). */
export function isCalendarDate(value: string): boolean {
  if (!DATE.test(value) || value < FIRST_DATE) return false;
  const time = Date.parse(`${value}T00:00:00Z`);
  return !Number.isNaN(time) && new Date(time).toISOString().slice(0, 10) === value;
}

/**
 * The date `days` later (or earlier), held to 0001-01-01…9999-12-31: a query's
 * bound one day past the last date is the last date itself. Only dates at the
 * very ends of the range are affected, and there a bound that reaches past
 * them could not select anything more anyway.
 */
export function addDays(date: string, days: number): string {
  const time = utcMidnight(date) + days * DAY_MS;
  if (time < utcMidnight(FIRST_DATE)) return FIRST_DATE;
  if (time > utcMidnight(LAST_DATE)) return LAST_DATE;
  return new Date(time).toISOString().slice(0, 10);
}

export function nightsBetween(start: string, end: string): number {
  return Math.round((utcMidnight(end) - utcMidnight(start)) / DAY_MS);
}

/**
 * A valid calendar date's UTC midnight, read from its digits: every
 * reservation read counts its nights, and parsing the text costs more.
 * (Date.UTC would read the years 0 to 99 as 1900 to 1999.)
 */
function utcMidnight(date: string): number {
  return new Date(0).setUTCFullYear(
    Number(date.slice(0, 4)),
    Number(date.slice(5, 7)) - 1,
    Number(date.slice(8, 10)),
  );
}

/**
 * The first day of the month after the one holding `date` (YYYY-MM-DD, or a
 * month YYYY-MM); null after December 9999, which has no month after it
 * ("10000-01-01" would sort before every four-digit year as text).
 */
export function firstOfNextMonth(date: string): string | null {
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  if (month === 12 && year >= 9999) return null;
  return month === 12
    ? `${String(year + 1).padStart(4, '0')}-01-01`
    : `${date.slice(0, 5)}${String(month + 1).padStart(2, '0')}-01`;
}

/** The nights of the half-open range [start, end): a stay from the 1st to the 3rd holds the 1st and the 2nd. */
export function eachNight(start: string, end: string): string[] {
  const nights: string[] = [];
  for (let night = start; night < end; night = addDays(night, 1)) nights.push(night);
  return nights;
}

interface WallClock {
  format: Intl.DateTimeFormat;
  /** The last minute asked for (ms since the epoch, floored) and its answer. */
  minute: number;
  local: string;
}
const wallClocks = new Map<string, WallClock>();

/**
 * The local date and time ("2026-07-14T10:00") of an instant in a time zone.
 * Every offset in use today is a whole number of minutes, so the answer for a
 * zone changes once a minute: the last one is kept, as formatting costs more
 * than the rest of a checklist read.
 */
export function wallClock(instant: Date, timeZone: string): string {
  let clock = wallClocks.get(timeZone);
  if (!clock) {
    const format = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    clock = { format, minute: Number.NaN, local: '' };
    wallClocks.set(timeZone, clock);
  }
  const minute = Math.floor(instant.getTime() / 60_000) * 60_000;
  if (minute !== clock.minute) {
    const part = Object.fromEntries(
      clock.format.formatToParts(instant).map(({ type, value }) => [type, value]),
    );
    clock.minute = minute;
    clock.local = `${part.year}-${part.month}-${part.day}T${part.hour}:${part.minute}`;
  }
  return clock.local;
}

/** The date ("2026-07-14") it is at an instant in a time zone: a house's today. */
export const localDate = (instant: Date, timeZone: string): string =>
  wallClock(instant, timeZone).slice(0, 10);

/**
 * The instant a day starts in a time zone (its first minute on the local
 * clock), as ISO 8601 UTC. Two corrections find it across a change of offset.
 * It stays within the calendar's years: the first day starts at its UTC
 * midnight at the earliest, the last ends by its UTC end at the latest.
 */
export function startOfDay(date: string, timeZone: string): string {
  const target = Date.parse(`${date}T00:00:00Z`);
  let instant = target;
  for (let step = 0; step < 2; step += 1) {
    // Years before 1000 are written with fewer digits, which Date.parse does not read: UTC then.
    const local = Date.parse(`${wallClock(new Date(instant), timeZone)}:00Z`);
    if (Number.isNaN(local)) break;
    instant += target - local;
  }
  const first = Date.parse(`${FIRST_DATE}T00:00:00Z`);
  const last = Date.parse(`${LAST_DATE}T23:59:59.999Z`);
  return new Date(Math.min(Math.max(instant, first), last)).toISOString();
}
