import type { Kysely } from 'kysely';

/**
 * The organization's index by check-in holds every column the calendar
 * shows, after the (organization_id, check_in, id) it had: the calendar reads
 * a month of stays from the index alone (on PostgreSQL an index-only scan)
 * instead of opening one row per stay, and the lists still page through it in
 * (check_in, id) order.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen and typed against no schema.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('reservations_organization_check_in_idx').execute();
  await db.schema
    .createIndex('reservations_organization_stays_idx')
    .on('reservations')
    .columns([
      'organization_id',
      'check_in',
      'id',
      'house_id',
      'status',
      'check_out',
      'guests',
      'source',
      'guest_name',
    ])
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up().
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('reservations_organization_stays_idx').execute();
  await db.schema
    .createIndex('reservations_organization_check_in_idx')
    .on('reservations')
    .columns(['organization_id', 'check_in', 'id'])
    .execute();
}
