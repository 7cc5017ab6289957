import { Type } from 'typebox';
import { Id } from '../../http/inputs.ts';
import { PageQuery } from '../../http/pagination.ts';
import { NOTIFICATION_KINDS, type NotificationKind } from '../../kernel/notification-kinds.ts';

/** A string or null in an answer, as one list of JSON types (the serializer writes it directly). */
const StringOrNull = (options: Record<string, unknown> = {}) =>
  Type.Unsafe<string | null>({ type: ['string', 'null'], ...options });

const KindSchema = Type.Enum(NOTIFICATION_KINDS, { $id: 'NotificationKind' });

export const NotificationSchema = Type.Object(
  {
    id: Type.String(),
    kind: Type.Ref('NotificationKind'),
    title: Type.String({ description: "In the member's language" }),
    body: Type.String(),
    entityType: StringOrNull({ description: 'reservation, maintenance_issue, house or channel' }),
    entityId: StringOrNull(),
    url: StringOrNull({ description: "The web app's path of what it is about, e.g. /reservations/<id>" }),
    createdAt: Type.String({ format: 'date-time' }),
    readAt: StringOrNull({ format: 'date-time' }),
  },
  { $id: 'Notification', additionalProperties: false },
);

export const NotificationListSchema = Type.Object(
  {
    items: Type.Array(Type.Ref('Notification')),
    nextCursor: StringOrNull(),
    unreadCount: Type.Integer({ description: "All the member's unread notifications in this organization" }),
  },
  { $id: 'NotificationList', additionalProperties: false },
);

export const NotificationListQuery = Type.Object(
  {
    ...PageQuery,
    unread: Type.Optional(Type.Boolean({ description: 'Only those not read yet' })),
  },
  { additionalProperties: false },
);

export const ReadBody = Type.Union(
  [
    Type.Object({ ids: Type.Array(Id(), { minItems: 1, maxItems: 200 }) }, { additionalProperties: false }),
    Type.Object({ all: Type.Literal(true) }, { additionalProperties: false }),
  ],
  { description: "Some of the caller's notifications by id (others' ids change nothing), or all of them" },
);

const DeliveryChoiceSchema = Type.Object(
  { inApp: Type.Boolean(), email: Type.Boolean() },
  { $id: 'NotificationDeliveryChoice', additionalProperties: false },
);

const kindsOf = <T>(each: () => T) =>
  Object.fromEntries(NOTIFICATION_KINDS.map((kind) => [kind, each()])) as Record<NotificationKind, T>;

export const NotificationPreferencesSchema = Type.Object(
  {
    kinds: Type.Object(
      kindsOf(() => Type.Ref('NotificationDeliveryChoice')),
      { additionalProperties: false },
    ),
    digest: Type.Boolean({ description: 'The evening email of tomorrow (managers and admins)' }),
  },
  { $id: 'MemberNotificationPreferences', additionalProperties: false },
);

/** Every kind, each in the app and/or by email; a kind left out takes the organization's default. */
export const NotificationPreferencesBody = Type.Object(
  {
    kinds: Type.Object(
      kindsOf(() =>
        Type.Optional(
          Type.Object({ inApp: Type.Boolean(), email: Type.Boolean() }, { additionalProperties: false }),
        ),
      ),
      { additionalProperties: false },
    ),
    digest: Type.Boolean(),
  },
  { additionalProperties: false },
);

export const notificationSchemas = [
  KindSchema,
  NotificationSchema,
  NotificationListSchema,
  DeliveryChoiceSchema,
  NotificationPreferencesSchema,
];
