import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeApp, testConfig } from '../../../test/app.ts';
import { openTestDatabase, type TestDatabase } from '../../../test/databases.ts';
import { type EventStreamClient, openEventStream, type ReceivedEvent } from '../../../test/event-stream.ts';
import {
  addMember,
  bearer,
  createHouse,
  createReservation,
  registerUser,
  type TestSession,
} from '../../../test/factories.ts';
import {
  callServer,
  databaseUrl,
  type ServerProcess,
  startServerProcess,
} from '../../../test/server-process.ts';
import { buildApp } from '../../app.ts';
import type { Db } from '../../db/database.ts';
import { newId } from '../../db/ids.ts';
import type { AppInstance } from '../../http/types.ts';
import { parseEventId } from './live.service.ts';

const changeOf = (event: ReceivedEvent) =>
  JSON.parse(event.data) as { entityType: string; entityId: string; action: string };
const isChange = (entityType: string, entityId: string, action?: string) => (event: ReceivedEvent) =>
  event.event === 'change' &&
  changeOf(event).entityType === entityType &&
  changeOf(event).entityId === entityId &&
  (action === undefined || changeOf(event).action === action);

/** A notification row as the notifications module writes it (the stream reads the table). */
async function insertNotification(db: Db, member: { userId: string; organizationId: string }, title: string) {
  const id = newId();
  await db
    .insertInto('notifications')
    .values({
      id,
      organization_id: member.organizationId,
      user_id: member.userId,
      kind: 'stay_created',
      title,
      body: 'Mv1, 12–14 March',
      entity_type: 'reservation',
      entity_id: newId(),
      url: '/reservations/x',
      created_at: new Date().toISOString(),
      read_at: null,
      dedupe_key: null,
    })
    .execute();
  const row = await db
    .selectFrom('notifications')
    .select('seq')
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
  return { id, seq: Number(row.seq) };
}

describeApp('live updates: GET /api/v1/events', (get) => {
  let base = '';
  let admin: TestSession;
  let organizationId: string;
  let manager: Awaited<ReturnType<typeof addMember>>;
  const streams: EventStreamClient[] = [];

  beforeAll(async () => {
    const { app } = get();
    await app.listen({ host: '127.0.0.1', port: 0 });
    const address = app.server.address();
    if (typeof address !== 'object' || !address) throw new Error('not listening');
    base = `http://127.0.0.1:${address.port}`;
    admin = await registerUser(get().app);
    manager = await addMember(get().app, admin, 'manager');
    organizationId = manager.organizationId;
  });

  afterAll(() => {
    for (const stream of streams) stream.close();
  });

  async function open(headers: Record<string, string>, query = ''): Promise<EventStreamClient> {
    const stream = await openEventStream(`${base}/api/v1/events${query}`, headers);
    streams.push(stream);
    return stream;
  }

  it("sends member A's change to member B's stream within a second, with the stream's headers", async () => {
    const stream = await open(manager.headers);
    expect(stream.status).toBe(200);
    expect(stream.headers['content-type']).toBe('text/event-stream; charset=utf-8');
    expect(stream.headers['cache-control']).toBe('no-cache');
    expect(stream.headers['x-accel-buffering']).toBe('no');
    expect(stream.headers['x-request-id']).toBeDefined();

    const house = await createHouse(get().app, admin);
    const written = performance.now();
    const event = await stream.next(isChange('house', house.id, 'create'), 1_000);
    expect(event.at - written).toBeLessThan(1_000);
    expect(parseEventId(event.id ?? '')).not.toBeNull();
    expect(changeOf(event)).toEqual({ entityType: 'house', entityId: house.id, action: 'create' });
  });

  it('replays what was missed after Last-Event-ID, in order, then goes on live', async () => {
    const house = await createHouse(get().app, admin);
    const first = await open(manager.headers);
    const renamed = await get().app.inject({
      method: 'PATCH',
      url: `/api/v1/houses/${house.id}`,
      headers: { ...bearer(admin), 'if-match': `"${house.version}"` },
      payload: { name: 'Renamed while B was there' },
    });
    expect(renamed.statusCode).toBe(200);
    const seen = await first.next(isChange('house', house.id, 'update'));
    first.close();

    // While B is away: a stay, and a notification for B.
    const stay = await createReservation(get().app, admin, { houseId: house.id });
    const note = await insertNotification(
      get().app.db,
      { userId: manager.user.id, organizationId },
      'While away',
    );

    const again = await open({ ...manager.headers, 'last-event-id': seen.id ?? '' });
    const replayed = await again.next(isChange('reservation', stay.id, 'create'));
    // (The notifications module also tells B of the stay: the one looked for is the test's own.)
    const notification = await again.next(
      (event) => event.event === 'notification' && JSON.parse(event.data).id === note.id,
    );
    expect(JSON.parse(notification.data)).toMatchObject({ id: note.id, title: 'While away', readAt: null });
    expect(parseEventId(notification.id ?? '')?.notifications).toBe(note.seq);
    // Nothing B had already seen comes again, and the ids only grow.
    expect(again.events.some(isChange('house', house.id, 'update'))).toBe(false);
    const ids = again.events.filter((event) => event.id).map((event) => parseEventId(event.id ?? ''));
    for (const [index, id] of ids.entries()) {
      if (index === 0 || !id) continue;
      const before = ids[index - 1];
      expect(id.changes >= (before?.changes ?? 0) && id.notifications >= (before?.notifications ?? 0)).toBe(
        true,
      );
    }
    expect(again.events.indexOf(replayed)).toBeGreaterThanOrEqual(0);

    // Then live: the next change arrives too.
    const later = await createHouse(get().app, admin);
    await again.next(isChange('house', later.id, 'create'));

    // The same through the query string (an EventSource that lost its header).
    const byQuery = await open(manager.headers, `?lastEventId=${encodeURIComponent(seen.id ?? '')}`);
    await byQuery.next(isChange('reservation', stay.id, 'create'));
  });

  it('answers an id it cannot replay with a reset event, never an error', async () => {
    const malformed = await open({ ...manager.headers, 'last-event-id': 'not-an-id' });
    expect(malformed.status).toBe(200);
    expect(JSON.parse((await malformed.next((event) => event.event === 'reset')).data)).toEqual({
      reason: 'malformed',
    });

    const ahead = await open({ ...manager.headers, 'last-event-id': '999999999999.0' });
    expect(JSON.parse((await ahead.next((event) => event.event === 'reset')).data)).toEqual({
      reason: 'expired',
    });
  });

  it("never sends another organization's change", async () => {
    const stream = await open(manager.headers);
    const stranger = await registerUser(get().app);
    const theirs = await createHouse(get().app, stranger);
    const ours = await createHouse(get().app, admin);
    // Events come in the order of the log: theirs, written first, would have come before ours.
    await stream.next(isChange('house', ours.id, 'create'));
    expect(stream.events.some((event) => event.data.includes(theirs.id))).toBe(false);
  });

  it('sends a notification to its member only, in the organization the stream is for', async () => {
    const managerStream = await open(manager.headers);
    const adminStream = await open(bearer(admin));
    const forManager = await insertNotification(
      get().app.db,
      { userId: manager.user.id, organizationId },
      'For B',
    );
    // The same member in their own organization: not this stream's.
    const ownOrganization = await get()
      .app.db.selectFrom('memberships')
      .select('organization_id')
      .where('user_id', '=', manager.user.id)
      .where('organization_id', '!=', organizationId)
      .executeTakeFirstOrThrow();
    await insertNotification(
      get().app.db,
      { userId: manager.user.id, organizationId: ownOrganization.organization_id },
      'Elsewhere',
    );
    const forAdmin = await insertNotification(
      get().app.db,
      { userId: admin.user.id, organizationId },
      'For A',
    );

    const received = await managerStream.next((event) => event.event === 'notification');
    expect(JSON.parse(received.data)).toEqual({
      id: forManager.id,
      kind: 'stay_created',
      title: 'For B',
      body: 'Mv1, 12–14 March',
      entityType: 'reservation',
      entityId: expect.any(String),
      url: '/reservations/x',
      createdAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/),
      readAt: null,
    });
    const adminReceived = await adminStream.next((event) => event.event === 'notification');
    expect(JSON.parse(adminReceived.data).id).toBe(forAdmin.id);
    // The admin's came after the others; by then neither stream had anyone else's.
    await managerStream.next(isChange('house', (await createHouse(get().app, admin)).id));
    const titles = managerStream.events
      .filter((event) => event.event === 'notification')
      .map((event) => JSON.parse(event.data).title);
    expect(titles).toEqual(['For B']);
    expect(adminStream.events.filter((event) => event.event === 'notification')).toHaveLength(1);
  });

  it('tells staff of stays but not of money, and owners of nothing but their notifications', async () => {
    const staff = await addMember(get().app, admin, 'staff');
    const owner = await addMember(get().app, admin, 'owner');
    const staffStream = await open(staff.headers);
    const ownerStream = await open(owner.headers);
    const managerStream = await open(manager.headers);
    const house = await createHouse(get().app, admin);
    const stay = await createReservation(get().app, admin, { houseId: house.id });
    const payment = await get().app.inject({
      method: 'POST',
      url: `/api/v1/reservations/${stay.id}/payments`,
      headers: bearer(admin),
      payload: {
        amount: '50.00',
        kind: 'advance',
        method: 'bank_transfer',
        date: new Date().toISOString().slice(0, 10),
      },
    });
    expect(payment.statusCode).toBe(201);

    await staffStream.next(isChange('reservation', stay.id, 'create'));
    const ownerNote = await insertNotification(
      get().app.db,
      { userId: owner.user.id, organizationId },
      'Yours',
    );
    const last = await createHouse(get().app, admin);
    await staffStream.next(isChange('house', last.id, 'create'));
    await managerStream.next(isChange('house', last.id, 'create'));
    expect(staffStream.events.some((event) => /"entityType":"(payment|ledger_entry)"/.test(event.data))).toBe(
      false,
    );
    expect(managerStream.events.some((event) => /"entityType":"payment"/.test(event.data))).toBe(true);
    const received = await ownerStream.next((event) => event.event === 'notification');
    expect(JSON.parse(received.data).id).toBe(ownerNote.id);
    expect(ownerStream.events.filter((event) => event.event === 'change')).toEqual([]);
  });

  it('refuses a stream without credentials, and takes the token from the query string on this route only', async () => {
    const anonymous = await open({});
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(JSON.parse(await anonymous.body())).toMatchObject({ status: 401 });

    const byQuery = await open(
      {},
      `?access_token=${encodeURIComponent(manager.accessToken)}&organizationId=${organizationId}`,
    );
    expect(byQuery.status).toBe(200);
    const house = await createHouse(get().app, admin);
    await byQuery.next(isChange('house', house.id, 'create'));

    const bad = await open({}, '?access_token=not-a-token');
    expect(bad.status).toBe(401);
    // Anywhere else the query string is no way in.
    const me = await fetch(`${base}/api/v1/auth/me?access_token=${encodeURIComponent(manager.accessToken)}`);
    expect(me.status).toBe(401);
    // A stream for an organization the member is not in.
    const stranger = await registerUser(get().app);
    const elsewhere = await open(bearer(stranger), `?organizationId=${organizationId}`);
    expect(elsewhere.status).toBe(404);
  });

  it('closes what clients leave: the count of open streams returns to zero', async () => {
    // Streams of earlier tests may still be closing: wait until those are gone.
    for (const stream of streams.splice(0)) stream.close();
    await waitUntil(() => get().app.eventStreamsOpen() === 0);
    const opened = await Promise.all(Array.from({ length: 20 }, () => open(manager.headers)));
    expect(get().app.eventStreamsOpen()).toBe(20);
    for (const stream of opened) stream.close();
    await waitUntil(() => get().app.eventStreamsOpen() === 0);
    expect(get().app.eventStreamsOpen()).toBe(0);
  });
});

async function waitUntil(condition: () => boolean, timeoutMs = 3_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describeApp(
  'live updates: heartbeats',
  (get) => {
    it('writes a comment on a quiet stream at the configured interval', async () => {
      const { app } = get();
      await app.listen({ host: '127.0.0.1', port: 0 });
      const address = app.server.address();
      if (typeof address !== 'object' || !address) throw new Error('not listening');
      const admin = await registerUser(app);
      const stream = await openEventStream(`http://127.0.0.1:${address.port}/api/v1/events`, bearer(admin));
      try {
        const started = performance.now();
        await stream.nextComment((comment) => comment === 'heartbeat', 2_500);
        expect(performance.now() - started).toBeLessThan(2_500);
      } finally {
        stream.close();
      }
    });
  },
  { config: { live: { pollIntervalMs: 100, heartbeatMs: 1_000, gapWaitMs: 5_000 } } },
);

describe('live updates: closing the server', () => {
  it('ends open streams instead of waiting for them', async () => {
    const database: TestDatabase = await openTestDatabase('sqlite');
    const app = await buildApp(testConfig({ database: database.config }), { database: database.database });
    try {
      await app.listen({ host: '127.0.0.1', port: 0 });
      const address = app.server.address();
      if (typeof address !== 'object' || !address) throw new Error('not listening');
      const admin = await registerUser(app);
      const stream = await openEventStream(`http://127.0.0.1:${address.port}/api/v1/events`, bearer(admin));
      expect(app.eventStreamsOpen()).toBe(1);
      const started = performance.now();
      await app.close();
      await stream.ended;
      expect(performance.now() - started).toBeLessThan(2_000);
      expect(app.eventStreamsOpen()).toBe(0);
    } finally {
      await app.close();
      await database.dispose();
    }
  });
});

// Two transactions at once need a server: PGlite runs one at a time.
describe.skipIf(!process.env.TEST_DATABASE_URL)('live updates on the PostgreSQL server', () => {
  let database: TestDatabase;
  let app: AppInstance;
  let base = '';

  beforeAll(async () => {
    database = await openTestDatabase('postgres');
    app = await buildApp(testConfig({ database: database.config }), { database: database.database });
    await app.listen({ host: '127.0.0.1', port: 0 });
    const address = app.server.address();
    if (typeof address !== 'object' || !address) throw new Error('not listening');
    base = `http://127.0.0.1:${address.port}`;
  });

  afterAll(async () => {
    await app?.close();
    await database?.dispose();
  });

  it('streams a change whose transaction started first and committed last', async () => {
    const admin = await registerUser(app);
    const slowHouse = await createHouse(app, admin);
    const stream = await openEventStream(`${base}/api/v1/events`, bearer(admin));
    try {
      let release: () => void = () => {};
      const released = new Promise<void>((resolve) => {
        release = resolve;
      });
      let updated: () => void = () => {};
      const updating = new Promise<void>((resolve) => {
        updated = resolve;
      });
      // The slow transaction writes first, so its audit entry takes the smaller seq, and commits last.
      const slow = app.db.transaction().execute(async (tx) => {
        await sql`update houses set name = 'Slow change' where id = ${slowHouse.id}`.execute(tx);
        updated();
        await released;
      });
      await updating;
      const fast = await createHouse(app, admin);
      const [slowSeq, fastSeq] = await Promise.all([
        sql<{ seq: number }>`select max(seq) as seq from audit_log where entity_id = ${slowHouse.id}`.execute(
          app.db,
        ),
        sql<{ seq: number }>`select seq from audit_log where entity_id = ${fast.id}`.execute(app.db),
      ]);
      // The slow entry is not visible yet; the fast one is.
      expect(Number(fastSeq.rows[0]?.seq)).toBeGreaterThan(Number(slowSeq.rows[0]?.seq ?? 0));
      await new Promise((resolve) => setTimeout(resolve, 600));
      release();
      await slow;
      const slowEvent = await stream.next(isChange('house', slowHouse.id, 'update'), 3_000);
      const fastEvent = await stream.next(isChange('house', fast.id, 'create'), 3_000);
      // Both arrive, in the order of the log.
      expect(stream.events.indexOf(slowEvent)).toBeLessThan(stream.events.indexOf(fastEvent));
    } finally {
      stream.close();
    }
  });

  it('sends a change made through one instance to a stream on another within two seconds', async () => {
    const env = {
      DATABASE_URL: databaseUrl(database.config),
      DATA_DIR: '/tmp',
      LIVE_POLL_INTERVAL_MS: '300',
    };
    const servers: ServerProcess[] = [];
    try {
      servers.push(await startServerProcess(env), await startServerProcess(env));
      const [one, two] = servers.map((server) => server.baseUrl) as [string, string];
      const registered = await callServer(one, '/api/v1/auth/register', {
        body: { email: `live-${Date.now()}@example.org`, password: 'two instances, one log', name: 'Ana' },
      });
      const token = registered.body.accessToken as string;
      const stream = await openEventStream(`${two}/api/v1/events?access_token=${encodeURIComponent(token)}`);
      try {
        expect(stream.status).toBe(200);
        const created = await callServer(one, '/api/v1/houses', {
          token,
          body: { code: `live-${Date.now()}`, name: 'Across', type: 'villa', maxGuests: 2 },
        });
        expect(created.status).toBe(201);
        const written = performance.now();
        const event = await stream.next(isChange('house', created.body.id as string, 'create'), 2_000);
        expect(event.at - written).toBeLessThan(2_000);
      } finally {
        stream.close();
      }
    } finally {
      await Promise.all(servers.map((server) => server.stop()));
    }
  }, 90_000); // two server processes to start: slow on a loaded machine; the two seconds are the event's
});

// Purging moves the oldest kept row for every stream: kept apart from the tests above.
describeApp('live updates: an id whose rows were purged', (get) => {
  it('starts again from now with a reset event', async () => {
    const { app } = get();
    await app.listen({ host: '127.0.0.1', port: 0 });
    const address = app.server.address();
    if (typeof address !== 'object' || !address) throw new Error('not listening');
    const admin = await registerUser(app);
    const manager = await addMember(app, admin, 'manager');
    const organizationId = manager.organizationId;
    const open = (headers: Record<string, string>) =>
      openEventStream(`http://127.0.0.1:${address.port}/api/v1/events`, headers);
    // Notifications purged since the id (the oldest go first): what was missed is gone.
    const member = { userId: manager.user.id, organizationId };
    const old = await insertNotification(app.db, member, 'old');
    const purged = await insertNotification(app.db, member, 'purged');
    await insertNotification(app.db, member, 'kept');
    await app.db.deleteFrom('notifications').where('seq', '<=', purged.seq).execute();
    const newest = await sql<{ seq: number }>`select max(seq) as seq from audit_log`.execute(app.db);
    const expired = await open({
      ...manager.headers,
      'last-event-id': `${Number(newest.rows[0]?.seq)}.${old.seq}`,
    });
    const reset = await expired.next((event) => event.event === 'reset');
    expect(JSON.parse(reset.data)).toEqual({ reason: 'expired' });
    // It starts from now: a new event follows the reset.
    const house = await createHouse(app, admin);
    await expired.next(isChange('house', house.id, 'create'));
    expired.close();
  });
});
