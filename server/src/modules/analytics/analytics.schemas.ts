import { Type } from 'typebox';
import { CalendarDate, CalendarDateOut, Id } from '../../http/inputs.ts';
import { MoneyOutput } from '../../http/money.ts';

/** A string or null in an answer, as one list of JSON types (the serializer writes it directly). */
const StringOrNull = (options: Record<string, unknown> = {}) =>
  Type.Unsafe<string | null>({ type: ['string', 'null'], ...options });

export const OccupancyQuery = Type.Object(
  {
    from: CalendarDate(),
    to: CalendarDate('Exclusive'),
    houseId: Type.Optional(Id()),
    siteId: Type.Optional(Id()),
    groupBy: Type.Optional(Type.Enum(['month', 'house', 'site'], { default: 'month' })),
    compare: Type.Optional(
      Type.Enum(['previous-year'], {
        description: 'previous-year: the same range a year earlier beside it (February 29 → 28)',
      }),
    ),
  },
  { additionalProperties: false },
);

/** The figures of a row and of the totals, as API.md defines them, and those of the dashboard. */
const figures = {
  nights: Type.Integer({ description: 'Calendar nights of the houses, from each house’s in-service date' }),
  bookedNights: Type.Integer({ description: 'Nights of non-cancelled stays' }),
  blockedNights: Type.Integer({ description: 'Nights under owner or maintenance blocks' }),
  availableNights: Type.Integer({ description: 'nights − blockedNights' }),
  occupancy: Type.Number({
    description: 'bookedNights / availableNights, 4 decimals; 0 when nothing is available',
  }),
  revenue: {
    ...MoneyOutput,
    description: 'The stays’ prices spread evenly over their nights, counting the nights in range',
  },
  adr: { ...MoneyOutput, description: 'revenue / bookedNights, rounded half-up to the cent' },
  revpar: { ...MoneyOutput, description: 'revenue / availableNights, rounded half-up to the cent' },
  stays: Type.Integer({ description: 'Non-cancelled stays arriving in the range' }),
  averageStay: Type.Number({ description: 'Their average length in nights, 2 decimals' }),
  leadTime: Type.Number({
    description: 'Their average days from booking (in the house’s time zone) to check-in, 1 decimal',
  }),
  income: { ...MoneyOutput, description: 'Ledger income of the houses dated in range (deposits held apart)' },
  expense: { ...MoneyOutput, description: 'Ledger expense of the houses dated in range' },
  net: { ...MoneyOutput, description: 'income − expense' },
};

const Row = Type.Object(
  {
    month: Type.Optional(Type.String({ description: 'groupBy=month: YYYY-MM' })),
    houseId: Type.Optional(Type.String({ description: 'groupBy=house' })),
    siteId: Type.Optional(StringOrNull({ description: 'groupBy=site; null: the houses without a site' })),
    ...figures,
  },
  { additionalProperties: false },
);

const Totals = Type.Object(figures, { additionalProperties: false });

export const OccupancySchema = Type.Object(
  {
    from: CalendarDateOut,
    to: CalendarDateOut,
    groupBy: Type.Enum(['month', 'house', 'site']),
    rows: Type.Array(Row),
    totals: Totals,
    previousYear: Type.Optional(
      Type.Object(
        { from: CalendarDateOut, to: CalendarDateOut, rows: Type.Array(Row), totals: Totals },
        { additionalProperties: false },
      ),
    ),
  },
  { $id: 'Occupancy', additionalProperties: false },
);

export const PaceQuery = Type.Object(
  {
    months: Type.Integer({
      minimum: 1,
      maximum: 24,
      default: 6,
      description: 'The current month and the next ones',
    }),
    houseId: Type.Optional(Id()),
    siteId: Type.Optional(Id()),
  },
  { additionalProperties: false },
);

const Booked = {
  bookedNights: Type.Integer({ description: 'Nights of the month booked' }),
  revenue: { ...MoneyOutput, description: 'Their share of the stays’ prices' },
};

export const PaceSchema = Type.Object(
  {
    asOf: { ...CalendarDateOut, description: 'Today in the organization’s time zone' },
    rows: Type.Array(
      Type.Object(
        {
          month: Type.String({ description: 'YYYY-MM' }),
          ...Booked,
          lastYear: Type.Object(Booked, {
            additionalProperties: false,
            description:
              'The same month a year earlier, as it was on the books the same day a year earlier (stays created by then and not cancelled by then)',
          }),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { $id: 'Pace', additionalProperties: false },
);

export const analyticsSchemas = [OccupancySchema, PaceSchema];
