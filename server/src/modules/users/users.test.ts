import { expect, it } from 'vitest';
import { describeApp, testConfig } from '../../../test/app.ts';
import { bearer, registerUser } from '../../../test/factories.ts';

describeApp('profile and password', (get) => {
  it('reads and updates the name and language', async () => {
    const { app } = get();
    const session = await registerUser(app, { name: 'Léa' });
    const profile = await app.inject({ method: 'GET', url: '/api/v1/users/me', headers: bearer(session) });
    expect(profile.json()).toMatchObject({ name: 'Léa', locale: 'en', email: session.email });

    const updated = await app.inject({
      method: 'PATCH',
      url: '/api/v1/users/me',
      headers: bearer(session),
      payload: { name: '  Léa Moreau ', locale: 'fr' },
    });
    expect(updated.statusCode).toBe(200);
    expect(updated.json()).toMatchObject({ name: 'Léa Moreau', locale: 'fr' });

    for (const payload of [{}, { locale: 'de' }, { name: '   ' }, { email: 'new@example.org' }]) {
      const refused = await app.inject({
        method: 'PATCH',
        url: '/api/v1/users/me',
        headers: bearer(session),
        payload,
      });
      expect(refused.statusCode, JSON.stringify(payload)).toBe(400);
    }
    const unchanged = await app.inject({ method: 'GET', url: '/api/v1/users/me', headers: bearer(session) });
    expect(unchanged.json()).toMatchObject({ name: 'Léa Moreau', locale: 'fr', email: session.email });
  });

  it('changes the password with the current one, ending every other session', async () => {
    const { app } = get();
    const session = await registerUser(app);
    const otherDevice = (
      await app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { email: session.email, password: session.password },
      })
    ).json();

    const wrong = await app.inject({
      method: 'POST',
      url: '/api/v1/users/me/password',
      headers: bearer(session),
      payload: { currentPassword: 'not my password', newPassword: 'a fresh passphrase here' },
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().errors).toEqual([
      { path: 'body.currentPassword', code: 'wrong-password', message: 'is not the current password' },
    ]);

    const common = await app.inject({
      method: 'POST',
      url: '/api/v1/users/me/password',
      headers: bearer(session),
      payload: { currentPassword: session.password, newPassword: 'iloveyou' },
    });
    expect(common.json().errors).toEqual([
      {
        path: 'body.newPassword',
        code: 'common-password',
        message: 'is one of the most common passwords; choose another',
      },
    ]);

    const changed = await app.inject({
      method: 'POST',
      url: '/api/v1/users/me/password',
      headers: bearer(session),
      payload: { currentPassword: session.password, newPassword: 'a fresh passphrase here' },
    });
    expect(changed.statusCode).toBe(200);
    const refresh = (refreshToken: string) =>
      app.inject({ method: 'POST', url: '/api/v1/auth/refresh', payload: { refreshToken } });
    expect((await refresh(otherDevice.refreshToken)).statusCode).toBe(401);
    expect((await refresh(session.refreshToken)).statusCode).toBe(401);
    expect((await refresh(changed.json().refreshToken)).statusCode).toBe(200);
  });
});

describeApp('email verification', (get) => {
  async function verificationToken(email: string): Promise<string> {
    const message = await get()
      .db.database.db.selectFrom('email_outbox')
      .select('body_text')
      .where('recipient', '=', email)
      .where('template', '=', 'email-verification')
      .orderBy('created_at', 'desc')
      .executeTakeFirstOrThrow();
    const token = message.body_text.match(/\/verify-email\?token=([A-Za-z0-9_-]+)/)?.[1];
    if (!token) throw new Error('no verification link');
    return token;
  }

  it('sends a link at registration that verifies the address once', async () => {
    const { app } = get();
    const session = await registerUser(app);
    expect(session.user).toMatchObject({ email: session.email });
    const token = await verificationToken(session.email);
    const verify = (value: string) =>
      app.inject({ method: 'POST', url: '/api/v1/auth/verify-email', payload: { token: value } });
    expect((await verify(token)).statusCode).toBe(204);
    const me = await app.inject({ method: 'GET', url: '/api/v1/users/me', headers: bearer(session) });
    expect(me.json().verified).toBe(true);
    const reused = await verify(token);
    expect(reused.statusCode).toBe(400);
    expect(reused.json().type).toBe('urn:staykeep:problem:invalid-verification-token');
  });

  it('resends a link to an unverified user', async () => {
    const { app, db } = get();
    const session = await registerUser(app);
    const resend = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/verify-email/resend',
      headers: bearer(session),
    });
    expect(resend.statusCode).toBe(202);
    const sent = await db.database.db
      .selectFrom('email_outbox')
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .where('recipient', '=', session.email)
      .where('template', '=', 'email-verification')
      .executeTakeFirstOrThrow();
    expect(sent.count).toBe(2);
    const latest = await verificationToken(session.email);
    expect(
      (await app.inject({ method: 'POST', url: '/api/v1/auth/verify-email', payload: { token: latest } }))
        .statusCode,
    ).toBe(204);
  });
});

describeApp(
  'registration in approval mode',
  (get) => {
    it('queues registrations for an instance administrator, who approves or rejects them', async () => {
      const { app } = get();
      // The very first account opens the instance whatever the mode, as its administrator.
      const administrator = await registerUser(app);
      expect(administrator.user.instanceAdmin).toBe(true);

      const ask = (email: string) =>
        app.inject({
          method: 'POST',
          url: '/api/v1/auth/register',
          payload: { email, password: 'waiting for approval', name: 'Applicant' },
        });
      const pending = await ask('applicant@example.org');
      expect(pending.statusCode).toBe(202);
      expect(pending.json()).toEqual({ status: 'pending-approval' });
      await ask('spammer@example.org');
      const login = (email: string) =>
        app.inject({
          method: 'POST',
          url: '/api/v1/auth/login',
          payload: { email, password: 'waiting for approval' },
        });
      expect((await login('applicant@example.org')).statusCode).toBe(401);

      const ordinary = await app.inject({
        method: 'GET',
        url: '/api/v1/admin/registration-requests',
        headers: bearer(pending.json()),
      });
      expect(ordinary.statusCode).toBe(401);

      const queue = await app.inject({
        method: 'GET',
        url: '/api/v1/admin/registration-requests',
        headers: bearer(administrator),
      });
      const requests = queue.json().items as { id: string; email: string }[];
      expect(requests.map((request) => request.email)).toEqual([
        'applicant@example.org',
        'spammer@example.org',
      ]);
      const decide = (id: string, status: string) =>
        app.inject({
          method: 'PATCH',
          url: `/api/v1/admin/registration-requests/${id}`,
          headers: bearer(administrator),
          payload: { status },
        });
      const [applicant, spammer] = requests;
      if (!applicant || !spammer) throw new Error('two requests expected');
      expect((await decide(applicant.id, 'approved')).statusCode).toBe(204);
      expect((await decide(spammer.id, 'rejected')).statusCode).toBe(204);
      expect((await decide(spammer.id, 'approved')).statusCode).toBe(409);

      const approvedLogin = await login('applicant@example.org');
      expect(approvedLogin.statusCode).toBe(200);
      expect((await login('spammer@example.org')).statusCode).toBe(401);
      const member = await app.inject({
        method: 'GET',
        url: '/api/v1/auth/me',
        headers: bearer(approvedLogin.json()),
      });
      expect(member.json().memberships[0]).toMatchObject({ role: 'admin', organizationName: 'Applicant' });

      const notAdmin = await app.inject({
        method: 'GET',
        url: '/api/v1/admin/registration-requests',
        headers: bearer(approvedLogin.json()),
      });
      expect(notAdmin.statusCode).toBe(403);
    });
  },
  { config: { auth: { ...testConfig().auth, registrationMode: 'approval' } } },
);

describeApp(
  'registration in invite mode',
  (get) => {
    it('refuses registration without an invitation, after the first account', async () => {
      const { app } = get();
      await registerUser(app);
      const refused = await app.inject({
        method: 'POST',
        url: '/api/v1/auth/register',
        payload: { email: 'walk-in@example.org', password: 'no invitation here', name: 'Walk In' },
      });
      expect(refused.statusCode).toBe(403);
      expect(refused.json().type).toBe('urn:staykeep:problem:registration-closed');
    });
  },
  { config: { auth: { ...testConfig().auth, registrationMode: 'invite' } } },
);
