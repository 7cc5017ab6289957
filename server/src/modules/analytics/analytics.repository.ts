import { type RawBuilder, sql } from 'kysely';
import type { DbOrTx, Tx } from '../../db/database.ts';
import { firstOfNextMonth, LAST_DATE, localDate, nightsBetween } from '../../kernel/dates.ts';

/**
 * `occupancy_months`: per house and month, the nights booked and blocked, the
 * revenue that falls on them, and the stays arriving in the month. This
 * module is its only writer: a row is counted again from the nights whenever
 * a change touches its house and month, in the transaction of the change.
 */

/** What a house's nights add up to over a range: the figures kept per month, and read per month or per part of one. */
export interface NightTotals {
  booked: number;
  blocked: number;
  revenue: number;
  arrivals: number;
  arrivalNights: number;
  leadDays: number;
}

export const noTotals = (): NightTotals => ({
  booked: 0,
  blocked: 0,
  revenue: 0,
  arrivals: 0,
  arrivalNights: 0,
  leadDays: 0,
});

export function addTotals(into: NightTotals, more: NightTotals): void {
  into.booked += more.booked;
  into.blocked += more.blocked;
  into.revenue += more.revenue;
  into.arrivals += more.arrivals;
  into.arrivalNights += more.arrivalNights;
  into.leadDays += more.leadDays;
}

/** Days from the date `a` to the date `b` (two columns or values): the only arithmetic that differs by dialect. */
function daysBetween(a: RawBuilder<unknown>, b: RawBuilder<unknown>, postgres: boolean): RawBuilder<number> {
  return postgres
    ? sql<number>`(${b} - ${a})`
    : sql<number>`cast(julianday(${b}) - julianday(${a}) as integer)`;
}

/**
 * The share of its stay's price that falls on a night of occupied_nights
 * (`o`, joined to its stay `r`): the price spread evenly, the cents left over
 * one each on the first nights — kernel/stay-revenue.ts `stayRevenueIn`, one
 * night at a time, so any split of a stay adds up to its price.
 */
function nightRevenue(postgres: boolean): RawBuilder<number> {
  const stayNights = daysBetween(sql`r.check_in`, sql`r.check_out`, postgres);
  const index = daysBetween(sql`r.check_in`, sql`o.night`, postgres);
  return sql<number>`case when r.id is null then 0 else r.total_cents / ${stayNights}
    + case when ${index} < r.total_cents % ${stayNights} then 1 else 0 end end`;
}

/** Owner and maintenance blocks take nights out of what is available; `other` and `channel` blocks do not. */
const BLOCKING = sql`bl.kind in ('owner', 'maintenance')`;

const monthOfNight = (postgres: boolean) =>
  postgres ? sql<string>`to_char(o.night, 'YYYY-MM')` : sql<string>`substr(o.night, 1, 7)`;

/**
 * Booked and blocked nights and revenue of each house over [from, to), from
 * the nights themselves: only the rows of those houses and nights are read
 * (the primary key of occupied_nights is (house, night)).
 */
export async function nightTotals(
  db: DbOrTx,
  houseIds: string[],
  from: string,
  to: string,
  postgres: boolean,
  except?: string,
): Promise<Map<string, NightTotals>> {
  const result = new Map<string, NightTotals>();
  if (houseIds.length === 0) return result;
  const rows = await db
    .selectFrom('occupied_nights as o')
    .leftJoin('reservations as r', 'r.id', 'o.reservation_id')
    .leftJoin('blocks as bl', 'bl.id', 'o.block_id')
    .select([
      'o.house_id',
      sql<number>`sum(case when o.reservation_id is not null then 1 else 0 end)`.as('booked'),
      sql<number>`sum(case when ${BLOCKING} then 1 else 0 end)`.as('blocked'),
      sql<number>`sum(${nightRevenue(postgres)})`.as('revenue'),
    ])
    .where('o.house_id', 'in', houseIds)
    .where('o.night', '>=', from)
    .where('o.night', '<', to)
    .$if(except !== undefined, (q) =>
      q.where((eb) =>
        eb.or([eb('o.reservation_id', 'is', null), eb('o.reservation_id', '!=', except ?? '')]),
      ),
    )
    .groupBy('o.house_id')
    .execute();
  for (const row of rows) {
    result.set(row.house_id, {
      ...noTotals(),
      booked: Number(row.booked),
      blocked: Number(row.blocked),
      revenue: Number(row.revenue),
    });
  }
  return result;
}

/**
 * The non-cancelled stays of these houses arriving in [from, to): how many,
 * their nights, and their lead times summed. The lead time counts from the
 * day the stay was booked in its house's time zone, which SQLite cannot
 * tell: the arrivals (a few per house and month) are read and counted here.
 * A stay entered after it began counts a lead time of 0, not a negative one.
 */
export async function arrivalTotals(
  db: DbOrTx,
  houseIds: string[],
  from: string,
  to: string,
  except?: string,
): Promise<Map<string, NightTotals>> {
  const result = new Map<string, NightTotals>();
  if (houseIds.length === 0) return result;
  const rows = await db
    .selectFrom('reservations as r')
    .innerJoin('houses as h', 'h.id', 'r.house_id')
    .select(['r.house_id', 'r.check_in', 'r.check_out', 'r.created_at', 'h.timezone'])
    .where('r.house_id', 'in', houseIds)
    .where('r.check_in', '>=', from)
    .where('r.check_in', '<', to)
    .where('r.status', '!=', 'cancelled')
    .$if(except !== undefined, (q) => q.where('r.id', '!=', except ?? ''))
    .execute();
  for (const row of rows) {
    const totals = result.get(row.house_id) ?? noTotals();
    totals.arrivals += 1;
    totals.arrivalNights += nightsBetween(row.check_in, row.check_out);
    totals.leadDays += leadDays(row.created_at, row.timezone, row.check_in);
    result.set(row.house_id, totals);
  }
  return result;
}

function leadDays(createdAt: string | Date, timezone: string, checkIn: string): number {
  return Math.max(0, nightsBetween(localDate(new Date(createdAt), timezone), checkIn));
}

/** Everything of [from, to) for each house: the nights and the arrivals (of every stay but `except`). */
export async function rangeTotals(
  db: DbOrTx,
  houseIds: string[],
  from: string,
  to: string,
  postgres: boolean,
  except?: string,
): Promise<Map<string, NightTotals>> {
  const [nights, arrivals] = await Promise.all([
    nightTotals(db, houseIds, from, to, postgres, except),
    arrivalTotals(db, houseIds, from, to, except),
  ]);
  for (const [houseId, more] of arrivals) {
    const into = nights.get(houseId) ?? noTotals();
    addTotals(into, more);
    nights.set(houseId, into);
  }
  return nights;
}

/**
 * The kept totals of whole months [fromMonth, lastMonth] (YYYY-MM, both
 * included: the month after December 9999 has no name), summed by house or month.
 */
export async function keptMonths(
  db: DbOrTx,
  houseIds: string[],
  fromMonth: string,
  lastMonth: string,
  groupBy: 'month' | 'house',
): Promise<Map<string, NightTotals>> {
  const result = new Map<string, NightTotals>();
  if (houseIds.length === 0 || fromMonth > lastMonth) return result;
  const key = groupBy === 'month' ? ('month' as const) : ('house_id' as const);
  const rows = await db
    .selectFrom('occupancy_months')
    .select([
      `${key} as key`,
      sql<number>`sum(booked_nights)`.as('booked'),
      sql<number>`sum(blocked_nights)`.as('blocked'),
      sql<number>`sum(revenue_cents)`.as('revenue'),
      sql<number>`sum(arrivals)`.as('arrivals'),
      sql<number>`sum(arrival_nights)`.as('arrival_nights'),
      sql<number>`sum(lead_days)`.as('lead_days'),
    ])
    // By the key (house, month) alone: the houses are the organization's already, and its own index
    // would find the same rows and then look each one up by the key.
    .where('house_id', 'in', houseIds)
    .where('month', '>=', fromMonth)
    .where('month', '<=', lastMonth)
    .groupBy(key)
    .execute();
  for (const row of rows) {
    result.set(row.key, {
      booked: Number(row.booked),
      blocked: Number(row.blocked),
      revenue: Number(row.revenue),
      arrivals: Number(row.arrivals),
      arrivalNights: Number(row.arrival_nights),
      leadDays: Number(row.lead_days),
    });
  }
  return result;
}

/**
 * YYYY-MM-DD of the first day of the month after `month` (YYYY-MM), held to
 * 9999-12-31 as kernel/dates.ts holds every bound: "10000-01-01" would sort
 * before every four-digit year as text (SQLite's dates, and the comparisons
 * here). No night is on 9999-12-31 (a stay or block ends on it at the latest),
 * so that bound selects all of December 9999.
 */
export function monthEnd(month: string): string {
  return firstOfNextMonth(month) ?? LAST_DATE;
}

/**
 * Counts one house's month again from its nights and arrivals and writes it
 * (a month with nothing in it has no row); `except` is a stay being deleted
 * in this transaction, whose nights are still there. The row is held first (an update
 * that changes nothing), so two changes to the same month at once count one
 * after the other: the second reads the nights the first committed.
 */
export async function recountMonth(
  tx: Tx,
  organizationId: string,
  houseId: string,
  month: string,
  postgres: boolean,
  except?: string,
): Promise<void> {
  await tx
    .insertInto('occupancy_months')
    .values({ organization_id: organizationId, house_id: houseId, month })
    .onConflict((conflict) =>
      conflict
        .columns(['house_id', 'month'])
        .doUpdateSet((eb) => ({ booked_nights: eb.ref('occupancy_months.booked_nights') })),
    )
    .execute();
  const totals = (await rangeTotals(tx, [houseId], `${month}-01`, monthEnd(month), postgres, except)).get(
    houseId,
  );
  if (!totals || Object.values(totals).every((value) => value === 0)) {
    await tx
      .deleteFrom('occupancy_months')
      .where('house_id', '=', houseId)
      .where('month', '=', month)
      .execute();
    return;
  }
  await tx
    .updateTable('occupancy_months')
    .set(columnsOf(totals))
    .where('house_id', '=', houseId)
    .where('month', '=', month)
    .execute();
}

const columnsOf = (totals: NightTotals) => ({
  booked_nights: totals.booked,
  blocked_nights: totals.blocked,
  revenue_cents: totals.revenue,
  arrivals: totals.arrivals,
  arrival_nights: totals.arrivalNights,
  lead_days: totals.leadDays,
});

/**
 * Counts an organization's running totals again from scratch (or one
 * house's): for stays written straight into the database (the bench's data
 * set), for a house whose time zone changed, and to check the running
 * totals against. The nights are summed by the database; the arrivals' lead
 * times need each house's time zone, and are counted here.
 */
export async function recountOccupancy(
  tx: Tx,
  organizationId: string,
  postgres: boolean,
  houseId?: string,
): Promise<void> {
  await tx
    .deleteFrom('occupancy_months')
    .where('organization_id', '=', organizationId)
    .$if(houseId !== undefined, (q) => q.where('house_id', '=', houseId ?? ''))
    .execute();
  const month = monthOfNight(postgres);
  await tx
    .insertInto('occupancy_months')
    .columns(['organization_id', 'house_id', 'month', 'booked_nights', 'blocked_nights', 'revenue_cents'])
    .expression(
      tx
        .selectFrom('occupied_nights as o')
        .innerJoin('houses as h', 'h.id', 'o.house_id')
        .leftJoin('reservations as r', 'r.id', 'o.reservation_id')
        .leftJoin('blocks as bl', 'bl.id', 'o.block_id')
        .select([
          'h.organization_id',
          'o.house_id',
          month.as('month'),
          sql<number>`sum(case when o.reservation_id is not null then 1 else 0 end)`.as('booked_nights'),
          sql<number>`sum(case when ${BLOCKING} then 1 else 0 end)`.as('blocked_nights'),
          sql<number>`sum(${nightRevenue(postgres)})`.as('revenue_cents'),
        ])
        .where('h.organization_id', '=', organizationId)
        .$if(houseId !== undefined, (q) => q.where('o.house_id', '=', houseId ?? ''))
        .groupBy(['h.organization_id', 'o.house_id', month])
        // A month of `other` blocks only holds nothing that counts: no row, as a recount of the month leaves none.
        .having(
          sql<boolean>`sum(case when o.reservation_id is not null or ${BLOCKING} then 1 else 0 end) > 0`,
        ),
    )
    .execute();
  const stays = await tx
    .selectFrom('reservations as r')
    .innerJoin('houses as h', 'h.id', 'r.house_id')
    .select(['r.house_id', 'r.check_in', 'r.check_out', 'r.created_at', 'h.timezone'])
    .where('r.organization_id', '=', organizationId)
    .$if(houseId !== undefined, (q) => q.where('r.house_id', '=', houseId ?? ''))
    .where('r.status', '!=', 'cancelled')
    .execute();
  const arrivals = new Map<string, { houseId: string; month: string; totals: NightTotals }>();
  for (const stay of stays) {
    const key = `${stay.house_id} ${stay.check_in.slice(0, 7)}`;
    const row = arrivals.get(key) ?? {
      houseId: stay.house_id,
      month: stay.check_in.slice(0, 7),
      totals: noTotals(),
    };
    row.totals.arrivals += 1;
    row.totals.arrivalNights += nightsBetween(stay.check_in, stay.check_out);
    row.totals.leadDays += leadDays(stay.created_at, stay.timezone, stay.check_in);
    arrivals.set(key, row);
  }
  const rows = [...arrivals.values()];
  for (let i = 0; i < rows.length; i += 500) {
    await tx
      .insertInto('occupancy_months')
      .values(
        rows.slice(i, i + 500).map((row) => ({
          organization_id: organizationId,
          house_id: row.houseId,
          month: row.month,
          arrivals: row.totals.arrivals,
          arrival_nights: row.totals.arrivalNights,
          lead_days: row.totals.leadDays,
        })),
      )
      .onConflict((conflict) =>
        conflict.columns(['house_id', 'month']).doUpdateSet((eb) => ({
          arrivals: eb.ref('excluded.arrivals'),
          arrival_nights: eb.ref('excluded.arrival_nights'),
          lead_days: eb.ref('excluded.lead_days'),
        })),
      )
      .execute();
  }
}

/** Every kept row of an organization, in key order: to compare the running totals with a recount. */
export function keptRows(db: DbOrTx, organizationId: string) {
  return db
    .selectFrom('occupancy_months')
    .selectAll()
    .where('organization_id', '=', organizationId)
    .orderBy('house_id')
    .orderBy('month')
    .execute();
}

/** The houses analytics reports on, with what their in-service date is counted from. */
export async function scopeHouses(
  db: DbOrTx,
  organizationId: string,
  filters: { houseIds?: string[]; houseId?: string; siteId?: string },
) {
  const rows = await db
    .selectFrom('houses')
    .select((eb) => [
      'houses.id',
      'houses.code',
      'houses.site_id',
      'houses.timezone',
      'houses.created_at',
      // The first night held, by the primary key (house, night): one row read per house.
      eb
        .selectFrom('occupied_nights')
        .select('occupied_nights.night')
        .whereRef('occupied_nights.house_id', '=', 'houses.id')
        .orderBy('occupied_nights.night')
        .limit(1)
        .as('first_night'),
    ])
    .where('houses.organization_id', '=', organizationId)
    .$if(filters.houseIds !== undefined, (q) =>
      q.where('houses.id', 'in', filters.houseIds?.length ? filters.houseIds : ['']),
    )
    .$if(filters.houseId !== undefined, (q) => q.where('houses.id', '=', filters.houseId ?? ''))
    .$if(filters.siteId !== undefined, (q) => q.where('houses.site_id', '=', filters.siteId ?? ''))
    .orderBy('houses.code')
    .execute();
  return rows.map((row) => ({
    id: row.id,
    code: row.code,
    siteId: row.site_id,
    timezone: row.timezone,
    createdAt: row.created_at,
    firstNight: row.first_night === null || row.first_night === undefined ? null : String(row.first_night),
  }));
}

/**
 * Booked nights and revenue per month of [from, to) (whole months, YYYY-MM-01
 * bounds), summed over these houses' stays: the stays on the books now
 * (`asOf` null), or those on the books at an instant (created by then and
 * not cancelled by then). Reads the stays overlapping the window only; a
 * stay's nights and its share of the price per month follow stayRevenueIn.
 */
export async function bookedByMonth(
  db: DbOrTx,
  houseIds: string[],
  months: string[],
  asOf: string | null,
  postgres: boolean,
): Promise<Map<string, { booked: number; revenue: number }>> {
  const result = new Map<string, { booked: number; revenue: number }>();
  if (houseIds.length === 0 || months.length === 0) return result;
  const first = `${months[0]}-01`;
  const last = monthEnd(months.at(-1) ?? '');
  const date = (value: string) => (postgres ? sql`cast(${value} as date)` : sql`${value}`);
  const windows = sql.join(
    months.map((month, i) =>
      i === 0
        ? sql`select ${month} as month, ${date(`${month}-01`)} as starts, ${date(monthEnd(month))} as ends`
        : sql`select ${month}, ${date(`${month}-01`)}, ${date(monthEnd(month))}`,
    ),
    sql` union all `,
  );
  const stayNights = daysBetween(sql`r.check_in`, sql`r.check_out`, postgres);
  // The indexes of the stay's nights inside the month: [lo, hi).
  const lo = sql`case when r.check_in > m.starts then 0 else ${daysBetween(sql`r.check_in`, sql`m.starts`, postgres)} end`;
  const hi = sql`case when r.check_out < m.ends then ${stayNights} else ${daysBetween(sql`r.check_in`, sql`m.ends`, postgres)} end`;
  const leftOver = sql`r.total_cents % ${stayNights}`;
  const extra = sql`case when ${leftOver} < ${hi} then ${leftOver} else ${hi} end - ${lo}`;
  const rows = await sql<{ month: string; booked: number; revenue: number }>`
    select m.month as month,
      sum(${hi} - ${lo}) as booked,
      sum((${hi} - ${lo}) * (r.total_cents / ${stayNights}) + case when ${extra} > 0 then ${extra} else 0 end) as revenue
    from reservations r
    join (${windows}) m on r.check_in < m.ends and r.check_out > m.starts
    where r.house_id in (${sql.join(houseIds)})
      and r.check_in < ${date(last)}
      and r.check_in >= ${date(previousYearBound(first))}
      and r.check_out > ${date(first)}
      and ${
        asOf === null
          ? sql`r.status != 'cancelled'`
          : sql`r.created_at <= ${asOf} and (r.cancelled_at is null or r.cancelled_at > ${asOf})`
      }
    group by m.month
  `.execute(db);
  for (const row of rows.rows) {
    result.set(row.month, { booked: Number(row.booked), revenue: Number(row.revenue) });
  }
  return result;
}

/**
 * A stay is at most 366 nights long: one that ends after `date` began less than two years before it
 * (a bound on check-in that lets the index (house, check-in) read only the stays near the window).
 */
function previousYearBound(date: string): string {
  const year = Math.max(1, Number(date.slice(0, 4)) - 2);
  return `${String(year).padStart(4, '0')}${date.slice(4, 8)}01`;
}
