import ical, { escape as escapeText } from 'ical-generator';
import { isCalendarDate } from '../../kernel/dates.ts';

/**
 * A house's calendar as an iCal feed for the channels to import: one all-day
 * event per stay or block, with a UID that stays the same from one export to
 * the next so a channel updates its copy instead of adding another.
 */

export interface ExportEvent {
  /** Stable across exports, e.g. `<reservationId>@staykeep`. */
  uid: string;
  /** First night, `YYYY-MM-DD`. */
  start: string;
  /** Check-out, `YYYY-MM-DD`: exclusive, as DTEND is. */
  end: string;
  /** All the event says: the caller picks it, and it carries no guest data. */
  summary: string;
}

export interface ExportFeed {
  /** Shown as the calendar's name (X-WR-CALNAME) by the apps that import it. */
  name: string;
  /** Written as `PRODID:-//<company>//<product>//<language>`; Staykeep's own by default. */
  prodId?: { company: string; product: string; language?: string };
  events: ExportEvent[];
  /** The DTSTAMP of every event: when the feed was built. */
  stamp: Date;
}

const STAYKEEP_PRODID = { company: 'Staykeep', product: 'Staykeep', language: 'EN' };

/**
 * The feed as iCalendar text. Throws a RangeError on an event whose dates are
 * not a range of plain dates, or whose UID is empty or not on one line.
 */
export function buildExportFeed(feed: ExportFeed): string {
  // ical-generator writes the calendar's name as given: escaped here, it cannot end its line and add a property.
  const calendar = ical({
    prodId: feed.prodId ?? STAYKEEP_PRODID,
    name: escapeText(oneLine(feed.name), false),
  });
  for (const event of feed.events) {
    checkEvent(event);
    calendar.createEvent({
      id: event.uid,
      // A date-only string is read as UTC midnight, and an all-day date with no
      // time zone is written from its UTC fields: the day written is the day given,
      // whatever the server's zone. (Neither the calendar nor its events have a zone.)
      start: event.start,
      end: event.end,
      allDay: true,
      summary: oneLine(event.summary),
      stamp: feed.stamp,
    });
  }
  return calendar.toString();
}

/**
 * Text without control characters, which iCalendar text may not hold: ical-generator
 * escapes line breaks in a summary, but not the others, and not in the calendar's name.
 */
const oneLine = (text: string) => text.replace(/\p{Cc}+/gu, ' ');

function checkEvent(event: ExportEvent): void {
  if (!isCalendarDate(event.start) || !isCalendarDate(event.end) || event.end <= event.start) {
    throw new RangeError(`Event ${event.uid}: ${event.start} to ${event.end} is not a range of dates.`);
  }
  // ical-generator writes the UID unescaped.
  if (/\p{Cc}/u.test(event.uid) || event.uid === '') {
    throw new RangeError('An event UID must be non-empty text on one line.');
  }
}
