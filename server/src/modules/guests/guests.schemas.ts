import { Type } from 'typebox';
import { Email, Id, Line, Name, Text } from '../../http/inputs.ts';
import { PageQuery } from '../../http/pagination.ts';

const Nullable = (schema: ReturnType<typeof Type.String>) => Type.Union([schema, Type.Null()]);

export const GuestSchema = Type.Object(
  {
    id: Type.String(),
    name: Type.String(),
    email: Type.Union([Type.String(), Type.Null()]),
    phone: Type.Union([Type.String(), Type.Null()]),
    nationality: Type.Union([Type.String({ description: 'ISO 3166-1 alpha-2' }), Type.Null()]),
    notes: Type.Union([Type.String(), Type.Null()]),
    anonymizedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
    version: Type.Integer(),
    createdAt: Type.String({ format: 'date-time' }),
    updatedAt: Type.String({ format: 'date-time' }),
  },
  { $id: 'Guest', additionalProperties: false },
);

export const GuestListSchema = Type.Object(
  { items: Type.Array(Type.Ref('Guest')), nextCursor: Type.Union([Type.String(), Type.Null()]) },
  { $id: 'GuestList', additionalProperties: false },
);

export const GuestExportSchema = Type.Object(
  {
    exportedAt: Type.String({ format: 'date-time' }),
    guest: Type.Ref('Guest'),
    reservations: Type.Array(Type.Ref('Reservation')),
  },
  { $id: 'GuestExport', additionalProperties: false },
);

export const GuestCreateBody = Type.Object(
  {
    name: Name(200),
    email: Type.Optional(Nullable(Email())),
    phone: Type.Optional(Nullable(Line(50))),
    nationality: Type.Optional(
      Nullable(Type.String({ pattern: '^[A-Za-z]{2}$', description: 'ISO 3166-1 alpha-2, like FR' })),
    ),
    notes: Type.Optional(Nullable(Text(5000))),
  },
  { additionalProperties: false },
);

export const GuestUpdateBody = Type.Partial(GuestCreateBody, {
  additionalProperties: false,
  minProperties: 1,
});

export const GuestListQuery = Type.Object(
  {
    ...PageQuery,
    search: Type.Optional(Line(100, { minLength: 1, description: 'Part of the name, email or phone' })),
  },
  { additionalProperties: false },
);

export const GuestParams = Type.Object({ guestId: Id() });

export const guestSchemas = [GuestSchema, GuestListSchema, GuestExportSchema];
