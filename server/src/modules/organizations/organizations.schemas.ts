import { Type } from 'typebox';
import { RESERVATION_SOURCES, ROLES, TOURIST_TAX_MODES } from '../../db/tables.ts';
import { Email, Id, Name, TimeZone, Token } from '../../http/inputs.ts';
import { MoneyInput, MoneyOutput } from '../../http/money.ts';
import { PageQuery } from '../../http/pagination.ts';
import { NOTIFICATION_KINDS } from '../../kernel/notification-kinds.ts';

export const OrganizationSchema = Type.Object(
  {
    id: Type.String(),
    name: Type.String(),
    currency: Type.String({ description: 'ISO 4217' }),
    timezone: Type.String({ description: 'IANA time zone, e.g. Europe/Paris' }),
    locale: Type.String(),
    checkInTime: Type.String({ description: 'HH:MM: what a new house takes unless given its own' }),
    checkOutTime: Type.String({ description: 'HH:MM: what a new house takes unless given its own' }),
    role: Type.Ref('Role'),
  },
  { $id: 'Organization', additionalProperties: false },
);

export const MemberSchema = Type.Object(
  {
    userId: Type.String(),
    email: Type.String(),
    name: Type.String(),
    role: Type.Ref('Role'),
    joinedAt: Type.String({ format: 'date-time' }),
    houseIds: Type.Array(Type.String(), {
      description: 'The houses an owner sees; empty for other roles, who see every house',
    }),
  },
  { $id: 'Member', additionalProperties: false },
);

export const HouseAssignmentBody = Type.Object(
  { houseIds: Type.Array(Id(), { maxItems: 1000 }) },
  { additionalProperties: false },
);

export const MemberListSchema = Type.Object(
  { items: Type.Array(Type.Ref('Member')), nextCursor: Type.Union([Type.String(), Type.Null()]) },
  { $id: 'MemberList', additionalProperties: false },
);

export const InvitationSchema = Type.Object(
  {
    id: Type.String(),
    email: Type.String(),
    role: Type.Ref('Role'),
    expiresAt: Type.String({ format: 'date-time' }),
    createdAt: Type.String({ format: 'date-time' }),
  },
  { $id: 'Invitation', additionalProperties: false },
);

export const InvitationListSchema = Type.Object(
  { items: Type.Array(Type.Ref('Invitation')), nextCursor: Type.Null() },
  { $id: 'InvitationList', additionalProperties: false },
);

export const InvitationPreviewSchema = Type.Object(
  {
    organizationName: Type.String(),
    email: Type.String(),
    role: Type.Ref('Role'),
    expiresAt: Type.String({ format: 'date-time' }),
    status: Type.Union([Type.Literal('pending'), Type.Literal('accepted'), Type.Literal('expired')]),
  },
  { $id: 'InvitationPreview', additionalProperties: false },
);

export const UserIdParams = Type.Object({ userId: Id() });

export const MemberListQuery = Type.Object({ ...PageQuery }, { additionalProperties: false });
export const InvitationIdParams = Type.Object({ invitationId: Id() });
export const InvitationTokenBody = Type.Object({ token: Token(200) }, { additionalProperties: false });
export const InvitationTokenQuery = Type.Object({ token: Token(200) });
export const RoleBody = Type.Object({ role: Type.Enum(ROLES) }, { additionalProperties: false });
export const InviteBody = Type.Object(
  { email: Email(), role: Type.Enum(ROLES) },
  { additionalProperties: false },
);

// --- settings ---------------------------------------------------------------------

export const LANGUAGES = ['fr', 'en'] as const;
const Time = (description: string) =>
  Type.String({ pattern: '^([01]\\d|2[0-3]):[0-5]\\d$', description: `${description} (HH:MM, 24 h)` });
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) =>
  Type.Union([schema, Type.Null()]);
const Percent = Type.Union(
  [Type.String({ pattern: '^\\d{1,3}(\\.\\d{1,2})?$' }), Type.Number({ minimum: 0, maximum: 100 })],
  { description: 'A percentage with at most two decimals: "5", "1.5"' },
);
const TAX_MODE_DESCRIPTION =
  'per_night: rate per adult and night; percentage: percent of the price per person and night, at most cap per adult and night';

/** The organization's tourist tax for houses without a rule of their own: the shape of a house's rule. */
export const TouristTaxDefaultSchema = Type.Object(
  {
    mode: Type.Enum(TOURIST_TAX_MODES, { description: TAX_MODE_DESCRIPTION }),
    rate: Nullable(MoneyOutput),
    percent: Nullable(Type.String({ description: 'Two decimals, e.g. "5.00"' })),
    cap: Nullable(MoneyOutput),
    platformSources: Type.Array(Type.Enum(RESERVATION_SOURCES), {
      description: 'The channels that collect the tax themselves',
    }),
  },
  { $id: 'TouristTaxDefault', additionalProperties: false },
);

const deliveryChoice = (optional: boolean) => {
  const flag = optional ? Type.Optional(Type.Boolean()) : Type.Boolean();
  return Type.Object({ inApp: flag, email: flag }, { additionalProperties: false });
};

export const NotificationDefaultsSchema = Type.Object(
  {
    kinds: Type.Object(
      Object.fromEntries(NOTIFICATION_KINDS.map((kind) => [kind, deliveryChoice(false)])) as Record<
        (typeof NOTIFICATION_KINDS)[number],
        ReturnType<typeof deliveryChoice>
      >,
      { additionalProperties: false },
    ),
    digest: Type.Boolean({ description: 'The daily email digest (managers)' }),
  },
  {
    $id: 'NotificationDefaults',
    additionalProperties: false,
    description: 'The notification preferences a new member starts with, per kind: in the app, by email',
  },
);

export const OrganizationSettingsSchema = Type.Object(
  {
    name: Type.String(),
    currency: Type.String({ description: 'ISO 4217; fixed once money is recorded' }),
    language: Type.Enum(LANGUAGES, {
      description:
        'The default language: of emails to people without an account language of their own, such as invitations',
    }),
    timezone: Type.String({ description: 'IANA time zone: new houses take it unless given their own' }),
    checkInTime: Type.String({ description: 'HH:MM: new houses take it unless given their own' }),
    checkOutTime: Type.String({ description: 'HH:MM: new houses take it unless given their own' }),
    touristTax: Type.Optional(
      Type.Union([Type.Ref('TouristTaxDefault'), Type.Null()], {
        description:
          'The tourist tax of houses without a rule of their own; null: none. Absent for staff and owners (money)',
      }),
    ),
    notificationDefaults: Type.Ref('NotificationDefaults'),
    auditRetentionDays: Type.Union([Type.Integer(), Type.Null()], {
      description: 'Days the audit log keeps an entry; null keeps every entry for ever',
    }),
    version: Type.Integer(),
    updatedAt: Type.String({ format: 'date-time' }),
  },
  { $id: 'OrganizationSettings', additionalProperties: false },
);

export const TouristTaxDefaultBody = Type.Object(
  {
    mode: Type.Enum(TOURIST_TAX_MODES),
    rate: Type.Optional(Nullable(MoneyInput)),
    percent: Type.Optional(Nullable(Percent)),
    cap: Type.Optional(Nullable(MoneyInput)),
    platformSources: Type.Optional(
      Type.Array(Type.Enum(RESERVATION_SOURCES), { maxItems: 5, uniqueItems: true }),
    ),
  },
  { additionalProperties: false },
);

export const OrganizationSettingsBody = Type.Object(
  {
    name: Type.Optional(Name(200)),
    currency: Type.Optional(
      Type.String({
        pattern: '^[A-Z]{3}$',
        description: 'ISO 4217, e.g. EUR; refused (409) once money is recorded',
      }),
    ),
    language: Type.Optional(Type.Enum(LANGUAGES)),
    timezone: Type.Optional(TimeZone()),
    checkInTime: Type.Optional(Time('Default check-in time of new houses')),
    checkOutTime: Type.Optional(Time('Default check-out time of new houses')),
    touristTax: Type.Optional(Nullable(TouristTaxDefaultBody)),
    notificationDefaults: Type.Optional(
      Type.Object(
        {
          kinds: Type.Optional(
            Type.Object(
              Object.fromEntries(
                NOTIFICATION_KINDS.map((kind) => [kind, Type.Optional(deliveryChoice(true))]),
              ) as Record<
                (typeof NOTIFICATION_KINDS)[number],
                ReturnType<typeof Type.Optional<ReturnType<typeof deliveryChoice>>>
              >,
              { additionalProperties: false },
            ),
          ),
          digest: Type.Optional(Type.Boolean()),
        },
        {
          additionalProperties: false,
          description: 'Merged into the current defaults: a kind or a choice left out keeps its value',
        },
      ),
    ),
    auditRetentionDays: Type.Optional(
      Nullable(
        Type.Integer({
          minimum: 1,
          maximum: 36_500,
          description: 'Days the audit log keeps an entry; null keeps every entry for ever',
        }),
      ),
    ),
  },
  { additionalProperties: false },
);

export const organizationSchemas = [
  TouristTaxDefaultSchema,
  NotificationDefaultsSchema,
  OrganizationSettingsSchema,
  OrganizationSchema,
  MemberSchema,
  MemberListSchema,
  InvitationSchema,
  InvitationListSchema,
  InvitationPreviewSchema,
];
