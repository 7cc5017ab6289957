import type { Kysely } from 'kysely';
import { columnTypes, nowDefault, oneOf } from '../migration-kit.ts';

// Frozen copies: the module's lists may grow, this migration's may not.
const PRIORITIES = ['low', 'normal', 'high', 'urgent'];
const STATUSES = ['open', 'in_progress', 'on_hold', 'resolved', 'cancelled'];
const DEFAULT_TYPES = [
  ['electrical', 'Electrical', 'Électricité'],
  ['plumbing', 'Plumbing', 'Plomberie'],
  ['heating', 'Heating and air conditioning', 'Chauffage et climatisation'],
  ['appliance', 'Appliance', 'Électroménager'],
  ['pool', 'Pool', 'Piscine'],
  ['garden', 'Garden', 'Jardin'],
  ['other', 'Other', 'Autre'],
];

/**
 * Maintenance work orders: the kinds of work an organization names (each
 * starts with the defaults), and the work orders of its houses, with who
 * reported and who does the work, costs in cents, and the calendar block that
 * keeps guests out while the house cannot be let. Their history is the audit log.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen and typed against no schema.
export async function up(db: Kysely<any>): Promise<void> {
  const type = columnTypes(db);
  const now = nowDefault(db);
  await db.schema
    .createTable('maintenance_types')
    .addColumn('organization_id', type.id, (c) =>
      c.notNull().references('organizations.id').onDelete('cascade'),
    )
    .addColumn('code', type.text, (c) => c.notNull())
    .addColumn('label_en', type.text, (c) => c.notNull())
    .addColumn('label_fr', type.text, (c) => c.notNull())
    .addColumn('position', type.integer, (c) => c.notNull())
    .addColumn('active', type.boolean, (c) => c.notNull().defaultTo(true))
    .addColumn('created_at', type.instant, (c) => c.notNull().defaultTo(now))
    .addPrimaryKeyConstraint('maintenance_types_pk', ['organization_id', 'code'])
    .execute();

  const organizations: { id: string }[] = await db.selectFrom('organizations').select('id').execute();
  for (const organization of organizations) {
    await db
      .insertInto('maintenance_types')
      .values(
        DEFAULT_TYPES.map(([code, labelEn, labelFr], position) => ({
          organization_id: organization.id,
          code,
          label_en: labelEn,
          label_fr: labelFr,
          position,
        })),
      )
      .execute();
  }

  await db.schema
    .createTable('maintenance_issues')
    .addColumn('id', type.id, (c) => c.primaryKey())
    .addColumn('organization_id', type.id, (c) =>
      c.notNull().references('organizations.id').onDelete('cascade'),
    )
    .addColumn('house_id', type.id, (c) => c.notNull().references('houses.id').onDelete('cascade'))
    .addColumn('type', type.text, (c) => c.notNull())
    .addColumn('title', type.text, (c) => c.notNull())
    .addColumn('description', type.text)
    .addColumn('priority', type.text, (c) => c.notNull().check(oneOf('priority', PRIORITIES)))
    .addColumn('status', type.text, (c) => c.notNull().check(oneOf('status', STATUSES)))
    .addColumn('reported_at', type.instant, (c) => c.notNull())
    .addColumn('reported_by', type.id, (c) => c.references('users.id').onDelete('set null'))
    // The member who wrote it down was told by a guest.
    .addColumn('reported_by_guest', type.boolean, (c) => c.notNull().defaultTo(false))
    .addColumn('assignee_user_id', type.id, (c) => c.references('users.id').onDelete('set null'))
    // An outside contractor, when no member does the work.
    .addColumn('assignee_name', type.text)
    .addColumn('assignee_phone', type.text)
    .addColumn('due_date', type.date)
    .addColumn('resolved_at', type.instant)
    .addColumn('resolution_note', type.text)
    .addColumn('labor_cost', type.cents, (c) => c.notNull().defaultTo(0))
    .addColumn('materials_cost', type.cents, (c) => c.notNull().defaultTo(0))
    .addColumn('block_id', type.id, (c) => c.references('blocks.id').onDelete('set null'))
    .addColumn('version', type.integer, (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', type.instant, (c) => c.notNull().defaultTo(now))
    .addColumn('updated_at', type.instant, (c) => c.notNull().defaultTo(now))
    .addForeignKeyConstraint('maintenance_issues_type_fk', ['organization_id', 'type'], 'maintenance_types', [
      'organization_id',
      'code',
    ])
    .execute();
  await db.schema
    .createIndex('maintenance_issues_organization_idx')
    .on('maintenance_issues')
    .columns(['organization_id', 'status', 'id'])
    .execute();
  await db.schema
    .createIndex('maintenance_issues_house_idx')
    .on('maintenance_issues')
    .columns(['house_id', 'status'])
    .execute();
  await db.schema
    .createIndex('maintenance_issues_assignee_idx')
    .on('maintenance_issues')
    .column('assignee_user_id')
    .execute();
  await db.schema
    .createIndex('maintenance_issues_block_idx')
    .on('maintenance_issues')
    .column('block_id')
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up().
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('maintenance_issues').execute();
  await db.schema.dropTable('maintenance_types').execute();
}
