import { Type } from 'typebox';

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
