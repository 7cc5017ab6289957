import { type ExpressionBuilder, type Insertable, type RawBuilder, type Selectable, sql } from 'kysely';
import type { DbOrTx, Tx } from '../../db/database.ts';
import type {
  LedgerCategory,
  LedgerEntriesTable,
  LedgerEntryType,
  LedgerOrigin,
  PaymentKind,
  PaymentsTable,
  StayTouristTaxesTable,
  Tables,
  TouristTaxRulesTable,
} from '../../db/tables.ts';
import { firstOfNextMonth } from '../../kernel/dates.ts';

export type EntryRow = Selectable<LedgerEntriesTable>;
export type PaymentRow = Selectable<PaymentsTable>;

/** Which entries a list, a total or an export covers. `houseIds` is what the member may see (undefined: all). */
export interface EntryFilters {
  houseIds?: string[];
  houseId?: string;
  from?: string;
  /** Exclusive. */
  to?: string;
  type?: LedgerEntryType;
  category?: LedgerCategory;
  origin?: LedgerOrigin;
  reservationId?: string;
}

function filtered(db: DbOrTx, organizationId: string, filters: EntryFilters) {
  return (
    db
      .selectFrom('ledger_entries')
      .where('ledger_entries.organization_id', '=', organizationId)
      // Someone who sees only some houses sees no entry of the whole organization.
      .$if(filters.houseIds !== undefined, (q) =>
        q.where('ledger_entries.house_id', 'in', filters.houseIds?.length ? filters.houseIds : ['']),
      )
      .$if(filters.houseId !== undefined, (q) =>
        q.where('ledger_entries.house_id', '=', filters.houseId ?? ''),
      )
      .$if(filters.from !== undefined, (q) => q.where('ledger_entries.date', '>=', filters.from ?? ''))
      .$if(filters.to !== undefined, (q) => q.where('ledger_entries.date', '<', filters.to ?? ''))
      .$if(filters.type !== undefined, (q) => q.where('ledger_entries.type', '=', filters.type ?? 'income'))
      .$if(filters.category !== undefined, (q) =>
        q.where('ledger_entries.category', '=', filters.category ?? 'other'),
      )
      .$if(filters.origin !== undefined, (q) =>
        q.where('ledger_entries.origin', '=', filters.origin ?? 'manual'),
      )
      .$if(filters.reservationId !== undefined, (q) =>
        q.where('ledger_entries.reservation_id', '=', filters.reservationId ?? ''),
      )
  );
}

/** Oldest first, like a ledger is read; `after` is the (date, id) of the last entry of the previous page. */
export function listEntries(
  db: DbOrTx,
  organizationId: string,
  filters: EntryFilters & { after?: [string, string]; limit: number },
): Promise<EntryRow[]> {
  const after = filters.after;
  return filtered(db, organizationId, filters)
    .selectAll()
    .$if(after !== undefined, (q) =>
      q.where((eb) =>
        eb.or([
          eb('date', '>', after?.[0] ?? ''),
          eb.and([eb('date', '=', after?.[0] ?? ''), eb('id', '>', after?.[1] ?? '')]),
        ]),
      ),
    )
    .orderBy('date')
    .orderBy('id')
    .limit(filters.limit)
    .execute();
}

/** Sums in cents; held deposits are outside income and expense, counted apart. */
export interface Sums {
  income: number;
  expense: number;
  held_in: number;
  held_out: number;
}

export const noSums = (): Sums => ({ income: 0, expense: 0, held_in: 0, held_out: 0 });

export function addSums(into: Sums, more: Sums): void {
  into.income += more.income;
  into.expense += more.expense;
  into.held_in += more.held_in;
  into.held_out += more.held_out;
}

/** The sums of entries, summed by the database. */
function entrySums(eb: ExpressionBuilder<Tables, 'ledger_entries'>) {
  const total = (type: LedgerEntryType, held: boolean) =>
    eb.fn
      .coalesce(
        eb.fn.sum<number>(
          eb
            .case()
            .when(eb.and([eb('type', '=', type), eb('held', '=', held)]))
            .then(eb.ref('amount_cents'))
            .else(0)
            .end(),
        ),
        sql.lit(0),
      )
      .$castTo<number>();
  return [
    total('income', false).as('income'),
    total('expense', false).as('expense'),
    total('income', true).as('held_in'),
    total('expense', true).as('held_out'),
  ] as const;
}

const firstOfMonth = (date: string) => `${date.slice(0, 7)}-01`;

const sumsOf = (row: { income: unknown; expense: unknown; held_in: unknown; held_out: unknown }): Sums => ({
  income: Number(row.income),
  expense: Number(row.expense),
  held_in: Number(row.held_in),
  held_out: Number(row.held_out),
});

/**
 * The entries' sums, grouped by month or house or not at all. Whole months
 * are read from `ledger_totals` (what a year of a hundred houses adds up to is
 * a few thousand rows, where its entries are tens of thousands); the days of
 * a month the range only partly covers are summed from the entries. A filter
 * the totals do not keep (a stay) reads the entries alone.
 */
export async function sumEntries(
  db: DbOrTx,
  organizationId: string,
  filters: EntryFilters,
  groupBy: 'month' | 'house' | null,
  postgres: boolean,
): Promise<Map<string | null, Sums>> {
  const result = new Map<string | null, Sums>();
  const add = (rows: [string | null, Sums][]) => {
    for (const [key, sums] of rows) {
      const into = result.get(key) ?? noSums();
      addSums(into, sums);
      result.set(key, into);
    }
  };
  const { from, to } = filters;
  const wholeFrom = from === undefined || from === firstOfMonth(from) ? from : firstOfNextMonth(from);
  const wholeTo = to === undefined ? undefined : firstOfMonth(to);
  const anyWholeMonth =
    wholeFrom !== null && (wholeFrom === undefined || wholeTo === undefined || wholeFrom < wholeTo);
  if (filters.reservationId !== undefined || !anyWholeMonth) {
    add(await sumFromEntries(db, organizationId, filters, groupBy, postgres));
    return result;
  }
  if (from !== undefined && wholeFrom !== undefined && from < wholeFrom) {
    add(await sumFromEntries(db, organizationId, { ...filters, to: wholeFrom }, groupBy, postgres));
  }
  if (to !== undefined && wholeTo !== undefined && wholeTo < to) {
    add(await sumFromEntries(db, organizationId, { ...filters, from: wholeTo }, groupBy, postgres));
  }
  add(await sumFromTotals(db, organizationId, filters, { from: wholeFrom, to: wholeTo }, groupBy));
  return result;
}

async function sumFromEntries(
  db: DbOrTx,
  organizationId: string,
  filters: EntryFilters,
  groupBy: 'month' | 'house' | null,
  postgres: boolean,
): Promise<[string | null, Sums][]> {
  // A date is text on SQLite and a date on PostgreSQL: its month is spelled for each.
  const key: RawBuilder<string | null> =
    groupBy === 'house'
      ? sql`ledger_entries.house_id`
      : groupBy === 'month'
        ? postgres
          ? sql`to_char(ledger_entries.date, 'YYYY-MM')`
          : sql`substr(ledger_entries.date, 1, 7)`
        : sql`null`;
  const rows = await filtered(db, organizationId, filters)
    .select((eb) => [key.as('key'), ...entrySums(eb)])
    .$if(groupBy !== null, (q) => q.groupBy(key))
    .execute();
  return rows.map((row) => [row.key, sumsOf(row)]);
}

type TotalsColumn = 'income_cents' | 'expense_cents' | 'held_in_cents' | 'held_out_cents';

async function sumFromTotals(
  db: DbOrTx,
  organizationId: string,
  filters: EntryFilters,
  months: { from?: string; to?: string },
  groupBy: 'month' | 'house' | null,
): Promise<[string | null, Sums][]> {
  // With a type asked for, the other type's columns count nothing.
  const sum = (column: TotalsColumn, type: LedgerEntryType) =>
    filters.type === undefined || filters.type === type
      ? sql<number>`coalesce(sum(${sql.ref(`ledger_totals.${column}`)}), 0)`
      : sql<number>`0`;
  const key: RawBuilder<string | null> =
    groupBy === 'house'
      ? sql`ledger_totals.house_key`
      : groupBy === 'month'
        ? sql`ledger_totals.month`
        : sql`null`;
  const rows = await db
    .selectFrom('ledger_totals')
    .select([
      key.as('key'),
      sum('income_cents', 'income').as('income'),
      sum('expense_cents', 'expense').as('expense'),
      sum('held_in_cents', 'income').as('held_in'),
      sum('held_out_cents', 'expense').as('held_out'),
    ])
    .where('organization_id', '=', organizationId)
    .$if(months.from !== undefined, (q) => q.where('month', '>=', (months.from ?? '').slice(0, 7)))
    .$if(months.to !== undefined, (q) => q.where('month', '<', (months.to ?? '').slice(0, 7)))
    // The whole organization's entries are kept under '', which no house id is.
    .$if(filters.houseIds !== undefined, (q) =>
      q.where('house_key', 'in', filters.houseIds?.length ? filters.houseIds : ['-']),
    )
    .$if(filters.houseId !== undefined, (q) => q.where('house_key', '=', filters.houseId ?? '-'))
    .$if(filters.category !== undefined, (q) => q.where('category', '=', filters.category ?? 'other'))
    .$if(filters.origin !== undefined, (q) => q.where('origin', '=', filters.origin ?? 'manual'))
    .$if(groupBy !== null, (q) => q.groupBy(key))
    .execute();
  return rows.map((row) => [groupBy === 'house' && row.key === '' ? null : row.key, sumsOf(row)]);
}

/** Adds an entry to (or, with -1, takes it from) what its house's month adds up to, in the entry's transaction. */
async function countInTotals(
  tx: Tx,
  entry: Pick<
    EntryRow,
    'organization_id' | 'house_id' | 'date' | 'category' | 'origin' | 'type' | 'amount_cents'
  > & {
    held?: boolean;
  },
  sign: 1 | -1,
): Promise<void> {
  const column: TotalsColumn = entry.held
    ? entry.type === 'income'
      ? 'held_in_cents'
      : 'held_out_cents'
    : entry.type === 'income'
      ? 'income_cents'
      : 'expense_cents';
  const cents = sign * entry.amount_cents;
  await tx
    .insertInto('ledger_totals')
    .values({
      organization_id: entry.organization_id,
      house_key: entry.house_id ?? '',
      month: entry.date.slice(0, 7),
      category: entry.category,
      origin: entry.origin,
      [column]: cents,
    })
    .onConflict((conflict) =>
      conflict
        .columns(['organization_id', 'month', 'house_key', 'category', 'origin'])
        .doUpdateSet({ [column]: sql<number>`${sql.ref(`ledger_totals.${column}`)} + ${cents}` }),
    )
    .execute();
}

/**
 * Counts again what an organization's entries add up to, from the entries:
 * for entries written straight into the database (the bench's data set), and
 * to check the running totals against.
 */
export async function recountTotals(tx: Tx, organizationId: string, postgres: boolean): Promise<void> {
  await tx.deleteFrom('ledger_totals').where('organization_id', '=', organizationId).execute();
  const month = postgres ? sql<string>`to_char(date, 'YYYY-MM')` : sql<string>`substr(date, 1, 7)`;
  const houseKey = sql<string>`coalesce(house_id, '')`;
  await tx
    .insertInto('ledger_totals')
    .columns([
      'organization_id',
      'house_key',
      'month',
      'category',
      'origin',
      'income_cents',
      'expense_cents',
      'held_in_cents',
      'held_out_cents',
    ])
    .expression(
      tx
        .selectFrom('ledger_entries')
        .select((eb) => [
          'organization_id',
          houseKey.as('house_key'),
          month.as('month'),
          'category',
          'origin',
          ...entrySums(eb),
        ])
        .where('organization_id', '=', organizationId)
        .groupBy(['organization_id', houseKey, month, 'category', 'origin']),
    )
    .execute();
}

/**
 * A page of entries for the accountant's file, oldest first, with their
 * house's code; `after` is the (date, id) of the last entry of the page before.
 */
export function exportEntries(
  db: DbOrTx,
  organizationId: string,
  filters: EntryFilters & { after?: [string, string]; limit: number },
) {
  const after = filters.after;
  return filtered(db, organizationId, filters)
    .leftJoin('houses', 'houses.id', 'ledger_entries.house_id')
    .selectAll('ledger_entries')
    .select('houses.code as house_code')
    .$if(after !== undefined, (q) =>
      q.where((eb) =>
        eb.or([
          eb('ledger_entries.date', '>', after?.[0] ?? ''),
          eb.and([
            eb('ledger_entries.date', '=', after?.[0] ?? ''),
            eb('ledger_entries.id', '>', after?.[1] ?? ''),
          ]),
        ]),
      ),
    )
    .orderBy('ledger_entries.date')
    .orderBy('ledger_entries.id')
    .limit(filters.limit)
    .execute();
}

export function findEntry(db: DbOrTx, organizationId: string, id: string): Promise<EntryRow | undefined> {
  return db
    .selectFrom('ledger_entries')
    .selectAll()
    .where('organization_id', '=', organizationId)
    .where('id', '=', id)
    .executeTakeFirst();
}

/** The adjustments that correct an entry, oldest first. */
export function adjustmentsOf(db: DbOrTx, organizationId: string, entryId: string): Promise<EntryRow[]> {
  return db
    .selectFrom('ledger_entries')
    .selectAll()
    .where('organization_id', '=', organizationId)
    .where('adjusts_entry_id', '=', entryId)
    .orderBy('date')
    .orderBy('id')
    .execute();
}

/**
 * Writes an entry. A system posting carries its key (origin, source, purpose):
 * when that key is already in the ledger, the cause was handled before and
 * nothing is written — the database decides, so two instances handling the
 * same event at once post once. Whether the entry was written is returned.
 */
export async function insertEntry(tx: Tx, entry: Insertable<LedgerEntriesTable>): Promise<boolean> {
  const result = await tx
    .insertInto('ledger_entries')
    .values(entry)
    .onConflict((conflict) => conflict.columns(['origin', 'source_id', 'purpose']).doNothing())
    .executeTakeFirst();
  const inserted = Number(result.numInsertedOrUpdatedRows ?? 0n) > 0;
  if (inserted) await countInTotals(tx, { ...entry, house_id: entry.house_id ?? null }, 1);
  return inserted;
}

export async function updateEntry(
  tx: Tx,
  key: { organizationId: string; id: string; version: number },
  changes: Pick<
    Partial<EntryRow>,
    | 'house_id'
    | 'date'
    | 'type'
    | 'category'
    | 'description'
    | 'amount_cents'
    | 'reservation_id'
    | 'updated_at'
  >,
): Promise<boolean> {
  const before = await findEntry(tx, key.organizationId, key.id);
  const result = await tx
    .updateTable('ledger_entries')
    .set((eb) => ({ ...changes, version: eb('version', '+', 1) }))
    .where('organization_id', '=', key.organizationId)
    .where('id', '=', key.id)
    .where('version', '=', key.version)
    .where('system', '=', false)
    .executeTakeFirst();
  if (result.numUpdatedRows === 0n || !before) return false;
  const after = await findEntry(tx, key.organizationId, key.id);
  // The two running totals are changed in one order, that of their keys: two entries moved past each
  // other at once would otherwise each hold one row and wait for the other (a deadlock on PostgreSQL).
  const moves: [EntryRow, 1 | -1][] = after
    ? [
        [before, -1],
        [after, 1],
      ]
    : [[before, -1]];
  moves.sort(([a], [b]) => (totalsKey(a) < totalsKey(b) ? -1 : totalsKey(a) > totalsKey(b) ? 1 : 0));
  for (const [entry, sign] of moves) await countInTotals(tx, entry, sign);
  return true;
}

/** The running total an entry counts in, as one comparable string. */
function totalsKey(entry: EntryRow): string {
  return [
    entry.organization_id,
    entry.date.slice(0, 7),
    entry.house_id ?? '',
    entry.category,
    entry.origin,
  ].join('|');
}

export async function deleteEntry(
  tx: Tx,
  organizationId: string,
  id: string,
  version: number,
): Promise<boolean> {
  const before = await findEntry(tx, organizationId, id);
  const result = await tx
    .deleteFrom('ledger_entries')
    .where('organization_id', '=', organizationId)
    .where('id', '=', id)
    .where('version', '=', version)
    .where('system', '=', false)
    .executeTakeFirst();
  if (result.numDeletedRows === 0n || !before) return false;
  await countInTotals(tx, before, -1);
  return true;
}

/** What the system posted for a stay (its payments and their corrections), which a cancellation reverses. */
export function systemEntriesOfReservation(tx: Tx, organizationId: string, reservationId: string) {
  return tx
    .selectFrom('ledger_entries')
    .selectAll()
    .where('organization_id', '=', organizationId)
    .where('reservation_id', '=', reservationId)
    .where('system', '=', true)
    .orderBy('date')
    .orderBy('id')
    .execute();
}

/** The entry a system posting wrote for its key, if any. */
export function findPosting(db: DbOrTx, origin: LedgerOrigin, sourceId: string, purpose: string) {
  return db
    .selectFrom('ledger_entries')
    .selectAll()
    .where('origin', '=', origin)
    .where('source_id', '=', sourceId)
    .where('purpose', '=', purpose)
    .executeTakeFirst();
}

/**
 * What the system has posted for a work order's cost so far, in cents: the
 * cost and the corrections later changes posted (by hand adjustments aside).
 */
export async function postedCost(db: DbOrTx, organizationId: string, issueId: string): Promise<number> {
  const row = await db
    .selectFrom('ledger_entries')
    .select(
      sql<number>`coalesce(sum(case when type = 'expense' then amount_cents else -amount_cents end), 0)`.as(
        'cents',
      ),
    )
    .where('organization_id', '=', organizationId)
    .where('source_id', '=', issueId)
    .where((eb) =>
      eb.or([
        eb.and([eb('origin', '=', 'maintenance'), eb('purpose', '=', 'cost')]),
        eb.and([eb('origin', '=', 'adjustment'), eb('purpose', 'like', 'cost-change:%')]),
      ]),
    )
    .executeTakeFirst();
  return Number(row?.cents ?? 0);
}

/** Whether anything in the ledger names this house or this stay (they are then kept, not deleted). */
export async function ledgerNames(
  db: DbOrTx,
  organizationId: string,
  what: { houseId: string } | { reservationId: string },
): Promise<boolean> {
  const row = await db
    .selectFrom('ledger_entries')
    .select('id')
    .where('organization_id', '=', organizationId)
    .$call((q) =>
      'houseId' in what
        ? q.where('house_id', '=', what.houseId)
        : q.where('reservation_id', '=', what.reservationId),
    )
    .limit(1)
    .executeTakeFirst();
  if (row) return true;
  const payment = await db
    .selectFrom('payments')
    .select('id')
    .where('organization_id', '=', organizationId)
    .$call((q) =>
      'houseId' in what
        ? q.where('house_id', '=', what.houseId)
        : q.where('reservation_id', '=', what.reservationId),
    )
    .limit(1)
    .executeTakeFirst();
  if (payment) return true;
  if ('houseId' in what) return false;
  const tax = await db
    .selectFrom('stay_tourist_taxes')
    .select('reservation_id')
    .where('organization_id', '=', organizationId)
    .where('reservation_id', '=', what.reservationId)
    .executeTakeFirst();
  return tax !== undefined;
}

// --- payments -------------------------------------------------------------------------

export async function insertPayment(tx: Tx, payment: Insertable<PaymentsTable>): Promise<void> {
  await tx.insertInto('payments').values(payment).execute();
}

export function listPayments(db: DbOrTx, organizationId: string, reservationId: string) {
  return db
    .selectFrom('payments')
    .leftJoin('users', 'users.id', 'payments.created_by')
    .selectAll('payments')
    .select('users.name as created_by_name')
    .where('payments.organization_id', '=', organizationId)
    .where('payments.reservation_id', '=', reservationId)
    .orderBy('payments.date')
    .orderBy('payments.id')
    .execute();
}

export function findPayment(db: DbOrTx, organizationId: string, paymentId: string) {
  return db
    .selectFrom('payments')
    .leftJoin('users', 'users.id', 'payments.created_by')
    .selectAll('payments')
    .select('users.name as created_by_name')
    .where('payments.organization_id', '=', organizationId)
    .where('payments.id', '=', paymentId)
    .executeTakeFirst();
}

/** Cents paid of each kind for a stay. */
export async function paymentSums(
  db: DbOrTx,
  organizationId: string,
  reservationId: string,
): Promise<Record<PaymentKind, number>> {
  const rows = await db
    .selectFrom('payments')
    .select((eb) => ['kind', eb.fn.sum<number>('amount_cents').as('cents')])
    .where('organization_id', '=', organizationId)
    .where('reservation_id', '=', reservationId)
    .groupBy('kind')
    .execute();
  const sums: Record<PaymentKind, number> = {
    advance: 0,
    balance: 0,
    deposit: 0,
    deposit_return: 0,
    deposit_kept: 0,
    refund: 0,
  };
  for (const row of rows) sums[row.kind] = Number(row.cents);
  return sums;
}

// --- closed months --------------------------------------------------------------------

export function listClosings(db: DbOrTx, organizationId: string) {
  return db
    .selectFrom('finance_closings')
    .leftJoin('users', 'users.id', 'finance_closings.closed_by')
    .selectAll('finance_closings')
    .select('users.name as closed_by_name')
    .where('finance_closings.organization_id', '=', organizationId)
    .orderBy('finance_closings.month', 'desc')
    .execute();
}

/** The months among these that are closed. */
export async function closedMonthsAmong(
  db: DbOrTx,
  organizationId: string,
  months: string[],
): Promise<string[]> {
  if (months.length === 0) return [];
  const rows = await db
    .selectFrom('finance_closings')
    .select('month')
    .where('organization_id', '=', organizationId)
    .where('month', 'in', months)
    .execute();
  return rows.map((row) => row.month);
}

/** The closed months from the one given on, in order. */
export async function closedMonthsFrom(db: DbOrTx, organizationId: string, month: string): Promise<string[]> {
  const rows = await db
    .selectFrom('finance_closings')
    .select('month')
    .where('organization_id', '=', organizationId)
    .where('month', '>=', month)
    .orderBy('month')
    .execute();
  return rows.map((row) => row.month);
}

export async function insertClosing(
  tx: Tx,
  closing: { organizationId: string; month: string; closedAt: string; closedBy: string },
): Promise<boolean> {
  const result = await tx
    .insertInto('finance_closings')
    .values({
      organization_id: closing.organizationId,
      month: closing.month,
      closed_at: closing.closedAt,
      closed_by: closing.closedBy,
    })
    .onConflict((conflict) => conflict.columns(['organization_id', 'month']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0n) > 0;
}

export async function deleteClosing(tx: Tx, organizationId: string, month: string): Promise<boolean> {
  const result = await tx
    .deleteFrom('finance_closings')
    .where('organization_id', '=', organizationId)
    .where('month', '=', month)
    .executeTakeFirst();
  return result.numDeletedRows > 0n;
}

/**
 * Serializes writes to an organization's books with the closing of a month
 * (PostgreSQL; SQLite has one writer at a time): a write takes the lock
 * shared and checks its months are open, a closing takes it alone, so no
 * write dated in a month commits after the month was seen closed.
 */
export async function lockBooks(
  tx: Tx,
  organizationId: string,
  mode: 'write' | 'close',
  postgres: boolean,
): Promise<void> {
  if (!postgres) return;
  await tx
    .selectFrom('organizations')
    .select('id')
    .where('id', '=', organizationId)
    .$call((q) => (mode === 'close' ? q.forUpdate() : q.forShare()))
    .execute();
}

/**
 * Holds a house, or an entry, that a write names or a delete removes, until
 * the transaction ends (PostgreSQL; SQLite has one writer at a time): `keep`
 * while writing what refers to it, `delete` before checking that nothing
 * does. The two then run one after the other: the write finds the row gone
 * (a 404), or the delete finds what now names it (a 409), never a foreign
 * key refused halfway through.
 */
export async function lockHouse(
  tx: Tx,
  organizationId: string,
  houseId: string,
  mode: 'keep' | 'delete',
  postgres: boolean,
): Promise<void> {
  if (!postgres) return;
  await tx
    .selectFrom('houses')
    .select('id')
    .where('organization_id', '=', organizationId)
    .where('id', '=', houseId)
    .$call((q) => (mode === 'delete' ? q.forUpdate() : q.forKeyShare()))
    .execute();
}

/**
 * As lockHouse, for an entry: `keep` while an adjustment of it is written,
 * `change` before deleting it or moving it to another house, which its
 * adjustments forbid.
 */
export async function lockEntry(
  tx: Tx,
  organizationId: string,
  entryId: string,
  mode: 'keep' | 'change',
  postgres: boolean,
): Promise<void> {
  if (!postgres) return;
  await tx
    .selectFrom('ledger_entries')
    .select('id')
    .where('organization_id', '=', organizationId)
    .where('id', '=', entryId)
    .$call((q) => (mode === 'change' ? q.forUpdate() : q.forKeyShare()))
    .execute();
}

// --- tourist tax ----------------------------------------------------------------------

export function findTaxRule(db: DbOrTx, organizationId: string, houseId: string) {
  return db
    .selectFrom('tourist_tax_rules')
    .selectAll()
    .where('organization_id', '=', organizationId)
    .where('house_id', '=', houseId)
    .executeTakeFirst();
}

export async function saveTaxRule(tx: Tx, rule: Insertable<TouristTaxRulesTable>): Promise<void> {
  const { house_id: _key, organization_id: _organization, ...changes } = rule;
  await tx
    .insertInto('tourist_tax_rules')
    .values(rule)
    .onConflict((conflict) => conflict.column('house_id').doUpdateSet(changes))
    .execute();
}

export async function deleteTaxRule(tx: Tx, organizationId: string, houseId: string): Promise<boolean> {
  const result = await tx
    .deleteFrom('tourist_tax_rules')
    .where('organization_id', '=', organizationId)
    .where('house_id', '=', houseId)
    .executeTakeFirst();
  return result.numDeletedRows > 0n;
}

export function findStayTax(db: DbOrTx, organizationId: string, reservationId: string) {
  return db
    .selectFrom('stay_tourist_taxes')
    .selectAll()
    .where('organization_id', '=', organizationId)
    .where('reservation_id', '=', reservationId)
    .executeTakeFirst();
}

/** Records a stay's tax as collected; false when it already was (once per stay, by the key). */
export async function insertStayTax(tx: Tx, tax: Insertable<StayTouristTaxesTable>): Promise<boolean> {
  const result = await tx
    .insertInto('stay_tourist_taxes')
    .values(tax)
    .onConflict((conflict) => conflict.column('reservation_id').doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0n) > 0;
}
