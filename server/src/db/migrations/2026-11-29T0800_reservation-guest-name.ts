import { type Kysely, sql } from 'kysely';
import { columnTypes, isPostgres } from '../migration-kit.ts';

/**
 * The guest's name on each reservation, as the original requirement's table
 * has it: the calendar shows hundreds of stays at once, and looking up each
 * guest in a large guests table cost more than the rest of its query. The
 * application writes it with the reservation and again when the guest is
 * renamed or anonymized.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen and typed against no schema.
export async function up(db: Kysely<any>): Promise<void> {
  const type = columnTypes(db);
  const postgres = isPostgres(db);

  // SQLite adds a NOT NULL column only with a default, and cannot change
  // the column afterwards; PostgreSQL fills it first, then forbids NULL.
  await db.schema
    .alterTable('reservations')
    .addColumn('guest_name', type.text, (c) => (postgres ? c : c.notNull().defaultTo('')))
    .execute();
  await sql`
    update reservations
    set guest_name = (select guests.name from guests where guests.id = reservations.guest_id)
  `.execute(db);
  if (postgres) {
    await db.schema
      .alterTable('reservations')
      .alterColumn('guest_name', (c) => c.setNotNull())
      .execute();
  }
}

// biome-ignore lint/suspicious/noExplicitAny: see up().
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('reservations').dropColumn('guest_name').execute();
}
