import type { Kysely } from 'kysely';
import { columnTypes, nowDefault } from '../migration-kit.ts';

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen and typed against no schema.
export async function up(db: Kysely<any>): Promise<void> {
  const type = columnTypes(db);
  await db.schema
    .createTable('instance_settings')
    .addColumn('key', type.text, (column) => column.primaryKey())
    .addColumn('value', type.json, (column) => column.notNull())
    .addColumn('updated_at', type.instant, (column) => column.notNull().defaultTo(nowDefault(db)))
    .execute();
  await db
    .insertInto('instance_settings')
    .values({ key: 'name', value: JSON.stringify('Staykeep') })
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up().
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('instance_settings').execute();
}
