import { type Kysely, sql } from 'kysely';
import { columnTypes, nowDefault } from '../migration-kit.ts';

/**
 * The owner's contract with the manager, per house: the commission on the
 * stays' accommodation price and on the house's income, in basis points,
 * from a month on. And the statements of closed months as they were first
 * printed, kept so that a closed month reads the same every time.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen and typed against no schema.
export async function up(db: Kysely<any>): Promise<void> {
  const type = columnTypes(db);
  const now = nowDefault(db);

  await db.schema
    .createTable('owner_contracts')
    .addColumn('id', type.id, (c) => c.primaryKey())
    .addColumn('organization_id', type.id, (c) =>
      c.notNull().references('organizations.id').onDelete('cascade'),
    )
    .addColumn('house_id', type.id, (c) => c.notNull().references('houses.id').onDelete('cascade'))
    // YYYY-MM: the first month the contract is in force.
    .addColumn('effective_from', type.text, (c) => c.notNull())
    // Hundredths of a percent: 2000 is 20 %.
    .addColumn('accommodation_rate', type.integer, (c) => c.notNull())
    .addColumn('income_rate', type.integer, (c) => c.notNull())
    .addColumn('note', type.text)
    .addColumn('created_at', type.instant, (c) => c.notNull().defaultTo(now))
    .addColumn('created_by', type.id, (c) => c.references('users.id').onDelete('set null'))
    .addCheckConstraint(
      'owner_contracts_rates',
      sql`accommodation_rate between 0 and 10000 and income_rate between 0 and 10000`,
    )
    .execute();
  await db.schema
    .createIndex('owner_contracts_house_month_key')
    .on('owner_contracts')
    .columns(['house_id', 'effective_from'])
    .unique()
    .execute();

  await db.schema
    .createTable('owner_statement_snapshots')
    .addColumn('organization_id', type.id, (c) =>
      c.notNull().references('organizations.id').onDelete('cascade'),
    )
    .addColumn('house_id', type.id, (c) => c.notNull().references('houses.id').onDelete('cascade'))
    // YYYY-MM
    .addColumn('month', type.text, (c) => c.notNull())
    // The closing the statement was printed under: another closing of the month prints it afresh.
    .addColumn('closed_at', type.instant, (c) => c.notNull())
    .addColumn('body', type.json, (c) => c.notNull())
    .addColumn('created_at', type.instant, (c) => c.notNull().defaultTo(now))
    .addPrimaryKeyConstraint('owner_statement_snapshots_pk', ['house_id', 'month'])
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up().
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('owner_statement_snapshots').execute();
  await db.schema.dropTable('owner_contracts').execute();
}
