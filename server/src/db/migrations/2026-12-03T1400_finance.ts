import { type Kysely, sql } from 'kysely';
import { columnTypes, nowDefault, oneOf } from '../migration-kit.ts';

// Frozen copies: the module's lists may grow, this migration's may not.
const ENTRY_TYPES = ['income', 'expense'];
const CATEGORIES = [
  'rent',
  'cleaning_fee',
  'extra',
  'tourist_tax',
  'channel_fee',
  'commission',
  'deposit',
  'deposit_return',
  'refund',
  'maintenance',
  'supplies',
  'utilities',
  'insurance',
  'tax',
  'other',
];
const ORIGINS = ['reservation', 'maintenance', 'manual', 'adjustment'];
const PAYMENT_KINDS = ['advance', 'balance', 'deposit', 'deposit_return', 'deposit_kept', 'refund'];
const PAYMENT_METHODS = ['cash', 'bank_transfer', 'card', 'check', 'platform', 'other'];
const TAX_MODES = ['per_night', 'percentage'];
const TAX_COLLECTORS = ['manager', 'platform'];

/**
 * The ledger: income and expense per house (or of the whole organization),
 * in cents, with where each entry came from. What the system posts carries
 * the key of what caused it — (origin, source, purpose) — unique in the
 * database, so that the same cause handled twice posts once. The payments of
 * a stay, and the months an admin has closed.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen and typed against no schema.
export async function up(db: Kysely<any>): Promise<void> {
  const type = columnTypes(db);
  const now = nowDefault(db);

  await db.schema
    .createTable('payments')
    .addColumn('id', type.id, (c) => c.primaryKey())
    .addColumn('organization_id', type.id, (c) =>
      c.notNull().references('organizations.id').onDelete('cascade'),
    )
    .addColumn('reservation_id', type.id, (c) => c.notNull().references('reservations.id'))
    .addColumn('house_id', type.id, (c) => c.notNull().references('houses.id'))
    .addColumn('date', type.date, (c) => c.notNull())
    .addColumn('kind', type.text, (c) => c.notNull().check(oneOf('kind', PAYMENT_KINDS)))
    .addColumn('amount_cents', type.cents, (c) => c.notNull())
    .addColumn('method', type.text, (c) => c.check(oneOf('method', PAYMENT_METHODS)))
    .addColumn('note', type.text)
    .addColumn('created_at', type.instant, (c) => c.notNull().defaultTo(now))
    .addColumn('created_by', type.id, (c) => c.references('users.id').onDelete('set null'))
    .addCheckConstraint('payments_amount_positive', sql`amount_cents > 0`)
    .execute();
  await db.schema
    .createIndex('payments_reservation_idx')
    .on('payments')
    .columns(['reservation_id', 'id'])
    .execute();

  await db.schema
    .createTable('ledger_entries')
    .addColumn('id', type.id, (c) => c.primaryKey())
    .addColumn('organization_id', type.id, (c) =>
      c.notNull().references('organizations.id').onDelete('cascade'),
    )
    // No house: an expense of the whole organization (its insurance, its accountant).
    .addColumn('house_id', type.id, (c) => c.references('houses.id'))
    .addColumn('date', type.date, (c) => c.notNull())
    .addColumn('type', type.text, (c) => c.notNull().check(oneOf('type', ENTRY_TYPES)))
    .addColumn('category', type.text, (c) => c.notNull().check(oneOf('category', CATEGORIES)))
    .addColumn('description', type.text, (c) => c.notNull())
    .addColumn('amount_cents', type.cents, (c) => c.notNull())
    .addColumn('origin', type.text, (c) => c.notNull().check(oneOf('origin', ORIGINS)))
    .addColumn('reservation_id', type.id, (c) => c.references('reservations.id'))
    .addColumn('maintenance_issue_id', type.id, (c) => c.references('maintenance_issues.id'))
    .addColumn('payment_id', type.id, (c) => c.references('payments.id'))
    .addColumn('adjusts_entry_id', type.id, (c) => c.references('ledger_entries.id'))
    // Posted by the system: never edited or deleted by hand, corrected by an adjustment.
    .addColumn('system', type.boolean, (c) => c.notNull())
    // A security deposit held for the guest: money that is not the house's, outside income and expense.
    .addColumn('held', type.boolean, (c) => c.notNull().defaultTo(false))
    // What caused a system entry, and what for: unique, so a cause handled twice posts once.
    .addColumn('source_id', type.id)
    .addColumn('purpose', type.text)
    .addColumn('version', type.integer, (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', type.instant, (c) => c.notNull().defaultTo(now))
    .addColumn('created_by', type.id, (c) => c.references('users.id').onDelete('set null'))
    .addColumn('updated_at', type.instant, (c) => c.notNull().defaultTo(now))
    .addCheckConstraint('ledger_entries_amount_positive', sql`amount_cents > 0`)
    .execute();
  await db.schema
    .createIndex('ledger_entries_posting_key')
    .on('ledger_entries')
    .columns(['origin', 'source_id', 'purpose'])
    .unique()
    .execute();
  await db.schema
    .createIndex('ledger_entries_house_date_idx')
    .on('ledger_entries')
    .columns(['organization_id', 'house_id', 'date', 'id'])
    .execute();
  await db.schema
    .createIndex('ledger_entries_date_idx')
    .on('ledger_entries')
    .columns(['organization_id', 'date', 'id'])
    .execute();
  await db.schema
    .createIndex('ledger_entries_reservation_idx')
    .on('ledger_entries')
    .column('reservation_id')
    .execute();
  await db.schema
    .createIndex('ledger_entries_issue_idx')
    .on('ledger_entries')
    .column('maintenance_issue_id')
    .execute();
  await db.schema
    .createIndex('ledger_entries_adjusts_idx')
    .on('ledger_entries')
    .column('adjusts_entry_id')
    .execute();

  // What the entries add up to per house, month, category and origin, kept in the transaction of
  // every entry written: a year's summary reads a few thousand of these, not every entry.
  await db.schema
    .createTable('ledger_totals')
    .addColumn('organization_id', type.id, (c) =>
      c.notNull().references('organizations.id').onDelete('cascade'),
    )
    // The house's id, or '' for the entries of the whole organization (a key cannot hold null).
    .addColumn('house_key', type.text, (c) => c.notNull())
    // YYYY-MM
    .addColumn('month', type.text, (c) => c.notNull())
    .addColumn('category', type.text, (c) => c.notNull())
    .addColumn('origin', type.text, (c) => c.notNull())
    .addColumn('income_cents', type.cents, (c) => c.notNull().defaultTo(0))
    .addColumn('expense_cents', type.cents, (c) => c.notNull().defaultTo(0))
    .addColumn('held_in_cents', type.cents, (c) => c.notNull().defaultTo(0))
    .addColumn('held_out_cents', type.cents, (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('ledger_totals_pk', [
      'organization_id',
      'month',
      'house_key',
      'category',
      'origin',
    ])
    .execute();

  // The tourist tax (taxe de séjour) a house's commune sets: an amount per adult and night, or a
  // percentage of the price per person and night with a cap, as French communes set it.
  await db.schema
    .createTable('tourist_tax_rules')
    .addColumn('house_id', type.id, (c) => c.primaryKey().references('houses.id').onDelete('cascade'))
    .addColumn('organization_id', type.id, (c) =>
      c.notNull().references('organizations.id').onDelete('cascade'),
    )
    .addColumn('mode', type.text, (c) => c.notNull().check(oneOf('mode', TAX_MODES)))
    .addColumn('rate_cents', type.cents)
    // Hundredths of a percent: 500 is 5 %.
    .addColumn('percent_basis_points', type.integer)
    .addColumn('cap_cents', type.cents)
    // The channels that collect the tax themselves on this house's stays (Airbnb, in many communes).
    .addColumn('platform_sources', type.json, (c) => c.notNull())
    .addColumn('updated_at', type.instant, (c) => c.notNull().defaultTo(now))
    .execute();
  // A stay's tourist tax, once collected: by the manager (posted to the ledger) or by the platform.
  await db.schema
    .createTable('stay_tourist_taxes')
    .addColumn('reservation_id', type.id, (c) => c.primaryKey().references('reservations.id'))
    .addColumn('organization_id', type.id, (c) =>
      c.notNull().references('organizations.id').onDelete('cascade'),
    )
    .addColumn('adults', type.integer, (c) => c.notNull())
    .addColumn('nights', type.integer, (c) => c.notNull())
    .addColumn('amount_cents', type.cents, (c) => c.notNull())
    .addColumn('collected_by', type.text, (c) => c.notNull().check(oneOf('collected_by', TAX_COLLECTORS)))
    .addColumn('date', type.date, (c) => c.notNull())
    .addColumn('created_at', type.instant, (c) => c.notNull().defaultTo(now))
    .addColumn('created_by', type.id, (c) => c.references('users.id').onDelete('set null'))
    .execute();

  await db.schema
    .createTable('finance_closings')
    .addColumn('organization_id', type.id, (c) =>
      c.notNull().references('organizations.id').onDelete('cascade'),
    )
    // YYYY-MM
    .addColumn('month', type.text, (c) => c.notNull())
    .addColumn('closed_at', type.instant, (c) => c.notNull().defaultTo(now))
    .addColumn('closed_by', type.id, (c) => c.references('users.id').onDelete('set null'))
    .addPrimaryKeyConstraint('finance_closings_pk', ['organization_id', 'month'])
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up().
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('stay_tourist_taxes').execute();
  await db.schema.dropTable('tourist_tax_rules').execute();
  await db.schema.dropTable('finance_closings').execute();
  await db.schema.dropTable('ledger_totals').execute();
  await db.schema.dropTable('ledger_entries').execute();
  await db.schema.dropTable('payments').execute();
}
