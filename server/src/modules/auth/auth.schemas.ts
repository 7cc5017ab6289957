import { Type } from 'typebox';
import { ROLES } from '../../db/tables.ts';
import { Email as EmailInput, Id, Line, Name, Password, Token } from '../../http/inputs.ts';
import { PASSWORD_MAX_LENGTH } from './passwords.ts';

const Email = EmailInput('Case-insensitive');
// Length and common-password rules are checked by the service, to answer with a precise message.
const NewPassword = Password(PASSWORD_MAX_LENGTH * 4, '8 to 128 characters');
const AnyPassword = Password(PASSWORD_MAX_LENGTH * 4);
// Login and reset take any email-like text: an address that is not one gets the same answer as an unknown one.
const EmailLike = Line(254);
const Locale = Type.Union([Type.Literal('en'), Type.Literal('fr')]);
export const RoleSchema = Type.Enum(ROLES, { $id: 'Role' });

export const UserSchema = Type.Object(
  {
    id: Type.String(),
    email: Type.String(),
    name: Type.String(),
    locale: Type.String(),
    verified: Type.Boolean(),
    instanceAdmin: Type.Boolean(),
    lastLoginAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
    createdAt: Type.String({ format: 'date-time' }),
  },
  { $id: 'User', additionalProperties: false },
);

export const MembershipSchema = Type.Object(
  { organizationId: Type.String(), organizationName: Type.String(), role: Type.Ref('Role') },
  { $id: 'Membership', additionalProperties: false },
);

export const TokensSchema = Type.Object(
  {
    accessToken: Type.String({ description: 'JWT for the Authorization: Bearer header' }),
    refreshToken: Type.String({ description: 'Opaque; also set as an httpOnly cookie' }),
    tokenType: Type.Literal('bearer'),
    expiresIn: Type.Integer({ description: 'Seconds until the access token expires' }),
    user: Type.Ref('User'),
  },
  { $id: 'Tokens', additionalProperties: false },
);

export const MeSchema = Type.Object(
  { user: Type.Ref('User'), memberships: Type.Array(Type.Ref('Membership')) },
  { $id: 'Me', additionalProperties: false },
);

export const RegisterBody = Type.Object(
  {
    email: Email,
    password: NewPassword,
    name: Name(200),
    locale: Type.Optional(Locale),
    organizationName: Type.Optional(Name(200)),
    invitationToken: Type.Optional(Token(200, 'Join the inviting organization instead')),
  },
  { additionalProperties: false },
);

export const RegistrationPendingSchema = Type.Object(
  { status: Type.Literal('pending-approval') },
  { $id: 'RegistrationPending', additionalProperties: false },
);

export const LoginBody = Type.Object(
  { email: EmailLike, password: AnyPassword },
  { additionalProperties: false },
);

export const RefreshBody = Type.Object(
  { refreshToken: Type.Optional(Token(200)) },
  { additionalProperties: false },
);

export const PasswordResetRequestBody = Type.Object({ email: EmailLike }, { additionalProperties: false });

export const PasswordResetConfirmBody = Type.Object(
  { token: Token(200), password: NewPassword },
  { additionalProperties: false },
);

export const TokenBody = Type.Object({ token: Token(200) }, { additionalProperties: false });

export const ProfileBody = Type.Object(
  { name: Type.Optional(Name(200)), locale: Type.Optional(Locale) },
  { additionalProperties: false, minProperties: 1 },
);

export const ChangePasswordBody = Type.Object(
  { currentPassword: AnyPassword, newPassword: NewPassword },
  { additionalProperties: false },
);

const RegistrationStatus = Type.Union([
  Type.Literal('pending'),
  Type.Literal('approved'),
  Type.Literal('rejected'),
]);

export const RegistrationRequestSchema = Type.Object(
  {
    id: Type.String(),
    email: Type.String(),
    name: Type.String(),
    status: RegistrationStatus,
    createdAt: Type.String({ format: 'date-time' }),
    decidedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  },
  { $id: 'RegistrationRequest', additionalProperties: false },
);

export const RegistrationRequestListSchema = Type.Object(
  { items: Type.Array(Type.Ref('RegistrationRequest')), nextCursor: Type.Null() },
  { $id: 'RegistrationRequestList', additionalProperties: false },
);

export const RegistrationRequestQuery = Type.Object(
  { status: Type.Optional(RegistrationStatus) },
  { additionalProperties: false },
);
export const RegistrationRequestParams = Type.Object({ requestId: Id() });
export const DecisionBody = Type.Object(
  { status: Type.Union([Type.Literal('approved'), Type.Literal('rejected')]) },
  { additionalProperties: false },
);

export const AdminUserSchema = Type.Object(
  { ...UserSchema.properties, active: Type.Boolean() },
  { $id: 'AdminUser', additionalProperties: false },
);

export const AdminUserListSchema = Type.Object(
  { items: Type.Array(Type.Ref('AdminUser')), nextCursor: Type.Union([Type.String(), Type.Null()]) },
  { $id: 'AdminUserList', additionalProperties: false },
);

export const AdminUserQuery = Type.Object(
  {
    search: Type.Optional(Line(200, { minLength: 1, description: 'Part of an email or a name' })),
    limit: Type.Integer({ minimum: 1, maximum: 200, default: 50 }),
    cursor: Type.Optional(Line(300, { description: 'nextCursor of the previous page' })),
  },
  { additionalProperties: false },
);

export const AdminUserParams = Type.Object({ userId: Id() });
export const AdminUserBody = Type.Object(
  { active: Type.Optional(Type.Boolean()), instanceAdmin: Type.Optional(Type.Boolean()) },
  { additionalProperties: false, minProperties: 1 },
);

export const authSchemas = [
  AdminUserSchema,
  AdminUserListSchema,
  RoleSchema,
  UserSchema,
  MembershipSchema,
  TokensSchema,
  MeSchema,
  RegistrationPendingSchema,
  RegistrationRequestSchema,
  RegistrationRequestListSchema,
];
