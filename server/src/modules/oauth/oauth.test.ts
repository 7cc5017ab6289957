import { afterAll, expect, it } from 'vitest';
import { describeApp, testConfig } from '../../../test/app.ts';
import { bearer, registerUser } from '../../../test/factories.ts';
import { startOidcProvider } from '../../../test/oidc-provider.ts';

const client = { clientId: 'staykeep-test', clientSecret: 'provider-secret' };
const provider = await startOidcProvider(client);
afterAll(() => provider.close());

describeApp(
  'login with an OpenID Connect provider',
  (get) => {
    /** Starts a flow, lets the provider approve it, and returns what the browser would bring back. */
    async function goToProvider(mode: 'login' | 'link', headers: Record<string, string> = {}) {
      const { app } = get();
      const start = await app.inject({
        method: 'POST',
        url: `/api/v1/auth/oauth/oidc/${mode}`,
        headers,
        payload: {},
      });
      expect(start.statusCode).toBe(200);
      const flowCookie = start.cookies.find((cookie) => cookie.name === 'staykeep_oauth');
      expect(flowCookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/api/v1/auth/oauth' });
      const authorizationUrl = new URL(start.json().authorizationUrl);
      expect(authorizationUrl.origin).toBe(provider.issuer);
      expect(authorizationUrl.searchParams.get('code_challenge_method')).toBe('S256');
      expect(authorizationUrl.searchParams.get('state')).toBeTruthy();

      const approval = await fetch(authorizationUrl, { redirect: 'manual' });
      expect(approval.status).toBe(302);
      const callback = new URL(approval.headers.get('location') ?? '');
      expect(callback.pathname).toBe('/api/v1/auth/oauth/oidc/callback');
      return { callback, cookie: flowCookie?.value ?? '' };
    }

    async function comeBack(callback: URL, cookie: string) {
      return get().app.inject({
        method: 'GET',
        url: `${callback.pathname}${callback.search}`,
        cookies: { staykeep_oauth: cookie },
      });
    }

    async function sessionFrom(response: Awaited<ReturnType<typeof comeBack>>) {
      const refresh = response.cookies.find((cookie) => cookie.name === 'staykeep_refresh');
      if (!refresh?.value) return null;
      const tokens = await get().app.inject({
        method: 'POST',
        url: '/api/v1/auth/refresh',
        cookies: { staykeep_refresh: refresh.value },
      });
      return tokens.json();
    }

    it('lists the enabled providers', async () => {
      const response = await get().app.inject({ method: 'GET', url: '/api/v1/auth/providers' });
      expect(response.json()).toEqual({ items: [{ id: 'oidc', name: 'Company login' }] });
    });

    it('creates an account for a new person, then logs the same subject into it again', async () => {
      provider.state.currentUser = {
        sub: 'kc-100',
        email: 'Nadia@Example.org',
        email_verified: true,
        name: 'Nadia',
      };
      const first = await goToProvider('login');
      const response = await comeBack(first.callback, first.cookie);
      expect(response.statusCode).toBe(302);
      expect(response.headers.location).toBe('/');
      const session = await sessionFrom(response);
      expect(session.user).toMatchObject({ email: 'nadia@example.org', name: 'Nadia', verified: true });

      const again = await goToProvider('login');
      const second = await sessionFrom(await comeBack(again.callback, again.cookie));
      expect(second.user.id).toBe(session.user.id);

      const attempts = await get()
        .db.database.db.selectFrom('login_attempts')
        .select(['provider', 'success'])
        .where('email', '=', 'nadia@example.org')
        .execute();
      expect(attempts).toEqual([
        { provider: 'oidc', success: true },
        { provider: 'oidc', success: true },
      ]);
    });

    it('refuses a callback whose state does not match the browser cookie', async () => {
      provider.state.currentUser = {
        sub: 'kc-200',
        email: 'mallory@example.org',
        email_verified: true,
        name: 'M',
      };
      const flow = await goToProvider('login');
      const forged = new URL(flow.callback);
      forged.searchParams.set('state', 'attacker-state');
      const response = await comeBack(forged, flow.cookie);
      expect(response.statusCode).toBe(302);
      expect(response.headers.location).toBe('/login?oauthError=invalid-state&provider=oidc');
      expect(response.cookies.find((cookie) => cookie.name === 'staykeep_refresh')).toBeUndefined();

      const noCookie = await get().app.inject({
        method: 'GET',
        url: `${flow.callback.pathname}${flow.callback.search}`,
      });
      expect(noCookie.headers.location).toBe('/login?oauthError=invalid-state&provider=oidc');
      const tampered = await comeBack(flow.callback, `${flow.cookie}x`);
      expect(tampered.headers.location).toBe('/login?oauthError=invalid-state&provider=oidc');
    });

    it('refuses a replayed authorization code', async () => {
      provider.state.currentUser = {
        sub: 'kc-300',
        email: 'once@example.org',
        email_verified: true,
        name: 'Once',
      };
      const flow = await goToProvider('login');
      expect((await comeBack(flow.callback, flow.cookie)).headers.location).toBe('/');
      const replay = await comeBack(flow.callback, flow.cookie);
      expect(replay.headers.location).toBe('/login?oauthError=provider-error&provider=oidc');
      expect(
        replay.cookies.find((cookie) => cookie.name === 'staykeep_refresh' && cookie.value),
      ).toBeUndefined();
    });

    it('never links an existing account by email: its owner links from the profile', async () => {
      const { app } = get();
      const owner = await registerUser(app, { email: 'claire@example.org' });
      provider.state.currentUser = {
        sub: 'kc-400',
        email: 'claire@example.org',
        email_verified: true,
        name: 'Claire',
      };
      const flow = await goToProvider('login');
      const response = await comeBack(flow.callback, flow.cookie);
      expect(response.headers.location).toBe('/login?oauthError=link-required&provider=oidc');
      expect(await sessionFrom(response)).toBeNull();

      const link = await goToProvider('link', bearer(owner));
      const linked = await comeBack(link.callback, link.cookie);
      expect(linked.headers.location).toBe('/profile?linked=oidc');
      const providers = await app.inject({
        method: 'GET',
        url: '/api/v1/users/me/providers',
        headers: bearer(owner),
      });
      expect(providers.json().items).toEqual([
        { provider: 'oidc', email: 'claire@example.org', linkedAt: expect.stringMatching(/Z$/) },
      ]);

      const login = await goToProvider('login');
      const session = await sessionFrom(await comeBack(login.callback, login.cookie));
      expect(session.user.id).toBe(owner.user.id);

      // A password remains, so the provider may go.
      const unlink = await app.inject({
        method: 'DELETE',
        url: '/api/v1/users/me/providers/oidc',
        headers: bearer(owner),
      });
      expect(unlink.statusCode).toBe(204);
      const gone = await app.inject({
        method: 'DELETE',
        url: '/api/v1/users/me/providers/oidc',
        headers: bearer(owner),
      });
      expect(gone.statusCode).toBe(404);
    });

    it('keeps the last way to log in of an account that has no password', async () => {
      const { app } = get();
      provider.state.currentUser = {
        sub: 'kc-500',
        email: 'only-sso@example.org',
        email_verified: true,
        name: 'SSO',
      };
      const flow = await goToProvider('login');
      const session = await sessionFrom(await comeBack(flow.callback, flow.cookie));
      const refused = await app.inject({
        method: 'DELETE',
        url: '/api/v1/users/me/providers/oidc',
        headers: bearer(session),
      });
      expect(refused.statusCode).toBe(409);
      expect(refused.json().type).toBe('urn:staykeep:problem:last-login-method');
    });

    it('refuses to link a subject already linked to someone else', async () => {
      const { app } = get();
      provider.state.currentUser = {
        sub: 'kc-600',
        email: 'first@example.org',
        email_verified: true,
        name: 'First',
      };
      const flow = await goToProvider('login');
      await sessionFrom(await comeBack(flow.callback, flow.cookie));
      const other = await registerUser(app);
      const link = await goToProvider('link', bearer(other));
      const response = await comeBack(link.callback, link.cookie);
      expect(response.headers.location).toBe('/profile?oauthError=already-linked&provider=oidc');
    });

    it('does not create an account from an email the provider has not verified', async () => {
      provider.state.currentUser = {
        sub: 'kc-700',
        email: 'unverified@example.org',
        email_verified: false,
        name: 'U',
      };
      const flow = await goToProvider('login');
      expect((await comeBack(flow.callback, flow.cookie)).headers.location).toBe(
        '/login?oauthError=no-email&provider=oidc',
      );
    });

    it('answers 404 for a provider that is not enabled', async () => {
      const response = await get().app.inject({
        method: 'POST',
        url: '/api/v1/auth/oauth/github/login',
        payload: {},
      });
      expect(response.statusCode).toBe(404);
    });
  },
  {
    config: {
      oauth: {
        ...testConfig().oauth,
        oidc: { ...client, issuer: provider.issuer, name: 'Company login' },
      },
    },
  },
);
