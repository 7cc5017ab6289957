import { Type } from 'typebox';
import { BLOCK_KINDS } from '../../db/tables.ts';
import { CalendarDate, CalendarDateOut, Id, Text } from '../../http/inputs.ts';

const BlockKindSchema = Type.Enum(BLOCK_KINDS, { $id: 'BlockKind' });
/** The kinds a person enters; `channel` blocks come from a channel's feed only. */
const EnteredBlockKind = () => Type.Enum(BLOCK_KINDS.filter((kind) => kind !== 'channel'));

export const BlockSchema = Type.Object(
  {
    id: Type.String(),
    houseId: Type.String(),
    start: CalendarDateOut,
    end: Type.String({ description: 'Exclusive, like a check-out' }),
    kind: Type.Ref('BlockKind'),
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
    houseId: Id(),
    start: CalendarDate(),
    end: CalendarDate('YYYY-MM-DD, exclusive like a check-out'),
    kind: EnteredBlockKind(),
    note: Type.Optional(Type.Union([Text(2000), Type.Null()])),
  },
  { additionalProperties: false },
);

export const BlockUpdateBody = Type.Object(
  {
    start: Type.Optional(CalendarDate()),
    end: Type.Optional(CalendarDate('YYYY-MM-DD, exclusive like a check-out')),
    kind: Type.Optional(EnteredBlockKind()),
    note: Type.Optional(Type.Union([Text(2000), Type.Null()])),
  },
  { additionalProperties: false, minProperties: 1 },
);

export const BlockParams = Type.Object({ blockId: Id() });

const RangeQuery = {
  from: CalendarDate(),
  to: CalendarDate('YYYY-MM-DD, exclusive like a check-out'),
};

export const BlockListQuery = Type.Object(
  { ...RangeQuery, houseId: Type.Optional(Id()) },
  { additionalProperties: false },
);

export const CalendarQuery = Type.Object(
  {
    ...RangeQuery,
    houseId: Type.Optional(Id()),
    siteId: Type.Optional(Id()),
    format: Type.Optional(Type.Union([Type.Literal('ranges'), Type.Literal('days')], { default: 'ranges' })),
  },
  { additionalProperties: false },
);

const CalendarStay = Type.Object(
  {
    id: Type.String(),
    guestName: Type.String(),
    checkIn: CalendarDateOut,
    checkOut: CalendarDateOut,
    status: Type.Ref('ReservationStatus'),
    guests: Type.Integer(),
    source: Type.Ref('ReservationSource'),
  },
  { additionalProperties: false },
);

const CalendarDay = Type.Object(
  {
    date: CalendarDateOut,
    status: Type.Union([Type.Literal('free'), Type.Literal('reserved'), Type.Literal('blocked')]),
    reservationId: Type.Optional(Type.String()),
    blockId: Type.Optional(Type.String()),
  },
  { additionalProperties: false },
);

export const CalendarSchema = Type.Object(
  {
    from: CalendarDateOut,
    to: CalendarDateOut,
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
    checkIn: CalendarDate(),
    checkOut: CalendarDate('YYYY-MM-DD, after checkIn'),
    guests: Type.Integer({ minimum: 1, maximum: 500, default: 1 }),
  },
  { additionalProperties: false },
);

export const calendarSchemas = [BlockKindSchema, BlockSchema, BlockListSchema, CalendarSchema];
