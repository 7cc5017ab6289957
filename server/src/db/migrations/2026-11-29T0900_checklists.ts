import { type Kysely, sql } from 'kysely';
import { columnTypes, nowDefault, oneOf } from '../migration-kit.ts';

/**
 * Housekeeping checklists and turnover rounds.
 *
 * The template (categories, items, and the houses an item applies to when not
 * all) is edited by managers. Each departure opens a turnover round for its
 * house; the round holds a copy of the applicable items (`turnover_round_items`)
 * with their state, so later template edits never rewrite a finished round.
 * At most one round per house is current (`closed_at` null), and a departure
 * opens at most one round (`reservation_id` unique): both are enforced by the
 * database, so two job runners racing cannot open a round twice.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen and typed against no schema.
export async function up(db: Kysely<any>): Promise<void> {
  const type = columnTypes(db);
  const now = nowDefault(db);

  await db.schema
    .createTable('checklist_categories')
    .addColumn('id', type.id, (c) => c.primaryKey())
    .addColumn('organization_id', type.id, (c) =>
      c.notNull().references('organizations.id').onDelete('cascade'),
    )
    .addColumn('name', type.text, (c) => c.notNull())
    .addColumn('position', type.integer, (c) => c.notNull())
    .addColumn('version', type.integer, (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', type.instant, (c) => c.notNull().defaultTo(now))
    .addColumn('updated_at', type.instant, (c) => c.notNull().defaultTo(now))
    .addUniqueConstraint('checklist_categories_name_unique', ['organization_id', 'name'])
    .execute();

  await db.schema
    .createTable('checklist_items')
    .addColumn('id', type.id, (c) => c.primaryKey())
    .addColumn('organization_id', type.id, (c) =>
      c.notNull().references('organizations.id').onDelete('cascade'),
    )
    .addColumn('category_id', type.id, (c) => c.notNull().references('checklist_categories.id'))
    .addColumn('step_number', type.integer, (c) => c.notNull())
    .addColumn('description', type.text, (c) => c.notNull())
    .addColumn('product_required', type.text)
    .addColumn('type', type.text, (c) =>
      c.notNull().check(oneOf('type', ['cleaning', 'inspection', 'upkeep'])),
    )
    .addColumn('applies_to_all', type.boolean, (c) => c.notNull().defaultTo(true))
    .addColumn('active', type.boolean, (c) => c.notNull().defaultTo(true))
    .addColumn('version', type.integer, (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', type.instant, (c) => c.notNull().defaultTo(now))
    .addColumn('updated_at', type.instant, (c) => c.notNull().defaultTo(now))
    .execute();
  await db.schema
    .createIndex('checklist_items_category_idx')
    .on('checklist_items')
    .columns(['category_id', 'step_number'])
    .execute();

  await db.schema
    .createTable('checklist_item_houses')
    .addColumn('item_id', type.id, (c) => c.notNull().references('checklist_items.id').onDelete('cascade'))
    .addColumn('house_id', type.id, (c) => c.notNull().references('houses.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('checklist_item_houses_pk', ['item_id', 'house_id'])
    .execute();
  await db.schema
    .createIndex('checklist_item_houses_house_idx')
    .on('checklist_item_houses')
    .column('house_id')
    .execute();

  await db.schema
    .createTable('turnover_rounds')
    .addColumn('id', type.id, (c) => c.primaryKey())
    .addColumn('organization_id', type.id, (c) =>
      c.notNull().references('organizations.id').onDelete('cascade'),
    )
    .addColumn('house_id', type.id, (c) => c.notNull().references('houses.id').onDelete('cascade'))
    // The departure that opened the round; null for a round opened by hand or for a new house.
    .addColumn('reservation_id', type.id, (c) => c.references('reservations.id').onDelete('set null'))
    .addColumn('opened_at', type.instant, (c) => c.notNull().defaultTo(now))
    // When its last item was ticked: the house has been ready since then.
    .addColumn('completed_at', type.instant)
    // When the next departure replaced it; null for the house's current round.
    .addColumn('closed_at', type.instant)
    .execute();
  await db.schema
    .createIndex('turnover_rounds_reservation_unique')
    .on('turnover_rounds')
    .column('reservation_id')
    .unique()
    .execute();
  await db.schema
    .createIndex('turnover_rounds_current_unique')
    .on('turnover_rounds')
    .column('house_id')
    .unique()
    .where(sql.ref('closed_at'), 'is', null)
    .execute();
  await db.schema
    .createIndex('turnover_rounds_house_idx')
    .on('turnover_rounds')
    .columns(['house_id', 'opened_at'])
    .execute();

  // The items of one round, copied from the template when it opened (no foreign key to the
  // template on purpose: an item deleted later stays in the rounds that had it).
  await db.schema
    .createTable('turnover_round_items')
    .addColumn('round_id', type.id, (c) => c.notNull().references('turnover_rounds.id').onDelete('cascade'))
    .addColumn('item_id', type.id, (c) => c.notNull())
    .addColumn('category_id', type.id, (c) => c.notNull())
    .addColumn('category_name', type.text, (c) => c.notNull())
    .addColumn('category_position', type.integer, (c) => c.notNull())
    .addColumn('step_number', type.integer, (c) => c.notNull())
    .addColumn('description', type.text, (c) => c.notNull())
    .addColumn('product_required', type.text)
    .addColumn('type', type.text, (c) => c.notNull())
    .addColumn('completed', type.boolean, (c) => c.notNull().defaultTo(false))
    .addColumn('completed_at', type.instant)
    .addColumn('completed_by', type.id, (c) => c.references('users.id').onDelete('set null'))
    .addPrimaryKeyConstraint('turnover_round_items_pk', ['round_id', 'item_id'])
    .execute();
  await db.schema
    .createIndex('turnover_round_items_item_idx')
    .on('turnover_round_items')
    .column('item_id')
    .execute();

  // Every tick and untick: who, what, when (the seeds' task_completion_logs).
  await db.schema
    .createTable('task_completion_logs')
    .addColumn('id', type.id, (c) => c.primaryKey())
    .addColumn('organization_id', type.id, (c) =>
      c.notNull().references('organizations.id').onDelete('cascade'),
    )
    .addColumn('house_id', type.id, (c) => c.notNull().references('houses.id').onDelete('cascade'))
    .addColumn('round_id', type.id, (c) => c.notNull().references('turnover_rounds.id').onDelete('cascade'))
    .addColumn('item_id', type.id, (c) => c.notNull())
    .addColumn('user_id', type.id, (c) => c.references('users.id').onDelete('set null'))
    .addColumn('completed', type.boolean, (c) => c.notNull())
    .addColumn('at', type.instant, (c) => c.notNull().defaultTo(now))
    .execute();
  await db.schema
    .createIndex('task_completion_logs_round_idx')
    .on('task_completion_logs')
    .columns(['round_id', 'at'])
    .execute();

  // The departure job looks for stays that ended recently, across houses.
  await db.schema
    .createIndex('reservations_check_out_idx')
    .on('reservations')
    .columns(['check_out', 'house_id'])
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up().
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('reservations_check_out_idx').execute();
  for (const table of [
    'task_completion_logs',
    'turnover_round_items',
    'turnover_rounds',
    'checklist_item_houses',
    'checklist_items',
    'checklist_categories',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
