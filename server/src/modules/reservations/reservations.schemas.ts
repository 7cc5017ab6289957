import { Type } from 'typebox';
import { RESERVATION_SOURCES, RESERVATION_STATUSES } from '../../db/tables.ts';
import { CalendarDate, CalendarDateOut, Email, Id, Line, Name, Text } from '../../http/inputs.ts';
import { MoneyInput, MoneyOutput } from '../../http/money.ts';
import { PageQuery } from '../../http/pagination.ts';
import { STATUS_STEPS, STATUS_UNDO } from './status.ts';

const StatusSchema = Type.Enum(RESERVATION_STATUSES, {
  $id: 'ReservationStatus',
  description: 'A status changes only along `x-steps`; a manager may take back a step along `x-undo`',
  'x-steps': STATUS_STEPS,
  'x-undo': STATUS_UNDO,
});
const SourceSchema = Type.Enum(RESERVATION_SOURCES, { $id: 'ReservationSource' });
const Nullable = (schema: ReturnType<typeof Type.String>) => Type.Union([schema, Type.Null()]);

const staffFields = {
  id: Type.String(),
  houseId: Type.String(),
  guestId: Type.String(),
  guestName: Type.String(),
  checkIn: CalendarDateOut,
  checkOut: CalendarDateOut,
  nights: Type.Integer(),
  guests: Type.Integer(),
  status: Type.Ref('ReservationStatus'),
  source: Type.Ref('ReservationSource'),
  externalRef: Type.Union([Type.String(), Type.Null()]),
  notes: Type.Union([Type.String(), Type.Null()]),
  cancellationReason: Type.Union([Type.String(), Type.Null()]),
  cancelledAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  version: Type.Integer(),
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
};

/** A reservation as managers and admins see it. */
export const ReservationSchema = Type.Object(
  {
    ...staffFields,
    guestEmail: Type.Union([Type.String(), Type.Null()]),
    guestPhone: Type.Union([Type.String(), Type.Null()]),
    totalPrice: MoneyOutput,
    advancePaid: MoneyOutput,
    balanceDue: MoneyOutput,
  },
  { $id: 'Reservation', additionalProperties: false },
);

/** A reservation as staff and owners see it: the guest's name and the dates, no contact details, no money. */
export const ReservationLimitedViewSchema = Type.Object(staffFields, {
  $id: 'ReservationLimitedView',
  additionalProperties: false,
});

export const ReservationAnyView = Type.Union([Type.Ref('Reservation'), Type.Ref('ReservationLimitedView')]);

export const ReservationListSchema = Type.Object(
  { items: Type.Array(ReservationAnyView), nextCursor: Type.Union([Type.String(), Type.Null()]) },
  { $id: 'ReservationList', additionalProperties: false },
);

export const ReservationCreateBody = Type.Object(
  {
    houseId: Id(),
    guestId: Type.Optional(Id()),
    guestName: Type.Optional(Name(200)),
    guestEmail: Type.Optional(Email()),
    guestPhone: Type.Optional(Line(50)),
    checkIn: CalendarDate(),
    checkOut: CalendarDate('YYYY-MM-DD, after checkIn'),
    guests: Type.Integer({ minimum: 1, maximum: 500 }),
    status: Type.Optional(Type.Union([Type.Literal('pending'), Type.Literal('confirmed')])),
    source: Type.Optional(Type.Enum(RESERVATION_SOURCES)),
    externalRef: Type.Optional(Nullable(Line(200))),
    totalPrice: Type.Optional(
      Type.Union(MoneyInput.anyOf, {
        description:
          "The price of the whole stay. Left out: its nights at the house's nightly price " +
          '(a house without a nightly price needs it: 400). 0 is a free stay.',
      }),
    ),
    advancePaid: Type.Optional(
      Type.Union(MoneyInput.anyOf, {
        description:
          'Paid on booking: recorded as an advance payment of the stay, dated today, with its ledger entry.',
      }),
    ),
    notes: Type.Optional(Nullable(Text(5000))),
  },
  { additionalProperties: false },
);

export const ReservationUpdateBody = Type.Object(
  {
    houseId: Type.Optional(Id()),
    guestId: Type.Optional(Id()),
    checkIn: Type.Optional(CalendarDate()),
    checkOut: Type.Optional(CalendarDate('YYYY-MM-DD, after checkIn')),
    guests: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
    status: Type.Optional(Type.Enum(RESERVATION_STATUSES)),
    cancellationReason: Type.Optional(Nullable(Text(1000))),
    source: Type.Optional(Type.Enum(RESERVATION_SOURCES)),
    externalRef: Type.Optional(Nullable(Line(200))),
    totalPrice: Type.Optional(MoneyInput),
    advancePaid: Type.Optional(
      Type.Union(MoneyInput.anyOf, {
        description:
          'What the guest has paid in all: the difference is recorded as a payment of the stay dated today ' +
          '(an advance, a balance once arrived, or a refund), with its ledger entry. ' +
          'POST /reservations/{id}/payments records one with its own date and method.',
      }),
    ),
    notes: Type.Optional(Nullable(Text(5000))),
  },
  { additionalProperties: false, minProperties: 1 },
);

export const ReservationListQuery = Type.Object(
  {
    ...PageQuery,
    houseId: Type.Optional(Id()),
    siteId: Type.Optional(Id()),
    status: Type.Optional(Type.Enum(RESERVATION_STATUSES)),
    source: Type.Optional(Type.Enum(RESERVATION_SOURCES)),
    guestId: Type.Optional(Id()),
    from: Type.Optional(CalendarDate('Stays that end after this date')),
    to: Type.Optional(CalendarDate('Stays that begin before this date (exclusive, like a check-out)')),
  },
  { additionalProperties: false },
);

export const ReservationParams = Type.Object({ reservationId: Id() });

export const ReservationHistorySchema = Type.Object(
  {
    items: Type.Array(
      Type.Object(
        {
          id: Type.String(),
          action: Type.String({
            description:
              'create | update | status (a step, an undo or a cancellation: before and after say which) | delete',
          }),
          at: Type.String({ format: 'date-time' }),
          actorId: Type.Union([Type.String(), Type.Null()]),
          actorName: Type.Union([Type.String(), Type.Null()]),
          before: Type.Union([Type.Object({}, { additionalProperties: true }), Type.Null()]),
          after: Type.Union([Type.Object({}, { additionalProperties: true }), Type.Null()]),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { $id: 'ReservationHistory', additionalProperties: false },
);

export const reservationSchemas = [
  StatusSchema,
  SourceSchema,
  ReservationSchema,
  ReservationLimitedViewSchema,
  ReservationListSchema,
  ReservationHistorySchema,
];
