import type { Kysely } from 'kysely';
import { columnTypes } from '../migration-kit.ts';

/**
 * A counter per organization, moved on by every change the calendar shows
 * (stays, blocks, guests' names, houses) in the same transaction as the
 * change: a calendar built for one value can be served again until it moves,
 * by every server process alike.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen and typed against no schema.
export async function up(db: Kysely<any>): Promise<void> {
  const type = columnTypes(db);
  await db.schema
    .alterTable('organizations')
    .addColumn('calendar_version', type.integer, (c) => c.notNull().defaultTo(0))
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up().
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('organizations').dropColumn('calendar_version').execute();
}
