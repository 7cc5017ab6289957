import fc from 'fast-check';
import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../kernel/dates.ts';
import { buildExportFeed, type ExportEvent } from './export.ts';
import { parseFeed } from './ical.ts';

const STAMP = new Date('2031-01-02T03:04:05Z');
const EVENTS: ExportEvent[] = [
  { uid: 'res-1@staykeep', start: '2031-03-10', end: '2031-03-15', summary: 'Reserved' },
  { uid: 'block-2@staykeep', start: '2031-12-31', end: '2032-01-01', summary: 'Not available' },
];

const lines = (feed: string) => feed.split('\r\n');

describe('exporting a calendar', () => {
  it('writes the calendar and its all-day events', () => {
    const feed = buildExportFeed({ name: 'Villa Les Pins', events: EVENTS, stamp: STAMP });
    expect(lines(feed)).toEqual(
      expect.arrayContaining([
        'BEGIN:VCALENDAR',
        'PRODID:-//Staykeep//Staykeep//EN',
        'X-WR-CALNAME:Villa Les Pins',
        'UID:res-1@staykeep',
        'DTSTAMP:20310102T030405Z',
        'DTSTART;VALUE=DATE:20310310',
        'DTEND;VALUE=DATE:20310315',
        'SUMMARY:Reserved',
        'UID:block-2@staykeep',
        'DTSTART;VALUE=DATE:20311231',
        'DTEND;VALUE=DATE:20320101',
        'SUMMARY:Not available',
      ]),
    );
    const custom = buildExportFeed({
      name: 'x',
      prodId: { company: 'Acme', product: 'Rentals' },
      events: [],
      stamp: STAMP,
    });
    expect(lines(custom)).toContain('PRODID:-//Acme//Rentals//EN');
  });

  it('says nothing of an event but its UID, dates and summary', () => {
    const feed = buildExportFeed({ name: 'Villa', events: EVENTS, stamp: STAMP });
    const calendar = new ICAL.Component(ICAL.parse(feed));
    for (const event of calendar.getAllSubcomponents('vevent')) {
      const names = event.getAllProperties().map((property) => property.name);
      expect(new Set(names)).toEqual(
        new Set([
          'uid',
          'sequence',
          'dtstamp',
          'dtstart',
          'dtend',
          'summary',
          'x-microsoft-cdo-alldayevent',
          'x-microsoft-msncalendar-alldayevent',
        ]),
      );
    }
  });

  it('escapes the calendar name and keeps every text on its line', () => {
    const name = 'Villa; Les Pins, vue\nX-INJECTED:1\u0007';
    const feed = buildExportFeed({
      name,
      events: [
        { uid: 'a@staykeep', start: '2031-03-10', end: '2031-03-12', summary: 'Closed\r\nX-INJECTED:2' },
      ],
      stamp: STAMP,
    });
    expect(lines(feed).filter((line) => line.startsWith('X-INJECTED'))).toEqual([]);
    // An X- property's value is TEXT, escaped as such (RFC 5545, 3.8.8.2).
    expect(lines(feed)).toContain('X-WR-CALNAME:Villa\\; Les Pins\\, vue X-INJECTED:1 ');
    expect(lines(feed)).toContain('SUMMARY:Closed X-INJECTED:2');
  });

  it('refuses events it cannot write', () => {
    const build = (event: ExportEvent) => () => buildExportFeed({ name: 'x', events: [event], stamp: STAMP });
    expect(build({ uid: 'a', start: '2031-03-10', end: '2031-03-10', summary: '' })).toThrow(RangeError);
    expect(build({ uid: 'a', start: '2031-03-10', end: '2031-03-09', summary: '' })).toThrow(RangeError);
    expect(build({ uid: 'a', start: '2031-02-30', end: '2031-03-09', summary: '' })).toThrow(RangeError);
    expect(build({ uid: 'a\r\nX:1', start: '2031-03-10', end: '2031-03-11', summary: '' })).toThrow(
      RangeError,
    );
    expect(build({ uid: '', start: '2031-03-10', end: '2031-03-11', summary: '' })).toThrow(RangeError);
  });
});

/** The dates written are the dates given, wherever the server is: the first zone to see a new day, and one of the last. */
describe.each(['UTC', 'Pacific/Kiritimati', 'America/Los_Angeles'])(
  'export, with the server in %s',
  (zone) => {
    const processZone = process.env.TZ;
    beforeAll(() => {
      process.env.TZ = zone;
    });
    afterAll(() => {
      if (processZone === undefined) delete process.env.TZ;
      else process.env.TZ = processZone;
    });

    it('reads back the UIDs and dates it wrote', () => {
      const feed = buildExportFeed({ name: 'Villa', events: EVENTS, stamp: STAMP });
      expect(parseFeed(feed).events.map(({ uid, start, end }) => ({ uid, start, end }))).toEqual(
        EVENTS.map(({ uid, start, end }) => ({ uid, start, end })),
      );
      expect(lines(feed)).toContain('DTSTART;VALUE=DATE:20311231');
      expect(lines(feed)).toContain('DTEND;VALUE=DATE:20320101');
    });

    it('reads back any ranges of dates', () => {
      const range = fc
        .tuple(fc.integer({ min: 0, max: 3_652_000 }), fc.integer({ min: 1, max: 400 }))
        .map(([dayNumber, nights]) => {
          const start = addDays('0001-01-01', dayNumber);
          return { start, end: addDays(start, nights) };
        })
        .filter(({ start, end }) => end > start);
      fc.assert(
        fc.property(fc.array(range, { maxLength: 5 }), fc.string({ maxLength: 40 }), (ranges, summary) => {
          const events = ranges.map((dates, index) => ({ uid: `r${index}@staykeep`, ...dates, summary }));
          const parsed = parseFeed(buildExportFeed({ name: 'Villa', events, stamp: STAMP }));
          expect(parsed.events.map(({ uid, start, end }) => ({ uid, start, end }))).toEqual(
            events.map(({ uid, start, end }) => ({ uid, start, end })),
          );
        }),
      );
    });
  },
);
