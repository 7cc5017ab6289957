import { createHmac } from 'node:crypto';
import { SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { describeApp, testConfig } from '../../../test/app.ts';
import { bearer, registerUser } from '../../../test/factories.ts';

const MINUTE = 60_000;

interface Operation {
  security?: unknown[];
  'x-policy'?: string | string[];
}

describeApp('auth: registration and login', (get) => {
  it('registers an account with an organization of its own, as admin, and sets the refresh cookie', async () => {
    const { app } = get();
    const response = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/register',
      payload: { email: 'Marie.Dupont@Example.ORG', password: 'villa au bord de mer', name: 'Marie Dupont' },
    });
    expect(response.statusCode).toBe(201);
    expect(response.headers.location).toBe('/api/v1/auth/me');
    const body = response.json();
    expect(body).toMatchObject({
      tokenType: 'bearer',
      expiresIn: 900,
      user: { email: 'marie.dupont@example.org', name: 'Marie Dupont', verified: false, lastLoginAt: null },
    });
    expect(body.accessToken.split('.')).toHaveLength(3);
    expect(body.refreshToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const cookie = String(response.headers['set-cookie']);
    expect(cookie).toContain(`staykeep_refresh=${body.refreshToken}`);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Strict');
    expect(cookie).toContain('Path=/api/v1/auth');

    const me = await app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: bearer(body) });
    expect(me.statusCode).toBe(200);
    expect(me.json()).toEqual({
      user: body.user,
      memberships: [{ organizationId: expect.any(String), organizationName: 'Marie Dupont', role: 'admin' }],
    });
  });

  it('refuses a second account with the same email in another case', async () => {
    const { app } = get();
    await registerUser(app, { email: 'Paul.Durand@Example.ORG' });
    const response = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/register',
      payload: { email: 'PAUL.DURAND@example.org', password: 'another long password', name: 'Other' },
    });
    expect(response.statusCode).toBe(409);
    expect(response.json()).toMatchObject({ type: 'urn:staykeep:problem:email-taken', status: 409 });
  });

  it.each([
    ['short', 'short12', { code: 'too-short', limit: 8, message: 'must be at least 8 characters' }],
    ['long', 'x'.repeat(129), { code: 'too-long', limit: 128, message: 'must be at most 128 characters' }],
    [
      'common',
      'password1',
      { code: 'common-password', message: 'is one of the most common passwords; choose another' },
    ],
    [
      'common in another case',
      'Password1',
      { code: 'common-password', message: 'is one of the most common passwords; choose another' },
    ],
  ])('refuses a %s password and says why, next to the field', async (_kind, password, error) => {
    const { app } = get();
    const response = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/register',
      payload: {
        email: `weak-${password.length}-${error.message.length}@example.org`,
        password,
        name: 'Weak',
      },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().errors).toEqual([{ path: 'body.password', ...error }]);
  });

  it('accepts a long passphrase with spaces and no digits (no composition rules)', async () => {
    const { app } = get();
    const session = await registerUser(app, { password: 'les volets bleus de la maison' });
    expect(session.accessToken).toBeTruthy();
  });

  it('rejects a malformed email and unknown fields', async () => {
    const { app } = get();
    const badEmail = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/register',
      payload: { email: 'not-an-email', password: 'long enough password', name: 'X' },
    });
    expect(badEmail.statusCode).toBe(400);
    expect(badEmail.json().errors[0].path).toBe('body.email');
    const extra = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/register',
      payload: { email: 'x@example.org', password: 'long enough password', name: 'X', role: 'admin' },
    });
    expect(extra.statusCode).toBe(400);
    expect(extra.json().errors).toEqual([
      { path: 'body.role', code: 'unknown-property', message: 'is not an accepted property' },
    ]);
  });

  it('logs in, records the login, and answers identically for an unknown email and a wrong password', async () => {
    const { app, db } = get();
    const account = await registerUser(app);
    const ok = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: account.email.toUpperCase(), password: account.password },
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().user.lastLoginAt).toMatch(/Z$/);

    const wrongPassword = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: account.email, password: 'not the password at all' },
    });
    const unknownEmail = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: 'nobody-here@example.org', password: 'not the password at all' },
    });
    expect(wrongPassword.statusCode).toBe(401);
    expect(unknownEmail.statusCode).toBe(401);
    expect(unknownEmail.body).toBe(wrongPassword.body);
    expect(unknownEmail.headers['content-type']).toBe(wrongPassword.headers['content-type']);

    const attempts = await db.database.db
      .selectFrom('login_attempts')
      .select(['email', 'success', 'user_id', 'provider'])
      .where('email', 'in', [account.email, 'nobody-here@example.org'])
      .orderBy('attempted_at')
      .execute();
    expect(attempts).toEqual([
      { email: account.email, success: true, user_id: account.user.id, provider: 'email' },
      { email: account.email, success: false, user_id: account.user.id, provider: 'email' },
      { email: 'nobody-here@example.org', success: false, user_id: null, provider: 'email' },
    ]);
  });

  it('allows 10 failed logins for one email from one IP, refuses the 11th with 429 and Retry-After', async () => {
    const { app } = get();
    const account = await registerUser(app);
    const attempt = (password: string, remoteAddress = '203.0.113.7') =>
      app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        remoteAddress,
        payload: { email: account.email, password },
      });
    for (let i = 1; i <= 10; i++) {
      expect((await attempt(`wrong password ${i}`)).statusCode, `attempt ${i}`).toBe(401);
    }
    const blocked = await attempt(account.password);
    expect(blocked.statusCode).toBe(429);
    expect(blocked.json().type).toBe('urn:staykeep:problem:too-many-attempts');
    const retryAfter = Number(blocked.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(800);
    expect(retryAfter).toBeLessThanOrEqual(900);
    // Another address is not locked out with the attacker.
    expect((await attempt(account.password, '198.51.100.20')).statusCode).toBe(200);
  });
});

// A database of its own: whichever test registers first in a shared one would be the administrator.
describeApp('auth: the instance administrator', (get) => {
  it('makes the first account of the instance its administrator, and only the first', async () => {
    const { app } = get();
    const account = await registerUser(app);
    const first = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: account.email, password: account.password },
    });
    expect(first.json().user.instanceAdmin).toBe(true);
    const second = await registerUser(app);
    expect(second.user.instanceAdmin).toBe(false);
  });
});

describeApp('auth: access tokens', (get) => {
  const accessKey = createHmac('sha256', testConfig().secretKey).update('staykeep access token v1').digest();
  const sign = (
    claims: Record<string, unknown>,
    options: { key?: Uint8Array; issuer?: string; audience?: string; expiresIn?: string } = {},
  ) =>
    new SignJWT({ typ: 'access', ...claims })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer(options.issuer ?? 'staykeep')
      .setAudience(options.audience ?? 'staykeep-api')
      .setIssuedAt()
      .setExpirationTime(options.expiresIn ?? '15m')
      .sign(options.key ?? accessKey);

  it('accepts a genuine token, built the same way', async () => {
    const { app } = get();
    const session = await registerUser(app);
    const token = await sign({ sub: session.user.id });
    const me = await app.inject({
      method: 'GET',
      url: '/api/v1/auth/me',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(me.statusCode).toBe(200);
  });

  it('refuses every forged, expired or misused token with 401', async () => {
    const { app } = get();
    const session = await registerUser(app);
    const sub = session.user.id;
    const [header, payload] = session.accessToken.split('.');
    const unsigned = `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url')}.${payload}.`;
    const cases: Record<string, string | undefined> = {
      'no header': undefined,
      'alg none': unsigned,
      'wrong signature': await sign(
        { sub },
        { key: new TextEncoder().encode('another-secret-key-of-32-characters!') },
      ),
      'tampered payload': `${header}.${Buffer.from(JSON.stringify({ sub: 'someone-else', typ: 'access' })).toString('base64url')}.${session.accessToken.split('.')[2]}`,
      expired: await sign({ sub }, { expiresIn: '-1s' }),
      'wrong audience': await sign({ sub }, { audience: 'another-api' }),
      // Tokens once named the instance's PUBLIC_URL; those are refused and the client refreshes.
      'another issuer': await sign({ sub }, { issuer: 'http://localhost:3000' }),
      'refresh token as bearer': session.refreshToken,
      garbage: 'not-a-token',
    };
    for (const [name, token] of Object.entries(cases)) {
      const response = await app.inject({
        method: 'GET',
        url: '/api/v1/auth/me',
        headers: token === undefined ? {} : { authorization: `Bearer ${token}` },
      });
      expect(response.statusCode, name).toBe(401);
      expect(response.headers['content-type'], name).toBe('application/problem+json; charset=utf-8');
      expect(response.headers['www-authenticate'], name).toBe('Bearer realm="staykeep"');
    }
  });

  it('expires access tokens after 15 minutes', async () => {
    const { app, clock } = get();
    const session = await registerUser(app);
    clock.advance(14 * MINUTE);
    expect(
      (await app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: bearer(session) })).statusCode,
    ).toBe(200);
    clock.advance(2 * MINUTE);
    expect(
      (await app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: bearer(session) })).statusCode,
    ).toBe(401);
    clock.reset();
  });
});

describeApp('auth: refresh tokens and logout', (get) => {
  const refresh = (token: string) =>
    get().app.inject({ method: 'POST', url: '/api/v1/auth/refresh', payload: { refreshToken: token } });

  it('rotates the refresh token on every use', async () => {
    const { app } = get();
    const session = await registerUser(app);
    const first = await refresh(session.refreshToken);
    expect(first.statusCode).toBe(200);
    const rotated = first.json();
    expect(rotated.refreshToken).not.toBe(session.refreshToken);
    expect(
      (await app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: bearer(rotated) })).statusCode,
    ).toBe(200);
    expect((await refresh(rotated.refreshToken)).statusCode).toBe(200);
  });

  it('returns the same successor to a retry within the grace window', async () => {
    const { app, clock } = get();
    const session = await registerUser(app);
    const first = (await refresh(session.refreshToken)).json();
    clock.advance(5_000);
    const retried = await refresh(session.refreshToken);
    clock.reset();
    expect(retried.statusCode).toBe(200);
    expect(retried.json().refreshToken).toBe(first.refreshToken);
  });

  it('revokes the whole family when a used refresh token comes back after the grace window', async () => {
    const { app, clock } = get();
    const session = await registerUser(app);
    const successor = (await refresh(session.refreshToken)).json();
    clock.advance(11_000);
    const replay = await refresh(session.refreshToken);
    clock.reset();
    expect(replay.statusCode).toBe(401);
    expect(replay.json().type).toBe('urn:staykeep:problem:invalid-refresh-token');
    // The legitimate successor dies with the family: the thief's copy is worthless too.
    expect((await refresh(successor.refreshToken)).statusCode).toBe(401);
  });

  it('takes the refresh token from the cookie when the body has none', async () => {
    const { app } = get();
    const session = await registerUser(app);
    const response = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/refresh',
      cookies: { staykeep_refresh: session.refreshToken },
    });
    expect(response.statusCode).toBe(200);
    expect(String(response.headers['set-cookie'])).toContain(
      `staykeep_refresh=${response.json().refreshToken}`,
    );
  });

  it('refuses an unknown, missing or expired refresh token', async () => {
    const { app, clock } = get();
    expect((await refresh('A'.repeat(43))).statusCode).toBe(401);
    const missing = await app.inject({ method: 'POST', url: '/api/v1/auth/refresh', payload: {} });
    expect(missing.statusCode).toBe(401);
    const session = await registerUser(app);
    clock.advance(31 * 24 * 60 * MINUTE);
    expect((await refresh(session.refreshToken)).statusCode).toBe(401);
    clock.reset();
  });

  it('logs out: the refresh token stops working and the cookie is cleared', async () => {
    const { app } = get();
    const session = await registerUser(app);
    const logout = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/logout',
      payload: { refreshToken: session.refreshToken },
    });
    expect(logout.statusCode).toBe(204);
    expect(String(logout.headers['set-cookie'])).toMatch(/staykeep_refresh=;.*Expires=Thu, 01 Jan 1970/);
    expect((await refresh(session.refreshToken)).statusCode).toBe(401);
    // Logging out twice, or with nothing, is not an error.
    expect((await app.inject({ method: 'POST', url: '/api/v1/auth/logout' })).statusCode).toBe(204);
  });
});

describeApp('auth: password reset', (get) => {
  const requestReset = (email: string) =>
    get().app.inject({ method: 'POST', url: '/api/v1/auth/password-reset/request', payload: { email } });
  const confirm = (token: string, password: string) =>
    get().app.inject({
      method: 'POST',
      url: '/api/v1/auth/password-reset/confirm',
      payload: { token, password },
    });

  async function lastResetToken(email: string): Promise<string> {
    const message = await get()
      .db.database.db.selectFrom('email_outbox')
      .select(['body_text', 'status', 'template'])
      .where('recipient', '=', email)
      .where('template', '=', 'password-reset')
      .orderBy('created_at', 'desc')
      .executeTakeFirstOrThrow();
    expect(message).toMatchObject({ status: 'logged', template: 'password-reset' });
    const link = message.body_text.match(/http:\/\/localhost:3000\/reset-password\?token=([A-Za-z0-9_-]+)/);
    if (!link?.[1]) throw new Error(`no reset link in ${message.body_text}`);
    return link[1];
  }

  it('answers 202 for unknown and known emails alike, and emails only the known one', async () => {
    const { app, db } = get();
    const account = await registerUser(app);
    const resetEmails = () =>
      db.database.db
        .selectFrom('email_outbox')
        .select(['id', 'recipient'])
        .where('template', '=', 'password-reset')
        .execute();
    // Other tests of this database ask for resets too: only what the two requests below send counts.
    const sentBefore = new Set((await resetEmails()).map((row) => row.id));
    const unknown = await requestReset('nobody@example.org');
    const known = await requestReset(account.email);
    expect(unknown.statusCode).toBe(202);
    expect(known.statusCode).toBe(202);
    expect(unknown.body).toBe(known.body);
    const sent = (await resetEmails()).filter((row) => !sentBefore.has(row.id));
    expect(sent.map((row) => row.recipient)).toEqual([account.email]);
  });

  it('sets a new password once with the emailed token and ends every session', async () => {
    const { app } = get();
    const account = await registerUser(app);
    await requestReset(account.email);
    const token = await lastResetToken(account.email);

    expect((await confirm(token, 'password')).json().errors).toEqual([
      {
        path: 'body.password',
        code: 'common-password',
        message: 'is one of the most common passwords; choose another',
      },
    ]);
    const done = await confirm(token, 'a brand new passphrase');
    expect(done.statusCode).toBe(204);

    const login = (password: string) =>
      app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: account.email, password } });
    expect((await login(account.password)).statusCode).toBe(401);
    expect((await login('a brand new passphrase')).statusCode).toBe(200);
    const oldRefresh = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/refresh',
      payload: { refreshToken: account.refreshToken },
    });
    expect(oldRefresh.statusCode).toBe(401);

    const again = await confirm(token, 'yet another passphrase');
    expect(again.statusCode).toBe(400);
    expect(again.json().type).toBe('urn:staykeep:problem:invalid-reset-token');
  });

  it('sends at most 3 reset emails per account and hour, answering 202 all the same', async () => {
    const { app, db, clock } = get();
    const account = await registerUser(app);
    for (let i = 0; i < 5; i++) expect((await requestReset(account.email)).statusCode).toBe(202);
    const count = async () =>
      (
        await db.database.db
          .selectFrom('email_outbox')
          .select((eb) => eb.fn.countAll<number>().as('count'))
          .where('recipient', '=', account.email)
          .where('template', '=', 'password-reset')
          .executeTakeFirstOrThrow()
      ).count;
    expect(await count()).toBe(3);
    clock.advance(61 * MINUTE);
    await requestReset(account.email);
    clock.reset();
    expect(await count()).toBe(4);
  });

  it('refuses a reset token after 30 minutes', async () => {
    const { app, clock } = get();
    const account = await registerUser(app);
    await requestReset(account.email);
    const token = await lastResetToken(account.email);
    clock.advance(31 * MINUTE);
    const late = await confirm(token, 'a brand new passphrase');
    clock.reset();
    expect(late.statusCode).toBe(400);
    expect(late.json().type).toBe('urn:staykeep:problem:invalid-reset-token');
  });
});

describeApp('organizations and access policies', (get) => {
  it('gives the current organization, chosen by X-Organization-Id', async () => {
    const { app } = get();
    const alice = await registerUser(app, { organizationName: 'Villas du Sud' });
    const bob = await registerUser(app, { organizationName: 'Gîtes du Nord' });
    const mine = await app.inject({ method: 'GET', url: '/api/v1/organization', headers: bearer(alice) });
    expect(mine.statusCode).toBe(200);
    expect(mine.json()).toMatchObject({ name: 'Villas du Sud', role: 'admin', currency: 'EUR' });

    const bobsOrganization = (
      await app.inject({ method: 'GET', url: '/api/v1/organization', headers: bearer(bob) })
    ).json();
    const foreign = await app.inject({
      method: 'GET',
      url: '/api/v1/organization',
      headers: { ...bearer(alice), 'x-organization-id': bobsOrganization.id },
    });
    expect(foreign.statusCode).toBe(404);
    const unknown = await app.inject({
      method: 'GET',
      url: '/api/v1/organization',
      headers: { ...bearer(alice), 'x-organization-id': 'no-such-organization' },
    });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.body).toBe(foreign.body);
  });

  it('answers 401 without credentials, on every route that needs them', async () => {
    const { app } = get();
    for (const url of ['/api/v1/organization', '/api/v1/auth/me']) {
      expect((await app.inject({ method: 'GET', url })).statusCode, url).toBe(401);
    }
  });

  it('gives every route of the OpenAPI document an access policy', async () => {
    const { app } = get();
    const document = (await app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json();
    const missing: string[] = [];
    const publicRoutes: string[] = [];
    for (const [path, operations] of Object.entries(
      document.paths as Record<string, Record<string, Operation>>,
    )) {
      for (const [method, operation] of Object.entries(operations)) {
        const name = `${method.toUpperCase()} ${path}`;
        if (operation['x-policy'] === undefined || operation.security === undefined) missing.push(name);
        if (operation['x-policy'] === 'public') publicRoutes.push(name);
        else expect(operation.security, name).toEqual([{ bearerAuth: [] }]);
      }
    }
    expect(missing).toEqual([]);
    // Anything else that opens up without credentials has to be added here, on purpose.
    expect(publicRoutes.sort()).toEqual([
      'GET /api/v1/auth/oauth/{provider}/callback',
      'GET /api/v1/auth/providers',
      'GET /api/v1/instance',
      'GET /api/v1/invitations/preview',
      'GET /health',
      // A house's calendar for the channels: the secret in the URL is the credential.
      'GET /ical/{token}',
      // Asks for METRICS_TOKEN itself when set; hidden in production without it (http/metrics.ts).
      'GET /metrics',
      'GET /ready',
      'POST /api/v1/auth/login',
      'POST /api/v1/auth/logout',
      'POST /api/v1/auth/oauth/{provider}/login',
      'POST /api/v1/auth/password-reset/confirm',
      'POST /api/v1/auth/password-reset/request',
      'POST /api/v1/auth/refresh',
      'POST /api/v1/auth/register',
      'POST /api/v1/auth/verify-email',
    ]);
  });
});

describe('access policy enforcement at start', () => {
  it('refuses to build an app with an /api/v1 route that declares no policy', async () => {
    const { buildApp } = await import('../../app.ts');
    const app = await buildApp(testConfig());
    expect(() => app.get('/api/v1/unguarded', async () => ({}))).toThrow(/declares no access policy/);
    await app.close();
  });
});
