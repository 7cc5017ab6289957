import { Type } from 'typebox';
import { HOUSE_TYPES } from '../../db/tables.ts';
import { Id, Line, Name, Text, TimeZone } from '../../http/inputs.ts';
import { MoneyInput, MoneyOutput } from '../../http/money.ts';
import { PageQuery } from '../../http/pagination.ts';

const HouseTypeSchema = Type.Enum(HOUSE_TYPES, { $id: 'HouseType' });
const HouseStatus = Type.Union([Type.Literal('active'), Type.Literal('inactive')]);
const Code = Type.String({
  pattern: '^[a-z0-9][a-z0-9-]{0,62}$',
  description: 'Lower-case letters, digits and dashes, like maison-1; unique in the organization',
});
const Time = Type.String({ pattern: '^([01]\\d|2[0-3]):[0-5]\\d$', description: 'HH:MM' });
const Nullable = <T extends ReturnType<typeof Type.String>>(schema: T) => Type.Union([schema, Type.Null()]);

const houseFields = {
  id: Type.String(),
  code: Type.String(),
  name: Type.String(),
  type: Type.Ref('HouseType'),
  siteId: Type.Union([Type.String(), Type.Null()]),
  location: Type.Union([Type.String(), Type.Null()]),
  maxGuests: Type.Integer(),
  timezone: Type.String(),
  checkInTime: Type.String(),
  checkOutTime: Type.String(),
  status: HouseStatus,
  notes: Type.Union([Type.String(), Type.Null()]),
  version: Type.Integer(),
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
};

/** A house as managers, admins and owners see it. */
export const HouseSchema = Type.Object(
  { ...houseFields, nightlyPrice: Type.Union([MoneyOutput, Type.Null()]) },
  { $id: 'House', additionalProperties: false },
);

/** A house as staff see it: no money. */
export const HouseStaffViewSchema = Type.Object(houseFields, {
  $id: 'HouseStaffView',
  additionalProperties: false,
});

export const HouseAnyView = Type.Union([Type.Ref('House'), Type.Ref('HouseStaffView')]);

export const HouseListSchema = Type.Object(
  { items: Type.Array(HouseAnyView), nextCursor: Type.Union([Type.String(), Type.Null()]) },
  { $id: 'HouseList', additionalProperties: false },
);

export const HouseCreateBody = Type.Object(
  {
    code: Code,
    name: Name(100),
    type: Type.Enum(HOUSE_TYPES),
    siteId: Type.Optional(Nullable(Id())),
    location: Type.Optional(Nullable(Line(500))),
    maxGuests: Type.Integer({ minimum: 1, maximum: 500 }),
    nightlyPrice: Type.Optional(Type.Union([MoneyInput, Type.Null()])),
    timezone: Type.Optional(TimeZone()),
    checkInTime: Type.Optional(Time),
    checkOutTime: Type.Optional(Time),
    status: Type.Optional(HouseStatus),
    notes: Type.Optional(Nullable(Text(5000))),
  },
  { additionalProperties: false },
);

export const HouseUpdateBody = Type.Partial(HouseCreateBody, {
  additionalProperties: false,
  minProperties: 1,
});

export const HouseListQuery = Type.Object(
  {
    ...PageQuery,
    siteId: Type.Optional(Id()),
    status: Type.Optional(HouseStatus),
    search: Type.Optional(Line(100, { minLength: 1, description: 'Part of the code or name' })),
  },
  { additionalProperties: false },
);

export const HouseParams = Type.Object({ houseId: Id() });

export const SiteSchema = Type.Object(
  {
    id: Type.String(),
    name: Type.String(),
    address: Type.Union([Type.String(), Type.Null()]),
    notes: Type.Union([Type.String(), Type.Null()]),
    houseCount: Type.Integer(),
    version: Type.Integer(),
    createdAt: Type.String({ format: 'date-time' }),
    updatedAt: Type.String({ format: 'date-time' }),
  },
  { $id: 'Site', additionalProperties: false },
);

export const SiteListSchema = Type.Object(
  { items: Type.Array(Type.Ref('Site')), nextCursor: Type.Union([Type.String(), Type.Null()]) },
  { $id: 'SiteList', additionalProperties: false },
);

export const SiteCreateBody = Type.Object(
  {
    name: Name(100),
    address: Type.Optional(Nullable(Line(500))),
    notes: Type.Optional(Nullable(Text(5000))),
  },
  { additionalProperties: false },
);
export const SiteUpdateBody = Type.Partial(SiteCreateBody, { additionalProperties: false, minProperties: 1 });
export const SiteParams = Type.Object({ siteId: Id() });
export const SiteListQuery = Type.Object({ ...PageQuery }, { additionalProperties: false });

export const houseSchemas = [
  HouseTypeSchema,
  HouseSchema,
  HouseStaffViewSchema,
  HouseListSchema,
  SiteSchema,
  SiteListSchema,
];
