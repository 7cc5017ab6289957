import { Type } from 'typebox';
import {
  LEDGER_CATEGORIES,
  LEDGER_ENTRY_TYPES,
  LEDGER_ORIGINS,
  RESERVATION_SOURCES,
} from '../../db/tables.ts';
import { CalendarDateOut, Id, Text } from '../../http/inputs.ts';
import { MoneyOutput } from '../../http/money.ts';

const Instant = Type.String({ format: 'date-time' });
/**
 * A month of the years 1900–2999: a statement reads the month after it too
 * (its end), which a date column of 9999-12 has no room for.
 */
const Month = (description = 'YYYY-MM') =>
  Type.String({ pattern: '^(19|2\\d)\\d{2}-(0[1-9]|1[0-2])$', description });
/** A string or null in an answer, as one list of JSON types (the serializer writes it directly). */
const StringOrNull = (options: Record<string, unknown> = {}) =>
  Type.Unsafe<string | null>({ type: ['string', 'null'], ...options });

const RateInput = (description: string) =>
  Type.Union(
    [Type.String({ pattern: '^\\d{1,3}(\\.\\d{1,2})?$' }), Type.Number({ minimum: 0, maximum: 100 })],
    { description: `${description}: a percentage with at most two decimals, "20", "12.5" or 12.5` },
  );
const RateOutput = (description: string) =>
  Type.String({ pattern: '^\\d{1,3}\\.\\d{2}$', description: `${description}, two decimals: "20.00"` });

export const OwnerContractSchema = Type.Object(
  {
    id: Type.String(),
    houseId: Type.String(),
    effectiveFrom: Type.String({ description: 'YYYY-MM: in force from this month until the next contract' }),
    accommodationRate: RateOutput('Percent of the stays’ accommodation price'),
    incomeRate: RateOutput('Percent of the house’s income, tourist tax left out'),
    note: StringOrNull(),
    createdAt: Instant,
    createdBy: StringOrNull(),
  },
  { $id: 'OwnerContract', additionalProperties: false },
);

export const OwnerContractListSchema = Type.Object(
  { items: Type.Array(Type.Ref('OwnerContract'), { description: 'Oldest first' }) },
  { $id: 'OwnerContractList', additionalProperties: false },
);

export const OwnerContractCreateBody = Type.Object(
  {
    effectiveFrom: Month('The first month it is in force'),
    accommodationRate: RateInput('Commission on the stays’ accommodation price'),
    incomeRate: RateInput('Commission on the house’s income (tourist tax left out)'),
    note: Type.Optional(Type.Union([Text(2000), Type.Null()])),
  },
  { additionalProperties: false },
);

export const HouseContractsParams = Type.Object({ houseId: Id() });
export const OwnerContractParams = Type.Object({ id: Id() });

const StatementStay = Type.Object(
  {
    reservationId: Type.String(),
    checkIn: CalendarDateOut,
    checkOut: CalendarDateOut,
    nights: Type.Integer({ description: 'Nights of the stay inside the month' }),
    source: Type.Enum(RESERVATION_SOURCES),
    guestName: Type.String(),
    accommodation: {
      ...MoneyOutput,
      description: 'The share of the stay’s price on its nights in the month (spread evenly over its nights)',
    },
  },
  { additionalProperties: false },
);

const StatementEntry = Type.Object(
  {
    id: Type.String(),
    date: CalendarDateOut,
    type: Type.Enum(LEDGER_ENTRY_TYPES),
    category: Type.Enum(LEDGER_CATEGORIES),
    description: Type.String(),
    amount: MoneyOutput,
    held: Type.Boolean({ description: 'A security deposit held for a guest: listed, not summed' }),
    origin: Type.Enum(LEDGER_ORIGINS),
  },
  { additionalProperties: false },
);

export const OwnerStatementSchema = Type.Object(
  {
    houseId: Type.String(),
    houseCode: Type.String(),
    houseName: Type.String(),
    organizationName: Type.String(),
    month: Type.String({ description: 'YYYY-MM' }),
    currency: Type.String(),
    closed: Type.Boolean({
      description: 'The month’s books are closed: the statement is the one first printed under this closing',
    }),
    contract: Type.Union([Type.Ref('OwnerContract'), Type.Null()], {
      description: 'The contract in force in the month: the latest from this month or before',
    }),
    stays: Type.Array(StatementStay, { description: 'Non-cancelled stays with nights in the month' }),
    entries: Type.Array(StatementEntry, { description: 'The house’s ledger entries dated in the month' }),
    accommodation: { ...MoneyOutput, description: 'The stays’ accommodation in the month' },
    income: { ...MoneyOutput, description: 'Income entries, held deposits left out' },
    expense: { ...MoneyOutput, description: 'Expense entries, held deposits left out' },
    touristTax: {
      ...MoneyOutput,
      description:
        'Tourist tax collected (income of category tourist_tax): owed to the commune, no commission',
    },
    commission: {
      ...MoneyOutput,
      description:
        'accommodationRate × accommodation + incomeRate × (income − touristTax), each rounded half up to the cent',
    },
    net: { ...MoneyOutput, description: 'income − expense − commission: due to the owner (may be negative)' },
    generatedAt: Instant,
  },
  { $id: 'OwnerStatement', additionalProperties: false },
);

export const OwnerStatementQuery = Type.Object(
  {
    houseId: Id(),
    month: Month(),
    format: Type.Optional(
      Type.Enum(['json', 'pdf', 'csv'], {
        description: 'json by default; pdf also when Accept is application/pdf',
      }),
    ),
    lang: Type.Optional(
      Type.Enum(['fr', 'en'], {
        description: 'Of the PDF and CSV; the requesting user’s language by default',
      }),
    ),
  },
  { additionalProperties: false },
);

export const statementsSchemas = [OwnerContractSchema, OwnerContractListSchema, OwnerStatementSchema];
