import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { callerOf } from '../../http/access.ts';
import { AppError } from '../../http/errors.ts';
import { allowEmptyBody } from '../../http/inputs.ts';
import type { AppInstance } from '../../http/types.ts';
import {
  AdminUserBody,
  AdminUserParams,
  AdminUserQuery,
  authSchemas,
  DecisionBody,
  LoginBody,
  PasswordResetConfirmBody,
  PasswordResetRequestBody,
  RefreshBody,
  RegisterBody,
  RegistrationRequestParams,
  RegistrationRequestQuery,
  TokenBody,
} from './auth.schemas.ts';
import type { AuthService, ClientInfo, Session } from './auth.service.ts';

export const REFRESH_COOKIE = 'staykeep_refresh';
const COOKIE_PATH = '/api/v1/auth';

const clientOf = (request: FastifyRequest): ClientInfo => ({
  ip: request.ip,
  userAgent: request.headers['user-agent']?.slice(0, 500) ?? null,
});

/** The web app keeps its refresh token in an httpOnly cookie; API clients use the body. */
export function setSessionCookie(app: AppInstance, reply: FastifyReply, session: Session): Session {
  reply.setCookie(REFRESH_COOKIE, session.refreshToken, {
    path: COOKIE_PATH,
    httpOnly: true,
    sameSite: 'strict',
    secure: app.config.publicUrl.startsWith('https://'),
    maxAge: app.config.auth.refreshTokenTtlDays * 86_400,
  });
  return session;
}

export async function authRoutes(app: AppInstance, auth: AuthService): Promise<void> {
  for (const schema of authSchemas) app.addSchema(schema);
  const withSessionCookie = (reply: FastifyReply, session: Session) => setSessionCookie(app, reply, session);

  app.post(
    '/api/v1/auth/register',
    {
      config: { policy: 'public' },
      schema: {
        tags: ['auth'],
        summary: 'Create an account (and an organization of its own, as admin)',
        operationId: 'register',
        body: RegisterBody,
        response: { 201: Type.Ref('Tokens'), 202: Type.Ref('RegistrationPending') },
      },
    },
    async (request, reply) => {
      const outcome = await auth.register(request.body);
      if ('status' in outcome) return reply.code(202).send(outcome);
      return reply.code(201).header('Location', '/api/v1/auth/me').send(withSessionCookie(reply, outcome));
    },
  );

  app.post(
    '/api/v1/auth/login',
    {
      config: { policy: 'public' },
      schema: {
        tags: ['auth'],
        summary: 'Log in with email and password',
        operationId: 'login',
        body: LoginBody,
        response: { 200: Type.Ref('Tokens') },
      },
    },
    async (request, reply) => withSessionCookie(reply, await auth.login(request.body, clientOf(request))),
  );

  app.post(
    '/api/v1/auth/refresh',
    {
      config: { policy: 'public' },
      schema: {
        tags: ['auth'],
        summary: 'Exchange a refresh token (body or cookie) for new tokens; the old one stops working',
        operationId: 'refresh',
        body: RefreshBody,
        response: { 200: Type.Ref('Tokens') },
      },
      preValidation: allowEmptyBody,
    },
    async (request, reply) => {
      const token = request.body.refreshToken ?? request.cookies[REFRESH_COOKIE];
      if (!token) throw new AppError(401, 'invalid-refresh-token', 'No refresh token: log in again.');
      return withSessionCookie(reply, await auth.refresh(token));
    },
  );

  app.post(
    '/api/v1/auth/logout',
    {
      config: { policy: 'public' },
      schema: {
        tags: ['auth'],
        summary: 'End the session of a refresh token (body or cookie)',
        operationId: 'logout',
        body: RefreshBody,
        response: { 204: Type.Null() },
      },
      preValidation: allowEmptyBody,
    },
    async (request, reply) => {
      await auth.logout(request.body.refreshToken ?? request.cookies[REFRESH_COOKIE]);
      reply.clearCookie(REFRESH_COOKIE, { path: COOKIE_PATH });
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/api/v1/auth/me',
    {
      config: { policy: 'authenticated' },
      schema: {
        tags: ['auth'],
        summary: 'The current user and their organizations',
        operationId: 'me',
        response: { 200: Type.Ref('Me') },
      },
    },
    async (request) => auth.me(callerOf(request).userId),
  );

  app.post(
    '/api/v1/auth/verify-email',
    {
      config: { policy: 'public' },
      schema: {
        tags: ['auth'],
        summary: 'Confirm an email address with the emailed token',
        operationId: 'verifyEmail',
        body: TokenBody,
        response: { 204: Type.Null() },
      },
    },
    async (request, reply) => {
      await auth.verifyEmail(request.body.token);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/api/v1/auth/verify-email/resend',
    {
      config: { policy: 'authenticated' },
      schema: {
        tags: ['auth'],
        summary: 'Email a new confirmation link to the current user',
        operationId: 'resendVerification',
        response: { 202: Type.Null() },
      },
    },
    async (request, reply) => {
      await auth.resendVerification(callerOf(request).userId);
      return reply.code(202).send(null);
    },
  );

  app.post(
    '/api/v1/auth/password-reset/request',
    {
      config: { policy: 'public' },
      schema: {
        tags: ['auth'],
        summary: 'Email a password reset link (answers 202 whether or not the email has an account)',
        operationId: 'requestPasswordReset',
        body: PasswordResetRequestBody,
        response: { 202: Type.Null() },
      },
    },
    async (request, reply) => {
      await auth.requestPasswordReset(request.body.email);
      return reply.code(202).send(null);
    },
  );

  app.post(
    '/api/v1/auth/password-reset/confirm',
    {
      config: { policy: 'public' },
      schema: {
        tags: ['auth'],
        summary: 'Set a new password with the emailed token; every session ends',
        operationId: 'confirmPasswordReset',
        body: PasswordResetConfirmBody,
        response: { 204: Type.Null() },
      },
    },
    async (request, reply) => {
      await auth.confirmPasswordReset(request.body.token, request.body.password);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/api/v1/admin/registration-requests',
    {
      config: { policy: 'instance-admin' },
      schema: {
        tags: ['admin'],
        summary: 'Registration requests (approval mode), pending ones by default',
        operationId: 'listRegistrationRequests',
        querystring: RegistrationRequestQuery,
        response: { 200: Type.Ref('RegistrationRequestList') },
      },
    },
    async (request) => ({
      items: await auth.listRegistrationRequests(request.query.status ?? 'pending'),
      nextCursor: null,
    }),
  );

  app.patch(
    '/api/v1/admin/registration-requests/:requestId',
    {
      config: { policy: 'instance-admin' },
      schema: {
        tags: ['admin'],
        summary: 'Approve (the account is created) or reject a registration request',
        operationId: 'decideRegistrationRequest',
        params: RegistrationRequestParams,
        body: DecisionBody,
        response: { 204: Type.Null() },
      },
    },
    async (request, reply) => {
      await auth.decideRegistration(callerOf(request).userId, request.params.requestId, request.body.status);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/api/v1/admin/users',
    {
      config: { policy: 'instance-admin' },
      schema: {
        tags: ['admin'],
        summary: 'Every account of the instance, by email',
        operationId: 'listUsers',
        querystring: AdminUserQuery,
        response: { 200: Type.Ref('AdminUserList') },
      },
    },
    async (request) =>
      auth.listUsers({
        search: request.query.search,
        limit: request.query.limit,
        after: request.query.cursor,
      }),
  );

  app.patch(
    '/api/v1/admin/users/:userId',
    {
      config: { policy: 'instance-admin' },
      schema: {
        tags: ['admin'],
        summary:
          'Deactivate or reactivate an account (deactivation ends its sessions), or make it an administrator',
        operationId: 'updateUser',
        params: AdminUserParams,
        body: AdminUserBody,
        response: { 200: Type.Ref('AdminUser') },
      },
    },
    async (request) => auth.updateUserStatus(callerOf(request).userId, request.params.userId, request.body),
  );
}
