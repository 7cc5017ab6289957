import type { Kysely } from 'kysely';
import { columnTypes } from '../migration-kit.ts';

/**
 * The calendar's version moves to a table of its own, written by the calendar
 * alone: `organizations` keeps one writer (the organizations module). The
 * value is carried over, so a calendar cached under it stays valid.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen and typed against no schema.
export async function up(db: Kysely<any>): Promise<void> {
  const type = columnTypes(db);
  await db.schema
    .createTable('calendar_versions')
    .addColumn('organization_id', type.id, (c) =>
      c.primaryKey().references('organizations.id').onDelete('cascade'),
    )
    .addColumn('version', type.integer, (c) => c.notNull().defaultTo(0))
    .execute();
  await db
    .insertInto('calendar_versions')
    .columns(['organization_id', 'version'])
    .expression((eb) => eb.selectFrom('organizations').select(['id', 'calendar_version']))
    .execute();
  await db.schema.alterTable('organizations').dropColumn('calendar_version').execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up().
export async function down(db: Kysely<any>): Promise<void> {
  const type = columnTypes(db);
  await db.schema
    .alterTable('organizations')
    .addColumn('calendar_version', type.integer, (c) => c.notNull().defaultTo(0))
    .execute();
  await db
    .updateTable('organizations')
    .set((eb) => ({
      calendar_version: eb.fn.coalesce(
        eb
          .selectFrom('calendar_versions')
          .select('version')
          .whereRef('calendar_versions.organization_id', '=', 'organizations.id'),
        eb.lit(0),
      ),
    }))
    .execute();
  await db.schema.dropTable('calendar_versions').execute();
}
