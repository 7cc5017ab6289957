import { Type } from 'typebox';
import { callerOf } from '../../http/access.ts';
import type { AppInstance } from '../../http/types.ts';
import { setSessionCookie } from '../auth/auth.routes.ts';
import { ChangePasswordBody, ProfileBody } from '../auth/auth.schemas.ts';
import type { AuthService } from '../auth/auth.service.ts';

/** The current user's own profile and password. */
export async function userRoutes(app: AppInstance, auth: AuthService): Promise<void> {
  app.get(
    '/api/v1/users/me',
    {
      config: { policy: 'authenticated' },
      schema: {
        tags: ['users'],
        summary: 'Your profile',
        operationId: 'getProfile',
        response: { 200: Type.Ref('User') },
      },
    },
    async (request) => (await auth.me(callerOf(request).userId)).user,
  );

  app.patch(
    '/api/v1/users/me',
    {
      config: { policy: 'authenticated' },
      schema: {
        tags: ['users'],
        summary: 'Change your name or language',
        operationId: 'updateProfile',
        body: ProfileBody,
        response: { 200: Type.Ref('User') },
      },
    },
    async (request) => auth.updateProfile(callerOf(request).userId, request.body),
  );

  app.post(
    '/api/v1/users/me/password',
    {
      config: { policy: 'authenticated' },
      schema: {
        tags: ['users'],
        summary: 'Change your password; every other session ends and this one gets new tokens',
        operationId: 'changePassword',
        body: ChangePasswordBody,
        response: { 200: Type.Ref('Tokens') },
      },
    },
    async (request, reply) => {
      const session = await auth.changePassword(
        callerOf(request).userId,
        request.body.currentPassword,
        request.body.newPassword,
      );
      return setSessionCookie(app, reply, session);
    },
  );
}
