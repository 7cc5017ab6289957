import { Type } from 'typebox';

const CalendarDate = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'YYYY-MM-DD' });
const BlockKind = Type.Union([Type.Literal('maintenance'), Type.Literal('owner'), Type.Literal('other')]);

export const BlockSchema = Type.Object(
  {
    id: Type.String(),
    houseId: Type.String(),
    start: CalendarDate,
    end: Type.String({ description: 'Exclusive, like a check-out' }),
    kind: BlockKind,
    note: Type.Union([Type.String(), Type.Null()]),
    version: Type.Integer(),
    createdAt: Type.String({ format: 'date-time' }),
    updatedAt: Type.String({ format: 'date-time' }),
  },
  { $id: 'Block', additionalProperties: false },
);

export const BlockListSchema = Type.Object(
  { items: Type.Array(Type.Ref('Block')), nextCursor: Type.Null() },
  { $id: 'BlockList', additionalProperties: false },
);

export const BlockCreateBody = Type.Object(
  {
    houseId: Type.String({ maxLength: 64 }),
    start: CalendarDate,
    end: CalendarDate,
    kind: BlockKind,
    note: Type.Optional(Type.Union([Type.String({ maxLength: 2000 }), Type.Null()])),
  },
  { additionalProperties: false },
);

export const BlockUpdateBody = Type.Object(
  {
    start: Type.Optional(CalendarDate),
    end: Type.Optional(CalendarDate),
    kind: Type.Optional(BlockKind),
    note: Type.Optional(Type.Union([Type.String({ maxLength: 2000 }), Type.Null()])),
  },
  { additionalProperties: false, minProperties: 1 },
);

export const BlockParams = Type.Object({ blockId: Type.String({ maxLength: 64 }) });

const RangeQuery = {
  from: CalendarDate,
  to: Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'Exclusive, like a check-out' }),
};

export const BlockListQuery = Type.Object(
  { ...RangeQuery, houseId: Type.Optional(Type.String({ maxLength: 64 })) },
  { additionalProperties: false },
);

export const CalendarQuery = Type.Object(
  {
    ...RangeQuery,
    houseId: Type.Optional(Type.String({ maxLength: 64 })),
    siteId: Type.Optional(Type.String({ maxLength: 64 })),
    format: Type.Optional(Type.Union([Type.Literal('ranges'), Type.Literal('days')], { default: 'ranges' })),
  },
  { additionalProperties: false },
);

const CalendarStay = Type.Object(
  {
    id: Type.String(),
    guestName: Type.String(),
    checkIn: CalendarDate,
    checkOut: CalendarDate,
    status: Type.Ref('ReservationStatus'),
    guests: Type.Integer(),
    source: Type.Ref('ReservationSource'),
  },
  { additionalProperties: false },
);

const CalendarDay = Type.Object(
  {
    date: CalendarDate,
    status: Type.Union([Type.Literal('free'), Type.Literal('reserved'), Type.Literal('blocked')]),
    reservationId: Type.Optional(Type.String()),
    blockId: Type.Optional(Type.String()),
  },
  { additionalProperties: false },
);

export const CalendarSchema = Type.Object(
  {
    from: CalendarDate,
    to: CalendarDate,
    houses: Type.Array(
      Type.Object(
        {
          houseId: Type.String(),
          code: Type.String(),
          name: Type.String(),
          reservations: Type.Optional(Type.Array(CalendarStay)),
          blocks: Type.Optional(Type.Array(Type.Ref('Block'))),
          days: Type.Optional(Type.Array(CalendarDay)),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { $id: 'Calendar', additionalProperties: false },
);

export const AvailabilityQuery = Type.Object(
  {
    checkIn: CalendarDate,
    checkOut: CalendarDate,
    guests: Type.Integer({ minimum: 1, maximum: 500, default: 1 }),
  },
  { additionalProperties: false },
);

export const calendarSchemas = [BlockSchema, BlockListSchema, CalendarSchema];
