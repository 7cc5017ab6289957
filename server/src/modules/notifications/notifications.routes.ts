import { Type } from 'typebox';
import { memberOf } from '../../http/access.ts';
import type { AppInstance } from '../../http/types.ts';
import { ALL_ROLES } from '../../kernel/access.ts';
import {
  NotificationListQuery,
  NotificationPreferencesBody,
  notificationSchemas,
  ReadBody,
} from './notifications.schemas.ts';
import type { NotificationsService } from './notifications.service.ts';

/** Each member's own notifications and preferences, in the current organization. */
export async function notificationRoutes(
  app: AppInstance,
  notifications: NotificationsService,
): Promise<void> {
  for (const schema of notificationSchemas) app.addSchema(schema);

  app.get(
    '/api/v1/notifications',
    {
      config: { policy: ALL_ROLES },
      schema: {
        tags: ['notifications'],
        summary: "The caller's notifications in this organization, newest first, with the unread count",
        operationId: 'listNotifications',
        querystring: NotificationListQuery,
        response: { 200: Type.Ref('NotificationList') },
      },
    },
    (request) => notifications.list(memberOf(request), request.query),
  );

  app.post(
    '/api/v1/notifications/read',
    {
      config: { policy: ALL_ROLES },
      schema: {
        tags: ['notifications'],
        summary:
          "Mark some of the caller's notifications read ({ ids }), or all ({ all: true }); ids that are not the caller's change nothing",
        operationId: 'markNotificationsRead',
        body: ReadBody,
        response: { 204: Type.Null() },
      },
    },
    async (request, reply) => {
      await notifications.markRead(memberOf(request), request.body);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/api/v1/notification-preferences',
    {
      config: { policy: ALL_ROLES },
      schema: {
        tags: ['notifications'],
        summary:
          "The caller's choices per kind (in the app, by email) and the digest; the organization's defaults until they choose",
        operationId: 'getNotificationPreferences',
        response: { 200: Type.Ref('MemberNotificationPreferences') },
      },
    },
    (request) => notifications.preferences(memberOf(request)),
  );

  app.put(
    '/api/v1/notification-preferences',
    {
      config: { policy: ALL_ROLES },
      schema: {
        tags: ['notifications'],
        summary: "Replace the caller's choices",
        operationId: 'putNotificationPreferences',
        body: NotificationPreferencesBody,
        response: { 200: Type.Ref('MemberNotificationPreferences') },
      },
    },
    (request) => notifications.savePreferences(memberOf(request), request.body),
  );
}
