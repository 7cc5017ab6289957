import { Type } from 'typebox';
import { Id, Line, Token } from '../../http/inputs.ts';

const ProviderIdSchema = Type.Union(
  [Type.Literal('google'), Type.Literal('github'), Type.Literal('facebook'), Type.Literal('oidc')],
  { $id: 'ProviderId' },
);

export const ProviderListSchema = Type.Object(
  {
    items: Type.Array(
      Type.Object({ id: Type.Ref('ProviderId'), name: Type.String() }, { additionalProperties: false }),
    ),
  },
  { $id: 'ProviderList', additionalProperties: false },
);

export const LinkedProviderListSchema = Type.Object(
  {
    items: Type.Array(
      Type.Object(
        {
          provider: Type.Ref('ProviderId'),
          email: Type.Union([Type.String(), Type.Null()]),
          linkedAt: Type.String({ format: 'date-time' }),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { $id: 'LinkedProviderList', additionalProperties: false },
);

export const AuthorizationSchema = Type.Object(
  { authorizationUrl: Type.String({ description: 'Send the browser here' }) },
  { $id: 'Authorization', additionalProperties: false },
);

export const ProviderParams = Type.Object({ provider: Id() });
export const StartBody = Type.Object(
  { next: Type.Optional(Line(500, { description: 'A path of the web app to return to' })) },
  { additionalProperties: false },
);
export const CallbackQuery = Type.Object(
  {
    code: Type.Optional(Line(2000)),
    state: Type.Optional(Token(500)),
    error: Type.Optional(Line(200)),
  },
  { additionalProperties: true },
);

export const oauthSchemas = [
  ProviderIdSchema,
  ProviderListSchema,
  LinkedProviderListSchema,
  AuthorizationSchema,
];
