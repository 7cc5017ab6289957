import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../kernel/dates.ts';
import { FeedError } from './feed.ts';
import { parseFeed } from './ical.ts';

const fixture = (name: string) =>
  readFileSync(path.join(import.meta.dirname, '../../../test/fixtures/ical', name), 'utf8');

/** A feed of the given VEVENTs, each given as its lines between BEGIN and END. */
function calendar(...events: string[][]): string {
  const lines = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Test//Test//EN'];
  for (const event of events) lines.push('BEGIN:VEVENT', ...event, 'END:VEVENT');
  lines.push('END:VCALENDAR');
  return `${lines.join('\r\n')}\r\n`;
}

/** An all-day event, with the summary and more lines given. */
const allDay = (uid: string, start: string, end: string, summary: string, ...more: string[]) => [
  `UID:${uid}`,
  `DTSTART;VALUE=DATE:${start}`,
  `DTEND;VALUE=DATE:${end}`,
  `SUMMARY:${summary}`,
  ...more,
];

const only = (body: string) => {
  const { events } = parseFeed(body);
  expect(events).toHaveLength(1);
  return events[0];
};

describe('reading the feeds channels publish', () => {
  it('reads Airbnb: a stay without a name, and dates closed', () => {
    const parsed = parseFeed(fixture('airbnb.ics'));
    expect(parsed).toEqual({
      skipped: 0,
      unreadable: [],
      events: [
        {
          uid: '1418fb94e984-2b2c4b1f0f1d7ae4e0d1c9d8f5a3b6c1@airbnb.com',
          start: '2031-03-10',
          end: '2031-03-15',
          kind: 'stay',
          guestName: null,
          summary: 'Reserved',
        },
        {
          uid: '1418fb94e984-7c1d2e3f4a5b6c7d8e9f0a1b2c3d4e5f@airbnb.com',
          start: '2031-03-30',
          end: '2031-04-02',
          kind: 'block',
          guestName: null,
          summary: 'Airbnb (Not available)',
        },
      ],
    });
    // The description (a link, the last digits of a phone) is not read.
    expect(JSON.stringify(parsed)).not.toMatch(/4821|HMABCDEF12/);
  });

  it('reads Booking.com: every range closed', () => {
    expect(parseFeed(fixture('booking.ics'))).toEqual({
      skipped: 0,
      unreadable: [],
      events: [
        {
          uid: '8d0f1b3e2a4c5d6e7f8091a2b3c4d5e6@booking.com',
          start: '2031-04-20',
          end: '2031-04-27',
          kind: 'block',
          guestName: null,
          summary: 'CLOSED - Not available',
        },
      ],
    });
  });

  it("takes the guest's name from a summary that gives one", () => {
    const nameOf = (summary: string) =>
      only(calendar(allDay('a', '20310310', '20310315', summary, 'DESCRIPTION:Phone: 0612345678')))
        ?.guestName;
    expect(nameOf('Reserved - Jane Doe')).toBe('Jane Doe');
    expect(nameOf('Réservé - Jeanne Martin')).toBe('Jeanne Martin');
    expect(nameOf('Booked: John')).toBe('John');
    expect(nameOf('Reservation – Jean-Pierre Dupont')).toBe('Jean-Pierre Dupont');
    expect(nameOf('John Smith')).toBe('John Smith');
    expect(nameOf('  Jean-Pierre   ')).toBe('Jean-Pierre');
    for (const generic of ['Reserved', 'RÉSERVÉ', 'Booked', 'Reservation', 'Réservation', 'Airbnb', 'Vrbo']) {
      expect(nameOf(generic), generic).toBeNull();
    }
    expect(nameOf('Booking.com')).toBeNull();
    expect(nameOf('Airbnb (HMABCDEF12)')).toBeNull();
    expect(nameOf('Reserved - Airbnb')).toBeNull();
    expect(nameOf('Reserved -')).toBeNull();
    expect(nameOf('x'.repeat(300))).toBe('x'.repeat(200));
    // An escaped line break and a raw control character become spaces.
    expect(nameOf('Reserved - Jane\\nDoe\u0007!')).toBe('Jane Doe !');
    // No summary at all: a stay with no name.
    expect(
      only(calendar(['UID:a', 'DTSTART;VALUE=DATE:20310310', 'DTEND;VALUE=DATE:20310315'])),
    ).toMatchObject({ kind: 'stay', guestName: null, summary: '' });
  });

  it('tells dates closed from stays by their summary, in English and French', () => {
    const kindOf = (summary: string) => only(calendar(allDay('a', '20310310', '20310315', summary)))?.kind;
    for (const closed of [
      'Not available',
      'UNAVAILABLE',
      'Blocked',
      'closed',
      'Indisponible',
      'Non disponible',
      'Bloqué',
      'BLOQUE',
      'Fermé',
      // The same "é" as a plain "e" and a combining accent.
      'Ferme\u0301',
    ]) {
      expect(kindOf(closed), closed).toBe('block');
    }
    for (const stay of ['Reserved', 'Jane Doe', 'La Ferme du Lac', ''])
      expect(kindOf(stay), stay).toBe('stay');
  });

  it('refuses a body that is not a calendar', () => {
    for (const body of [
      '',
      '<!DOCTYPE html><html><body>Error 503</body></html>',
      '{"error":"not found"}',
      'garbage',
      'BEGIN:VEVENT\r\nEND:VEVENT\r\n',
      'BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\n',
    ]) {
      expect(() => parseFeed(body), body).toThrow(FeedError);
      try {
        parseFeed(body);
      } catch (error) {
        expect((error as FeedError).reason).toBe('not_calendar');
      }
    }
  });

  it('reads a calendar with no events, and one that starts with a byte-order mark', () => {
    expect(parseFeed(calendar())).toEqual({ events: [], skipped: 0, unreadable: [] });
    expect(parseFeed(`\uFEFF${fixture('booking.ics')}`).events).toHaveLength(1);
  });

  it('keeps the last of the events that share a UID', () => {
    const parsed = parseFeed(
      calendar(
        allDay('same', '20310301', '20310305', 'Reserved - First'),
        allDay('other', '20310310', '20310312', 'Reserved'),
        allDay('same', '20310302', '20310306', 'Reserved - Last'),
      ),
    );
    expect(parsed.skipped).toBe(1);
    expect(parsed.events.map(({ uid, start, guestName }) => ({ uid, start, guestName }))).toEqual([
      { uid: 'other', start: '2031-03-10', guestName: null },
      { uid: 'same', start: '2031-03-02', guestName: 'Last' },
    ]);
    // A later version that is cancelled removes the event.
    const cancelledLast = parseFeed(
      calendar(
        allDay('same', '20310301', '20310305', 'Reserved'),
        allDay('same', '20310301', '20310305', 'Reserved', 'STATUS:CANCELLED'),
      ),
    );
    expect(cancelledLast).toEqual({ events: [], skipped: 2, unreadable: [] });
  });

  it('gives an event without a UID one made from its dates and summary, the same at every read', () => {
    const body = calendar(
      ['DTSTART;VALUE=DATE:20310310', 'DTEND;VALUE=DATE:20310315', 'SUMMARY:Jane Doe'],
      ['DTSTART;VALUE=DATE:20310310', 'DTEND;VALUE=DATE:20310315', 'SUMMARY:John Doe'],
    );
    const [jane, john] = parseFeed(body).events;
    expect(jane?.uid).toMatch(/^no-uid-[0-9a-f]{32}$/);
    expect(john?.uid).toMatch(/^no-uid-[0-9a-f]{32}$/);
    expect(jane?.uid).not.toBe(john?.uid);
    expect(parseFeed(body).events.map((event) => event.uid)).toEqual([jane?.uid, john?.uid]);
    // A blank UID is no UID.
    expect(
      only(
        calendar(['UID: ', 'DTSTART;VALUE=DATE:20310310', 'DTEND;VALUE=DATE:20310315', 'SUMMARY:Jane Doe']),
      ),
    ).toMatchObject({ uid: jane?.uid });
  });

  it('skips the events it cannot use, and counts them', () => {
    const parsed = parseFeed(
      calendar(
        allDay('kept', '20310310', '20310315', 'Reserved'),
        allDay('same-day', '20310310', '20310310', 'Reserved'),
        allDay('backwards', '20310315', '20310310', 'Reserved'),
        allDay('cancelled', '20310310', '20310315', 'Reserved', 'STATUS:CANCELLED'),
        ['UID:no-dates', 'SUMMARY:Reserved'],
        ['UID:bad-date', 'DTSTART;VALUE=DATE:2031', 'SUMMARY:Reserved'],
        ['UID:no-such-day', 'DTSTART;VALUE=DATE:20310230', 'DTEND;VALUE=DATE:20310302'],
        ['DTSTART;VALUE=DATE:2031', 'SUMMARY:no UID and no dates'],
      ),
    );
    expect(parsed.events.map((event) => event.uid)).toEqual(['kept']);
    expect(parsed.skipped).toBe(7);
    // Still in the feed, only unreadable: what they became must not be cancelled for having left it.
    expect(parsed.unreadable.sort()).toEqual([
      'backwards',
      'bad-date',
      'no-dates',
      'no-such-day',
      'same-day',
    ]);
  });
});

/**
 * The dates of a feed never go through the server's time zone: the same
 * tests, run in the first zone to see a new day and in one of the last.
 */
describe.each(['UTC', 'Pacific/Kiritimati', 'America/Los_Angeles'])(
  'dates, with the server in %s',
  (zone) => {
    const processZone = process.env.TZ;
    beforeAll(() => {
      process.env.TZ = zone;
    });
    afterAll(() => {
      if (processZone === undefined) delete process.env.TZ;
      else process.env.TZ = processZone;
    });

    it('runs in that zone', () => {
      const offsets: Record<string, number> = {
        UTC: 0,
        'Pacific/Kiritimati': -14 * 60,
        'America/Los_Angeles': 8 * 60,
      };
      expect(new Date(2031, 0, 15).getTimezoneOffset()).toBe(offsets[zone]);
    });

    it('reads all-day dates as written', () => {
      expect(parseFeed(fixture('airbnb.ics')).events.map(({ start, end }) => [start, end])).toEqual([
        ['2031-03-10', '2031-03-15'],
        ['2031-03-30', '2031-04-02'],
      ]);
      expect(only(calendar(allDay('a', '20311231', '20320101', 'Reserved')))).toMatchObject({
        start: '2031-12-31',
        end: '2032-01-01',
      });
    });

    it('reads a date and time as its own calendar date, in its zone, in UTC or floating', () => {
      const datesOf = (start: string, end: string) => {
        const event = only(calendar(['UID:a', start, end, 'SUMMARY:Reserved']));
        return [event?.start, event?.end];
      };
      // Midnight in the first zone to see the day is still the day before in UTC.
      expect(
        datesOf(
          'DTSTART;TZID=Pacific/Kiritimati:20310310T000000',
          'DTEND;TZID=America/Los_Angeles:20310315T233000',
        ),
      ).toEqual(['2031-03-10', '2031-03-15']);
      expect(datesOf('DTSTART:20310310T233000Z', 'DTEND:20310315T000000Z')).toEqual([
        '2031-03-10',
        '2031-03-15',
      ]);
      expect(datesOf('DTSTART:20310310T160000', 'DTEND:20310315T100000')).toEqual([
        '2031-03-10',
        '2031-03-15',
      ]);
    });

    it('reads a zone given as a VTIMEZONE the same way', () => {
      const body = [
        'BEGIN:VCALENDAR',
        'VERSION:2.0',
        'BEGIN:VTIMEZONE',
        'TZID:Europe/Paris',
        'BEGIN:STANDARD',
        'DTSTART:19701025T030000',
        'TZOFFSETFROM:+0200',
        'TZOFFSETTO:+0100',
        'RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU',
        'END:STANDARD',
        'BEGIN:DAYLIGHT',
        'DTSTART:19700329T020000',
        'TZOFFSETFROM:+0100',
        'TZOFFSETTO:+0200',
        'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU',
        'END:DAYLIGHT',
        'END:VTIMEZONE',
        'BEGIN:VEVENT',
        'UID:a',
        'DTSTART;TZID=Europe/Paris:20310310T003000',
        'DTEND;TZID=Europe/Paris:20310315T233000',
        'END:VEVENT',
        'END:VCALENDAR',
      ].join('\r\n');
      expect(only(body)).toMatchObject({ start: '2031-03-10', end: '2031-03-15' });
    });

    it('ends an event without DTEND after its DURATION, or after one night', () => {
      const endOf = (...lines: string[]) => only(calendar(['UID:a', 'SUMMARY:Reserved', ...lines]))?.end;
      expect(endOf('DTSTART;VALUE=DATE:20310310')).toBe('2031-03-11');
      expect(endOf('DTSTART:20310310T150000Z')).toBe('2031-03-11');
      expect(endOf('DTSTART;VALUE=DATE:20310228', 'DURATION:P3D')).toBe('2031-03-03');
      expect(endOf('DTSTART:20310310T200000', 'DURATION:PT36H')).toBe('2031-03-12');
    });

    it('takes the first occurrence of a recurring event only', () => {
      const event = only(
        calendar(allDay('a', '20310310', '20310312', 'Reserved', 'RRULE:FREQ=WEEKLY;COUNT=5')),
      );
      expect([event?.start, event?.end]).toEqual(['2031-03-10', '2031-03-12']);
    });

    it('reads back any range of plain dates written as VALUE=DATE', () => {
      const compact = (date: string) => date.replaceAll('-', '');
      fc.assert(
        fc.property(
          fc.integer({ min: 0, max: 3_652_000 }),
          fc.integer({ min: 1, max: 400 }),
          (dayNumber, nights) => {
            const start = addDays('0001-01-01', dayNumber);
            const end = addDays(start, nights);
            fc.pre(end > start);
            const event = only(calendar(allDay('a', compact(start), compact(end), 'Reserved')));
            expect([event?.start, event?.end]).toEqual([start, end]);
          },
        ),
      );
    });
  },
);
