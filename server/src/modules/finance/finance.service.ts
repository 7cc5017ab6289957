import type { Static } from 'typebox';
import { type Db, type DbOrTx, inTransaction, type Tx } from '../../db/database.ts';
import { newId } from '../../db/ids.ts';
import {
  LEDGER_CATEGORIES,
  type LedgerCategory,
  type LedgerEntryType,
  type PaymentKind,
  type PaymentMethod,
} from '../../db/tables.ts';
import { AppError, badRequest, conflict, type FieldError, notFound } from '../../http/errors.ts';
import { fieldError } from '../../http/field-errors.ts';
import { fromCents, toCents } from '../../http/money.ts';
import { decodeCursor, page } from '../../http/pagination.ts';
import { versionMismatch } from '../../http/versions.ts';
import { MANAGERS, type Member, MONEY_READERS } from '../../kernel/access.ts';
import { csvCell } from '../../kernel/csv.ts';
import { firstOfNextMonth, localDate, nightsBetween } from '../../kernel/dates.ts';
import type { DomainEventBus, DomainEvents } from '../../kernel/events.ts';
import { listAuditEntries } from '../audit/audit.repository.ts';
import { historyItems } from '../audit/history.ts';
import { findHouse } from '../houses/houses.repository.ts';
import { housesVisibleTo } from '../houses/houses.service.ts';
import { findOrganization, findTouristTaxDefault } from '../organizations/organizations.repository.ts';
import {
  findReservation,
  lockReservation,
  type ReservationRow,
} from '../reservations/reservations.repository.ts';
import type { ReservationsService } from '../reservations/reservations.service.ts';
import {
  addSums,
  adjustmentsOf,
  closedMonthsAmong,
  closedMonthsFrom,
  deleteClosing,
  deleteEntry,
  deleteTaxRule,
  type EntryFilters,
  type EntryRow,
  exportEntries,
  findEntry,
  findPayment,
  findPosting,
  findStayTax,
  findTaxRule,
  insertClosing,
  insertEntry,
  insertPayment,
  insertStayTax,
  ledgerNames,
  listClosings,
  listEntries,
  listPayments,
  lockBooks,
  lockEntry,
  lockHouse,
  noSums,
  type PaymentRow,
  paymentSums,
  postedCost,
  type Sums,
  saveTaxRule,
  sumEntries,
  systemEntriesOfReservation,
  updateEntry,
} from './finance.repository.ts';
import type {
  LedgerAdjustmentBody,
  LedgerEntryCreateBody,
  LedgerEntryUpdateBody,
  LedgerExportQuery,
  LedgerListQuery,
  PaymentCreateBody,
  StayTouristTaxBody,
  SummaryQuery,
  TouristTaxRuleBody,
} from './finance.schemas.ts';

/** Security deposits: money held for the guest, listed in the ledger and never income or expense. */
const HELD_CATEGORIES: readonly LedgerCategory[] = ['deposit', 'deposit_return'];

/**
 * What each kind of payment posts: the entry's type and category, and for a
 * deposit kept, the release of the held money beside the income it becomes.
 */
const PAYMENT_POSTINGS: Record<
  PaymentKind,
  { type: LedgerEntryType; category: LedgerCategory; held: boolean; paidCents: (cents: number) => number }
> = {
  advance: { type: 'income', category: 'rent', held: false, paidCents: (cents) => cents },
  balance: { type: 'income', category: 'rent', held: false, paidCents: (cents) => cents },
  refund: { type: 'expense', category: 'refund', held: false, paidCents: (cents) => -cents },
  deposit: { type: 'income', category: 'deposit', held: true, paidCents: () => 0 },
  deposit_return: { type: 'expense', category: 'deposit_return', held: true, paidCents: () => 0 },
  deposit_kept: { type: 'income', category: 'deposit', held: false, paidCents: () => 0 },
};

/**
 * The words of the descriptions the system writes, in the organization's
 * language: they are what the accountant reads in the export.
 */
const SYSTEM_WORDS = {
  en: {
    advance: 'Advance',
    balance: 'Balance',
    refund: 'Refund',
    deposit: 'Security deposit held',
    deposit_return: 'Security deposit returned',
    deposit_kept: 'Security deposit kept',
    touristTax: 'Tourist tax',
    costCorrected: 'Cost corrected',
    stayCancelled: 'Stay cancelled',
  },
  fr: {
    advance: 'Acompte',
    balance: 'Solde',
    refund: 'Remboursement',
    deposit: 'Caution encaissée',
    deposit_return: 'Caution restituée',
    deposit_kept: 'Caution retenue',
    touristTax: 'Taxe de séjour',
    costCorrected: 'Coût corrigé',
    stayCancelled: 'Séjour annulé',
  },
} satisfies Record<string, Record<PaymentKind | 'touristTax' | 'costCorrected' | 'stayCancelled', string>>;

async function systemWords(db: DbOrTx, organizationId: string) {
  const organization = await findOrganization(db, organizationId);
  return organization?.locale === 'fr' ? SYSTEM_WORDS.fr : SYSTEM_WORDS.en;
}

const EXPORT_COLUMNS = [
  'date',
  'house',
  'type',
  'category',
  'description',
  'amount',
  'signed_amount',
  'held',
  'origin',
  'system',
  'reservation_id',
  'maintenance_issue_id',
  'adjusts_entry_id',
  'entry_id',
];
/** The largest amount the API takes (999999999999.99): one the ledger computes is never more. */
const MAX_AMOUNT_CENTS = 99_999_999_999_999;
/** Entries read at a time for an export. */
const EXPORT_PAGE = 2000;
const noSuchEntry = () => notFound('No such ledger entry.');
const invalid = (errors: FieldError[]) => badRequest('The request is not valid.', errors);
const systemEntry = () =>
  conflict(
    'system-entry',
    'This entry was posted by the system and cannot be changed or deleted: post an adjustment instead.',
  );
const monthOf = (date: string) => date.slice(0, 7);

function entryView(row: EntryRow) {
  return {
    id: row.id,
    houseId: row.house_id,
    date: row.date,
    type: row.type,
    category: row.category,
    description: row.description,
    amount: fromCents(row.amount_cents),
    origin: row.origin,
    reservationId: row.reservation_id,
    maintenanceIssueId: row.maintenance_issue_id,
    paymentId: row.payment_id,
    adjustsEntryId: row.adjusts_entry_id,
    system: row.system,
    held: row.held,
    createdAt: row.created_at,
    createdBy: row.created_by,
    updatedAt: row.updated_at,
    version: row.version,
  };
}

function paymentView(row: PaymentRow & { created_by_name: string | null }) {
  return {
    id: row.id,
    reservationId: row.reservation_id,
    houseId: row.house_id,
    date: row.date,
    kind: row.kind,
    amount: fromCents(row.amount_cents),
    method: row.method,
    note: row.note,
    createdAt: row.created_at,
    createdBy: row.created_by,
    createdByName: row.created_by_name,
  };
}

function totalsView(sums: Sums) {
  return {
    income: fromCents(sums.income),
    expense: fromCents(sums.expense),
    net: fromCents(sums.income - sums.expense),
    held: fromCents(sums.held_in - sums.held_out),
  };
}

/** The record kept in the history of a manual entry. */
function snapshot(row: EntryRow) {
  return {
    houseId: row.house_id,
    date: row.date,
    type: row.type,
    category: row.category,
    description: row.description,
    amount: fromCents(row.amount_cents),
    reservationId: row.reservation_id,
  };
}

/**
 * The ledger of an organization: income and expense per house, posted by the
 * system for what happens elsewhere (a stay's payments, a work order's cost,
 * a cancellation's reversal) exactly once, and entered by managers by hand.
 * What the system posted is corrected by adjustments, never edited; a closed
 * month takes no write dated in it.
 */
export class FinanceService {
  readonly #db: Db;
  readonly #now: () => Date;
  readonly #postgres: boolean;
  readonly #reservations: ReservationsService;
  readonly #events: DomainEventBus;

  constructor(options: {
    db: Db;
    now: () => Date;
    postgres: boolean;
    reservations: ReservationsService;
    events: DomainEventBus;
  }) {
    this.#db = options.db;
    this.#now = options.now;
    this.#postgres = options.postgres;
    this.#reservations = options.reservations;
    this.#events = options.events;
  }

  // --- reading ------------------------------------------------------------------------

  /** The filters as the member may apply them: a house they do not see is a 404, and they see only their houses. */
  async #filters(member: Member, query: EntryFilters): Promise<EntryFilters> {
    const houseIds = await housesVisibleTo(this.#db, member);
    if (query.houseId !== undefined && houseIds && !houseIds.includes(query.houseId)) {
      throw notFound('No such house.');
    }
    return { ...query, houseIds };
  }

  /**
   * Income and expense (held deposits apart) of these houses' entries dated in [from, to), in cents,
   * by month or by house: for analytics, which has checked what the member may see.
   */
  sumsOfHouses(
    organizationId: string,
    range: { houseIds: string[]; from: string; to: string },
    groupBy: 'month' | 'house',
  ): Promise<Map<string | null, Sums>> {
    return sumEntries(this.#db, organizationId, range, groupBy, this.#postgres);
  }

  async list(member: Member, query: Static<typeof LedgerListQuery>) {
    const { limit, cursor, ...rest } = query;
    const filters = await this.#filters(member, rest);
    checkRange(filters.from, filters.to);
    const after = decodeCursor(cursor, ['calendar-date', 'id']) as [string, string] | undefined;
    const [rows, sums] = await Promise.all([
      listEntries(this.#db, member.organizationId, { ...filters, after, limit: limit + 1 }),
      sumEntries(this.#db, member.organizationId, filters, null, this.#postgres),
    ]);
    const result = page(rows, limit, (row) => [row.date, row.id]);
    return {
      items: result.items.map(entryView),
      nextCursor: result.nextCursor,
      totals: totalsView(sums.get(null) ?? noSums()),
    };
  }

  /**
   * The entries of one house dated in [from, to), oldest first, for the owner
   * statements: the caller has decided who may see the house.
   */
  entriesOfHouse(organizationId: string, houseId: string, from: string, to: string): Promise<EntryRow[]> {
    // A statement lists every entry of its month: no page.
    return listEntries(this.#db, organizationId, { houseId, from, to, limit: Number.MAX_SAFE_INTEGER });
  }

  /**
   * The closed months of an organization with the instant each was closed, for who must not change
   * them. Read in a transaction, the books are held as a write holds them (PostgreSQL; SQLite has one
   * writer at a time): no month is closed or reopened until it ends, so what it writes agrees with them.
   */
  async closedMonths(organizationId: string, tx?: Tx): Promise<{ month: string; closedAt: string }[]> {
    if (tx) await lockBooks(tx, organizationId, 'write', this.#postgres);
    const rows = await listClosings(tx ?? this.#db, organizationId);
    return rows.map((row) => ({ month: row.month, closedAt: row.closed_at }));
  }

  async get(member: Member, entryId: string) {
    const row = await this.#visibleEntry(member, entryId);
    const adjustments = await adjustmentsOf(this.#db, member.organizationId, row.id);
    return { ...entryView(row), adjustments: adjustments.map(entryView) };
  }

  async #visibleEntry(member: Member, entryId: string): Promise<EntryRow> {
    const row = await findEntry(this.#db, member.organizationId, entryId);
    const visible = await housesVisibleTo(this.#db, member);
    // An owner sees the entries of their houses only, never those of the whole organization.
    if (!row || (visible && (row.house_id === null || !visible.includes(row.house_id)))) throw noSuchEntry();
    return row;
  }

  async history(member: Member, entryId: string) {
    await this.#visibleEntry(member, entryId);
    const entries = await listAuditEntries(this.#db, member.organizationId, 'ledger_entry', entryId);
    return { items: historyItems(entries, snapshot) };
  }

  async summary(member: Member, query: Static<typeof SummaryQuery>) {
    const filters = await this.#filters(member, { houseId: query.houseId, from: query.from, to: query.to });
    checkRange(query.from, query.to);
    const groupBy = query.groupBy ?? 'month';
    const organization = await findOrganization(this.#db, member.organizationId);
    const range = { ...filters, from: query.from, to: query.to };
    const groups = await sumEntries(this.#db, member.organizationId, range, groupBy, this.#postgres);
    const totals = noSums();
    for (const sums of groups.values()) addSums(totals, sums);
    // Months in order; houses as the database keeps them, the whole organization's entries last.
    // A month or house whose entries all went (deleted, moved) keeps zero totals: not a row.
    const keys = [...groups.keys()]
      .filter((key) => Object.values(groups.get(key) ?? noSums()).some((cents) => cents !== 0))
      .sort((a, b) => (a === null ? 1 : b === null ? -1 : a.localeCompare(b)));
    return {
      currency: organization?.currency ?? 'EUR',
      from: query.from,
      to: query.to,
      rows: keys.map((key) => {
        const sums = groups.get(key) ?? noSums();
        return {
          ...(groupBy === 'house' ? { houseId: key } : { month: key ?? '' }),
          income: fromCents(sums.income),
          expense: fromCents(sums.expense),
          net: fromCents(sums.income - sums.expense),
        };
      }),
      totals: totalsView(totals),
    };
  }

  /**
   * The entries as a CSV file for the accountant: UTF-8 with a byte order
   * mark (so spreadsheets read the accents), one line per entry. The request
   * is checked before the first line; the lines are then read and sent a
   * page at a time, so ten years of a hundred houses never sit in memory.
   */
  async export(member: Member, query: Static<typeof LedgerExportQuery>): Promise<AsyncIterable<string>> {
    const filters = await this.#filters(member, { houseId: query.houseId, from: query.from, to: query.to });
    checkRange(filters.from, filters.to);
    const comma = query.decimal === 'comma';
    const separator = comma ? ';' : ',';
    const amount = (cents: number) => (comma ? fromCents(cents).replace('.', ',') : fromCents(cents));
    const line = (cells: string[]) => `${cells.map((cell) => csvCell(cell, separator)).join(separator)}\r\n`;
    const db = this.#db;
    const organizationId = member.organizationId;
    return (async function* () {
      yield `\uFEFF${line(EXPORT_COLUMNS)}`;
      let after: [string, string] | undefined;
      for (;;) {
        const rows = await exportEntries(db, organizationId, { ...filters, after, limit: EXPORT_PAGE });
        if (rows.length === 0) return;
        yield rows
          .map((row) =>
            line([
              row.date,
              row.house_code ?? '',
              row.type,
              row.category,
              row.description,
              amount(row.amount_cents),
              amount(row.type === 'income' ? row.amount_cents : -row.amount_cents),
              row.held ? 'yes' : 'no',
              row.origin,
              row.system ? 'yes' : 'no',
              row.reservation_id ?? '',
              row.maintenance_issue_id ?? '',
              row.adjusts_entry_id ?? '',
              row.id,
            ]),
          )
          .join('');
        const last = rows.at(-1);
        if (!last || rows.length < EXPORT_PAGE) return;
        after = [last.date, last.id];
      }
    })();
  }

  // --- manual entries -----------------------------------------------------------------

  async create(member: Member, input: Static<typeof LedgerEntryCreateBody>) {
    const amountCents = positiveCents(input.amount, 'body.amount');
    checkManualCategory(input.category);
    const id = newId();
    const now = this.#now().toISOString();
    await inTransaction(this.#db, async (tx) => {
      const houseId = input.houseId ?? null;
      await this.#checkLinks(tx, member, houseId, input.reservationId ?? null);
      await this.#checkOpen(tx, member.organizationId, [input.date]);
      await insertEntry(tx, {
        id,
        organization_id: member.organizationId,
        house_id: houseId,
        date: input.date,
        type: input.type,
        category: input.category,
        description: input.description,
        amount_cents: amountCents,
        origin: 'manual',
        reservation_id: input.reservationId ?? null,
        maintenance_issue_id: null,
        payment_id: null,
        adjusts_entry_id: null,
        system: false,
        source_id: null,
        purpose: null,
        created_at: now,
        created_by: member.userId,
        updated_at: now,
      });
    });
    return this.get(member, id);
  }

  async update(
    member: Member,
    entryId: string,
    input: Static<typeof LedgerEntryUpdateBody>,
    expected?: number,
  ) {
    await this.#visibleEntry(member, entryId);
    const amountCents = input.amount === undefined ? undefined : positiveCents(input.amount, 'body.amount');
    if (input.category !== undefined) checkManualCategory(input.category);
    const now = this.#now().toISOString();
    await inTransaction(this.#db, async (tx) => {
      // Moving it to another house looks for adjustments below: one being written now is waited for.
      if (input.houseId !== undefined) {
        await lockEntry(tx, member.organizationId, entryId, 'change', this.#postgres);
      }
      const before = await findEntry(tx, member.organizationId, entryId);
      if (!before) throw noSuchEntry();
      if (before.system) throw systemEntry();
      if (expected !== undefined && expected !== before.version) throw versionMismatch(before.version);
      const houseId = input.houseId === undefined ? before.house_id : input.houseId;
      const reservationId = input.reservationId === undefined ? before.reservation_id : input.reservationId;
      // Its adjustments are in its house's books (and shown with it): it stays there with them.
      if (
        houseId !== before.house_id &&
        (await adjustmentsOf(tx, member.organizationId, entryId)).length > 0
      ) {
        throw conflict('adjusted', 'This entry has adjustments: it stays in its house, with them.');
      }
      if (input.houseId !== undefined || input.reservationId !== undefined) {
        await this.#checkLinks(tx, member, houseId, reservationId);
      }
      // Both months must be open: the one it leaves and the one it goes to.
      await this.#checkOpen(tx, member.organizationId, [before.date, input.date ?? before.date]);
      const changes = {
        house_id: houseId,
        reservation_id: reservationId,
        ...(input.date !== undefined ? { date: input.date } : {}),
        ...(input.type !== undefined ? { type: input.type } : {}),
        ...(input.category !== undefined ? { category: input.category } : {}),
        ...(input.description !== undefined ? { description: input.description } : {}),
        ...(amountCents !== undefined ? { amount_cents: amountCents } : {}),
        updated_at: now,
      };
      const key = { organizationId: member.organizationId, id: entryId, version: before.version };
      if (!(await updateEntry(tx, key, changes))) throw versionMismatch(before.version);
    });
    return this.get(member, entryId);
  }

  async remove(member: Member, entryId: string, expected?: number): Promise<void> {
    await this.#visibleEntry(member, entryId);
    await inTransaction(this.#db, async (tx) => {
      // Before looking for adjustments: one being written now is waited for, and then found.
      await lockEntry(tx, member.organizationId, entryId, 'change', this.#postgres);
      const before = await findEntry(tx, member.organizationId, entryId);
      if (!before) throw noSuchEntry();
      if (before.system) throw systemEntry();
      if (expected !== undefined && expected !== before.version) throw versionMismatch(before.version);
      await this.#checkOpen(tx, member.organizationId, [before.date]);
      if ((await adjustmentsOf(tx, member.organizationId, entryId)).length > 0) {
        throw conflict('adjusted', 'This entry has adjustments: it stays, with them.');
      }
      if (!(await deleteEntry(tx, member.organizationId, entryId, before.version))) {
        throw versionMismatch(before.version);
      }
      await this.#events.publish(tx, 'ledger.entryDeleted', {
        organizationId: member.organizationId,
        entryId,
      });
    });
  }

  /**
   * A correction of an entry: a new entry linked to it, by the amount given
   * in the entry's direction (negative: the other way). Dated today unless
   * told otherwise, in an open month; the corrected entry itself never changes.
   */
  async adjust(member: Member, entryId: string, input: Static<typeof LedgerAdjustmentBody>) {
    await this.#visibleEntry(member, entryId);
    const cents = toCents(input.amount, 'body.amount');
    if (cents === 0) throw invalid([fieldError('body.amount', 'invalid-amount')]);
    const id = newId();
    const now = this.#now();
    await inTransaction(this.#db, async (tx) => {
      // Read again, held: an entry deleted meanwhile is a 404, and one changed is corrected as it is now.
      await lockEntry(tx, member.organizationId, entryId, 'keep', this.#postgres);
      const target = await findEntry(tx, member.organizationId, entryId);
      if (!target) throw noSuchEntry();
      const date = input.date ?? (await this.#today(tx, member.organizationId, target.house_id, now));
      await this.#checkOpen(tx, member.organizationId, [date]);
      await insertEntry(tx, {
        ...correctionOf(target, cents, { id, date, description: input.description }),
        created_at: now.toISOString(),
        created_by: member.userId,
        updated_at: now.toISOString(),
      });
    });
    return this.get(member, id);
  }

  // --- payments of a stay -------------------------------------------------------------

  async payments(member: Member, reservationId: string) {
    const reservation = await this.#visibleReservation(member, reservationId);
    const [rows, sums] = await Promise.all([
      listPayments(this.#db, member.organizationId, reservationId),
      paymentSums(this.#db, member.organizationId, reservationId),
    ]);
    return {
      items: rows.map(paymentView),
      totalPrice: fromCents(reservation.total_cents),
      advancePaid: fromCents(reservation.advance_cents),
      balanceDue: fromCents(reservation.total_cents - reservation.advance_cents),
      depositHeld: fromCents(depositHeld(sums)),
      touristTax: (await this.#stayTax(this.#db, reservation))?.view ?? null,
    };
  }

  async #visibleReservation(member: Member, reservationId: string) {
    const row = await findReservation(this.#db, member.organizationId, reservationId);
    const visible = await housesVisibleTo(this.#db, member);
    if (!row || (visible && !visible.includes(row.house_id))) throw notFound('No such reservation.');
    return row;
  }

  /**
   * A payment of a stay: recorded, posted to the ledger and moved onto the
   * stay's amount paid, in one transaction. An advance or a balance is at
   * most what is due, a refund at most what was paid, a deposit returned or
   * kept at most what is held.
   */
  async recordPayment(member: Member, reservationId: string, input: Static<typeof PaymentCreateBody>) {
    await this.#visibleReservation(member, reservationId);
    const cents = positiveCents(input.amount, 'body.amount');
    const id = newId();
    const now = this.#now().toISOString();
    await inTransaction(this.#db, async (tx) => {
      // First, before the books: the limits below read what earlier payments of the stay left.
      await lockReservation(tx, member.organizationId, reservationId, this.#postgres);
      const stay = await findReservation(tx, member.organizationId, reservationId);
      if (!stay) throw notFound('No such reservation.');
      if (stay.status === 'cancelled') {
        throw conflict('cancelled', 'This stay is cancelled: its payments were reversed with it.');
      }
      await this.#checkOpen(tx, member.organizationId, [input.date]);
      const sums = await paymentSums(tx, member.organizationId, reservationId);
      const due = stay.total_cents - stay.advance_cents;
      if ((input.kind === 'advance' || input.kind === 'balance') && cents > due) {
        throw invalid([fieldError('body.amount', 'more-than-due')]);
      }
      if (input.kind === 'refund' && cents > stay.advance_cents) {
        throw invalid([fieldError('body.amount', 'more-than-paid')]);
      }
      if ((input.kind === 'deposit_return' || input.kind === 'deposit_kept') && cents > depositHeld(sums)) {
        throw invalid([fieldError('body.amount', 'more-than-held')]);
      }
      await this.#postPayment(tx, {
        id,
        organizationId: member.organizationId,
        reservationId,
        houseId: stay.house_id,
        guestName: stay.guest_name,
        date: input.date,
        kind: input.kind,
        cents,
        method: input.method ?? null,
        note: input.note ?? null,
        userId: member.userId,
        now,
      });
      const paidCents = PAYMENT_POSTINGS[input.kind].paidCents(cents);
      if (paidCents !== 0) {
        await this.#reservations.applyPayment(tx, {
          organizationId: member.organizationId,
          reservationId,
          paidCents,
          userId: member.userId,
          now,
        });
      }
    });
    const created = await findPayment(this.#db, member.organizationId, id);
    if (!created) throw notFound('No such payment.');
    return paymentView(created);
  }

  /**
   * What the guest paid or was given back through the stay's own fields,
   * which the stay already shows: recorded as the payment it is (an
   * advance, a balance once arrived, or a refund), dated today in the
   * house's time zone, with its entry, in the transaction that changed the stay.
   */
  async recordPaidChange(tx: Tx, event: DomainEvents['reservation.paidChanged']): Promise<void> {
    const now = new Date(event.now);
    const date = await this.#today(tx, event.organizationId, event.houseId, now);
    await this.#checkOpen(tx, event.organizationId, [date]);
    await this.#postPayment(tx, {
      id: newId(),
      organizationId: event.organizationId,
      reservationId: event.reservationId,
      houseId: event.houseId,
      guestName: event.guestName,
      date,
      kind: event.paidCents < 0 ? 'refund' : event.arrived ? 'balance' : 'advance',
      cents: Math.abs(event.paidCents),
      method: null,
      note: null,
      userId: event.userId,
      now: event.now,
    });
  }

  /** A payment and its system entries (two for a deposit kept: the held money released, then income). */
  async #postPayment(
    tx: Tx,
    payment: {
      id: string;
      organizationId: string;
      reservationId: string;
      houseId: string;
      guestName: string;
      date: string;
      kind: PaymentKind;
      cents: number;
      method: PaymentMethod | null;
      note: string | null;
      userId: string;
      now: string;
    },
  ): Promise<void> {
    await insertPayment(tx, {
      id: payment.id,
      organization_id: payment.organizationId,
      reservation_id: payment.reservationId,
      house_id: payment.houseId,
      date: payment.date,
      kind: payment.kind,
      amount_cents: payment.cents,
      method: payment.method,
      note: payment.note,
      created_at: payment.now,
      created_by: payment.userId,
    });
    const posting = PAYMENT_POSTINGS[payment.kind];
    const common = {
      organization_id: payment.organizationId,
      house_id: payment.houseId,
      date: payment.date,
      amount_cents: payment.cents,
      origin: 'reservation' as const,
      reservation_id: payment.reservationId,
      maintenance_issue_id: null,
      payment_id: payment.id,
      adjusts_entry_id: null,
      system: true,
      source_id: payment.id,
      created_at: payment.now,
      created_by: payment.userId,
      updated_at: payment.now,
    };
    const description = `${(await systemWords(tx, payment.organizationId))[payment.kind]} · ${payment.guestName}`;
    if (payment.kind === 'deposit_kept') {
      // The held money leaves the deposits and becomes the house's income: two entries of one payment.
      await insertEntry(tx, {
        ...common,
        id: newId(),
        type: 'expense',
        category: 'deposit_return',
        held: true,
        description,
        purpose: 'release',
      });
    }
    await insertEntry(tx, {
      ...common,
      id: newId(),
      type: posting.type,
      category: posting.category,
      held: posting.held,
      description,
      purpose: 'payment',
    });
  }

  // --- tourist tax ------------------------------------------------------------------

  async taxRule(member: Member, houseId: string) {
    await this.#visibleHouse(member, houseId);
    const rule = await findTaxRule(this.#db, member.organizationId, houseId);
    if (!rule) throw notFound('This house has no tourist tax rule.');
    return taxRuleView(rule);
  }

  /** Sets a house's rule: an amount per adult and night, or a percentage of the price per person and night with a cap. */
  async saveTaxRule(member: Member, houseId: string, input: Static<typeof TouristTaxRuleBody>) {
    await this.#visibleHouse(member, houseId);
    const rate = input.rate == null ? null : toCents(input.rate, 'body.rate');
    const percent = input.percent == null ? null : toCents(input.percent, 'body.percent');
    const cap = input.cap == null ? null : toCents(input.cap, 'body.cap');
    if (input.mode === 'per_night' && rate === null) throw invalid([fieldError('body.rate', 'required')]);
    if (input.mode === 'percentage' && percent === null)
      throw invalid([fieldError('body.percent', 'required')]);
    if (percent !== null && percent > 10_000) {
      throw invalid([fieldError('body.percent', 'too-large', { limit: 100 })]);
    }
    await inTransaction(this.#db, (tx) =>
      saveTaxRule(tx, {
        house_id: houseId,
        organization_id: member.organizationId,
        mode: input.mode,
        rate_cents: input.mode === 'per_night' ? rate : null,
        percent_basis_points: input.mode === 'percentage' ? percent : null,
        cap_cents: input.mode === 'percentage' ? cap : null,
        platform_sources: JSON.stringify(input.platformSources ?? []),
        updated_at: this.#now().toISOString(),
      }),
    );
    return this.taxRule(member, houseId);
  }

  async removeTaxRule(member: Member, houseId: string): Promise<void> {
    await this.#visibleHouse(member, houseId);
    const removed = await inTransaction(this.#db, (tx) => deleteTaxRule(tx, member.organizationId, houseId));
    if (!removed) throw notFound('This house has no tourist tax rule.');
  }

  async #visibleHouse(member: Member, houseId: string) {
    const house = await findHouse(this.#db, member.organizationId, houseId);
    const visible = await housesVisibleTo(this.#db, member);
    if (!house || (visible && !visible.includes(houseId))) throw notFound('No such house.');
    return house;
  }

  /**
   * The stay's tourist tax under its house's rule, else the organization's
   * default, and what was recorded as collected; null without either.
   */
  async #stayTax(db: Db | Tx, stay: ReservationRow, adults = stay.guests) {
    const rule =
      (await findTaxRule(db, stay.organization_id, stay.house_id)) ??
      (await findTouristTaxDefault(db, stay.organization_id));
    if (!rule) return null;
    const nights = nightsBetween(stay.check_in, stay.check_out);
    const perAdultNight = taxPerAdultNight(rule, stay.total_cents, nights, stay.guests);
    const cents = perAdultNight * adults * nights;
    const collected = await findStayTax(db, stay.organization_id, stay.id);
    const collectedBy = rule.platform_sources.includes(stay.source)
      ? ('platform' as const)
      : ('manager' as const);
    return {
      cents,
      collectedBy,
      view: {
        adults,
        nights,
        perAdultNight: fromCents(perAdultNight),
        amount: fromCents(cents),
        collectedBy,
        collected: collected
          ? {
              adults: collected.adults,
              amount: fromCents(collected.amount_cents),
              collectedBy: collected.collected_by,
              date: collected.date,
              createdAt: collected.created_at,
            }
          : null,
      },
    };
  }

  /**
   * Records a stay's tourist tax as collected, once: by the manager, it is
   * posted to the ledger as income (owed to the commune, which a manual
   * expense pays); by the platform, it is only recorded, as no money passed.
   */
  async recordTouristTax(member: Member, reservationId: string, input: Static<typeof StayTouristTaxBody>) {
    await this.#visibleReservation(member, reservationId);
    const now = this.#now().toISOString();
    await inTransaction(this.#db, async (tx) => {
      // As a payment: a cancellation of the stay at the same moment either comes first (and the tax is
      // refused) or sees the tax posted, and reverses it.
      await lockReservation(tx, member.organizationId, reservationId, this.#postgres);
      const stay = await findReservation(tx, member.organizationId, reservationId);
      if (!stay) throw notFound('No such reservation.');
      if (stay.status === 'cancelled') throw conflict('cancelled', 'This stay is cancelled.');
      const tax = await this.#stayTax(tx, stay, input.adults ?? stay.guests);
      if (!tax)
        throw conflict(
          'no-tourist-tax',
          'This house has no tourist tax rule and the organization no default: set one first.',
        );
      const collectedBy = input.collectedBy ?? tax.collectedBy;
      const cents = tax.cents;
      // A rate times adults times nights can pass what any amount may be, and what a number holds exactly.
      if (cents > MAX_AMOUNT_CENTS) {
        throw conflict(
          'amount-too-large',
          `This stay's tourist tax would be more than ${fromCents(MAX_AMOUNT_CENTS)}: check the house's rule and the adults.`,
        );
      }
      await this.#checkOpen(tx, member.organizationId, [input.date]);
      const recorded = await insertStayTax(tx, {
        reservation_id: stay.id,
        organization_id: member.organizationId,
        adults: tax.view.adults,
        nights: tax.view.nights,
        amount_cents: cents,
        collected_by: collectedBy,
        date: input.date,
        created_at: now,
        created_by: member.userId,
      });
      if (!recorded) throw conflict('already-recorded', 'This stay’s tourist tax is already recorded.');
      if (collectedBy === 'manager' && cents > 0) {
        await insertEntry(tx, {
          id: newId(),
          organization_id: member.organizationId,
          house_id: stay.house_id,
          date: input.date,
          type: 'income',
          category: 'tourist_tax',
          description: `${(await systemWords(tx, member.organizationId)).touristTax} · ${stay.guest_name}`,
          amount_cents: cents,
          origin: 'reservation',
          reservation_id: stay.id,
          maintenance_issue_id: null,
          payment_id: null,
          adjusts_entry_id: null,
          system: true,
          source_id: stay.id,
          purpose: 'tourist-tax',
          created_at: now,
          created_by: member.userId,
          updated_at: now,
        });
      }
    });
    const stay = await this.#visibleReservation(member, reservationId);
    const tax = await this.#stayTax(this.#db, stay, input.adults ?? stay.guests);
    if (!tax) throw conflict('no-tourist-tax', 'This house has no tourist tax rule.');
    return tax.view;
  }

  // --- closed months ------------------------------------------------------------------

  async closings(member: Member) {
    const rows = await listClosings(this.#db, member.organizationId);
    return {
      items: rows.map((row) => ({
        month: row.month,
        closedAt: row.closed_at,
        closedBy: row.closed_by,
        closedByName: row.closed_by_name,
      })),
    };
  }

  async close(member: Member, month: string) {
    const now = this.#now().toISOString();
    await inTransaction(this.#db, async (tx) => {
      await lockBooks(tx, member.organizationId, 'close', this.#postgres);
      const closed = await insertClosing(tx, {
        organizationId: member.organizationId,
        month,
        closedAt: now,
        closedBy: member.userId,
      });
      if (!closed) throw conflict('month-closed', `${month} is already closed.`, { month });
    });
    const closing = (await this.closings(member)).items.find((item) => item.month === month);
    if (!closing) throw notFound('No such closing.');
    return closing;
  }

  async reopen(member: Member, month: string): Promise<void> {
    await inTransaction(this.#db, async (tx) => {
      await lockBooks(tx, member.organizationId, 'close', this.#postgres);
      if (!(await deleteClosing(tx, member.organizationId, month))) throw notFound(`${month} is not closed.`);
    });
  }

  /** Every write dated in a closed month is refused, whoever makes it (a person or a reaction). */
  async #checkOpen(tx: Tx, organizationId: string, dates: string[]): Promise<void> {
    await lockBooks(tx, organizationId, 'write', this.#postgres);
    const closed = await closedMonthsAmong(tx, organizationId, [...new Set(dates.map(monthOf))]);
    if (closed.length > 0) {
      const month = closed.sort()[0];
      throw conflict(
        'month-closed',
        `The books of ${month} are closed: book it, or its correction, in an open month.`,
        { month },
      );
    }
  }

  /** The date given when its month is open, else the first day of the first open month after it. */
  async #firstOpenDay(tx: Tx, organizationId: string, date: string): Promise<string> {
    await lockBooks(tx, organizationId, 'write', this.#postgres);
    const closed = new Set(await closedMonthsFrom(tx, organizationId, monthOf(date)));
    let day = date;
    while (closed.has(monthOf(day))) {
      const next = firstOfNextMonth(day);
      // Every month up to December 9999 closed: there is no open month to book in.
      if (next === null) {
        throw conflict('month-closed', `The books of ${monthOf(day)} are closed, and every month after it.`, {
          month: monthOf(day),
        });
      }
      day = next;
    }
    return day;
  }

  // --- what other modules' events post ------------------------------------------------

  /** A resolved work order's cost: one system expense, dated the day it was resolved. */
  async postMaintenanceCost(tx: Tx, event: DomainEvents['maintenance.resolved']): Promise<void> {
    if (event.costCents <= 0) return;
    await this.#checkOpen(tx, event.organizationId, [event.date]);
    await insertEntry(tx, {
      ...maintenanceEntry(event),
      id: newId(),
      date: event.date,
      type: 'expense',
      amount_cents: event.costCents,
      origin: 'maintenance',
      adjusts_entry_id: null,
      source_id: event.issueId,
      purpose: 'cost',
    });
  }

  /**
   * A resolved work order's cost corrected: the difference, as an adjustment
   * of the cost posted (or the cost itself, when nothing was posted because
   * it was nothing), booked the day of the correction.
   */
  async postMaintenanceCostChange(tx: Tx, event: DomainEvents['maintenance.costChanged']): Promise<void> {
    const posted = await findPosting(tx, 'maintenance', event.issueId, 'cost');
    if (!posted) {
      await this.postMaintenanceCost(tx, event);
      return;
    }
    // From what the ledger holds, not from the event's previous cost: the change that posted the first
    // cost (above), handled again, finds it posted and nothing left to add.
    const difference = event.costCents - (await postedCost(tx, event.organizationId, event.issueId));
    if (difference === 0) return;
    await this.#checkOpen(tx, event.organizationId, [event.date]);
    await insertEntry(tx, {
      ...correctionOf(posted, difference, {
        id: newId(),
        date: event.date,
        description: `${(await systemWords(tx, event.organizationId)).costCorrected} · ${event.title}`,
      }),
      source_id: event.issueId,
      // One change of the work order, one posting: its version names the change.
      purpose: `cost-change:${event.version}`,
      created_at: event.now,
      created_by: event.userId,
      updated_at: event.now,
    });
  }

  /**
   * A cancelled stay: everything the system posted for it is reversed by an
   * entry linked to each, dated the day of the cancellation, so the stay
   * counts nothing; nothing is deleted. Money kept on a cancellation (a
   * non-refundable advance) is then entered by hand.
   */
  async reverseReservation(tx: Tx, organizationId: string, reservationId: string): Promise<void> {
    const entries = await systemEntriesOfReservation(tx, organizationId, reservationId);
    const system = new Map(entries.map((entry) => [entry.id, entry]));
    // A correction is reversed with what it corrects: one of an entry made by hand (kept money, a fee
    // the guest owes anyway) is not among these, and stays with that entry, as the entry stays.
    const reversed = (entry: EntryRow): boolean => {
      if (entry.purpose === 'reversal') return false;
      if (entry.adjusts_entry_id === null) return true;
      const target = system.get(entry.adjusts_entry_id);
      return target !== undefined && reversed(target);
    };
    const toReverse = entries.filter(reversed);
    if (toReverse.length === 0) return;
    const now = this.#now();
    const stay = await findReservation(tx, organizationId, reservationId);
    // A channel's feed cancels whenever it likes: with no one to tell that this month's books are
    // closed, the reversal, a correction, goes in the next open month, as corrections do.
    const date = await this.#firstOpenDay(
      tx,
      organizationId,
      await this.#today(tx, organizationId, stay?.house_id ?? null, now),
    );
    const words = await systemWords(tx, organizationId);
    for (const entry of toReverse) {
      await insertEntry(tx, {
        ...correctionOf(entry, -entry.amount_cents, {
          id: newId(),
          date,
          description: `${words.stayCancelled} · ${entry.description}`,
        }),
        source_id: entry.id,
        purpose: 'reversal',
        created_at: now.toISOString(),
        created_by: null,
        updated_at: now.toISOString(),
      });
    }
  }

  /** A house or a stay the ledger names is kept: its entries are the books. */
  async refuseDeletion(
    tx: Tx,
    organizationId: string,
    what: { houseId: string } | { reservationId: string },
  ): Promise<void> {
    // An entry being written for the house now is waited for, and then found (a stay's delete holds the
    // stay from its start: see ReservationsService.delete).
    if ('houseId' in what) await lockHouse(tx, organizationId, what.houseId, 'delete', this.#postgres);
    if (await ledgerNames(tx, organizationId, what)) {
      throw conflict(
        'has-ledger-entries',
        'houseId' in what
          ? 'This house has ledger entries or payments: deactivate it instead of deleting it.'
          : 'This stay has payments or ledger entries: cancel it instead of deleting it.',
      );
    }
  }

  /** The files of an entry (receipts): seen by whoever sees the entry, added by managers. */
  readonly attachmentPolicy = {
    readable: async (member: Member, entryId: string): Promise<void> => {
      // The attachment routes are open to every role: staff, who see no money, are refused here.
      if (!MONEY_READERS.includes(member.role))
        throw new AppError(403, 'forbidden', 'Your role does not allow this.');
      await this.#visibleEntry(member, entryId);
    },
    writable: async (member: Member, entryId: string): Promise<void> => {
      await this.#visibleEntry(member, entryId);
      if (!MANAGERS.includes(member.role))
        throw new AppError(403, 'forbidden', 'Your role does not allow this.');
    },
  };

  // --- helpers ------------------------------------------------------------------------

  /** Today where the money is: the house's time zone, or the organization's for its own entries. */
  async #today(tx: Tx, organizationId: string, houseId: string | null, now: Date): Promise<string> {
    const house = houseId ? await findHouse(tx, organizationId, houseId) : undefined;
    if (house) return localDate(now, house.timezone);
    const organization = await findOrganization(tx, organizationId);
    return localDate(now, organization?.timezone ?? 'UTC');
  }

  /** The house and the stay an entry names are the organization's, and the stay is of that house. */
  async #checkLinks(tx: Tx, member: Member, houseId: string | null, reservationId: string | null) {
    // Held until the entry is written: a delete of the house or the stay waits for it, or came first.
    if (houseId !== null) await lockHouse(tx, member.organizationId, houseId, 'keep', this.#postgres);
    if (houseId !== null && !(await findHouse(tx, member.organizationId, houseId))) {
      throw notFound('No such house.');
    }
    if (reservationId !== null) {
      await lockReservation(tx, member.organizationId, reservationId, this.#postgres);
      const stay = await findReservation(tx, member.organizationId, reservationId);
      if (!stay) throw notFound('No such reservation.');
      if (stay.house_id !== houseId) throw invalid([fieldError('body.reservationId', 'invalid')]);
    }
  }
}

/** Deposits taken less those returned or kept, in cents. */
function depositHeld(sums: Record<PaymentKind, number>): number {
  return sums.deposit - sums.deposit_return - sums.deposit_kept;
}

/** Cents of an amount that must be more than zero. */
function positiveCents(amount: string | number, path: string): number {
  const cents = toCents(amount, path);
  if (cents <= 0) throw invalid([fieldError(path, 'invalid-amount')]);
  return cents;
}

/** Deposits are held money: they move with a stay's payments, never as an entry typed by hand. */
function checkManualCategory(category: LedgerCategory) {
  if (HELD_CATEGORIES.includes(category)) {
    throw invalid([
      fieldError('body.category', 'not-allowed', {
        allowed: LEDGER_CATEGORIES.filter((allowed) => !HELD_CATEGORIES.includes(allowed)),
      }),
    ]);
  }
}

/** A from/to range runs forwards. */
function checkRange(from: string | undefined, to: string | undefined) {
  if (from !== undefined && to !== undefined && to < from) {
    throw invalid([fieldError('querystring.to', 'before-start', { field: 'from' })]);
  }
}

/**
 * An entry that corrects `target` by `cents` in its direction (negative: the
 * other way): same house, links, category and held-ness, a positive amount.
 */
function correctionOf(
  target: EntryRow,
  cents: number,
  fields: { id: string; date: string; description: string },
) {
  const opposite: LedgerEntryType = target.type === 'income' ? 'expense' : 'income';
  return {
    id: fields.id,
    organization_id: target.organization_id,
    house_id: target.house_id,
    date: fields.date,
    type: cents > 0 ? target.type : opposite,
    category: target.category,
    description: fields.description,
    amount_cents: Math.abs(cents),
    origin: 'adjustment' as const,
    reservation_id: target.reservation_id,
    maintenance_issue_id: target.maintenance_issue_id,
    payment_id: target.payment_id,
    adjusts_entry_id: target.id,
    system: true,
    held: target.held,
    source_id: null,
    purpose: null,
  };
}

/** The fields every entry of a work order's cost shares. */
function maintenanceEntry(event: DomainEvents['maintenance.resolved']) {
  return {
    organization_id: event.organizationId,
    house_id: event.houseId,
    category: 'maintenance' as const,
    description: event.title,
    reservation_id: null,
    maintenance_issue_id: event.issueId,
    payment_id: null,
    system: true,
    held: false,
    created_at: event.now,
    created_by: event.userId,
    updated_at: event.now,
  };
}

function taxRuleView(rule: {
  house_id: string;
  mode: 'per_night' | 'percentage';
  rate_cents: number | null;
  percent_basis_points: number | null;
  cap_cents: number | null;
  platform_sources: string[];
  updated_at: string;
}) {
  return {
    houseId: rule.house_id,
    mode: rule.mode,
    rate: rule.rate_cents === null ? null : fromCents(rule.rate_cents),
    percent: rule.percent_basis_points === null ? null : fromCents(rule.percent_basis_points),
    cap: rule.cap_cents === null ? null : fromCents(rule.cap_cents),
    platformSources: rule.platform_sources as ('direct' | 'airbnb' | 'booking' | 'vrbo' | 'other')[],
    updatedAt: rule.updated_at,
  };
}

/**
 * The tax of one adult for one night, in cents: the rate, or the percentage
 * of the price per person and night (the stay's price shared by its nights
 * and all its guests, children too), rounded to the cent and capped.
 */
export function taxPerAdultNight(
  rule: {
    mode: 'per_night' | 'percentage';
    rate_cents: number | null;
    percent_basis_points: number | null;
    cap_cents: number | null;
  },
  totalCents: number,
  nights: number,
  guests: number,
): number {
  if (rule.mode === 'per_night') return rule.rate_cents ?? 0;
  if (nights <= 0 || guests <= 0) return 0;
  // total × basis points / (nights × guests × 10,000), rounded half up, in integers: no floating point.
  const numerator = BigInt(totalCents) * BigInt(rule.percent_basis_points ?? 0);
  const denominator = BigInt(nights) * BigInt(guests) * 10_000n;
  const rounded = Number((numerator * 2n + denominator) / (denominator * 2n));
  return rule.cap_cents === null ? rounded : Math.min(rounded, rule.cap_cents);
}
