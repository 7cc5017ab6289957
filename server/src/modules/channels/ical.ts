import { createHash } from 'node:crypto';
import ICAL from 'ical.js';
import { addDays, isCalendarDate } from '../../kernel/dates.ts';
import { FeedError } from './feed.ts';

/**
 * Reading a channel's iCal feed as the nights it occupies. Channels publish
 * little: dates, a UID and a summary that says "Reserved", "Not available" or,
 * for some, the guest's name. Everything else (descriptions with phone digits
 * or links) is left unread.
 */

/** A `stay` is a booking; a `block` is dates closed without one (or a channel that cannot tell them apart). */
export type FeedEventKind = 'stay' | 'block';

export interface FeedEvent {
  uid: string;
  /** Check-in, `YYYY-MM-DD`. */
  start: string;
  /** Check-out, `YYYY-MM-DD`: the first night not taken. */
  end: string;
  kind: FeedEventKind;
  guestName: string | null;
  summary: string;
}

export interface ParsedFeed {
  events: FeedEvent[];
  /** Events left out: no usable dates, ending before they start, cancelled, or superseded by a later one with their UID. */
  skipped: number;
  /**
   * UIDs of events the feed holds whose dates could not be read: they have
   * not left the feed (what they became stays as it is), unlike a cancelled one.
   */
  unreadable: string[];
}

const MAX_NAME_LENGTH = 200;
const MAX_SUMMARY_LENGTH = 500;

/** Words channels put in the summary of dates closed without a booking (English and French). */
const BLOCK_WORDS = [
  'not available',
  'unavailable',
  'blocked',
  'closed',
  'indisponible',
  'non disponible',
  'bloqué',
  'bloque',
  'fermé',
];

/** Summaries that say a stay is booked without naming anyone: "Reserved", alone or before the name. */
const GENERIC_WORDS = new Set([
  'reserved',
  'réservé',
  'reserve',
  'booked',
  'booking',
  'reservation',
  'réservation',
  'airbnb',
  'vrbo',
  'booking.com',
]);
/** A channel's own name anywhere in a summary makes it the channel's label, not a guest's name. */
const CHANNEL_NAMES = ['airbnb', 'vrbo', 'booking.com'];
/** "Reserved - Jane Doe", "Réservé – Jane", "Booked: John": a generic word, a separator, the name. */
const NAMED_SUMMARY = /^(.+?)\s*[-–—:]\s*(.*)$/u;

/**
 * The events of a feed. Throws a FeedError (`not_calendar`) when the body is
 * no iCalendar at all, as an HTML error page or an empty answer; an event that
 * cannot be read is skipped and counted, not fatal.
 */
export function parseFeed(body: string): ParsedFeed {
  const latest = new Map<string, FeedEvent | null>();
  const unreadable = new Set<string>();
  let skipped = 0;
  for (const component of vevents(body)) {
    const read = readEvent(component);
    if (read.uid === null) {
      skipped++;
      continue;
    }
    // The last event with a UID is its current version: an earlier one is superseded.
    if (latest.has(read.uid)) skipped++;
    latest.delete(read.uid);
    latest.set(read.uid, read.event);
    if (read.unreadable) unreadable.add(read.uid);
    else unreadable.delete(read.uid);
  }
  const events: FeedEvent[] = [];
  for (const event of latest.values()) {
    if (event) events.push(event);
    else skipped++;
  }
  return { events, skipped, unreadable: [...unreadable] };
}

/** The VEVENTs of every VCALENDAR in the body (feeds have one; a concatenation of several is read whole). */
function vevents(body: string): ICAL.Component[] {
  let jcal: unknown;
  try {
    // ical.js reads a leading byte-order mark as part of the first line.
    jcal = ICAL.parse(body.replace(/^\uFEFF/, ''));
  } catch {
    throw notCalendar();
  }
  // One component comes back as its jCal array, several as an array of them.
  const roots = Array.isArray(jcal) && typeof jcal[0] === 'string' ? [jcal] : (jcal as unknown[]);
  const calendars = roots
    .filter((root) => Array.isArray(root) && root[0] === 'vcalendar')
    .map((root) => new ICAL.Component(root as unknown[]));
  if (calendars.length === 0) throw notCalendar();
  return calendars.flatMap((calendar) => calendar.getAllSubcomponents('vevent'));
}

const notCalendar = () => new FeedError('not_calendar', 'The feed is not an iCalendar file.');

/**
 * One VEVENT: its UID (null when it has neither a UID nor dates to make one
 * from) and the event, or null when it is not to be imported.
 */
function readEvent(component: ICAL.Component): {
  uid: string | null;
  event: FeedEvent | null;
  unreadable?: boolean;
} {
  const givenUid = cleanText(String(component.getFirstPropertyValue('uid') ?? ''));
  const uid = givenUid === '' ? null : givenUid;
  let dates: { start: string; end: string } | null;
  try {
    dates = eventDates(component);
  } catch {
    // A malformed date (DTSTART:2031) throws when ical.js decodes it.
    dates = null;
  }
  if (!dates) return { uid, event: null, unreadable: true };
  const summary = cleanText(String(component.getFirstPropertyValue('summary') ?? '')).slice(
    0,
    MAX_SUMMARY_LENGTH,
  );
  const cancelled = String(component.getFirstPropertyValue('status') ?? '').toUpperCase() === 'CANCELLED';
  const eventUid = uid ?? syntheticUid(dates.start, dates.end, summary);
  if (cancelled) return { uid: eventUid, event: null };
  if (dates.end <= dates.start) return { uid: eventUid, event: null, unreadable: true };
  const kind = kindOf(summary);
  return {
    uid: eventUid,
    event: {
      uid: eventUid,
      start: dates.start,
      end: dates.end,
      kind,
      guestName: kind === 'stay' ? guestNameOf(summary) : null,
      summary,
    },
  };
}

/**
 * The event's check-in and check-out. Each is the calendar date written in
 * the feed, in the event's own zone (a TZID, UTC or floating), read from the
 * date's fields: a JS Date would move it to the server's zone, a day off on
 * either side of the world. A recurring event counts as its first occurrence
 * only: channels do not publish RRULEs for stays.
 */
function eventDates(component: ICAL.Component): { start: string; end: string } | null {
  if (!component.hasProperty('dtstart')) return null;
  const event = new ICAL.Event(component);
  const start = plainDate(event.startDate);
  // ical.js makes a DATE-TIME without DTEND or DURATION last no time at all; a stay lasts a night.
  const hasEnd = component.hasProperty('dtend') || component.hasProperty('duration');
  const end = hasEnd ? plainDate(event.endDate) : addDays(start, 1);
  if (!isCalendarDate(start) || !isCalendarDate(end)) return null;
  return { start, end };
}

function plainDate(time: ICAL.Time): string {
  const year = String(time.year).padStart(4, '0');
  return `${year}-${String(time.month).padStart(2, '0')}-${String(time.day).padStart(2, '0')}`;
}

/**
 * A UID for an event that has none, from what it says: the same event gets
 * the same one at every sync, so it is matched rather than created again.
 */
function syntheticUid(start: string, end: string, summary: string): string {
  const digest = createHash('sha256').update(`${start}\n${end}\n${summary}`).digest('hex');
  return `no-uid-${digest.slice(0, 32)}`;
}

function kindOf(summary: string): FeedEventKind {
  const text = summary.toLowerCase();
  return BLOCK_WORDS.some((word) => text.includes(word)) ? 'block' : 'stay';
}

/**
 * The guest's name a stay's summary gives: the text after "Reserved - " and
 * the like, or a summary that is nothing but a name (a direct-booking tool's
 * export); null for the channels' generic labels.
 */
function guestNameOf(summary: string): string | null {
  const named = NAMED_SUMMARY.exec(summary);
  const name = named && isGeneric(named[1] ?? '') ? (named[2] ?? '') : summary;
  if (isGeneric(name)) return null;
  return name.slice(0, MAX_NAME_LENGTH).trim();
}

function isGeneric(text: string): boolean {
  const lower = text.trim().toLowerCase();
  return lower === '' || GENERIC_WORDS.has(lower) || CHANNEL_NAMES.some((channel) => lower.includes(channel));
}

/**
 * Text with its control characters (line breaks and tabs among them) turned
 * into spaces, trimmed, and in composed form (NFC): "é" written as "e" and a
 * combining accent still matches "fermé".
 */
function cleanText(text: string): string {
  return text
    .replace(/\p{Cc}+/gu, ' ')
    .trim()
    .normalize('NFC');
}
