import { afterAll, beforeAll, expect, it } from 'vitest';
import { testConfig } from '../../../test/app.ts';
import { describeEachDatabase } from '../../../test/databases.ts';
import {
  callServer,
  databaseUrl,
  freePort,
  type ServerProcess,
  startServerProcess,
} from '../../../test/server-process.ts';
import { buildApp } from '../../app.ts';
import type { AppInstance } from '../../http/types.ts';

interface Tokens {
  accessToken: string;
  refreshToken: string;
  user: { id: string };
}

describeEachDatabase('instances that share SECRET_KEY and the database', (get) => {
  // Two instances as in production: each its own port and PUBLIC_URL. On
  // SQLite and PostgreSQL they are two processes; PGlite lives in one
  // process, so there they are two applications on the same database.
  const servers: ServerProcess[] = [];
  const apps: AppInstance[] = [];
  let a = '';
  let b = '';

  beforeAll(async () => {
    const { config, database } = get();
    const [portA, portB] = [await freePort(), await freePort()];
    if (config.kind === 'pglite') {
      for (const [port, publicUrl] of [
        [portA, `http://localhost:${portA}`],
        [portB, 'http://instance-b.staykeep.test'],
      ] as const) {
        const app = await buildApp(testConfig({ database: config, port, publicUrl }), { database });
        await app.listen({ host: '127.0.0.1', port });
        apps.push(app);
      }
    } else {
      const env = { DATABASE_URL: databaseUrl(config), DATA_DIR: '/tmp' };
      // A leaves PUBLIC_URL to its default (http://localhost:PORT); B names its own.
      servers.push(
        await startServerProcess({ ...env, PORT: String(portA) }),
        await startServerProcess({
          ...env,
          PORT: String(portB),
          PUBLIC_URL: 'http://instance-b.staykeep.test',
        }),
      );
    }
    [a, b] = [`http://127.0.0.1:${portA}`, `http://127.0.0.1:${portB}`];
  });

  afterAll(async () => {
    await Promise.all(servers.map((server) => server.stop()));
    await Promise.all(apps.map((app) => app.close()));
  });

  it("accepts on one instance the access token another issued, and refreshes the other's session", async () => {
    const registered = await callServer(a, '/api/v1/auth/register', {
      body: { email: `instances-${Date.now()}@example.org`, password: 'one key, two servers', name: 'Ana' },
    });
    expect(registered.status).toBe(201);
    const fromA = registered.body as unknown as Tokens;

    const meOnB = await callServer(b, '/api/v1/auth/me', { token: fromA.accessToken });
    expect(meOnB.status).toBe(200);
    expect((meOnB.body.user as { id: string }).id).toBe(fromA.user.id);

    const refreshedOnB = await callServer(b, '/api/v1/auth/refresh', {
      body: { refreshToken: fromA.refreshToken },
    });
    expect(refreshedOnB.status).toBe(200);
    const fromB = refreshedOnB.body as unknown as Tokens;
    expect((await callServer(a, '/api/v1/auth/me', { token: fromB.accessToken })).status).toBe(200);

    // The rotation is shared too: a client retrying A's refresh on A (its
    // answer from B lost) gets B's successor, not a second session.
    const retryOnA = await callServer(a, '/api/v1/auth/refresh', {
      body: { refreshToken: fromA.refreshToken },
    });
    expect(retryOnA.status).toBe(200);
    expect(retryOnA.body.refreshToken).toBe(fromB.refreshToken);
  });
});
