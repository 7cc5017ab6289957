import { afterAll, beforeAll, expect, it } from 'vitest';
import { testConfig } from '../../../test/app.ts';
import { describeEachDatabase } from '../../../test/databases.ts';
import { databaseUrl, type ServerProcess, startServerProcess } from '../../../test/server-process.ts';
import { buildApp } from '../../app.ts';
import type { AppInstance } from '../../http/types.ts';

async function json(response: Response) {
  return (await response.json()) as Record<string, unknown>;
}

describeEachDatabase('no double booking under concurrency, over real sockets', (get) => {
  // SQLite and PostgreSQL: two server processes share the database, each on
  // a port of its own (so each has its own default PUBLIC_URL, and one takes
  // the other's access tokens). PGlite lives in one process: one server,
  // listening on a real socket.
  const servers: ServerProcess[] = [];
  let inProcess: AppInstance | undefined;
  let urls: string[] = [];

  beforeAll(async () => {
    const { config, database } = get();
    if (config.kind === 'pglite') {
      inProcess = await buildApp(testConfig({ database: config }), { database });
      await inProcess.listen({ host: '127.0.0.1', port: 0 });
      const address = inProcess.server.address();
      urls = [`http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`];
      return;
    }
    const env = { DATABASE_URL: databaseUrl(config), DATA_DIR: '/tmp' };
    servers.push(await startServerProcess(env), await startServerProcess(env));
    urls = servers.map((server) => server.baseUrl);
    expect(new Set(urls).size).toBe(2);
  });

  afterAll(async () => {
    await Promise.all(servers.map((server) => server.stop()));
    await inProcess?.close();
  });

  it('accepts exactly one of 50 simultaneous overlapping stays for one house', async () => {
    const [first] = urls;
    if (!first) throw new Error('no server');
    const post = (base: string, path: string, body: unknown, token?: string) =>
      fetch(`${base}${path}`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
        body: JSON.stringify(body),
      });
    const registered = await json(
      await post(first, '/api/v1/auth/register', {
        email: `race-${Date.now()}@example.org`,
        password: 'a race for one villa',
        name: 'Racer',
      }),
    );
    const token = String(registered.accessToken);
    const house = await json(
      await post(
        first,
        '/api/v1/houses',
        { code: 'contested', name: 'Contested', type: 'villa', maxGuests: 4, nightlyPrice: 100 },
        token,
      ),
    );

    // Fifty different stays that all share the night of 2030-06-14.
    const attempts = Array.from({ length: 50 }, (_, i) => {
      const base = urls[i % urls.length] ?? first;
      const start = 10 + (i % 5);
      return post(
        base,
        '/api/v1/reservations',
        {
          houseId: house.id,
          guestName: `Guest ${i}`,
          checkIn: `2030-06-${String(start).padStart(2, '0')}`,
          checkOut: `2030-06-${String(start + 5).padStart(2, '0')}`,
          guests: 2,
        },
        token,
      );
    });
    const responses = await Promise.all(attempts);
    const statuses = responses.map((response) => response.status);
    const count = (status: number) => statuses.filter((value) => value === status).length;
    expect({
      created: count(201),
      refused: count(409),
      other: statuses.length - count(201) - count(409),
    }).toEqual({
      created: 1,
      refused: 49,
      other: 0,
    });
    for (const response of responses.filter((r) => r.status === 409)) {
      expect((await json(response)).type).toBe('urn:staykeep:problem:overlap');
    }

    const list = await fetch(`${first}/api/v1/reservations?houseId=${house.id}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(((await json(list)).items as unknown[]).length).toBe(1);
    const nights = await get()
      .database.db.selectFrom('occupied_nights')
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .where('house_id', '=', String(house.id))
      .executeTakeFirstOrThrow();
    expect(nights.count).toBe(5);
  });
});
