import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { callerOf } from '../../http/access.ts';
import type { AppInstance } from '../../http/types.ts';
import { setSessionCookie } from '../auth/auth.routes.ts';
import type { ClientInfo } from '../auth/auth.service.ts';
import { CallbackQuery, oauthSchemas, ProviderParams, StartBody } from './oauth.schemas.ts';
import type { OAuthService, PendingFlow } from './oauth.service.ts';

const FLOW_COOKIE = 'staykeep_oauth';
const FLOW_COOKIE_PATH = '/api/v1/auth/oauth';
const FLOW_MINUTES = 10;

/** Only a path of this app: a crafted `next` must not send people to another site. */
const safeNext = (next: string | undefined, fallback: string) =>
  next?.startsWith('/') && !next.startsWith('//') ? next : fallback;

const clientOf = (request: FastifyRequest): ClientInfo => ({
  ip: request.ip,
  userAgent: request.headers['user-agent']?.slice(0, 500) ?? null,
});

export async function oauthRoutes(app: AppInstance, oauth: OAuthService): Promise<void> {
  for (const schema of oauthSchemas) app.addSchema(schema);
  const secure = app.config.publicUrl.startsWith('https://');

  /**
   * The state and PKCE verifier travel in a signed, short-lived cookie. It is
   * SameSite=Lax because the provider sends the browser back with a top-level
   * cross-site GET, which Strict cookies would miss.
   */
  function rememberFlow(reply: FastifyReply, flow: PendingFlow): void {
    reply.setCookie(FLOW_COOKIE, JSON.stringify(flow), {
      path: FLOW_COOKIE_PATH,
      httpOnly: true,
      sameSite: 'lax',
      secure,
      signed: true,
      maxAge: FLOW_MINUTES * 60,
    });
  }

  function recallFlow(request: FastifyRequest): PendingFlow | null {
    const raw = request.cookies[FLOW_COOKIE];
    if (!raw) return null;
    const unsigned = request.unsignCookie(raw);
    if (!unsigned.valid || !unsigned.value) return null;
    try {
      return JSON.parse(unsigned.value) as PendingFlow;
    } catch {
      return null;
    }
  }

  app.get(
    '/api/v1/auth/providers',
    {
      config: { policy: 'public' },
      schema: {
        tags: ['auth'],
        summary: 'Login providers enabled on this instance',
        operationId: 'listLoginProviders',
        response: { 200: Type.Ref('ProviderList') },
      },
    },
    async () => ({ items: oauth.listProviders() }),
  );

  app.post(
    '/api/v1/auth/oauth/:provider/login',
    {
      config: { policy: 'public' },
      schema: {
        tags: ['auth'],
        summary: 'Start logging in with a provider: send the browser to the returned URL',
        operationId: 'startOAuthLogin',
        params: ProviderParams,
        body: StartBody,
        response: { 200: Type.Ref('Authorization') },
      },
    },
    async (request, reply) => {
      const { authorizationUrl, flow } = await oauth.begin(request.params.provider, {
        mode: 'login',
        next: safeNext(request.body.next, '/'),
      });
      rememberFlow(reply, flow);
      return { authorizationUrl };
    },
  );

  app.post(
    '/api/v1/auth/oauth/:provider/link',
    {
      config: { policy: 'authenticated' },
      schema: {
        tags: ['auth'],
        summary: 'Start linking a provider to your account: send the browser to the returned URL',
        operationId: 'startOAuthLink',
        params: ProviderParams,
        body: StartBody,
        response: { 200: Type.Ref('Authorization') },
      },
    },
    async (request, reply) => {
      const { authorizationUrl, flow } = await oauth.begin(request.params.provider, {
        mode: 'link',
        userId: callerOf(request).userId,
        next: safeNext(request.body.next, '/profile'),
      });
      rememberFlow(reply, flow);
      return { authorizationUrl };
    },
  );

  app.get(
    '/api/v1/auth/oauth/:provider/callback',
    {
      config: { policy: 'public' },
      schema: {
        tags: ['auth'],
        summary: 'Where the provider sends the browser back; redirects into the web app',
        operationId: 'oauthCallback',
        params: ProviderParams,
        querystring: CallbackQuery,
        response: { 302: Type.Null() },
      },
    },
    async (request, reply) => {
      const callbackUrl = new URL(request.url, app.config.publicUrl);
      const outcome = await oauth.complete(
        request.params.provider,
        callbackUrl,
        recallFlow(request),
        clientOf(request),
      );
      // A flow is finished whatever happened: its state cannot be replayed from this browser.
      reply.clearCookie(FLOW_COOKIE, { path: FLOW_COOKIE_PATH });
      if (outcome.kind === 'session') {
        setSessionCookie(app, reply, outcome.session);
        return reply.redirect(outcome.next, 302);
      }
      if (outcome.kind === 'linked') {
        const target = new URL(outcome.next, 'http://app');
        target.searchParams.set('linked', request.params.provider);
        return reply.redirect(`${target.pathname}${target.search}`, 302);
      }
      if (outcome.cause)
        request.log.warn({ err: outcome.cause, provider: request.params.provider }, 'OAuth login failed');
      const page = outcome.mode === 'link' ? '/profile' : '/login';
      const query = new URLSearchParams({ oauthError: outcome.code, provider: request.params.provider });
      return reply.redirect(`${page}?${query}`, 302);
    },
  );

  app.get(
    '/api/v1/users/me/providers',
    {
      config: { policy: 'authenticated' },
      schema: {
        tags: ['users'],
        summary: 'Providers linked to your account',
        operationId: 'listLinkedProviders',
        response: { 200: Type.Ref('LinkedProviderList') },
      },
    },
    async (request) => ({ items: await oauth.listLinked(callerOf(request).userId) }),
  );

  app.delete(
    '/api/v1/users/me/providers/:provider',
    {
      config: { policy: 'authenticated' },
      schema: {
        tags: ['users'],
        summary: 'Unlink a provider (while another way to log in remains)',
        operationId: 'unlinkProvider',
        params: ProviderParams,
        response: { 204: Type.Null() },
      },
    },
    async (request, reply) => {
      await oauth.unlink(callerOf(request).userId, request.params.provider);
      return reply.code(204).send(null);
    },
  );
}
