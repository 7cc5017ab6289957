import { beforeAll, expect, it } from 'vitest';
import { describeApp, testConfig } from '../../../test/app.ts';
import { bearer, registerUser, type TestSession } from '../../../test/factories.ts';
import { buildApp } from '../../app.ts';

// A database of its own: the test needs to be its first account, and to know every account there is.
describeApp('instance administration: the accounts list', (get) => {
  it('makes the first account the administrator, who lists and searches accounts page by page', async () => {
    const { app } = get();
    const administrator = await registerUser(app, { email: 'admin@instance.test', name: 'Instance Admin' });
    expect(administrator.user.instanceAdmin).toBe(true);
    for (const [name, email] of [
      ['Zoé Durand', 'zoe@guests.test'],
      ['Yann Leroy', 'yann@guests.test'],
      ['Xavier Petit', 'xavier@guests.test'],
    ] as const) {
      await registerUser(app, { name, email });
    }
    const first = await app.inject({
      method: 'GET',
      url: '/api/v1/admin/users?limit=2',
      headers: bearer(administrator),
    });
    expect(first.statusCode).toBe(200);
    const page1 = first.json();
    expect(page1.items.map((user: { email: string }) => user.email)).toEqual([
      'admin@instance.test',
      'xavier@guests.test',
    ]);
    expect(page1.nextCursor).toBe('xavier@guests.test');
    const page2 = (
      await app.inject({
        method: 'GET',
        url: `/api/v1/admin/users?limit=2&cursor=${encodeURIComponent(page1.nextCursor)}`,
        headers: bearer(administrator),
      })
    ).json();
    expect(page2.items.map((user: { email: string }) => user.email)).toEqual([
      'yann@guests.test',
      'zoe@guests.test',
    ]);
    expect(page2.nextCursor).toBeNull();

    const search = await app.inject({
      method: 'GET',
      url: `/api/v1/admin/users?search=${encodeURIComponent('LEROY')}`,
      headers: bearer(administrator),
    });
    expect(search.json().items.map((user: { name: string }) => user.name)).toEqual(['Yann Leroy']);
    // LIKE wildcards in the search are taken literally.
    const wildcard = await app.inject({
      method: 'GET',
      url: '/api/v1/admin/users?search=%25',
      headers: bearer(administrator),
    });
    expect(wildcard.json().items).toEqual([]);

    const notAdmin = await registerUser(app);
    expect(
      (await app.inject({ method: 'GET', url: '/api/v1/admin/users', headers: bearer(notAdmin) })).statusCode,
    ).toBe(403);
  });
});

describeApp('instance administration and account security', (get) => {
  /**
   * The instance administrator: the first account of this database, so it is
   * registered before any test runs. Tests act through it, and none changes it.
   */
  let administrator: TestSession;
  beforeAll(async () => {
    administrator = await registerUser(get().app, { name: 'Instance Admin' });
    expect(administrator.user.instanceAdmin).toBe(true);
  });

  it('deactivates an account: every session ends at once, login is refused, and it is recorded', async () => {
    const { app, db } = get();
    const user = await registerUser(app);
    const deactivate = await app.inject({
      method: 'PATCH',
      url: `/api/v1/admin/users/${user.user.id}`,
      headers: bearer(administrator),
      payload: { active: false },
    });
    expect(deactivate.statusCode).toBe(200);
    expect(deactivate.json().active).toBe(false);

    expect(
      (await app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: bearer(user) })).statusCode,
    ).toBe(401);
    const refresh = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/refresh',
      payload: { refreshToken: user.refreshToken },
    });
    expect(refresh.statusCode).toBe(401);
    const login = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: user.email, password: user.password },
    });
    expect(login.statusCode).toBe(401);
    expect(login.json().type).toBe('urn:staykeep:problem:invalid-credentials');

    const history = await db.database.db
      .selectFrom('user_status_history')
      .select(['field', 'old_value', 'new_value', 'changed_by'])
      .where('user_id', '=', user.user.id)
      .execute();
    expect(history).toEqual([
      { field: 'active', old_value: 'true', new_value: 'false', changed_by: administrator.user.id },
    ]);

    await app.inject({
      method: 'PATCH',
      url: `/api/v1/admin/users/${user.user.id}`,
      headers: bearer(administrator),
      payload: { active: true },
    });
    const again = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: user.email, password: user.password },
    });
    expect(again.statusCode).toBe(200);
  });

  it('does not let an administrator lock themselves out', async () => {
    const { app } = get();
    const response = await app.inject({
      method: 'PATCH',
      url: `/api/v1/admin/users/${administrator.user.id}`,
      headers: bearer(administrator),
      payload: { active: false },
    });
    expect(response.statusCode).toBe(409);
    expect(response.json().type).toBe('urn:staykeep:problem:cannot-change-self');
    const unknown = await app.inject({
      method: 'PATCH',
      url: '/api/v1/admin/users/no-such-user',
      headers: bearer(administrator),
      payload: { active: false },
    });
    expect(unknown.statusCode).toBe(404);
  });

  it('upgrades a hash made with weaker parameters at the next login', async () => {
    const { app, db } = get();
    const user = await registerUser(app);
    const { hash } = await import('@node-rs/argon2');
    const weak = await hash(user.password, { memoryCost: 4096, timeCost: 1, parallelism: 1 });
    await db.database.db
      .updateTable('users')
      .set({ password_hash: weak })
      .where('id', '=', user.user.id)
      .execute();

    const login = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: user.email, password: user.password },
    });
    expect(login.statusCode).toBe(200);
    const row = await db.database.db
      .selectFrom('users')
      .select('password_hash')
      .where('id', '=', user.user.id)
      .executeTakeFirstOrThrow();
    expect(row.password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
  });

  it('stops one address after 50 failed logins, whatever the emails, and logs every attempt', async () => {
    const { app, db } = get();
    const ip = '192.0.2.50';
    for (let i = 0; i < 50; i++) {
      const response = await app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        remoteAddress: ip,
        payload: { email: `spray-${i}@example.org`, password: 'guessing a password' },
      });
      expect(response.statusCode, `attempt ${i + 1}`).toBe(401);
    }
    const blocked = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      remoteAddress: ip,
      payload: { email: 'fresh@example.org', password: 'guessing a password' },
    });
    expect(blocked.statusCode).toBe(429);
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    const logged = await db.database.db
      .selectFrom('login_attempts')
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .where('ip', '=', ip)
      .executeTakeFirstOrThrow();
    expect(logged.count).toBe(51);
  });

  it('counts failures in the database, so a second server instance on the same database enforces the same limit', async (context) => {
    const { app, db } = get();
    // PGlite lives in this process's memory: a second process cannot open it.
    if (db.name === 'pglite') context.skip();
    const second = await buildApp(testConfig({ database: db.config }), { migrate: false });
    try {
      const account = await registerUser(app);
      const ip = '198.51.100.77';
      for (let i = 0; i < 10; i++) {
        const target = i % 2 === 0 ? app : second;
        await target.inject({
          method: 'POST',
          url: '/api/v1/auth/login',
          remoteAddress: ip,
          payload: { email: account.email, password: `wrong ${i}` },
        });
      }
      for (const target of [app, second]) {
        const response = await target.inject({
          method: 'POST',
          url: '/api/v1/auth/login',
          remoteAddress: ip,
          payload: { email: account.email, password: account.password },
        });
        expect(response.statusCode).toBe(429);
      }
    } finally {
      await second.close();
    }
  });
});
