import { Type } from 'typebox';
import {
  LEDGER_CATEGORIES,
  LEDGER_ENTRY_TYPES,
  LEDGER_ORIGINS,
  PAYMENT_KINDS,
  PAYMENT_METHODS,
  RESERVATION_SOURCES,
  TOURIST_TAX_COLLECTORS,
  TOURIST_TAX_MODES,
} from '../../db/tables.ts';
import { CalendarDate, CalendarDateOut, Id, Name, Text } from '../../http/inputs.ts';
import { MoneyInput, MoneyOutput, SignedMoneyInput } from '../../http/money.ts';
import { PageQuery } from '../../http/pagination.ts';

const EntryTypeSchema = Type.Enum(LEDGER_ENTRY_TYPES, { $id: 'LedgerEntryType' });
const CategorySchema = Type.Enum(LEDGER_CATEGORIES, {
  $id: 'LedgerCategory',
  description:
    'deposit and deposit_return are security deposits held for guests: listed, never counted as income or expense',
});
const OriginSchema = Type.Enum(LEDGER_ORIGINS, { $id: 'LedgerOrigin' });
const PaymentKindSchema = Type.Enum(PAYMENT_KINDS, {
  $id: 'PaymentKind',
  description:
    'advance and balance are paid towards the price, refund gives some back; deposit is held, then returned (deposit_return) or kept (deposit_kept: it becomes income)',
});
const PaymentMethodSchema = Type.Enum(PAYMENT_METHODS, { $id: 'PaymentMethod' });
// Inputs use the enumerations themselves (a reference would lose their static type); answers the named schemas.
const EntryType = () => Type.Enum(LEDGER_ENTRY_TYPES);
const Category = () => Type.Enum(LEDGER_CATEGORIES);
const Origin = () => Type.Enum(LEDGER_ORIGINS);
const Instant = Type.String({ format: 'date-time' });
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) =>
  Type.Union([schema, Type.Null()]);
/** A string or null in an answer, as one list of JSON types (the serializer writes it directly). */
const StringOrNull = (options: Record<string, unknown> = {}) =>
  Type.Unsafe<string | null>({ type: ['string', 'null'], ...options });

const MONTH = '^\\d{4}-(0[1-9]|1[0-2])$';
export const Month = (description = 'YYYY-MM') => Type.String({ pattern: MONTH, description });

export const LedgerEntrySchema = Type.Object(
  {
    id: Type.String(),
    houseId: StringOrNull({ description: 'null: an entry of the whole organization' }),
    date: CalendarDateOut,
    type: Type.Ref('LedgerEntryType'),
    category: Type.Ref('LedgerCategory'),
    description: Type.String(),
    amount: { ...MoneyOutput, description: 'Positive: type says which way the money went' },
    origin: Type.Ref('LedgerOrigin'),
    reservationId: StringOrNull(),
    maintenanceIssueId: StringOrNull(),
    paymentId: StringOrNull({ description: 'The payment of a stay that posted it' }),
    adjustsEntryId: StringOrNull({ description: 'The entry this one corrects' }),
    system: Type.Boolean({
      description: 'Posted by the system: never edited or deleted (409), corrected by an adjustment',
    }),
    held: Type.Boolean({
      description: 'A security deposit held for a guest: outside income and expense',
    }),
    createdAt: Instant,
    createdBy: StringOrNull(),
    updatedAt: Instant,
    version: Type.Integer(),
  },
  { $id: 'LedgerEntry', additionalProperties: false },
);

const Totals = Type.Object(
  {
    income: MoneyOutput,
    expense: MoneyOutput,
    net: MoneyOutput,
    held: {
      ...MoneyOutput,
      description: 'Deposits taken less those returned or kept, over the same entries',
    },
  },
  { additionalProperties: false },
);

export const LedgerEntryListSchema = Type.Object(
  {
    items: Type.Array(Type.Ref('LedgerEntry')),
    nextCursor: StringOrNull(),
    totals: { ...Totals, description: 'Over every entry the filters select, not only this page' },
  },
  { $id: 'LedgerEntryList', additionalProperties: false },
);

export const LedgerEntryDetailSchema = Type.Intersect(
  [
    Type.Ref('LedgerEntry'),
    Type.Object({
      adjustments: Type.Array(Type.Ref('LedgerEntry'), { description: 'The entries that correct this one' }),
    }),
  ],
  { $id: 'LedgerEntryDetail' },
);

const Description = () => Name(500, 'What it is for (the motif)');

export const LedgerEntryCreateBody = Type.Object(
  {
    houseId: Type.Optional(Nullable(Id('The house; null or absent for the whole organization'))),
    date: CalendarDate('The day it is booked on'),
    type: EntryType(),
    category: Category(),
    description: Description(),
    amount: MoneyInput,
    reservationId: Type.Optional(Nullable(Id('A stay it belongs to'))),
  },
  { additionalProperties: false },
);

export const LedgerEntryUpdateBody = Type.Object(
  {
    houseId: Type.Optional(Nullable(Id())),
    date: Type.Optional(CalendarDate()),
    type: Type.Optional(EntryType()),
    category: Type.Optional(Category()),
    description: Type.Optional(Description()),
    amount: Type.Optional(MoneyInput),
    reservationId: Type.Optional(Nullable(Id())),
  },
  { additionalProperties: false, minProperties: 1 },
);

export const LedgerAdjustmentBody = Type.Object(
  {
    amount: {
      ...SignedMoneyInput,
      description:
        'What to add to the corrected entry, in its direction; negative to take away (a 40.00 expense corrected by -5.00 is 35.00)',
    },
    description: Description(),
    date: Type.Optional(CalendarDate('The day the correction is booked on; today by default')),
  },
  { additionalProperties: false },
);

export const LedgerListQuery = Type.Object(
  {
    ...PageQuery,
    houseId: Type.Optional(Id()),
    from: Type.Optional(CalendarDate()),
    to: Type.Optional(CalendarDate('Exclusive')),
    type: Type.Optional(EntryType()),
    category: Type.Optional(Category()),
    origin: Type.Optional(Origin()),
    reservationId: Type.Optional(Id()),
  },
  { additionalProperties: false },
);

export const LedgerExportQuery = Type.Object(
  {
    houseId: Type.Optional(Id()),
    from: Type.Optional(CalendarDate()),
    to: Type.Optional(CalendarDate('Exclusive')),
    decimal: Type.Optional(
      Type.Enum(['point', 'comma'], {
        description:
          'comma: amounts as 150,00 and fields separated by semicolons, as French spreadsheets read them',
      }),
    ),
  },
  { additionalProperties: false },
);

export const LedgerEntryParams = Type.Object({ entryId: Id() });

export const LedgerHistorySchema = Type.Object(
  {
    items: Type.Array(
      Type.Object(
        {
          id: Type.String(),
          action: Type.String({ description: 'create | update | delete' }),
          at: Instant,
          actorId: Nullable(Type.String()),
          actorName: Nullable(Type.String()),
          before: Nullable(Type.Object({}, { additionalProperties: true })),
          after: Nullable(Type.Object({}, { additionalProperties: true })),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { $id: 'LedgerHistory', additionalProperties: false },
);

// --- payments -------------------------------------------------------------------------

export const PaymentSchema = Type.Object(
  {
    id: Type.String(),
    reservationId: Type.String(),
    houseId: Type.String(),
    date: CalendarDateOut,
    kind: Type.Ref('PaymentKind'),
    amount: MoneyOutput,
    method: Nullable(Type.Ref('PaymentMethod')),
    note: StringOrNull(),
    createdAt: Instant,
    createdBy: StringOrNull(),
    createdByName: StringOrNull(),
  },
  { $id: 'Payment', additionalProperties: false },
);

export const PaymentListSchema = Type.Object(
  {
    items: Type.Array(Type.Ref('Payment')),
    totalPrice: MoneyOutput,
    advancePaid: {
      ...MoneyOutput,
      description: 'Paid towards the price: advances and balances less refunds',
    },
    balanceDue: MoneyOutput,
    depositHeld: { ...MoneyOutput, description: 'Deposits taken less those returned or kept' },
    touristTax: Type.Union([Type.Ref('StayTouristTax'), Type.Null()], {
      description: 'The tourist tax of the stay; null when its house has no rule',
    }),
  },
  { $id: 'PaymentList', additionalProperties: false },
);

export const PaymentCreateBody = Type.Object(
  {
    date: CalendarDate('The day the money moved'),
    amount: MoneyInput,
    kind: Type.Enum(PAYMENT_KINDS),
    method: Type.Optional(Nullable(Type.Enum(PAYMENT_METHODS))),
    note: Type.Optional(Nullable(Text(1000))),
  },
  { additionalProperties: false },
);

export const ReservationPaymentsParams = Type.Object({ reservationId: Id() });

// --- tourist tax ----------------------------------------------------------------------

const Percent = Type.Union(
  [Type.String({ pattern: '^\\d{1,3}(\\.\\d{1,2})?$' }), Type.Number({ minimum: 0, maximum: 100 })],
  { description: 'A percentage with at most two decimals: "5", "1.5"' },
);

export const TouristTaxRuleSchema = Type.Object(
  {
    houseId: Type.String(),
    mode: Type.Enum(TOURIST_TAX_MODES, {
      description:
        'per_night: rate per adult and night; percentage: percent of the price per person and night, at most cap per adult and night',
    }),
    rate: Nullable(MoneyOutput),
    percent: Nullable(Type.String({ description: 'Two decimals, e.g. "5.00"' })),
    cap: Nullable(MoneyOutput),
    platformSources: Type.Array(Type.Enum(RESERVATION_SOURCES), {
      description: 'The channels that collect the tax themselves on this house’s stays',
    }),
    updatedAt: Instant,
  },
  { $id: 'TouristTaxRule', additionalProperties: false },
);

export const TouristTaxRuleBody = Type.Object(
  {
    mode: Type.Enum(TOURIST_TAX_MODES),
    rate: Type.Optional(Nullable(MoneyInput)),
    percent: Type.Optional(Nullable(Percent)),
    cap: Type.Optional(Nullable(MoneyInput)),
    platformSources: Type.Optional(
      Type.Array(Type.Enum(RESERVATION_SOURCES), { maxItems: 5, uniqueItems: true }),
    ),
  },
  { additionalProperties: false },
);

export const HouseTaxParams = Type.Object({ houseId: Id() });

export const StayTouristTaxSchema = Type.Object(
  {
    adults: Type.Integer({
      description: 'Adults counted: the stay’s guests unless told otherwise when recorded',
    }),
    nights: Type.Integer(),
    perAdultNight: MoneyOutput,
    amount: MoneyOutput,
    collectedBy: Type.Enum(TOURIST_TAX_COLLECTORS, {
      description: 'Who collects it: the platform for the channels the house names, the manager otherwise',
    }),
    collected: Type.Union(
      [
        Type.Object(
          {
            adults: Type.Integer(),
            amount: MoneyOutput,
            collectedBy: Type.Enum(TOURIST_TAX_COLLECTORS),
            date: CalendarDateOut,
            createdAt: Instant,
          },
          { additionalProperties: false },
        ),
        Type.Null(),
      ],
      { description: 'Recorded as collected; null until then' },
    ),
  },
  { $id: 'StayTouristTax', additionalProperties: false },
);

export const StayTouristTaxBody = Type.Object(
  {
    date: CalendarDate('The day it was collected'),
    adults: Type.Optional(
      Type.Integer({ minimum: 0, maximum: 100, description: 'The stay’s guests by default' }),
    ),
    collectedBy: Type.Optional(Type.Enum(TOURIST_TAX_COLLECTORS)),
  },
  { additionalProperties: false },
);

// --- closed months --------------------------------------------------------------------

export const ClosingSchema = Type.Object(
  {
    month: Type.String({ description: 'YYYY-MM' }),
    closedAt: Instant,
    closedBy: StringOrNull(),
    closedByName: StringOrNull(),
  },
  { $id: 'FinanceClosing', additionalProperties: false },
);

export const ClosingListSchema = Type.Object(
  { items: Type.Array(Type.Ref('FinanceClosing')) },
  { $id: 'FinanceClosingList', additionalProperties: false },
);

export const ClosingCreateBody = Type.Object(
  { month: Month('The month to close') },
  { additionalProperties: false },
);

export const ClosingParams = Type.Object({ month: Month() });

// --- summary --------------------------------------------------------------------------

export const SummaryQuery = Type.Object(
  {
    from: CalendarDate(),
    to: CalendarDate('Exclusive'),
    houseId: Type.Optional(Id()),
    groupBy: Type.Optional(Type.Enum(['month', 'house'], { default: 'month' })),
  },
  { additionalProperties: false },
);

export const SummarySchema = Type.Object(
  {
    currency: Type.String({ description: 'ISO 4217' }),
    from: CalendarDateOut,
    to: CalendarDateOut,
    rows: Type.Array(
      Type.Object(
        {
          houseId: Type.Optional(
            StringOrNull({ description: 'groupBy=house; null: the whole organization' }),
          ),
          month: Type.Optional(Type.String({ description: 'groupBy=month: YYYY-MM' })),
          income: MoneyOutput,
          expense: MoneyOutput,
          net: MoneyOutput,
        },
        { additionalProperties: false },
      ),
    ),
    totals: Totals,
  },
  { $id: 'FinanceSummary', additionalProperties: false },
);

export const financeSchemas = [
  EntryTypeSchema,
  CategorySchema,
  OriginSchema,
  PaymentKindSchema,
  PaymentMethodSchema,
  LedgerEntrySchema,
  LedgerEntryListSchema,
  LedgerEntryDetailSchema,
  LedgerHistorySchema,
  StayTouristTaxSchema,
  PaymentSchema,
  PaymentListSchema,
  ClosingSchema,
  ClosingListSchema,
  SummarySchema,
  TouristTaxRuleSchema,
];
