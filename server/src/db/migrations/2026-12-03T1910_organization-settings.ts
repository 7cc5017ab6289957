import { type Kysely, sql } from 'kysely';
import { columnTypes, oneOf } from '../migration-kit.ts';

/**
 * The organization's settings beside its name, currency, time zone and
 * language (`locale`): the check-in and check-out times new houses start
 * with, the tourist tax of houses without a rule of their own (the shape of
 * `tourist_tax_rules`, all null when there is no default), the notification
 * preferences new members start from, how long the audit log keeps entries
 * (null: for ever), and a version for `If-Match`.
 *
 * Frozen in time: the notification kinds and their defaults are written out
 * as they are today, not imported; a kind added later is read as its default
 * by the code that reads this column.
 */
const TAX_MODES = ['per_night', 'percentage'];
const NOTIFICATION_KINDS = [
  'stay_created',
  'stay_changed',
  'stay_cancelled',
  'channel_conflict',
  'channel_error',
  'work_order_reported',
  'work_order_assigned',
  'work_order_urgent',
  'work_order_resolved',
  'house_not_ready',
  'balance_due',
  'turnover_overdue',
];
const NOTIFICATION_DEFAULTS = JSON.stringify({
  kinds: Object.fromEntries(NOTIFICATION_KINDS.map((kind) => [kind, { inApp: true, email: false }])),
  digest: true,
});

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen and typed against no schema.
export async function up(db: Kysely<any>): Promise<void> {
  const type = columnTypes(db);
  // SQLite adds one column per statement.
  const add = (build: (table: ReturnType<typeof db.schema.alterTable>) => { execute(): Promise<void> }) =>
    build(db.schema.alterTable('organizations')).execute();

  await add((t) => t.addColumn('check_in_time', type.text, (c) => c.notNull().defaultTo('16:00')));
  await add((t) => t.addColumn('check_out_time', type.text, (c) => c.notNull().defaultTo('10:00')));
  await add((t) =>
    t.addColumn('tourist_tax_mode', type.text, (c) =>
      c.check(sql`tourist_tax_mode is null or ${oneOf('tourist_tax_mode', TAX_MODES)}`),
    ),
  );
  // Cents per adult and night (per_night).
  await add((t) =>
    t.addColumn('tourist_tax_rate_cents', type.cents, (c) => c.check(sql`tourist_tax_rate_cents >= 0`)),
  );
  // Hundredths of a percent of the price per person and night (percentage): 500 is 5 %.
  await add((t) =>
    t.addColumn('tourist_tax_percent_basis_points', type.integer, (c) =>
      c.check(sql`tourist_tax_percent_basis_points between 0 and 10000`),
    ),
  );
  // The most per adult and night, in cents (percentage).
  await add((t) =>
    t.addColumn('tourist_tax_cap_cents', type.cents, (c) => c.check(sql`tourist_tax_cap_cents >= 0`)),
  );
  // The channels that collect the tax themselves.
  await add((t) =>
    t.addColumn('tourist_tax_platform_sources', type.json, (c) => c.notNull().defaultTo(sql`'[]'`)),
  );
  await add((t) =>
    t.addColumn('notification_defaults', type.json, (c) =>
      c.notNull().defaultTo(sql.lit(NOTIFICATION_DEFAULTS)),
    ),
  );
  // Days the audit log keeps an entry; null keeps every entry for ever.
  await add((t) =>
    t.addColumn('audit_retention_days', type.integer, (c) => c.check(sql`audit_retention_days >= 1`)),
  );
  await add((t) => t.addColumn('version', type.integer, (c) => c.notNull().defaultTo(1)));
}

// biome-ignore lint/suspicious/noExplicitAny: see up().
export async function down(db: Kysely<any>): Promise<void> {
  for (const column of [
    'version',
    'audit_retention_days',
    'notification_defaults',
    'tourist_tax_platform_sources',
    'tourist_tax_cap_cents',
    'tourist_tax_percent_basis_points',
    'tourist_tax_rate_cents',
    'tourist_tax_mode',
    'check_out_time',
    'check_in_time',
  ]) {
    await db.schema.alterTable('organizations').dropColumn(column).execute();
  }
}
