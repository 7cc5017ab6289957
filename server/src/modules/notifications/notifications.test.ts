import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeApp, testConfig } from '../../../test/app.ts';
import {
  addMember,
  bearer,
  createHouse,
  createReservation,
  registerUser,
  type TestSession,
} from '../../../test/factories.ts';
import { FeedServer, icalFeed } from '../../../test/feed-server.ts';
import { createDatabase, type Database } from '../../db/database.ts';
import { addDays, localDate, wallClock } from '../../kernel/dates.ts';
import { NOTIFICATION_KINDS, type NotificationKind } from '../../kernel/notification-kinds.ts';
import { createServices, type Services } from '../../services.ts';
import {
  type Audience,
  balanceDueMessage,
  channelConflictMessage,
  channelErrorMessage,
  houseNotReadyMessage,
  type Message,
  stayMessage,
  turnoverOverdueMessage,
  workOrderMessage,
} from './notifications.messages.ts';

interface ReceivedMail {
  to: string[];
  raw: string;
}

/** A real SMTP server on 127.0.0.1 that keeps what it receives (as the email tests do). */
async function startSmtpServer() {
  const received: ReceivedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      let raw = '';
      stream.setEncoding('utf8');
      stream.on('data', (chunk: string) => {
        raw += chunk;
      });
      stream.on('end', () => {
        received.push({ to: session.envelope.rcptTo.map((recipient) => recipient.address), raw });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return { port, received, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** A mail's text: encoded-word headers and the quoted-printable body decoded. */
function readable(raw: string): string {
  const utf8 = (latin1: string) => Buffer.from(latin1, 'latin1').toString('utf8');
  const unquote = (text: string) =>
    text.replace(/=([0-9A-F]{2})/gi, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));
  const split = raw.indexOf('\r\n\r\n');
  const headers = raw
    .slice(0, split)
    .replace(/\r\n\s+/g, ' ')
    .replace(/=\?UTF-8\?Q\?([^?]*)\?=/gi, (_, word: string) => utf8(unquote(word.replace(/_/g, ' '))))
    .replace(/\?=\s+=\?/g, '');
  const body = utf8(unquote(raw.slice(split).replace(/=\r?\n/g, '')));
  return `${headers}${body}`;
}

async function eventually<T>(read: () => Promise<T> | T, accept: (value: T) => boolean, what: string) {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const value = await read();
    if (accept(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const smtp = await startSmtpServer();
const feeds = await FeedServer.start();
afterAll(async () => {
  await smtp.close();
  await feeds.close();
});

const GUEST_EMAIL = 'jane.guest@example.org';
const GUEST_PHONE = '+33 6 12 34 56 78';

describe('what staff read', () => {
  // Every kind, rendered as staff would read it, from facts that hold a guest's name, contact
  // details and money: none of it may show. balance_due is never sent to staff (recipients: managers).
  const stay = {
    houseCode: 'MV1',
    houseName: 'Maison 1',
    guestName: `Jane Guest <${GUEST_EMAIL}> ${GUEST_PHONE}`,
    checkIn: '2040-07-12',
    checkOut: '2040-07-15',
    source: 'airbnb',
    actorName: 'Alice',
  };
  const arrival = { ...stay, checkInTime: '16:00', done: 3, total: 10 };
  const work = {
    houseCode: 'MV1',
    houseName: 'Maison 1',
    title: 'Leaking tap',
    priority: 'urgent',
    actorName: 'Bob',
  };
  const renders: Record<
    Exclude<NotificationKind, 'balance_due'>,
    (locale: 'en' | 'fr', audience: Audience) => Message
  > = {
    stay_created: (locale, audience) => stayMessage('stay_created', locale, audience, stay),
    stay_changed: (locale, audience) =>
      stayMessage('stay_changed', locale, audience, {
        ...stay,
        previous: { houseCode: 'MV2', checkIn: '2040-07-10', checkOut: '2040-07-13' },
      }),
    stay_cancelled: (locale, audience) => stayMessage('stay_cancelled', locale, audience, stay),
    channel_conflict: (locale) =>
      channelConflictMessage(locale, {
        ...stay,
        channelName: 'Airbnb',
        ranges: [{ start: '2040-07-12', end: '2040-07-14' }],
      }),
    channel_error: (locale) =>
      channelErrorMessage(locale, { ...stay, channelName: 'Airbnb', code: 'timeout' }),
    work_order_reported: (locale) => workOrderMessage('work_order_reported', locale, work),
    work_order_assigned: (locale) => workOrderMessage('work_order_assigned', locale, work),
    work_order_urgent: (locale) => workOrderMessage('work_order_urgent', locale, work),
    work_order_resolved: (locale) => workOrderMessage('work_order_resolved', locale, work),
    house_not_ready: (locale, audience) => houseNotReadyMessage(locale, audience, arrival),
    turnover_overdue: (locale, audience) => turnoverOverdueMessage(locale, audience, arrival),
  };

  it.each(NOTIFICATION_KINDS.filter((kind) => kind !== 'balance_due'))(
    '%s holds no guest name, contact details or money for staff and owners',
    (kind) => {
      for (const locale of ['en', 'fr'] as const) {
        for (const audience of ['staff', 'owner'] as const) {
          const message = renders[kind as Exclude<NotificationKind, 'balance_due'>](locale, audience);
          const text = `${message.title}\n${message.body}`;
          expect(text).not.toContain(GUEST_EMAIL);
          expect(text).not.toContain(GUEST_PHONE);
          expect(text).not.toContain('Jane');
          expect(text).not.toMatch(/€|EUR|\d+[.,]\d\d\b/);
          expect(text).toContain('MV1');
        }
      }
    },
  );

  it('gives managers the guest and, for a balance, the amount, in their language', () => {
    expect(stayMessage('stay_created', 'en', 'manager', stay).title).toContain('Jane Guest');
    const fr = balanceDueMessage('fr', {
      ...arrival,
      guestName: 'Jane Guest',
      dueCents: 30_050,
      currency: 'EUR',
    });
    expect(fr.title).toBe('Solde dû : Jane Guest, MV1');
    expect(fr.body).toMatch(/300,50\s€/);
    expect(
      balanceDueMessage('en', { ...arrival, guestName: 'Jane Guest', dueCents: 30_050, currency: 'EUR' })
        .body,
    ).toContain('€300.50');
  });
});

/** A date `days` from today (UTC). */
const day = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

describeApp(
  'notifications',
  (get) => {
    let admin: TestSession;
    let manager: TestSession & { headers: Record<string, string>; organizationId: string };
    let staff: TestSession & { headers: Record<string, string> };
    let owner: TestSession & { headers: Record<string, string> };
    let adminHeaders: Record<string, string>;
    let ownedHouseId: string;
    let otherHouseId: string;

    beforeAll(async () => {
      const { app } = get();
      admin = await registerUser(app, { name: 'Alice Admin' });
      manager = await addMember(app, admin, 'manager');
      staff = await addMember(app, admin, 'staff');
      owner = await addMember(app, admin, 'owner');
      adminHeaders = { ...bearer(admin), 'x-organization-id': manager.organizationId };
      await app.inject({
        method: 'PATCH',
        url: '/api/v1/users/me',
        headers: manager.headers,
        payload: { name: 'Bruno Manager', locale: 'fr' },
      });
      ownedHouseId = (await createHouse(app, admin, { code: `own-${Date.now() % 100000}` })).id;
      otherHouseId = (await createHouse(app, admin)).id;
      const assigned = await app.inject({
        method: 'PUT',
        url: `/api/v1/members/${owner.user.id}/houses`,
        headers: adminHeaders,
        payload: { houseIds: [ownedHouseId] },
      });
      expect(assigned.statusCode, assigned.body).toBe(200);
    });

    async function inbox(headers: Record<string, string>, query = '') {
      const response = await get().app.inject({
        method: 'GET',
        url: `/api/v1/notifications${query}`,
        headers,
      });
      expect(response.statusCode, response.body).toBe(200);
      return response.json() as {
        items: {
          id: string;
          kind: string;
          title: string;
          body: string;
          url: string;
          entityId: string;
          readAt: string | null;
        }[];
        nextCursor: string | null;
        unreadCount: number;
      };
    }
    const about = async (headers: Record<string, string>, entityId: string) =>
      (await inbox(headers, '?limit=200')).items.filter((item) => item.entityId === entityId);

    it('tells the managers and the house’s owner of a stay someone else created, in their language; not the actor, not staff', async () => {
      const { app } = get();
      const stay = await createReservation(app, manager, {
        houseId: ownedHouseId,
        checkIn: day(40),
        checkOut: day(43),
        guestName: 'Jane Guest',
        guestEmail: GUEST_EMAIL,
        guestPhone: GUEST_PHONE,
        totalPrice: '300.00',
        advancePaid: '100.00',
      });
      const [toAdmin] = await about(bearer(admin), stay.id);
      expect(toAdmin).toMatchObject({ kind: 'stay_created', url: `/reservations/${stay.id}`, readAt: null });
      expect(toAdmin?.title).toMatch(/^New stay: own-\d+ · Jane Guest$/);
      expect(toAdmin?.body).toContain('by Bruno Manager');
      const [toOwner] = await about(owner.headers, stay.id);
      expect(toOwner?.kind).toBe('stay_created');
      expect(`${toOwner?.title} ${toOwner?.body}`).not.toContain('Jane');
      expect(await about(manager.headers, stay.id)).toEqual([]);
      expect(await about(staff.headers, stay.id)).toEqual([]);

      // A stay at another house is none of the owner's business.
      const elsewhere = await createReservation(app, manager, {
        houseId: otherHouseId,
        guestName: 'Other Guest',
      });
      expect(await about(owner.headers, elsewhere.id)).toEqual([]);
      expect(await about(bearer(admin), elsewhere.id)).toHaveLength(1);

      // The admin creates one: the manager hears of it, in French.
      const byAdmin = await createReservation(app, admin, { houseId: otherHouseId, guestName: 'Paul Hôte' });
      const [toManager] = await about(manager.headers, byAdmin.id);
      expect(toManager?.title).toMatch(/^Nouveau séjour : .* · Paul Hôte$/);
      expect(toManager?.body).toContain('par Alice Admin');
      expect(await about(bearer(admin), byAdmin.id)).toEqual([]);
    });

    it('tells of a stay moved or cancelled, and not of a change of notes', async () => {
      const { app } = get();
      const stay = await createReservation(app, admin, { houseId: otherHouseId, guestName: 'Moving Guest' });
      const patch = (payload: object) =>
        app.inject({
          method: 'PATCH',
          url: `/api/v1/reservations/${stay.id}`,
          headers: manager.headers,
          payload,
        });
      expect((await patch({ notes: 'late arrival' })).statusCode).toBe(200);
      expect(await about(bearer(admin), stay.id)).toEqual([]);
      expect(
        (await patch({ checkIn: addDays(stay.checkIn, 1), checkOut: addDays(stay.checkOut, 1) })).statusCode,
      ).toBe(200);
      const moved = await about(bearer(admin), stay.id);
      expect(moved.map((item) => item.kind)).toEqual(['stay_changed']);
      expect(moved[0]?.body).toContain('(was ');
      expect((await patch({ status: 'cancelled' })).statusCode).toBe(200);
      expect((await about(bearer(admin), stay.id)).map((item) => item.kind)).toEqual([
        'stay_cancelled',
        'stay_changed',
      ]);
      // The manager did both: only the admin's creation of the stay reached them.
      expect((await about(manager.headers, stay.id)).map((item) => item.kind)).toEqual(['stay_created']);
    });

    it('tells every manager of a stay a channel brought, a conflict and a channel in error (once per outage)', async () => {
      const { app } = get();
      const house = await createHouse(app, admin);
      const direct = await createReservation(app, admin, {
        houseId: house.id,
        checkIn: day(60),
        checkOut: day(63),
      });
      feeds.serve(
        `/n/${house.id}.ics`,
        icalFeed([
          { uid: 'new@airbnb.com', start: day(30), end: day(33) },
          { uid: 'clash@airbnb.com', start: day(61), end: day(64) },
        ]),
      );
      const created = await app.inject({
        method: 'POST',
        url: `/api/v1/houses/${house.id}/channels`,
        headers: bearer(admin),
        payload: { name: 'Airbnb', source: 'airbnb', url: feeds.url(`/n/${house.id}.ics`) },
      });
      const channel = created.json();
      // Adding the channel queued its first sync: one at a time, so a sync asked for meanwhile waits its turn.
      const sync = async () => {
        for (;;) {
          const response = await app.inject({
            method: 'POST',
            url: `/api/v1/channels/${channel.id}/sync`,
            headers: bearer(admin),
          });
          if (response.statusCode !== 409) return response;
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
      };
      await sync();
      for (const headers of [bearer(admin), manager.headers]) {
        const items = (await inbox(headers, '?limit=200')).items.filter(
          // The direct stay the admin made is not the channel's.
          (item) =>
            item.entityId !== direct.id && (item.url?.includes(house.id) || item.body.includes(house.code)),
        );
        expect(items.map((item) => item.kind).sort()).toEqual(['channel_conflict', 'stay_created']);
      }
      const fromChannel = (await inbox(bearer(admin), '?limit=200')).items.find(
        (item) => item.kind === 'stay_created' && item.body.includes(house.code),
      );
      expect(fromChannel?.body).toContain('from Airbnb');

      feeds.serve(`/n/${house.id}.ics`, { status: 500, body: 'down' });
      await sync();
      await sync();
      const errors = (await inbox(bearer(admin), '?limit=200')).items.filter(
        (item) => item.kind === 'channel_error' && item.entityId === channel.id,
      );
      expect(errors).toHaveLength(1);
      expect(errors[0]?.url).toBe(`/houses/${house.id}/channels`);
      expect(await about(staff.headers, channel.id)).toEqual([]);
    });

    it('tells of work orders: reported to managers, assigned to the assignee, urgent to both, resolved to the reporter and managers', async () => {
      const { app } = get();
      const reported = await app.inject({
        method: 'POST',
        url: '/api/v1/maintenance/issues',
        headers: staff.headers,
        payload: { houseId: otherHouseId, type: 'plumbing', title: 'Leaking tap' },
      });
      expect(reported.statusCode, reported.body).toBe(201);
      const issue = reported.json();
      const kinds = async (headers: Record<string, string>) =>
        (await about(headers, issue.id)).map((item) => item.kind);
      expect(await kinds(bearer(admin))).toEqual(['work_order_reported']);
      expect(await kinds(manager.headers)).toEqual(['work_order_reported']);
      expect(await kinds(staff.headers)).toEqual([]);
      expect((await about(bearer(admin), issue.id))[0]?.url).toBe(`/maintenance/${issue.id}`);

      const patch = async (headers: Record<string, string>, payload: object) => {
        const response = await app.inject({
          method: 'PATCH',
          url: `/api/v1/maintenance/issues/${issue.id}`,
          headers,
          payload,
        });
        expect(response.statusCode, response.body).toBe(200);
      };
      await patch(adminHeaders, { assigneeUserId: staff.user.id });
      expect(await kinds(staff.headers)).toEqual(['work_order_assigned']);
      await patch(manager.headers, { priority: 'urgent' });
      expect(await kinds(staff.headers)).toEqual(['work_order_urgent', 'work_order_assigned']);
      expect(await kinds(bearer(admin))).toEqual(['work_order_urgent', 'work_order_reported']);
      expect(await kinds(manager.headers)).toEqual(['work_order_reported']);
      await patch(staff.headers, { status: 'resolved' });
      expect((await kinds(bearer(admin)))[0]).toBe('work_order_resolved');
      expect((await kinds(manager.headers))[0]).toBe('work_order_resolved');
      expect((await kinds(staff.headers))[0]).toBe('work_order_urgent');
    });

    it('honours preferences: email only sends an email and adds no row; none sends nothing', async () => {
      const { app } = get();
      const put = async (
        headers: Record<string, string>,
        stayCreated: { inApp: boolean; email: boolean },
      ) => {
        const current = await app.inject({ method: 'GET', url: '/api/v1/notification-preferences', headers });
        expect(current.statusCode).toBe(200);
        const preferences = current.json();
        const saved = await app.inject({
          method: 'PUT',
          url: '/api/v1/notification-preferences',
          headers,
          payload: { ...preferences, kinds: { ...preferences.kinds, stay_created: stayCreated } },
        });
        expect(saved.statusCode, saved.body).toBe(200);
        const again = await app.inject({ method: 'GET', url: '/api/v1/notification-preferences', headers });
        expect(again.json().kinds.stay_created).toEqual(stayCreated);
      };
      // Until a member chooses, the organization's defaults: everything in the app, no email.
      const defaults = await app.inject({
        method: 'GET',
        url: '/api/v1/notification-preferences',
        headers: bearer(admin),
      });
      expect(defaults.json().kinds.stay_created).toEqual({ inApp: true, email: false });
      await put(bearer(admin), { inApp: false, email: true });
      try {
        await put(manager.headers, { inApp: false, email: false });
        const bad = await app.inject({
          method: 'PUT',
          url: '/api/v1/notification-preferences',
          headers: bearer(admin),
          payload: { kinds: { no_such_kind: { inApp: true, email: true } }, digest: true },
        });
        expect(bad.statusCode).toBe(400);
        expect(bad.headers['content-type']).toContain('application/problem+json');

        // A third manager makes the stay, so the admin and the manager both hear of it (or not).
        const third = await addMember(app, admin, 'manager');
        const stay = await createReservation(app, third, {
          houseId: otherHouseId,
          guestName: 'Mailed Guest',
        });
        expect(await about(bearer(admin), stay.id)).toEqual([]);
        expect(await about(manager.headers, stay.id)).toEqual([]);
        const mail = await eventually(
          () =>
            smtp.received.find(
              (message) => message.to.includes(admin.email) && readable(message.raw).includes('Mailed Guest'),
            ),
          (message) => message !== undefined,
          'the stay email',
        );
        const text = readable(mail?.raw ?? '');
        expect(text).toMatch(/Subject: New stay: .* · Mailed Guest/);
        expect(text).toContain(`http://localhost:3000/reservations/${stay.id}`);
        const managerMail = await app.db
          .selectFrom('email_outbox')
          .select('id')
          .where('recipient', '=', manager.email)
          .where('template', '=', 'stay-created')
          .execute();
        expect(managerMail).toEqual([]);
      } finally {
        // The other tests count on the defaults.
        await put(bearer(admin), { inApp: true, email: false });
        await put(manager.headers, { inApp: true, email: false });
      }
    });

    it('counts unread, marks one and all read, ignores ids that are not the caller’s, and pages', async () => {
      const { app } = get();
      for (let index = 0; index < 3; index += 1) {
        await createReservation(app, manager, { houseId: otherHouseId, guestName: `Counted ${index}` });
      }
      const before = await inbox(bearer(admin), '?unread=true&limit=200');
      expect(before.unreadCount).toBe(before.items.length);
      expect(before.unreadCount).toBeGreaterThanOrEqual(3);
      const [first, second] = before.items;
      const read = (headers: Record<string, string>, payload: object) =>
        app.inject({ method: 'POST', url: '/api/v1/notifications/read', headers, payload });
      expect((await read(bearer(admin), { ids: [first?.id] })).statusCode).toBe(204);
      expect((await inbox(bearer(admin))).unreadCount).toBe(before.unreadCount - 1);

      // Another member cannot mark the admin's: nothing changes, and no error says whether it exists.
      expect((await read(manager.headers, { ids: [second?.id] })).statusCode).toBe(204);
      expect((await inbox(bearer(admin))).unreadCount).toBe(before.unreadCount - 1);

      // Pages, newest first, without repeats.
      const page1 = await inbox(bearer(admin), '?limit=2');
      expect(page1.items).toHaveLength(2);
      expect(page1.nextCursor).not.toBeNull();
      const page2 = await inbox(bearer(admin), `?limit=2&cursor=${page1.nextCursor}`);
      expect(page2.items[0]?.id).not.toBe(page1.items[1]?.id);
      expect(page1.items.map((item) => item.id)).toEqual(before.items.slice(0, 2).map((item) => item.id));
      expect(
        (
          await app.inject({
            method: 'GET',
            url: '/api/v1/notifications?cursor=bogus',
            headers: bearer(admin),
          })
        ).statusCode,
      ).toBe(400);

      expect((await read(bearer(admin), { all: true })).statusCode).toBe(204);
      expect((await inbox(bearer(admin), '?unread=true')).items).toEqual([]);
      expect((await inbox(bearer(admin))).unreadCount).toBe(0);
      expect((await read(bearer(admin), { ids: [] })).statusCode).toBe(400);
      expect((await read(bearer(admin), { all: false })).statusCode).toBe(400);

      // Another organization sees none of it.
      const stranger = await registerUser(app);
      const theirs = await inbox(bearer(stranger));
      expect(theirs.items).toEqual([]);
      const foreign = await app.inject({
        method: 'GET',
        url: '/api/v1/notifications',
        headers: { ...bearer(stranger), 'x-organization-id': manager.organizationId },
      });
      expect(foreign.statusCode).toBe(404);
    });

    describe('reminders and the digest, with two instances', () => {
      let second: Services;
      let secondDatabase: Database | undefined;
      let first: Services;

      beforeAll(async () => {
        const { db, app, clock } = get();
        const config = testConfig({
          database: db.config,
          email: { smtpUrl: `smtp://127.0.0.1:${smtp.port}`, from: testConfig().email.from },
        });
        // Two processes: on the PostgreSQL server each its own pool, so the two race for real.
        secondDatabase = db.name === 'postgres' ? await createDatabase(db.config) : undefined;
        first = createServices({ database: db.database, config, log: app.log, now: clock.now });
        second = createServices({
          database: secondDatabase ?? db.database,
          config,
          log: app.log,
          now: clock.now,
        });
      });
      afterAll(async () => {
        for (const services of [first, second]) {
          await services?.jobs.stop();
          services?.outbox.close();
        }
        await secondDatabase?.close();
      });

      /** A house in UTC whose guests arrive `hours` from now (negative: already due). */
      async function arrivalIn(hours: number, extra: object = {}) {
        const { app } = get();
        const at = new Date(Date.now() + hours * 3_600_000);
        const house = await createHouse(app, admin, {
          timezone: 'UTC',
          checkInTime: wallClock(at, 'UTC').slice(11),
        });
        const checkIn = localDate(at, 'UTC');
        const stay = await createReservation(app, admin, {
          houseId: house.id,
          checkIn,
          checkOut: addDays(checkIn, 3),
          guestName: 'Reminded Guest',
          guestEmail: GUEST_EMAIL,
          guestPhone: GUEST_PHONE,
          totalPrice: '450.00',
          advancePaid: '150.00',
          ...extra,
        });
        return { house, stay };
      }

      it('sends "not ready" and "balance due" once per stay, whichever runner runs the job', async () => {
        const { app } = get();
        const { house, stay } = await arrivalIn(12);
        await Promise.all([first.jobs.runDue(), second.jobs.runDue()]);
        await Promise.all([first.notifications.sendReminders(), second.notifications.sendReminders()]);
        await Promise.all([first.notifications.sendReminders(), second.notifications.sendReminders()]);
        const rows = await app.db
          .selectFrom('notifications')
          .select(['user_id', 'kind', 'title', 'body', 'url'])
          .where('entity_id', 'in', [house.id, stay.id])
          .execute();
        const notReady = rows.filter((row) => row.kind === 'house_not_ready');
        expect(notReady.map((row) => row.user_id)).toEqual(
          expect.arrayContaining([admin.user.id, manager.user.id, staff.user.id]),
        );
        expect(new Set(notReady.map((row) => row.user_id)).size).toBe(notReady.length);
        expect(notReady.every((row) => row.url === `/houses/${house.id}/checklist`)).toBe(true);
        const balance = rows.filter((row) => row.kind === 'balance_due');
        expect(balance.map((row) => row.user_id)).toEqual(
          expect.arrayContaining([admin.user.id, manager.user.id]),
        );
        expect(balance.some((row) => row.user_id === staff.user.id)).toBe(false);
        expect(new Set(balance.map((row) => row.user_id)).size).toBe(balance.length);
        expect(balance.find((row) => row.user_id === admin.user.id)?.body).toContain('€300.00');
        expect(balance.find((row) => row.user_id === manager.user.id)?.body).toMatch(/300,00\s€/);
        const toStaff = rows.filter((row) => row.user_id === staff.user.id);
        expect(toStaff.map((row) => row.kind)).toEqual(['house_not_ready']);
        for (const row of toStaff) {
          const text = `${row.title} ${row.body}`;
          expect(text).not.toContain(GUEST_EMAIL);
          expect(text).not.toContain(GUEST_PHONE);
          expect(text).not.toMatch(/€|\d+[.,]\d\d\b/);
        }
        expect(rows.some((row) => row.user_id === owner.user.id)).toBe(false);
      });

      it('tells of a turnover overdue once per round, and of nothing for a stay days away', async () => {
        const { app, clock } = get();
        const { house } = await arrivalIn(1, { advancePaid: '450.00' });
        const far = await arrivalIn(24 * 5);
        clock.advance(2 * 3_600_000);
        await Promise.all([first.notifications.sendReminders(), second.notifications.sendReminders()]);
        await Promise.all([first.notifications.sendReminders(), second.notifications.sendReminders()]);
        const rows = await app.db
          .selectFrom('notifications')
          .select(['user_id', 'kind', 'body'])
          .where('entity_id', 'in', [house.id, far.house.id, far.stay.id])
          .execute();
        const overdue = rows.filter((row) => row.kind === 'turnover_overdue');
        expect(overdue.map((row) => row.user_id)).toEqual(
          expect.arrayContaining([admin.user.id, manager.user.id, staff.user.id]),
        );
        expect(new Set(overdue.map((row) => row.user_id)).size).toBe(overdue.length);
        expect(overdue.find((row) => row.user_id === staff.user.id)?.body).not.toContain('Reminded');
        expect(rows.filter((row) => row.kind === 'balance_due')).toEqual([]);
        expect(
          rows.filter((row) => !['turnover_overdue', 'house_not_ready', 'stay_created'].includes(row.kind)),
        ).toEqual([]);
      });

      it('sends the evening digest once per manager and day, in their language, with tomorrow', async () => {
        const { app, clock } = get();
        // An evening past 18:00 in the organization's time zone (Europe/Paris).
        // A day ahead, so that the digest of the real today (which any runDue may have sent) is not this one.
        let offset = 24 * 3_600_000;
        while (wallClock(new Date(Date.now() + offset), 'Europe/Paris').slice(11) < '18:30')
          offset += 30 * 60_000;
        const evening = new Date(Date.now() + offset);
        const tomorrow = addDays(localDate(evening, 'Europe/Paris'), 1);
        const house = await createHouse(app, admin, { code: `dg-${Date.now() % 100000}` });
        await createReservation(app, admin, {
          houseId: house.id,
          checkIn: tomorrow,
          checkOut: addDays(tomorrow, 2),
          guestName: 'Digest Guest',
        });
        await app.inject({
          method: 'PUT',
          url: '/api/v1/notification-preferences',
          headers: staff.headers,
          payload: { kinds: {}, digest: true },
        });
        clock.advance(offset);
        await Promise.all([first.notifications.sendDigests(), second.notifications.sendDigests()]);
        await Promise.all([first.notifications.sendDigests(), second.notifications.sendDigests()]);
        const digests = await app.db
          .selectFrom('email_outbox')
          .select(['recipient', 'subject', 'body_text', 'locale'])
          .where('template', '=', 'digest')
          .where('recipient', 'in', [admin.email, manager.email, staff.email, owner.email])
          .where('body_text', 'like', `%${house.code}%`)
          .execute();
        expect(digests.map((row) => row.recipient).sort()).toEqual([admin.email, manager.email].sort());
        const english = digests.find((row) => row.recipient === admin.email);
        expect(english?.subject).toMatch(/^Tomorrow, /);
        expect(english?.body_text).toContain('Arrivals (');
        expect(english?.body_text).toContain(`${house.code} · ${house.name}: Digest Guest`);
        const french = digests.find((row) => row.recipient === manager.email);
        expect(french?.locale).toBe('fr');
        expect(french?.subject).toMatch(/^Demain, /);
        expect(french?.body_text).toContain('Arrivées (');
        expect(french?.body_text).toContain('Digest Guest');
        // Through the SMTP server, like every email.
        await app.jobs.runDue();
        await eventually(
          () =>
            smtp.received.filter(
              (message) =>
                message.to.includes(manager.email) && readable(message.raw).includes('Digest Guest'),
            ),
          (found) => found.length === 1,
          'the digest through SMTP',
        );
      });
    });
  },
  { config: { email: { smtpUrl: `smtp://127.0.0.1:${smtp.port}`, from: testConfig().email.from } } },
);
