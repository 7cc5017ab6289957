import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { describeApp, testConfig } from '../../../test/app.ts';
import { describeEachDatabase } from '../../../test/databases.ts';
import {
  addMember,
  bearer,
  createBlock,
  createHouse,
  createReservation,
  registerUser,
  type TestSession,
} from '../../../test/factories.ts';
import { type FeedAnswer, FeedServer, icalFeed } from '../../../test/feed-server.ts';
import { buildApp } from '../../app.ts';
import type { AppInstance } from '../../http/types.ts';
import { parseFeed } from './ical.ts';

const FIXTURES = path.join(import.meta.dirname, '../../../test/fixtures/ical');
const fixture = (name: string) => readFileSync(path.join(FIXTURES, name), 'utf8');

/** A date `days` from today (UTC), as feeds and stays write it. */
const day = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

let feeds: FeedServer;
let feedCount = 0;

beforeAll(async () => {
  feeds = await FeedServer.start();
});
afterAll(async () => {
  await feeds.close();
});

describeApp(
  'channel sync: iCal feeds imported into a house',
  (get) => {
    let admin: TestSession;
    let firstSession: TestSession;

    beforeAll(async () => {
      firstSession = await registerUser(get().app);
      admin = firstSession;
    });
    // A test that moved the clock signed in again in its future: the next one uses the first session.
    afterEach(() => {
      admin = firstSession;
    });

    /** A house with a feed served at a path of its own, holding `body` until the test serves another. */
    async function houseWithFeed(body: string, source = 'airbnb') {
      const { app } = get();
      const house = await createHouse(app, admin);
      feedCount += 1;
      const feedPath = `/feeds/${feedCount}.ics`;
      feeds.serve(feedPath, body);
      const created = await app.inject({
        method: 'POST',
        url: `/api/v1/houses/${house.id}/channels`,
        headers: bearer(admin),
        payload: { name: `${source} listing`, source, url: feeds.url(feedPath) },
      });
      expect(created.statusCode, created.body).toBe(201);
      return { house, channel: created.json(), feedPath };
    }

    /** A new access token, after the clock moved past the old one's expiry. */
    async function signInAgain() {
      const response = await get().app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { email: admin.email, password: admin.password },
      });
      expect(response.statusCode, response.body).toBe(200);
      admin = { ...admin, accessToken: response.json().accessToken };
    }

    async function sync(app: AppInstance, channelId: string) {
      const response = await app.inject({
        method: 'POST',
        url: `/api/v1/channels/${channelId}/sync`,
        headers: bearer(admin),
      });
      expect(response.statusCode, response.body).toBe(200);
      return response.json();
    }

    async function staysOf(houseId: string) {
      const response = await get().app.inject({
        method: 'GET',
        url: `/api/v1/reservations?houseId=${houseId}&limit=100`,
        headers: bearer(admin),
      });
      return response.json().items as {
        id: string;
        checkIn: string;
        checkOut: string;
        status: string;
        source: string;
        externalRef: string | null;
        guestName: string;
      }[];
    }

    async function blocksOf(houseId: string) {
      const response = await get().app.inject({
        method: 'GET',
        url: `/api/v1/blocks?houseId=${houseId}&from=${day(-30)}&to=${day(330)}`,
        headers: bearer(admin),
      });
      return response.json().items as { id: string; start: string; end: string; kind: string }[];
    }

    it('imports stays and closed dates, then changes nothing when the feed did not change', async () => {
      const { app } = get();
      const { house, channel } = await houseWithFeed(
        icalFeed([
          { uid: 'stay-1@airbnb.com', start: day(10), end: day(14) },
          { uid: 'closed-1@airbnb.com', start: day(20), end: day(22), summary: 'Airbnb (Not available)' },
        ]),
      );
      expect(channel.status).toBe('pending');

      const first = await sync(app, channel.id);
      expect(first).toMatchObject({
        status: 'ok',
        events: 2,
        created: 2,
        updated: 0,
        cancelled: 0,
        conflicts: 0,
      });
      const [stay] = await staysOf(house.id);
      expect(stay).toMatchObject({
        checkIn: day(10),
        checkOut: day(14),
        status: 'confirmed',
        source: 'airbnb',
        externalRef: 'stay-1@airbnb.com',
        guestName: 'Airbnb guest',
      });
      const blocks = await blocksOf(house.id);
      expect(blocks).toEqual([expect.objectContaining({ start: day(20), end: day(22), kind: 'channel' })]);

      const again = await sync(app, channel.id);
      expect(again).toMatchObject({ status: 'ok', events: 2, created: 0, updated: 0, cancelled: 0 });
      expect(await staysOf(house.id)).toHaveLength(1);

      const log = await app.inject({
        method: 'GET',
        url: `/api/v1/channels/${channel.id}/syncs`,
        headers: bearer(admin),
      });
      expect(log.json().items).toHaveLength(2);
      expect(log.json().items[0]).toMatchObject({ status: 'ok', httpStatus: 200, events: 2, created: 0 });
      const state = await app.inject({
        method: 'GET',
        url: `/api/v1/channels/${channel.id}`,
        headers: bearer(admin),
      });
      expect(state.json()).toMatchObject({ status: 'ok', lastError: null, conflicts: 0 });
      expect(Date.parse(state.json().nextSyncAt)).toBeGreaterThan(Date.parse(state.json().lastSyncAt));
    });

    it('moves a stay whose dates changed under the same UID, and cancels one that left the feed', async () => {
      const { app } = get();
      const events = [
        { uid: 'a@airbnb.com', start: day(10), end: day(12) },
        { uid: 'b@airbnb.com', start: day(20), end: day(23) },
        { uid: 'c@airbnb.com', start: day(30), end: day(33) },
      ];
      const { house, channel, feedPath } = await houseWithFeed(icalFeed(events));
      await sync(app, channel.id);
      const before = await staysOf(house.id);

      feeds.serve(
        feedPath,
        icalFeed([{ uid: 'a@airbnb.com', start: day(11), end: day(15) }, events[1] as (typeof events)[1]]),
      );
      const result = await sync(app, channel.id);
      expect(result).toMatchObject({ status: 'ok', created: 0, updated: 1, cancelled: 1 });
      const after = await staysOf(house.id);
      const moved = after.find((stay) => stay.externalRef === 'a@airbnb.com');
      expect(moved).toMatchObject({ id: before.find((s) => s.externalRef === 'a@airbnb.com')?.id });
      expect(moved).toMatchObject({ checkIn: day(11), checkOut: day(15), status: 'confirmed' });
      expect(after.find((stay) => stay.externalRef === 'c@airbnb.com')?.status).toBe('cancelled');
      expect(after.find((stay) => stay.externalRef === 'b@airbnb.com')?.status).toBe('confirmed');
    });

    it("cancels a paid stay that left the feed while this month's books are closed: its reversal goes in the next open month", async () => {
      const { app } = get();
      const events = [
        { uid: 'paid@airbnb.com', start: day(40), end: day(43) },
        { uid: 'kept@airbnb.com', start: day(50), end: day(52) },
        { uid: 'other@airbnb.com', start: day(60), end: day(62) },
      ];
      const { house, channel, feedPath } = await houseWithFeed(icalFeed(events));
      await sync(app, channel.id);
      const paid = (await staysOf(house.id)).find((stay) => stay.externalRef === 'paid@airbnb.com');
      // A feed holds no price: the manager enters it.
      const priced = await app.inject({
        method: 'PATCH',
        url: `/api/v1/reservations/${paid?.id}`,
        headers: bearer(admin),
        payload: { totalPrice: '300.00' },
      });
      expect(priced.statusCode, priced.body).toBe(200);
      const payment = await app.inject({
        method: 'POST',
        url: `/api/v1/reservations/${paid?.id}/payments`,
        headers: bearer(admin),
        payload: { date: day(40), amount: '50.00', kind: 'advance', method: 'platform' },
      });
      expect(payment.statusCode, payment.body).toBe(201);
      const thisMonth = new Date().toISOString().slice(0, 7);
      for (const month of [thisMonth, day(40).slice(0, 7)]) {
        const closing = await app.inject({
          method: 'POST',
          url: '/api/v1/finance/closings',
          headers: bearer(admin),
          payload: { month },
        });
        // The stay's own month may be this one, or closed already by the first pass.
        expect([201, 409]).toContain(closing.statusCode);
      }

      feeds.serve(feedPath, icalFeed(events.slice(1)));
      expect(await sync(app, channel.id)).toMatchObject({ status: 'ok', cancelled: 1 });
      const ledger = await app.inject({
        method: 'GET',
        url: `/api/v1/ledger?reservationId=${paid?.id}`,
        headers: bearer(admin),
      });
      const reversal = ledger.json().items.find((item: { type: string }) => item.type === 'expense');
      expect(reversal).toMatchObject({ amount: '50.00', adjustsEntryId: expect.any(String) });
      expect(reversal.date.endsWith('-01')).toBe(true);
      expect(reversal.date > day(40)).toBe(true);
      expect(ledger.json().totals.net).toBe('0.00');
    });

    it('leaves a stay alone once it is over, when the channel drops it from its feed', async () => {
      const { app, clock } = get();
      const soon = { uid: 'soon@airbnb.com', start: day(2), end: day(4) };
      const later = { uid: 'later@airbnb.com', start: day(40), end: day(44) };
      const { house, channel, feedPath } = await houseWithFeed(icalFeed([soon, later]));
      await sync(app, channel.id);
      clock.advance(10 * 86_400_000);
      await signInAgain();
      feeds.serve(feedPath, icalFeed([later]));
      const result = await sync(app, channel.id);
      expect(result).toMatchObject({ status: 'ok', cancelled: 0 });
      const stays = await staysOf(house.id);
      expect(stays.find((stay) => stay.externalRef === 'soon@airbnb.com')?.status).toBe('confirmed');
    });

    it.each<[string, FeedAnswer, RegExp, string]>([
      ['an empty feed', { body: icalFeed([]) }, /empty/, 'empty_feed'],
      ['a server error', { status: 500, body: 'oops' }, /500/, 'http_status'],
      [
        'a page that is not a calendar',
        { body: '<html><body>Log in</body></html>' },
        /calendar/i,
        'not_calendar',
      ],
      ['a body over 5 MB', { streamBytes: 6 * 1024 * 1024 }, /5 MB|too large|large/i, 'too_large'],
    ])('changes nothing and puts the feed in error on %s', async (_name, answer, reason, code) => {
      const { app } = get();
      const events = [
        { uid: 'x@airbnb.com', start: day(10), end: day(12) },
        { uid: 'y@airbnb.com', start: day(20), end: day(22) },
      ];
      const { house, channel, feedPath } = await houseWithFeed(icalFeed(events));
      await sync(app, channel.id);
      feeds.serve(feedPath, answer);
      const result = await sync(app, channel.id);
      expect(result).toMatchObject({ status: 'error', created: 0, updated: 0, cancelled: 0 });
      expect(result.error).toMatch(reason);
      expect(result.errorCode).toBe(code);
      const stays = await staysOf(house.id);
      expect(stays.map((stay) => stay.status)).toEqual(['confirmed', 'confirmed']);
      const state = await app.inject({
        method: 'GET',
        url: `/api/v1/channels/${channel.id}`,
        headers: bearer(admin),
      });
      expect(state.json()).toMatchObject({ status: 'error' });
      expect(state.json().lastError).toMatch(reason);
      expect(state.json().lastErrorCode).toBe(code);
      expect(state.json().lastError).not.toContain(feedPath);
      const log = await app.inject({
        method: 'GET',
        url: `/api/v1/channels/${channel.id}/syncs`,
        headers: bearer(admin),
      });
      expect(log.json().items[0]).toMatchObject({ status: 'error', errorCode: code });
      if (answer.status) expect(log.json().items[0].httpStatus).toBe(answer.status);
    });

    it('refuses a feed that would cancel more than half of the stays to come', async () => {
      const { app } = get();
      const events = [10, 20, 30, 40].map((offset, index) => ({
        uid: `many-${index}@airbnb.com`,
        start: day(offset),
        end: day(offset + 3),
      }));
      const { house, channel, feedPath } = await houseWithFeed(icalFeed(events));
      await sync(app, channel.id);
      feeds.serve(feedPath, icalFeed(events.slice(0, 1)));
      const result = await sync(app, channel.id);
      expect(result).toMatchObject({ status: 'error', cancelled: 0 });
      expect(result.error).toMatch(/3 of the 4/);
      expect(result.errorCode).toBe('too_many_cancellations');
      expect((await staysOf(house.id)).every((stay) => stay.status === 'confirmed')).toBe(true);
    });

    it('applies a feed refused for dropping its only stay once a manager confirms the cancellation', async () => {
      const { app } = get();
      const only = { uid: 'only@airbnb.com', start: day(10), end: day(13) };
      const { house, channel, feedPath } = await houseWithFeed(
        icalFeed([only, { uid: 'shut@airbnb.com', start: day(20), end: day(21), summary: 'Blocked' }]),
      );
      await sync(app, channel.id);
      feeds.serve(
        feedPath,
        icalFeed([{ uid: 'shut@airbnb.com', start: day(20), end: day(21), summary: 'Blocked' }]),
      );
      const refused = await sync(app, channel.id);
      expect(refused).toMatchObject({ status: 'error', cancelled: 0 });
      expect(refused.error).toMatch(/1 of the 1 upcoming stays/);
      const confirmed = await app.inject({
        method: 'POST',
        url: `/api/v1/channels/${channel.id}/sync`,
        headers: bearer(admin),
        payload: { confirmCancellations: true },
      });
      expect(confirmed.json()).toMatchObject({ status: 'ok', cancelled: 1 });
      expect((await staysOf(house.id)).map((stay) => stay.status)).toEqual(['cancelled']);
    });

    it('refuses a calendar the house already imports, and takes back its stays when a removed feed is added again', async () => {
      const { app } = get();
      const events = [
        { uid: 'again-1@airbnb.com', start: day(10), end: day(12) },
        { uid: 'again-2@airbnb.com', start: day(20), end: day(22) },
      ];
      const { house, channel, feedPath } = await houseWithFeed(icalFeed(events));
      await sync(app, channel.id);
      const twice = await app.inject({
        method: 'POST',
        url: `/api/v1/houses/${house.id}/channels`,
        headers: bearer(admin),
        payload: { name: 'Again', source: 'airbnb', url: feeds.url(feedPath) },
      });
      expect(twice.statusCode).toBe(409);
      expect(twice.json().type).toMatch(/duplicate-channel$/);

      await app.inject({ method: 'DELETE', url: `/api/v1/channels/${channel.id}`, headers: bearer(admin) });
      feeds.serve(
        feedPath,
        icalFeed([events[0] as (typeof events)[0], { ...(events[1] as (typeof events)[1]), end: day(23) }]),
      );
      const readded = await app.inject({
        method: 'POST',
        url: `/api/v1/houses/${house.id}/channels`,
        headers: bearer(admin),
        payload: { name: 'Airbnb', source: 'airbnb', url: feeds.url(feedPath) },
      });
      const result = await sync(app, readded.json().id);
      expect(result).toMatchObject({ status: 'ok', created: 0, updated: 2, conflicts: 0 });
      const stays = await staysOf(house.id);
      expect(stays.map((stay) => [stay.externalRef, stay.checkOut, stay.status])).toEqual([
        ['again-1@airbnb.com', day(12), 'confirmed'],
        ['again-2@airbnb.com', day(23), 'confirmed'],
      ]);
    });

    it('clears a conflict when the manager cancels the imported side', async () => {
      const { app } = get();
      const { house, channel, feedPath } = await houseWithFeed(
        icalFeed([{ uid: 'side@airbnb.com', start: day(60), end: day(62) }]),
      );
      await sync(app, channel.id);
      await createReservation(app, admin, {
        houseId: house.id,
        checkIn: day(70),
        checkOut: day(72),
        status: 'confirmed',
      });
      feeds.serve(feedPath, icalFeed([{ uid: 'side@airbnb.com', start: day(69), end: day(71) }]));
      expect(await sync(app, channel.id)).toMatchObject({ conflicts: 1 });
      const imported = (await staysOf(house.id)).find((stay) => stay.externalRef === 'side@airbnb.com');
      const cancelled = await app.inject({
        method: 'PATCH',
        url: `/api/v1/reservations/${imported?.id}`,
        headers: bearer(admin),
        payload: { status: 'cancelled' },
      });
      expect(cancelled.statusCode, cancelled.body).toBe(200);
      await app.jobs.runDue();
      const conflicts = await app.inject({
        method: 'GET',
        url: `/api/v1/channel-conflicts?houseId=${house.id}`,
        headers: bearer(admin),
      });
      expect(conflicts.json().items).toEqual([]);
    });

    it('records an event overlapping a direct stay as a conflict, keeps both, tells the managers, and clears it once resolved', async () => {
      const { app } = get();
      const house = await createHouse(app, admin);
      const direct = await createReservation(app, admin, {
        houseId: house.id,
        checkIn: day(50),
        checkOut: day(55),
        status: 'confirmed',
        guestName: 'Direct Guest',
      });
      feedCount += 1;
      const feedPath = `/feeds/${feedCount}.ics`;
      feeds.serve(feedPath, icalFeed([{ uid: 'clash@airbnb.com', start: day(53), end: day(57) }]));
      const created = await app.inject({
        method: 'POST',
        url: `/api/v1/houses/${house.id}/channels`,
        headers: bearer(admin),
        payload: { name: 'Airbnb', source: 'airbnb', url: feeds.url(feedPath) },
      });
      const channel = created.json();

      const result = await sync(app, channel.id);
      expect(result).toMatchObject({ status: 'ok', created: 0, conflicts: 1 });
      const stays = await staysOf(house.id);
      expect(stays).toHaveLength(1);
      expect(stays[0]).toMatchObject({ id: direct.id, status: 'confirmed' });

      const conflicts = await app.inject({
        method: 'GET',
        url: `/api/v1/channel-conflicts?houseId=${house.id}`,
        headers: bearer(admin),
      });
      expect(conflicts.json().items).toEqual([
        expect.objectContaining({
          channelId: channel.id,
          uid: 'clash@airbnb.com',
          start: day(53),
          end: day(57),
          other: expect.objectContaining({ type: 'reservation', id: direct.id, guestName: 'Direct Guest' }),
        }),
      ]);
      const state = await app.inject({
        method: 'GET',
        url: `/api/v1/channels/${channel.id}`,
        headers: bearer(admin),
      });
      expect(state.json().conflicts).toBe(1);
      // The managers are told (in the app by default; by email too if they chose it: notifications module).
      const told = () =>
        app.db
          .selectFrom('notifications')
          .select(['title', 'url'])
          .where('kind', '=', 'channel_conflict')
          .where('user_id', '=', admin.user.id)
          .where('title', 'like', `%${house.name} (%`)
          .execute();
      expect(await told()).toEqual([
        { title: `Calendar conflict: ${house.name} (Airbnb)`, url: `/houses/${house.id}/channels` },
      ]);

      // The same conflict on the next sync is not news: nothing more.
      await sync(app, channel.id);
      expect(await told()).toHaveLength(1);

      // The manager cancels the direct stay: the feed is synced again and its stay comes in.
      const cancelled = await app.inject({
        method: 'PATCH',
        url: `/api/v1/reservations/${direct.id}`,
        headers: bearer(admin),
        payload: { status: 'cancelled', cancellationReason: 'double booking' },
      });
      expect(cancelled.statusCode, cancelled.body).toBe(200);
      await app.jobs.runDue();
      const cleared = await app.inject({
        method: 'GET',
        url: `/api/v1/channel-conflicts?houseId=${house.id}`,
        headers: bearer(admin),
      });
      expect(cleared.json().items).toEqual([]);
      const imported = (await staysOf(house.id)).find((stay) => stay.externalRef === 'clash@airbnb.com');
      expect(imported).toMatchObject({ checkIn: day(53), checkOut: day(57), status: 'confirmed' });
    });

    it('keeps a stay on its dates when the feed moves it onto a block, and names the block', async () => {
      const { app } = get();
      const { house, channel, feedPath } = await houseWithFeed(
        icalFeed([{ uid: 'mover@airbnb.com', start: day(60), end: day(62) }]),
      );
      await sync(app, channel.id);
      const block = await createBlock(app, admin, {
        houseId: house.id,
        start: day(70),
        end: day(72),
        kind: 'owner',
      });
      feeds.serve(feedPath, icalFeed([{ uid: 'mover@airbnb.com', start: day(69), end: day(71) }]));
      const result = await sync(app, channel.id);
      expect(result).toMatchObject({ updated: 0, conflicts: 1 });
      const [stay] = await staysOf(house.id);
      expect(stay).toMatchObject({ checkIn: day(60), checkOut: day(62), status: 'confirmed' });
      const conflicts = await app.inject({
        method: 'GET',
        url: `/api/v1/channel-conflicts?houseId=${house.id}`,
        headers: bearer(admin),
      });
      expect(conflicts.json().items[0]).toMatchObject({
        reservationId: stay?.id,
        other: { type: 'block', id: block.id, kind: 'owner' },
      });
    });

    it('takes closed dates that are its own export coming back for what they are, not for a conflict', async () => {
      const { app } = get();
      const house = await createHouse(app, admin);
      const direct = await createReservation(app, admin, {
        houseId: house.id,
        checkIn: day(150),
        checkOut: day(153),
        status: 'confirmed',
      });
      feedCount += 1;
      const feedPath = `/feeds/${feedCount}.ics`;
      feeds.serve(
        feedPath,
        icalFeed([
          // Airbnb closed the direct stay's nights because it read our export: an echo.
          { uid: 'echo@airbnb.com', start: day(150), end: day(153), summary: 'Airbnb (Not available)' },
          // Closed dates that reach past the stay are not only ours: a conflict to look at.
          { uid: 'wider@airbnb.com', start: day(152), end: day(156), summary: 'Airbnb (Not available)' },
        ]),
      );
      const created = await app.inject({
        method: 'POST',
        url: `/api/v1/houses/${house.id}/channels`,
        headers: bearer(admin),
        payload: { name: 'Airbnb', source: 'airbnb', url: feeds.url(feedPath) },
      });
      const result = await sync(app, created.json().id);
      expect(result).toMatchObject({ status: 'ok', created: 0, conflicts: 1 });
      const conflicts = await app.inject({
        method: 'GET',
        url: `/api/v1/channel-conflicts?houseId=${house.id}`,
        headers: bearer(admin),
      });
      expect(conflicts.json().items.map((item: { uid: string }) => item.uid)).toEqual(['wider@airbnb.com']);
      expect(await blocksOf(house.id)).toEqual([]);

      // The stay behind the echo is cancelled: its nights are not closed here by the echo, which
      // only says what Airbnb read from us (it goes at Airbnb's next read of the export).
      await app.inject({
        method: 'PATCH',
        url: `/api/v1/reservations/${direct.id}`,
        headers: bearer(admin),
        payload: { status: 'cancelled' },
      });
      await sync(app, created.json().id);
      const blocks = await blocksOf(house.id);
      expect(blocks.map((block) => [block.start, block.end])).toEqual([[day(152), day(156)]]);
    });

    it('reads Airbnb and Booking.com feeds as they are written', async () => {
      const { app } = get();
      const airbnb = await houseWithFeed(fixture('airbnb.ics'));
      expect(await sync(app, airbnb.channel.id)).toMatchObject({ status: 'ok', events: 2, created: 2 });
      expect(await staysOf(airbnb.house.id)).toEqual([
        expect.objectContaining({ checkIn: '2031-03-10', checkOut: '2031-03-15', guestName: 'Airbnb guest' }),
      ]);
      const booking = await houseWithFeed(fixture('booking.ics'), 'booking');
      expect(await sync(app, booking.channel.id)).toMatchObject({ status: 'ok', events: 1, created: 1 });
      const blocks = await app.inject({
        method: 'GET',
        url: `/api/v1/blocks?houseId=${booking.house.id}&from=2031-04-01&to=2031-05-01`,
        headers: bearer(admin),
      });
      expect(blocks.json().items).toEqual([
        expect.objectContaining({ start: '2031-04-20', end: '2031-04-27', kind: 'channel' }),
      ]);
    });

    it.each(['Pacific/Kiritimati', 'America/Los_Angeles'])(
      'imports the same dates with the server in %s',
      async (zone) => {
        const { app } = get();
        const before = process.env.TZ;
        process.env.TZ = zone;
        try {
          const { house, channel } = await houseWithFeed(
            icalFeed([{ uid: `tz-${zone}@airbnb.com`, start: '2031-06-30', end: '2031-07-01' }]),
          );
          await sync(app, channel.id);
          expect(await staysOf(house.id)).toEqual([
            expect.objectContaining({ checkIn: '2031-06-30', checkOut: '2031-07-01' }),
          ]);
          const exports = await app.inject({
            method: 'GET',
            url: `/api/v1/houses/${house.id}/ical-export`,
            headers: bearer(admin),
          });
          const booking = exports
            .json()
            .items.find((item: { channel: string }) => item.channel === 'booking');
          const feed = await app.inject({ method: 'GET', url: new URL(booking.url).pathname });
          expect(parseFeed(feed.body).events).toEqual([
            expect.objectContaining({ start: '2031-06-30', end: '2031-07-01' }),
          ]);
        } finally {
          if (before === undefined) delete process.env.TZ;
          else process.env.TZ = before;
        }
      },
    );

    it('exports every stay and block as "Reserved", leaves out what came from the channel, and rotates', async () => {
      const { app } = get();
      const { house, channel } = await houseWithFeed(
        icalFeed([{ uid: 'from-airbnb@airbnb.com', start: day(80), end: day(83) }]),
      );
      await sync(app, channel.id);
      const direct = await createReservation(app, admin, {
        houseId: house.id,
        checkIn: day(90),
        checkOut: day(94),
        guestName: 'Secret Name',
      });
      await createBlock(app, admin, { houseId: house.id, start: day(100), end: day(101), kind: 'owner' });

      const exports = await app.inject({
        method: 'GET',
        url: `/api/v1/houses/${house.id}/ical-export`,
        headers: bearer(admin),
      });
      expect(exports.statusCode).toBe(200);
      const urls = Object.fromEntries(
        exports.json().items.map((item: { channel: string; url: string }) => [item.channel, item.url]),
      );
      expect(Object.keys(urls).sort()).toEqual(['airbnb', 'booking', 'other', 'vrbo']);

      const forAirbnb = await app.inject({ method: 'GET', url: new URL(urls.airbnb).pathname });
      expect(forAirbnb.statusCode).toBe(200);
      expect(forAirbnb.headers['content-type']).toMatch(/^text\/calendar/);
      expect(forAirbnb.body).not.toContain('Secret Name');
      const airbnbEvents = parseFeed(forAirbnb.body).events;
      expect(airbnbEvents.map((event) => [event.start, event.end, event.summary])).toEqual([
        [day(90), day(94), 'Reserved'],
        [day(100), day(101), 'Reserved'],
      ]);
      expect(airbnbEvents[0]?.uid).toBe(`${direct.id}@staykeep`);

      const forBooking = parseFeed(
        (await app.inject({ method: 'GET', url: new URL(urls.booking).pathname })).body,
      );
      expect(forBooking.events.map((event) => event.start)).toEqual([day(80), day(90), day(100)]);

      const rotated = await app.inject({
        method: 'POST',
        url: `/api/v1/houses/${house.id}/ical-export/rotate`,
        headers: bearer(admin),
        payload: { channel: 'airbnb' },
      });
      expect(rotated.statusCode, rotated.body).toBe(200);
      const newUrls = Object.fromEntries(
        rotated.json().items.map((item: { channel: string; url: string }) => [item.channel, item.url]),
      );
      expect(newUrls.airbnb).not.toBe(urls.airbnb);
      expect(newUrls.booking).toBe(urls.booking);
      const old = await app.inject({ method: 'GET', url: new URL(urls.airbnb).pathname });
      expect(old.statusCode).toBe(404);
      expect(old.headers['content-type']).toMatch(/problem\+json/);
      expect((await app.inject({ method: 'GET', url: new URL(newUrls.airbnb).pathname })).statusCode).toBe(
        200,
      );
    });

    it('syncs due feeds on the job runner, every ICAL_SYNC_MINUTES', async () => {
      const { app, clock } = get();
      const { house, channel, feedPath } = await houseWithFeed(
        icalFeed([{ uid: 'periodic@airbnb.com', start: day(120), end: day(122) }]),
      );
      await app.jobs.runDue();
      expect(await staysOf(house.id)).toHaveLength(1);
      const hits = feeds.hits.get(feedPath) ?? 0;
      await app.jobs.runDue();
      expect(feeds.hits.get(feedPath)).toBe(hits);
      clock.advance(16 * 60_000);
      await app.jobs.runDue();
      await app.jobs.runDue();
      expect(feeds.hits.get(feedPath)).toBe(hits + 1);
      await signInAgain();
      const log = await app.inject({
        method: 'GET',
        url: `/api/v1/channels/${channel.id}/syncs`,
        headers: bearer(admin),
      });
      expect(log.json().items).toHaveLength(2);
    });

    it('gives a slow feed 10 seconds at most (here: the configured timeout)', async () => {
      const { app } = get();
      const { channel, feedPath } = await houseWithFeed(icalFeed([]));
      feeds.serve(feedPath, { delayMs: 3_000, body: icalFeed([]) });
      const started = Date.now();
      const result = await sync(app, channel.id);
      expect(Date.now() - started).toBeLessThan(2_500);
      expect(result).toMatchObject({ status: 'error' });
      expect(result.error).toMatch(/time/i);
      expect(result.errorCode).toBe('timeout');
    });

    it('answers bad input clearly and keeps channels to managers of the organization', async () => {
      const { app } = get();
      const house = await createHouse(app, admin);
      for (const url of ['ftp://example.org/feed.ics', 'javascript:alert(1)', 'not a url']) {
        const response = await app.inject({
          method: 'POST',
          url: `/api/v1/houses/${house.id}/channels`,
          headers: bearer(admin),
          payload: { name: 'Bad', source: 'airbnb', url },
        });
        expect(response.statusCode).toBe(400);
        expect(response.headers['content-type']).toMatch(/problem\+json/);
      }
      const wrongSource = await app.inject({
        method: 'POST',
        url: `/api/v1/houses/${house.id}/channels`,
        headers: bearer(admin),
        payload: { name: 'Bad', source: 'expedia', url: 'https://example.org/x.ics' },
      });
      expect(wrongSource.statusCode).toBe(400);

      const { channel } = await houseWithFeed(icalFeed([]));
      const staff = await addMember(app, admin, 'staff');
      const forbidden = await app.inject({
        method: 'GET',
        url: `/api/v1/channels/${channel.id}`,
        headers: staff.headers,
      });
      expect(forbidden.statusCode).toBe(403);
      const stranger = await registerUser(app);
      for (const [method, url] of [
        ['GET', `/api/v1/channels/${channel.id}`],
        ['POST', `/api/v1/channels/${channel.id}/sync`],
        ['GET', `/api/v1/channels/${channel.id}/syncs`],
        ['DELETE', `/api/v1/channels/${channel.id}`],
        ['GET', `/api/v1/houses/${channel.houseId}/channels`],
        ['GET', `/api/v1/houses/${channel.houseId}/ical-export`],
      ] as const) {
        const response = await app.inject({ method, url, headers: bearer(stranger) });
        expect(response.statusCode, `${method} ${url}`).toBe(404);
      }
      expect((await app.inject({ method: 'GET', url: '/ical/not-a-token.ics' })).statusCode).toBe(404);
    });

    it('removes a feed: its upcoming blocks go, its stays stay', async () => {
      const { app } = get();
      const { house, channel } = await houseWithFeed(
        icalFeed([
          { uid: 'kept@airbnb.com', start: day(130), end: day(132) },
          { uid: 'gone@airbnb.com', start: day(140), end: day(142), summary: 'Airbnb (Not available)' },
        ]),
      );
      await sync(app, channel.id);
      const removed = await app.inject({
        method: 'DELETE',
        url: `/api/v1/channels/${channel.id}`,
        headers: bearer(admin),
      });
      expect(removed.statusCode).toBe(204);
      expect(await blocksOf(house.id)).toEqual([]);
      expect((await staysOf(house.id)).map((stay) => stay.status)).toEqual(['confirmed']);
    });
  },
  {
    config: {
      jobs: { enabled: false, pollIntervalMs: 5_000 },
      channels: { syncMinutes: 15, allowPrivateAddresses: true, fetchTimeoutMs: 1_000 },
    },
  },
);

describeApp(
  'channel sync: feeds on the server itself',
  (get) => {
    it('refuses a feed on a loopback address unless ICAL_ALLOW_PRIVATE=1', async () => {
      const { app } = get();
      const admin = await registerUser(app);
      const house = await createHouse(app, admin);
      feeds.serve('/feeds/private.ics', icalFeed([{ uid: 'p@x', start: day(10), end: day(12) }]));
      const created = await app.inject({
        method: 'POST',
        url: `/api/v1/houses/${house.id}/channels`,
        headers: bearer(admin),
        payload: { name: 'Inside', source: 'other', url: feeds.url('/feeds/private.ics') },
      });
      const result = await app.inject({
        method: 'POST',
        url: `/api/v1/channels/${created.json().id}/sync`,
        headers: bearer(admin),
      });
      expect(result.json()).toMatchObject({ status: 'error', created: 0 });
      expect(result.json().error).toMatch(/private or local network/);
      expect(feeds.hits.get('/feeds/private.ics')).toBeUndefined();
    });
  },
  {
    config: {
      jobs: { enabled: false, pollIntervalMs: 5_000 },
      channels: { syncMinutes: 15, allowPrivateAddresses: false, fetchTimeoutMs: 1_000 },
    },
  },
);

describeEachDatabase('channel sync: two instances syncing one feed at once', (get) => {
  it('creates each stay once', async () => {
    const { config, database, name } = get();
    const options = {
      jobs: { enabled: false, pollIntervalMs: 5_000 },
      channels: { syncMinutes: 15, allowPrivateAddresses: true, fetchTimeoutMs: 5_000 },
    };
    // Two processes on a server or a file; PGlite lives in this process, so the second shares it.
    const first = await buildApp(testConfig({ ...options, database: config }), { database });
    const second = await buildApp(
      testConfig({ ...options, database: config }),
      name === 'pglite' ? { database, migrate: false } : { migrate: false },
    );
    try {
      const admin = await registerUser(first);
      const house = await createHouse(first, admin);
      const events = Array.from({ length: 30 }, (_, index) => ({
        uid: `race-${index}@airbnb.com`,
        start: day(10 + index * 3),
        end: day(12 + index * 3),
      }));
      feeds.serve(`/feeds/race-${name}.ics`, icalFeed(events));
      const created = await first.inject({
        method: 'POST',
        url: `/api/v1/houses/${house.id}/channels`,
        headers: bearer(admin),
        payload: { name: 'Airbnb', source: 'airbnb', url: feeds.url(`/feeds/race-${name}.ics`) },
      });
      const channelId = created.json().id;
      for (let round = 0; round < 3; round++) {
        const answers = await Promise.all(
          [first, second, first, second].map((app) =>
            app.inject({ method: 'POST', url: `/api/v1/channels/${channelId}/sync`, headers: bearer(admin) }),
          ),
        );
        for (const answer of answers) expect([200, 409], answer.body).toContain(answer.statusCode);
        expect(answers.some((answer) => answer.statusCode === 200)).toBe(true);
      }
      const stays = await first.db
        .selectFrom('reservations')
        .select(['external_ref'])
        .where('house_id', '=', house.id)
        .where('status', '!=', 'cancelled')
        .execute();
      expect(stays).toHaveLength(events.length);
      expect(new Set(stays.map((stay) => stay.external_ref)).size).toBe(events.length);
    } finally {
      await second.close();
      await first.close();
    }
  }, 90_000); // two instances racing over 30 events, three rounds: slow on a loaded two-core machine
});
