import type { Static } from 'typebox';
import type { Db, Tx } from '../../db/database.ts';
import { badRequest, notFound } from '../../http/errors.ts';
import { fieldError } from '../../http/field-errors.ts';
import { fromCents } from '../../http/money.ts';
import type { Member } from '../../kernel/access.ts';
import { FIRST_DATE, localDate, nightsBetween } from '../../kernel/dates.ts';
import type { NightSpan } from '../../kernel/events.ts';
import { calendarVersion } from '../calendar/calendar.repository.ts';
import type { FinanceService } from '../finance/finance.service.ts';
import { findSite } from '../houses/houses.repository.ts';
import { housesVisibleTo } from '../houses/houses.service.ts';
import { findOrganization } from '../organizations/organizations.repository.ts';
import {
  addTotals,
  bookedByMonth,
  keptMonths,
  monthEnd,
  type NightTotals,
  noTotals,
  rangeTotals,
  recountMonth,
  recountOccupancy,
  scopeHouses,
} from './analytics.repository.ts';
import type { OccupancyQuery, PaceQuery } from './analytics.schemas.ts';

/** Answers kept (see #cache): a few hundred dashboards' worth. */
const CACHED_ANSWERS = 500;
/** The longest range analytics answers for, in days: ten years and their leap days. */
const MAX_DAYS = 3660;

type GroupBy = 'month' | 'house' | 'site';
type House = Awaited<ReturnType<typeof scopeHouses>>[number];

/** What a row adds up: the nights' figures, the calendar nights, and the ledger's income and expense, in cents. */
interface Figures extends NightTotals {
  nights: number;
  income: number;
  expense: number;
}

const noFigures = (): Figures => ({ ...noTotals(), nights: 0, income: 0, expense: 0 });

function addFigures(into: Figures, more: Figures): void {
  addTotals(into, more);
  into.nights += more.nights;
  into.income += more.income;
  into.expense += more.expense;
}

/** `cents / count` rounded half-up to the cent, as money; "0.00" when there is nothing to divide by. */
function perUnit(cents: number, count: number): string {
  if (count <= 0) return fromCents(0);
  const sign = cents < 0 ? -1 : 1;
  // Integers only: half a cent rounds away from zero, with no floating point in the way.
  return fromCents(sign * Math.floor((2 * Math.abs(cents) + count) / (2 * count)));
}

const rounded = (value: number, decimals: number) => {
  const factor = 10 ** decimals;
  return Math.round(value * factor) / factor;
};

function figuresView(figures: Figures) {
  const available = figures.nights - figures.blocked;
  return {
    nights: figures.nights,
    bookedNights: figures.booked,
    blockedNights: figures.blocked,
    availableNights: available,
    occupancy: available > 0 ? rounded(figures.booked / available, 4) : 0,
    revenue: fromCents(figures.revenue),
    adr: perUnit(figures.revenue, figures.booked),
    revpar: perUnit(figures.revenue, available),
    stays: figures.arrivals,
    averageStay: figures.arrivals > 0 ? rounded(figures.arrivalNights / figures.arrivals, 2) : 0,
    leadTime: figures.arrivals > 0 ? rounded(figures.leadDays / figures.arrivals, 1) : 0,
    income: fromCents(figures.income),
    expense: fromCents(figures.expense),
    net: fromCents(figures.income - figures.expense),
  };
}

/**
 * The same date a year earlier; February 29 becomes February 28. Held to
 * 0001-01-01, as kernel/dates.ts holds every bound (PostgreSQL has no year 0000).
 */
function yearEarlier(date: string): string {
  if (date < '0002-01-01') return FIRST_DATE;
  const year = String(Number(date.slice(0, 4)) - 1).padStart(4, '0');
  const rest = date.slice(4);
  return `${year}${rest.startsWith('-02-29') ? rest.replace('-02-29', '-02-28') : rest}`;
}

/** The months [from, to) touches, each with the part of it inside the range. */
function monthsOf(from: string, to: string): { month: string; start: string; end: string; whole: boolean }[] {
  const months: { month: string; start: string; end: string; whole: boolean }[] = [];
  let start = from;
  while (start < to) {
    const month = start.slice(0, 7);
    const next = monthEnd(month);
    const end = next < to ? next : to;
    months.push({ month, start, end, whole: start === `${month}-01` && end === next });
    start = end;
  }
  return months;
}

const DAY_MS = 86_400_000;
/** A date as a number of days, to count nights by subtraction (a decade of a hundred houses is 12,000 counts). */
const dayNumber = (date: string) => Math.round(Date.parse(`${date}T00:00:00Z`) / DAY_MS);

/** The nights of [from, to) (day numbers) a house counts: from its in-service day on. */
function nightsOf(inService: number, from: number, to: number): number {
  const start = inService > from ? inService : from;
  return start < to ? to - start : 0;
}

function checkWindow(from: string, to: string): void {
  if (to <= from) {
    throw badRequest('The request is not valid.', [
      fieldError('querystring.to', 'before-start', { field: 'from' }),
    ]);
  }
  if (nightsBetween(from, to) > MAX_DAYS) {
    throw badRequest('The request is not valid.', [
      fieldError('querystring.to', 'too-many-days', { limit: MAX_DAYS }),
    ]);
  }
}

/**
 * Occupancy, revenue and the ledger's net, per month, house or site, over
 * any range; and the booking pace of the months ahead. The nights are counted
 * by the database: whole months from the running totals this module keeps in
 * `occupancy_months`, the parts of months at the ends of a range from the
 * nights themselves.
 */
export class AnalyticsService {
  readonly #db: Db;
  readonly #now: () => Date;
  readonly #postgres: boolean;
  readonly #finance: FinanceService;
  /** Houses in scope and their nights' figures, by calendar version and query; the least recently used first. */
  readonly #cache = new Map<string, unknown>();

  constructor(options: { db: Db; now: () => Date; postgres: boolean; finance: FinanceService }) {
    this.#db = options.db;
    this.#now = options.now;
    this.#postgres = options.postgres;
    this.#finance = options.finance;
  }

  /** The houses the member asks about and may see: a house or site of another organization, or not theirs, is a 404. */
  async #houses(
    member: Member,
    filters: { houseId?: string; siteId?: string },
    version: number,
  ): Promise<House[]> {
    const houseIds = await housesVisibleTo(this.#db, member);
    const key = `houses|${member.organizationId}|${version}|${houseIds?.join(',') ?? '*'}|${filters.houseId ?? ''}|${filters.siteId ?? ''}`;
    const cached = this.#cached(key);
    if (cached) return cached as House[];
    if (filters.siteId !== undefined && !(await findSite(this.#db, member.organizationId, filters.siteId))) {
      throw notFound('No such site.');
    }
    const houses = await scopeHouses(this.#db, member.organizationId, { houseIds, ...filters });
    if (filters.houseId !== undefined && houses.length === 0) {
      // The house may be in the site asked about or not: only its existence decides between a 404 and no rows.
      const exists = await scopeHouses(this.#db, member.organizationId, {
        houseIds,
        houseId: filters.houseId,
      });
      if (exists.length === 0) throw notFound('No such house.');
    }
    this.#keep(key, houses);
    return houses;
  }

  /** A value kept for this key, made the most recently used. */
  #cached(key: string): unknown {
    const value = this.#cache.get(key);
    if (value !== undefined) {
      this.#cache.delete(key);
      this.#cache.set(key, value);
    }
    return value;
  }

  #keep(key: string, value: unknown): void {
    this.#cache.set(key, value);
    if (this.#cache.size > CACHED_ANSWERS) this.#cache.delete(this.#cache.keys().next().value as string);
  }

  async occupancy(member: Member, query: Static<typeof OccupancyQuery>) {
    checkWindow(query.from, query.to);
    const groupBy: GroupBy = query.groupBy ?? 'month';
    // Stays, blocks and houses all move the calendar's version: what their nights add up to is kept
    // per version (a dashboard asks the same year again and again); the ledger is read every time.
    const version = await calendarVersion(this.#db, member.organizationId);
    const houses = await this.#houses(member, { houseId: query.houseId, siteId: query.siteId }, version);
    const figures = (from: string, to: string) =>
      this.#figures(member.organizationId, houses, from, to, groupBy, version);
    const answer = { from: query.from, to: query.to, groupBy, ...(await figures(query.from, query.to)) };
    if (query.compare !== 'previous-year') return answer;
    const from = yearEarlier(query.from);
    const to = yearEarlier(query.to);
    return { ...answer, previousYear: { from, to, ...(await figures(from, to)) } };
  }

  /**
   * The nights' figures of [from, to): one per month of the range (`byMonth`)
   * or one per house, in the order of `houses`; without the ledger.
   */
  async #nightFigures(houses: House[], from: string, to: string, byMonth: boolean): Promise<Figures[]> {
    const ids = houses.map((house) => house.id);
    const months = monthsOf(from, to);
    const whole = months.filter((month) => month.whole);
    const parts = months.filter((month) => !month.whole);
    const [kept, partTotals] = await Promise.all([
      whole.length > 0
        ? keptMonths(
            this.#db,
            ids,
            whole[0]?.month ?? '',
            whole.at(-1)?.month ?? '',
            byMonth ? 'month' : 'house',
          )
        : new Map<string, NightTotals>(),
      Promise.all(parts.map((part) => rangeTotals(this.#db, ids, part.start, part.end, this.#postgres))),
    ]);
    // The day each house came into service: its creation, or its first night held if that was earlier.
    const inService = houses.map((house) => {
      const created = localDate(new Date(house.createdAt), house.timezone);
      return dayNumber(house.firstNight !== null && house.firstNight < created ? house.firstNight : created);
    });
    if (byMonth) {
      return months.map((month) => {
        const figures = noFigures();
        const [start, end] = [dayNumber(month.start), dayNumber(month.end)];
        for (const day of inService) figures.nights += nightsOf(day, start, end);
        if (month.whole) addTotals(figures, kept.get(month.month) ?? noTotals());
        else
          for (const totals of partTotals[parts.indexOf(month)]?.values() ?? []) addTotals(figures, totals);
        return figures;
      });
    }
    const [fromDay, toDay] = [dayNumber(from), dayNumber(to)];
    return houses.map((house, index) => {
      const figures = noFigures();
      figures.nights = nightsOf(inService[index] ?? fromDay, fromDay, toDay);
      addTotals(figures, kept.get(house.id) ?? noTotals());
      for (const part of partTotals) addTotals(figures, part.get(house.id) ?? noTotals());
      return figures;
    });
  }

  async #figures(
    organizationId: string,
    houses: House[],
    from: string,
    to: string,
    groupBy: GroupBy,
    version: number,
  ) {
    const ids = houses.map((house) => house.id);
    const byMonth = groupBy === 'month';
    const key = `nights|${organizationId}|${version}|${from}|${to}|${byMonth}|${ids.join(',')}`;
    const keptFigures = this.#cached(key) as Figures[] | undefined;
    const [nights, ledger] = await Promise.all([
      keptFigures ?? this.#nightFigures(houses, from, to, byMonth),
      ids.length > 0
        ? this.#finance.sumsOfHouses(organizationId, { houseIds: ids, from, to }, byMonth ? 'month' : 'house')
        : new Map<string | null, { income: number; expense: number }>(),
    ]);
    if (!keptFigures) this.#keep(key, nights);
    // A copy with the ledger added: what is kept stays the nights' alone.
    const withLedger = (figures: Figures | undefined, key: string): Figures => {
      const sums = ledger.get(key);
      const copy = { ...(figures ?? noFigures()) };
      copy.income += sums?.income ?? 0;
      copy.expense += sums?.expense ?? 0;
      return copy;
    };

    let rows: ({ month: string } | { houseId: string } | { siteId: string | null })[];
    let figuresOf: Figures[];
    if (byMonth) {
      const months = monthsOf(from, to);
      rows = months.map((month) => ({ month: month.month }));
      figuresOf = months.map((month, index) => withLedger(nights[index], month.month));
    } else {
      const perHouse = houses.map((house, index) => withLedger(nights[index], house.id));
      if (groupBy === 'house') {
        rows = houses.map((house) => ({ houseId: house.id }));
        figuresOf = perHouse;
      } else {
        const sites = new Map<string | null, Figures>();
        for (const [index, house] of houses.entries()) {
          const into = sites.get(house.siteId) ?? noFigures();
          addFigures(into, perHouse[index] ?? noFigures());
          sites.set(house.siteId, into);
        }
        // Sites by id, the houses without one last.
        const keys = [...sites.keys()].sort((a, b) =>
          a === null ? 1 : b === null ? -1 : a.localeCompare(b),
        );
        rows = keys.map((siteId) => ({ siteId }));
        figuresOf = keys.map((key) => sites.get(key) ?? noFigures());
      }
    }
    const totals = noFigures();
    for (const figures of figuresOf) addFigures(totals, figures);
    return {
      rows: rows.map((key, index) => ({ ...key, ...figuresView(figuresOf[index] ?? noFigures()) })),
      totals: figuresView(totals),
    };
  }

  /**
   * What is on the books for this month and the next ones, beside what was on
   * the books for the same months a year earlier, on the same day a year earlier.
   */
  async pace(member: Member, query: Static<typeof PaceQuery>) {
    const version = await calendarVersion(this.#db, member.organizationId);
    const houses = await this.#houses(member, { houseId: query.houseId, siteId: query.siteId }, version);
    const ids = houses.map((house) => house.id);
    const organization = await findOrganization(this.#db, member.organizationId);
    const now = this.#now();
    const today = localDate(now, organization?.timezone ?? 'UTC');
    const months: string[] = [];
    let month = today.slice(0, 7);
    for (let i = 0; i < query.months; i += 1) {
      months.push(month);
      month = monthEnd(month).slice(0, 7);
    }
    const lastYearMonths = months.map((month) => yearEarlier(`${month}-01`).slice(0, 7));
    const instant = now.toISOString();
    const lastYearInstant = `${yearEarlier(instant.slice(0, 10))}${instant.slice(10)}`;
    const [current, lastYear] = await Promise.all([
      bookedByMonth(this.#db, ids, months, null, this.#postgres),
      bookedByMonth(this.#db, ids, lastYearMonths, lastYearInstant, this.#postgres),
    ]);
    return {
      asOf: today,
      rows: months.map((month, index) => {
        const now = current.get(month) ?? { booked: 0, revenue: 0 };
        const then = lastYear.get(lastYearMonths[index] ?? '') ?? { booked: 0, revenue: 0 };
        return {
          month,
          bookedNights: now.booked,
          revenue: fromCents(now.revenue),
          lastYear: { bookedNights: then.booked, revenue: fromCents(then.revenue) },
        };
      }),
    };
  }

  // --- the running totals ---------------------------------------------------------------

  /**
   * Counts again every month a change touched: the months of the nights a
   * stay or block held before it and holds after it, in the change's
   * transaction, in key order (two changes at once hold their rows in the
   * same order). `leaving` is a stay about to be deleted in this transaction,
   * whose nights are still there and no longer count.
   */
  async recount(
    tx: Tx,
    organizationId: string,
    spans: readonly NightSpan[],
    leaving?: string,
  ): Promise<void> {
    const keys = new Set<string>();
    for (const span of spans) {
      if (span.end <= span.start) continue;
      for (const month of monthsOf(span.start, span.end)) keys.add(`${span.houseId} ${month.month}`);
    }
    for (const key of [...keys].sort()) {
      const [houseId = '', month = ''] = key.split(' ');
      await recountMonth(tx, organizationId, houseId, month, this.#postgres, leaving);
    }
  }

  /** A house changed: its time zone, which the lead times count in, may have. */
  async recountHouse(tx: Tx, organizationId: string, houseId: string): Promise<void> {
    await recountOccupancy(tx, organizationId, this.#postgres, houseId);
  }
}
