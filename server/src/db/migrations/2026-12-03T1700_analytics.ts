import { type Kysely, sql } from 'kysely';
import { columnTypes, isPostgres } from '../migration-kit.ts';

/**
 * Analytics' running monthly totals: per house and month, the nights booked
 * and blocked (owner and maintenance blocks), the accommodation revenue that
 * falls on those nights, and the stays that arrive in the month (how many,
 * their nights, their booking lead time in days). Occupancy over whole months
 * reads these rows instead of every night; the analytics module keeps them
 * right in the transaction of every change to a stay or a block.
 *
 * The rows of an existing database are counted here once, by the rule the
 * module uses (a frozen copy: migrations never import application code).
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen and typed against no schema.
export async function up(db: Kysely<any>): Promise<void> {
  const type = columnTypes(db);
  const postgres = isPostgres(db);

  await db.schema
    .createTable('occupancy_months')
    .addColumn('organization_id', type.id, (c) =>
      c.notNull().references('organizations.id').onDelete('cascade'),
    )
    .addColumn('house_id', type.id, (c) => c.notNull().references('houses.id').onDelete('cascade'))
    // YYYY-MM
    .addColumn('month', type.text, (c) => c.notNull())
    .addColumn('booked_nights', type.integer, (c) => c.notNull().defaultTo(0))
    .addColumn('blocked_nights', type.integer, (c) => c.notNull().defaultTo(0))
    .addColumn('revenue_cents', type.cents, (c) => c.notNull().defaultTo(0))
    .addColumn('arrivals', type.integer, (c) => c.notNull().defaultTo(0))
    .addColumn('arrival_nights', type.integer, (c) => c.notNull().defaultTo(0))
    .addColumn('lead_days', type.integer, (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('occupancy_months_pk', ['house_id', 'month'])
    // SQLite: the rows live in the key's own tree, so a year of a house is one seek and twelve
    // neighbouring rows, not twelve more lookups by rowid (PostgreSQL has no such table kind).
    .$call((table) => (postgres ? table : table.modifyEnd(sql`without rowid`)))
    .execute();
  await db.schema
    .createIndex('occupancy_months_organization_idx')
    .on('occupancy_months')
    .columns(['organization_id', 'month'])
    .execute();

  // The nights: one formula over occupied_nights, date arithmetic spelled per dialect.
  const diff = (a: string, b: string) =>
    postgres
      ? sql`(${sql.ref(a)} - ${sql.ref(b)})`
      : sql`cast(julianday(${sql.ref(a)}) - julianday(${sql.ref(b)}) as integer)`;
  const month = postgres ? sql`to_char(o.night, 'YYYY-MM')` : sql`substr(o.night, 1, 7)`;
  const stayNights = diff('r.check_out', 'r.check_in');
  await sql`
    insert into occupancy_months (organization_id, house_id, month, booked_nights, blocked_nights, revenue_cents)
    select h.organization_id, o.house_id, ${month},
      sum(case when o.reservation_id is not null then 1 else 0 end),
      sum(case when bl.kind in ('owner', 'maintenance') then 1 else 0 end),
      sum(case when r.id is null then 0 else r.total_cents / ${stayNights}
        + case when ${diff('o.night', 'r.check_in')} < r.total_cents % ${stayNights} then 1 else 0 end end)
    from occupied_nights o
    join houses h on h.id = o.house_id
    left join reservations r on r.id = o.reservation_id
    left join blocks bl on bl.id = o.block_id
    group by h.organization_id, o.house_id, ${month}
    having sum(case when o.reservation_id is not null or bl.kind in ('owner', 'maintenance') then 1 else 0 end) > 0
  `.execute(db);

  // The arrivals: the lead time needs the booking's date in the house's time zone, which SQLite cannot tell.
  const stays = await db
    .selectFrom('reservations as r')
    .innerJoin('houses as h', 'h.id', 'r.house_id')
    .select(['r.organization_id', 'r.house_id', 'r.check_in', 'r.check_out', 'r.created_at', 'h.timezone'])
    .where('r.status', '!=', 'cancelled')
    .execute();
  const arrivals = new Map<
    string,
    { organization_id: string; house_id: string; month: string; n: number; nights: number; lead: number }
  >();
  for (const stay of stays) {
    const checkIn = String(stay.check_in);
    const key = `${stay.house_id} ${checkIn.slice(0, 7)}`;
    const row = arrivals.get(key) ?? {
      organization_id: stay.organization_id,
      house_id: stay.house_id,
      month: checkIn.slice(0, 7),
      n: 0,
      nights: 0,
      lead: 0,
    };
    row.n += 1;
    row.nights += days(checkIn, String(stay.check_out));
    row.lead += Math.max(0, days(localDate(new Date(stay.created_at), stay.timezone), checkIn));
    arrivals.set(key, row);
  }
  const rows = [...arrivals.values()];
  for (let i = 0; i < rows.length; i += 500) {
    await db
      .insertInto('occupancy_months')
      .values(
        rows.slice(i, i + 500).map((row) => ({
          organization_id: row.organization_id,
          house_id: row.house_id,
          month: row.month,
          arrivals: row.n,
          arrival_nights: row.nights,
          lead_days: row.lead,
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

/** Days from `a` to `b`, two YYYY-MM-DD dates. */
function days(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

/** The date it is at an instant in a time zone. */
function localDate(instant: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(instant);
}

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen and typed against no schema.
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('occupancy_months').execute();
}
