import type { Static } from 'typebox';
import { type Db, inTransaction, type Tx } from '../../db/database.ts';
import { newId } from '../../db/ids.ts';
import type { LedgerCategory, LedgerEntryType, LedgerOrigin, ReservationSource } from '../../db/tables.ts';
import { badRequest, conflict, notFound } from '../../http/errors.ts';
import { fieldError } from '../../http/field-errors.ts';
import { fromCents, toCents } from '../../http/money.ts';
import type { Member } from '../../kernel/access.ts';
import { csvCell } from '../../kernel/csv.ts';
import { firstOfNextMonth, LAST_DATE, nightsBetween } from '../../kernel/dates.ts';
import { stayRevenueIn } from '../../kernel/stay-revenue.ts';
import type { FinanceService } from '../finance/finance.service.ts';
import { findHouse } from '../houses/houses.repository.ts';
import { housesVisibleTo } from '../houses/houses.service.ts';
import { findOrganization } from '../organizations/organizations.repository.ts';
import { type Language, renderStatementPdf } from './statements.pdf.ts';
import {
  type ContractRow,
  contractInForce,
  deleteContract,
  findContract,
  findSnapshot,
  insertContract,
  listContracts,
  saveSnapshot,
  staysOfHouse,
  userLocale,
} from './statements.repository.ts';
import type { OwnerContractCreateBody } from './statements.schemas.ts';

/** An owner statement as the API answers it; a closed month's is stored as it is. */
export interface Statement {
  houseId: string;
  houseCode: string;
  houseName: string;
  organizationName: string;
  month: string;
  currency: string;
  closed: boolean;
  contract: ReturnType<typeof contractView> | null;
  stays: {
    reservationId: string;
    checkIn: string;
    checkOut: string;
    nights: number;
    source: ReservationSource;
    guestName: string;
    accommodation: string;
  }[];
  entries: {
    id: string;
    date: string;
    type: LedgerEntryType;
    category: LedgerCategory;
    description: string;
    amount: string;
    held: boolean;
    origin: LedgerOrigin;
  }[];
  accommodation: string;
  income: string;
  expense: string;
  touristTax: string;
  commission: string;
  net: string;
  generatedAt: string;
}

const noSuchHouse = () => notFound('No such house.');

/**
 * The categories of an expense that gives guests' money back: a refund, and
 * the reversal of what a cancelled stay paid (an entry of the category it
 * reverses; a kept deposit is income of category `deposit`, its reversal an
 * expense of it, as no expense of that category is entered by hand).
 */
const GIVEN_BACK: ReadonlySet<LedgerCategory> = new Set<LedgerCategory>([
  'rent',
  'cleaning_fee',
  'extra',
  'refund',
  'deposit',
]);

/** Basis points (hundredths of a percent) of a percentage given as "12.5" or 12.5. */
function basisPoints(value: string | number, path: string): number {
  const points = toCents(value, path);
  if (points > 10_000)
    throw badRequest('The request is not valid.', [fieldError(path, 'too-large', { limit: 100 })]);
  return points;
}

/**
 * `basisPoints` hundredths of a percent of `cents`, rounded half up to the
 * cent (half away from zero for a negative base), in integers: a commission
 * never goes through floating point.
 */
export function shareOf(cents: number | bigint, basisPoints: number): bigint {
  const product = BigInt(cents) * BigInt(basisPoints);
  const magnitude = product < 0n ? -product : product;
  const rounded = (magnitude * 2n + 10_000n) / 20_000n;
  return product < 0n ? -rounded : rounded;
}

/**
 * A total in cents as the API writes money. Totals are added up as BigInt:
 * each amount is below 2^53, but a month of many large ones may add up past
 * what a number holds exactly.
 */
export function totalText(cents: bigint): string {
  const magnitude = cents < 0n ? -cents : cents;
  return `${cents < 0n ? '-' : ''}${magnitude / 100n}.${String(magnitude % 100n).padStart(2, '0')}`;
}

function contractView(row: ContractRow) {
  return {
    id: row.id,
    houseId: row.house_id,
    effectiveFrom: row.effective_from,
    accommodationRate: fromCents(row.accommodation_rate),
    incomeRate: fromCents(row.income_rate),
    note: row.note,
    createdAt: row.created_at,
    createdBy: row.created_by,
  };
}

/**
 * What a house earned its owner in a month: the stays' accommodation on its
 * nights, the house's ledger, the manager's commission by the contract in
 * force, and the net due. Contracts are written here; the ledger and the
 * closed months are the finance module's, read through its service.
 */
export class StatementsService {
  readonly #db: Db;
  readonly #now: () => Date;
  readonly #finance: FinanceService;

  constructor(options: { db: Db; now: () => Date; finance: FinanceService }) {
    this.#db = options.db;
    this.#now = options.now;
    this.#finance = options.finance;
  }

  /** A house of the organization the member sees (an owner: one assigned to them); else a 404. */
  async #visibleHouse(member: Member, houseId: string) {
    const [house, visible] = await Promise.all([
      findHouse(this.#db, member.organizationId, houseId),
      housesVisibleTo(this.#db, member),
    ]);
    if (!house || (visible && !visible.includes(houseId))) throw noSuchHouse();
    return house;
  }

  // --- contracts ----------------------------------------------------------------------

  async contracts(member: Member, houseId: string) {
    await this.#visibleHouse(member, houseId);
    const rows = await listContracts(this.#db, member.organizationId, houseId);
    return { items: rows.map(contractView) };
  }

  async contract(member: Member, contractId: string) {
    const row = await findContract(this.#db, member.organizationId, contractId);
    if (!row) throw notFound('No such contract.');
    // An owner's view of another house's contract is no different from none at all.
    await this.#visibleHouse(member, row.house_id).catch(() => {
      throw notFound('No such contract.');
    });
    return contractView(row);
  }

  async createContract(member: Member, houseId: string, input: Static<typeof OwnerContractCreateBody>) {
    const accommodationRate = basisPoints(input.accommodationRate, 'body.accommodationRate');
    const incomeRate = basisPoints(input.incomeRate, 'body.incomeRate');
    await this.#visibleHouse(member, houseId);
    const row: ContractRow = {
      id: newId(),
      organization_id: member.organizationId,
      house_id: houseId,
      effective_from: input.effectiveFrom,
      accommodation_rate: accommodationRate,
      income_rate: incomeRate,
      note: input.note ?? null,
      created_at: this.#now().toISOString(),
      created_by: member.userId,
    };
    await inTransaction(this.#db, async (tx) => {
      const existing = await listContracts(tx, member.organizationId, houseId);
      if (existing.some((other) => other.effective_from === input.effectiveFrom))
        throw contractExists(input.effectiveFrom);
      // Checked under the books' lock: a month closed at the same moment is closed before or after this.
      await this.#checkNoClosedMonth(tx, member.organizationId, input.effectiveFrom, existing);
      // The same month sent twice at once: the key decides, the second is told.
      if (!(await insertContract(tx, row))) throw contractExists(input.effectiveFrom);
    });
    return contractView(row);
  }

  async removeContract(member: Member, contractId: string): Promise<void> {
    await inTransaction(this.#db, async (tx) => {
      const row = await findContract(tx, member.organizationId, contractId);
      if (!row) throw notFound('No such contract.');
      const others = (await listContracts(tx, member.organizationId, row.house_id)).filter(
        (other) => other.id !== row.id,
      );
      // Checked under the books' lock, as a new contract is.
      await this.#checkNoClosedMonth(tx, member.organizationId, row.effective_from, others);
      if (!(await deleteContract(tx, member.organizationId, row.id))) throw notFound('No such contract.');
    });
  }

  /**
   * A contract added or removed from `month` on changes the months until the
   * next contract takes over: none of them may be closed, so a closed month
   * keeps the commission it was closed with.
   */
  async #checkNoClosedMonth(tx: Tx, organizationId: string, month: string, otherContracts: ContractRow[]) {
    const next = otherContracts
      .map((row) => row.effective_from)
      .filter((from) => from > month)
      .sort()[0];
    const closed = (await this.#finance.closedMonths(organizationId, tx))
      .map((closing) => closing.month)
      .filter((closedMonth) => closedMonth >= month && (next === undefined || closedMonth < next))
      .sort();
    if (closed.length > 0) {
      throw conflict(
        'month-closed',
        `The books of ${closed[0]} are closed: a contract change may take force only after the last closed month.`,
        { month: closed[0] },
      );
    }
  }

  // --- statements ---------------------------------------------------------------------

  /**
   * A house's statement of a month. An open month is computed on each
   * request; a closed one is computed once per closing and then read back as
   * stored, so it prints the same whatever changes later (a stay's price, a
   * contract of a later month).
   */
  async statement(member: Member, houseId: string, month: string): Promise<Statement> {
    const house = await this.#visibleHouse(member, houseId);
    const organizationId = member.organizationId;
    // A month reopened or closed again while its statement was computed is read once more.
    for (let attempt = 1; ; attempt += 1) {
      const closing = (await this.#finance.closedMonths(organizationId)).find(
        (candidate) => candidate.month === month,
      );
      if (!closing) return this.#compute(organizationId, house, month, false);
      const stored = await findSnapshot(this.#db, houseId, month);
      if (stored && stored.closed_at === closing.closedAt) return stored.body as Statement;
      const computed = await this.#compute(organizationId, house, month, true);
      const saved = await inTransaction(this.#db, async (tx) => {
        // Stored only under the closing it was computed for, read again with the books held: a
        // request that saw a closing since undone never replaces the print of the one after it.
        const current = (await this.#finance.closedMonths(organizationId, tx)).find(
          (candidate) => candidate.month === month,
        );
        if (current?.closedAt !== closing.closedAt) return false;
        await saveSnapshot(tx, {
          organizationId,
          houseId,
          month,
          closedAt: closing.closedAt,
          body: computed,
        });
        return true;
      });
      if (!saved && attempt < 3) continue;
      // Another request may have stored its print of this closing first: every print is that one.
      const kept = saved ? await findSnapshot(this.#db, houseId, month) : undefined;
      return (kept?.body as Statement | undefined) ?? computed;
    }
  }

  async #compute(
    organizationId: string,
    house: { id: string; code: string; name: string },
    month: string,
    closed: boolean,
  ): Promise<Statement> {
    const from = `${month}-01`;
    // Statements' months end in 2999: there is always a month after.
    const to = firstOfNextMonth(month) ?? LAST_DATE;
    const [organization, contract, stayRows, entryRows] = await Promise.all([
      findOrganization(this.#db, organizationId),
      contractInForce(this.#db, organizationId, house.id, month),
      staysOfHouse(this.#db, organizationId, house.id, from, to),
      this.#finance.entriesOfHouse(organizationId, house.id, from, to),
    ]);
    const stays = stayRows.map((stay) => {
      const cents = stayRevenueIn(
        { totalCents: stay.total_cents, checkIn: stay.check_in, checkOut: stay.check_out },
        from,
        to,
      );
      const nights = nightsBetween(
        stay.check_in > from ? stay.check_in : from,
        stay.check_out < to ? stay.check_out : to,
      );
      return { stay, cents, nights };
    });
    const accommodation = stays.reduce((sum, { cents }) => sum + BigInt(cents), 0n);
    let income = 0n;
    let expense = 0n;
    let touristTax = 0n;
    // The income the commission is taken on: what guests paid, less what was given back to them.
    let incomeBase = 0n;
    for (const entry of entryRows) {
      if (entry.held) continue;
      const cents = BigInt(entry.amount_cents);
      if (entry.type === 'income') income += cents;
      else expense += cents;
      if (entry.category === 'tourist_tax') {
        // Collected for the commune and paid over to it: never the owner's income, never commissioned.
        // A cancelled stay's tax comes back as an expense of the same category: no longer collected.
        touristTax += entry.type === 'income' ? cents : -cents;
      } else if (entry.type === 'income') {
        incomeBase += cents;
      } else if (GIVEN_BACK.has(entry.category)) {
        // A refund, or a cancelled stay's payment reversed: money the guest got back takes no commission.
        incomeBase -= cents;
      }
    }
    const commission = contract
      ? shareOf(accommodation, contract.accommodation_rate) +
        // A month that gave back more than it received takes no commission on income, never a negative one.
        shareOf(incomeBase > 0n ? incomeBase : 0n, contract.income_rate)
      : 0n;
    return {
      houseId: house.id,
      houseCode: house.code,
      houseName: house.name,
      organizationName: organization?.name ?? '',
      month,
      currency: organization?.currency ?? 'EUR',
      closed,
      contract: contract ? contractView(contract) : null,
      stays: stays.map(({ stay, cents, nights }) => ({
        reservationId: stay.id,
        checkIn: stay.check_in,
        checkOut: stay.check_out,
        nights,
        source: stay.source,
        guestName: stay.guest_name,
        accommodation: fromCents(cents),
      })),
      entries: entryRows.map((entry) => ({
        id: entry.id,
        date: entry.date,
        type: entry.type,
        category: entry.category,
        description: entry.description,
        amount: fromCents(entry.amount_cents),
        held: entry.held,
        origin: entry.origin,
      })),
      accommodation: totalText(accommodation),
      income: totalText(income),
      expense: totalText(expense),
      touristTax: totalText(touristTax),
      commission: totalText(commission),
      net: totalText(income - expense - commission),
      generatedAt: this.#now().toISOString(),
    };
  }

  /** The language of a printed statement: the one asked for, else the member's own. */
  async language(member: Member, asked: Language | undefined): Promise<Language> {
    if (asked) return asked;
    return (await userLocale(this.#db, member.userId))?.startsWith('fr') ? 'fr' : 'en';
  }

  /** The statement as a PDF; a closed month's is the same bytes every time (its date is the stored one's). */
  async pdf(member: Member, houseId: string, month: string, asked: Language | undefined) {
    const [statement, language] = await Promise.all([
      this.statement(member, houseId, month),
      this.language(member, asked),
    ]);
    return { houseCode: statement.houseCode, file: await renderStatementPdf(statement, language) };
  }

  /**
   * The statement as CSV: UTF-8 with a byte order mark, semicolons, a decimal
   * comma in French; one line per stay, per entry and per total, the cells
   * neutralized as the ledger's export does.
   */
  async csv(member: Member, houseId: string, month: string, asked: Language | undefined) {
    const [statement, language] = await Promise.all([
      this.statement(member, houseId, month),
      this.language(member, asked),
    ]);
    const amount = (value: string) => (language === 'fr' ? value.replace('.', ',') : value);
    const line = (cells: (string | number)[]) =>
      `${cells.map((cell) => csvCell(String(cell), ';')).join(';')}\r\n`;
    const lines = [
      line([
        'section',
        'date',
        'check_out',
        'nights',
        'source',
        'category',
        'type',
        'description',
        'amount',
        'held',
        'id',
      ]),
      ...statement.stays.map((stay) =>
        line([
          'stay',
          stay.checkIn,
          stay.checkOut,
          stay.nights,
          stay.source,
          '',
          '',
          stay.guestName,
          amount(stay.accommodation),
          '',
          stay.reservationId,
        ]),
      ),
      ...statement.entries.map((entry) =>
        line([
          'entry',
          entry.date,
          '',
          '',
          '',
          entry.category,
          entry.type,
          entry.description,
          amount(entry.amount),
          entry.held ? 'yes' : 'no',
          entry.id,
        ]),
      ),
      ...(
        [
          ['accommodation', statement.accommodation],
          ['income', statement.income],
          ['expense', statement.expense],
          ['tourist_tax', statement.touristTax],
          ['commission', statement.commission],
          ['net', statement.net],
        ] as const
      ).map(([name, value]) => line(['total', '', '', '', '', '', '', name, amount(value), '', ''])),
    ];
    return { houseCode: statement.houseCode, file: `\uFEFF${lines.join('')}` };
  }
}

const contractExists = (month: string) =>
  conflict('contract-exists', `This house already has a contract from ${month}.`, { month });
