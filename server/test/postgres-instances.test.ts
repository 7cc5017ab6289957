import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, type TestDatabase } from './databases.ts';
import { openEventStream } from './event-stream.ts';
import { callServer, databaseUrl, type ServerProcess, startServerProcess } from './server-process.ts';

/**
 * Two `staykeep serve` processes on one PostgreSQL database, as behind a load
 * balancer, reached through nothing but their own ports, with the uploads in
 * the database. Whatever a user does through one, the other must see.
 */
describe.skipIf(!process.env.TEST_DATABASE_URL)('two instances on one PostgreSQL database', () => {
  let database: TestDatabase;
  let servers: ServerProcess[] = [];
  let one = '';
  let two = '';
  let token = '';
  const email = `pair-${Date.now()}@example.org`;
  const password = 'one database, two servers';

  beforeAll(async () => {
    database = await openTestDatabase('postgres');
    const env = {
      DATABASE_URL: databaseUrl(database.config),
      DATA_DIR: '/tmp',
      UPLOAD_STORAGE: 'database',
      LIVE_POLL_INTERVAL_MS: '200',
      JOBS_POLL_INTERVAL_MS: '100',
      LOGIN_MAX_FAILURES_PER_ACCOUNT: '3',
    };
    servers = await Promise.all([startServerProcess(env), startServerProcess(env)]);
    [one, two] = servers.map((server) => server.baseUrl) as [string, string];
    const registered = await callServer(one, '/api/v1/auth/register', {
      body: { email, password, name: 'Pat' },
    });
    expect(registered.status).toBe(201);
    token = String(registered.body.accessToken);
  }, 90_000); // two server processes to start, on a loaded machine

  afterAll(async () => {
    await Promise.all(servers.map((server) => server.stop()));
    await database?.dispose();
  });

  it('reads on one a stay created on the other, and streams its creation there', async () => {
    const house = await callServer(one, '/api/v1/houses', {
      token,
      body: { code: 'pair', name: 'Pair', type: 'villa', maxGuests: 4, nightlyPrice: '120.00' },
    });
    expect(house.status).toBe(201);
    const stream = await openEventStream(`${two}/api/v1/events?access_token=${encodeURIComponent(token)}`);
    try {
      expect(stream.status).toBe(200);
      const stay = await callServer(one, '/api/v1/reservations', {
        token,
        body: {
          houseId: house.body.id,
          guestName: 'Lee',
          checkIn: '2041-05-01',
          checkOut: '2041-05-04',
          guests: 2,
        },
      });
      expect(stay.status).toBe(201);
      const id = String(stay.body.id);
      const event = await stream.next((received) => {
        if (received.event !== 'change') return false;
        const change = JSON.parse(received.data) as { entityType: string; entityId: string; action: string };
        return change.entityType === 'reservation' && change.entityId === id && change.action === 'create';
      }, 3_000);
      expect(event.id).not.toBeNull();
      const read = await callServer(two, `/api/v1/reservations/${id}`, { token });
      expect(read.status).toBe(200);
      expect(read.body).toMatchObject({ id, guestName: 'Lee', checkIn: '2041-05-01', totalPrice: '360.00' });
    } finally {
      stream.close();
    }
  });

  it('throttles on one the logins that failed on the other', async () => {
    for (let failure = 0; failure < 3; failure++) {
      const wrong = await callServer(one, '/api/v1/auth/login', {
        body: { email, password: 'not the password' },
      });
      expect(wrong.status).toBe(401);
    }
    // The right password too: the account is throttled, whichever instance answers.
    const throttled = await callServer(two, '/api/v1/auth/login', { body: { email, password } });
    expect(throttled.status).toBe(429);
  });

  it('serves through one, byte for byte, a file uploaded through the other', async () => {
    const house = await callServer(one, '/api/v1/houses', {
      token,
      body: { code: 'files', name: 'Files', type: 'villa', maxGuests: 2 },
    });
    // A PDF is kept as sent: random bytes inside make any change show.
    const pdf = Buffer.concat([
      Buffer.from('%PDF-1.4\n1 0 obj << /Length 65536 >> stream\n'),
      randomBytes(65_536),
      Buffer.from('\nendstream endobj\ntrailer << >>\n%%EOF\n'),
    ]);
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(pdf)], { type: 'application/pdf' }), 'inventory.pdf');
    const uploaded = await fetch(`${one}/api/v1/houses/${house.body.id}/attachments`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
      body: form,
    });
    expect(uploaded.status).toBe(201);
    const { id } = (await uploaded.json()) as { id: string };
    const served = await fetch(`${two}/api/v1/attachments/${id}/content`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(served.status).toBe(200);
    expect(Buffer.from(await served.arrayBuffer()).equals(pdf)).toBe(true);
  });

  it('runs a periodic job once a period, though both instances run jobs', async () => {
    // Turnover rounds open each minute: both runners poll every 100 ms, so
    // both have tried to run this minute's once the row is done.
    const minute = new Date(Math.floor(Date.now() / 60_000) * 60_000).toISOString();
    const key = `turnovers.open@${minute}`;
    const deadline = Date.now() + 5_000;
    let rows: { unique_key: string | null; status: string; attempts: number }[] = [];
    while (Date.now() < deadline) {
      rows = await database.database.db
        .selectFrom('jobs')
        .select(['unique_key', 'status', 'attempts'])
        .where('kind', '=', 'turnovers.open')
        .where('unique_key', '=', key)
        .execute();
      if (rows[0]?.status === 'done') break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    // One row for the minute, claimed once (a claim counts an attempt): it ran once.
    expect(rows).toEqual([{ unique_key: key, status: 'done', attempts: 1 }]);
    // Some more polls of both runners change nothing.
    await new Promise((resolve) => setTimeout(resolve, 500));
    const after = await database.database.db
      .selectFrom('jobs')
      .select(['status', 'attempts'])
      .where('unique_key', '=', key)
      .execute();
    expect(after).toEqual([{ status: 'done', attempts: 1 }]);
  });
});
