import { Type } from 'typebox';
import { ROLES } from '../../db/tables.ts';
import { Email, Id, Token } from '../../http/inputs.ts';
import { PageQuery } from '../../http/pagination.ts';

export const OrganizationSchema = Type.Object(
  {
    id: Type.String(),
    name: Type.String(),
    currency: Type.String({ description: 'ISO 4217' }),
    timezone: Type.String({ description: 'IANA time zone, e.g. Europe/Paris' }),
    locale: Type.String(),
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

export const organizationSchemas = [
  OrganizationSchema,
  MemberSchema,
  MemberListSchema,
  InvitationSchema,
  InvitationListSchema,
  InvitationPreviewSchema,
];
