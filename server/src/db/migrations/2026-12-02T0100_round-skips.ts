import type { Kysely } from 'kysely';
import { columnTypes } from '../migration-kit.ts';

/**
 * A round still open when the next guest checks in is closed as skipped, in
 * the check-in's transaction: when, by whom, and for which arrival (so that
 * undoing that check-in can reopen it). `skipped_at` is the mark; the other
 * two lose their value, never the mark, when the user or stay is deleted.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen and typed against no schema.
export async function up(db: Kysely<any>): Promise<void> {
  const type = columnTypes(db);
  await db.schema.alterTable('turnover_rounds').addColumn('skipped_at', type.instant).execute();
  await db.schema
    .alterTable('turnover_rounds')
    .addColumn('skipped_by', type.id, (c) => c.references('users.id').onDelete('set null'))
    .execute();
  await db.schema
    .alterTable('turnover_rounds')
    .addColumn('skipped_reservation_id', type.id, (c) => c.references('reservations.id').onDelete('set null'))
    .execute();
  await db.schema
    .createIndex('turnover_rounds_skipped_reservation_idx')
    .on('turnover_rounds')
    .column('skipped_reservation_id')
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up().
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('turnover_rounds_skipped_reservation_idx').execute();
  for (const column of ['skipped_reservation_id', 'skipped_by', 'skipped_at']) {
    await db.schema.alterTable('turnover_rounds').dropColumn(column).execute();
  }
}
