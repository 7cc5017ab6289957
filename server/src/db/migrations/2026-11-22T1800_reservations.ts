import { type Kysely, sql } from 'kysely';
import { columnTypes, nowDefault, oneOf } from '../migration-kit.ts';

/**
 * Guests, reservations, blocks, the nights they occupy, and the audit log.
 *
 * `occupied_nights` holds one row per house and night taken by a
 * non-cancelled reservation or a block, with (house_id, night) as primary
 * key: two stays can never hold the same night, whatever the concurrency,
 * because the database refuses the second row inside the writing
 * transaction. It is also the per-day availability the calendar reads.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen and typed against no schema.
export async function up(db: Kysely<any>): Promise<void> {
  const type = columnTypes(db);
  const now = nowDefault(db);

  await db.schema
    .createTable('guests')
    .addColumn('id', type.id, (c) => c.primaryKey())
    .addColumn('organization_id', type.id, (c) =>
      c.notNull().references('organizations.id').onDelete('cascade'),
    )
    .addColumn('name', type.text, (c) => c.notNull())
    // Trimmed and lower-cased; unique in the organization when present.
    .addColumn('email', type.text)
    .addColumn('phone', type.text)
    .addColumn('nationality', type.text)
    .addColumn('notes', type.text)
    .addColumn('anonymized_at', type.instant)
    .addColumn('version', type.integer, (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', type.instant, (c) => c.notNull().defaultTo(now))
    .addColumn('updated_at', type.instant, (c) => c.notNull().defaultTo(now))
    .addUniqueConstraint('guests_email_unique', ['organization_id', 'email'])
    .execute();

  await db.schema
    .createTable('reservations')
    .addColumn('id', type.id, (c) => c.primaryKey())
    .addColumn('organization_id', type.id, (c) =>
      c.notNull().references('organizations.id').onDelete('cascade'),
    )
    .addColumn('house_id', type.id, (c) => c.notNull().references('houses.id'))
    .addColumn('guest_id', type.id, (c) => c.notNull().references('guests.id'))
    .addColumn('check_in', type.date, (c) => c.notNull())
    .addColumn('check_out', type.date, (c) => c.notNull())
    .addColumn('guests', type.integer, (c) => c.notNull().check(sql`guests >= 1`))
    .addColumn('status', type.text, (c) =>
      c.notNull().check(oneOf('status', ['pending', 'confirmed', 'checked_in', 'checked_out', 'cancelled'])),
    )
    .addColumn('source', type.text, (c) =>
      c.notNull().check(oneOf('source', ['direct', 'airbnb', 'booking', 'vrbo', 'other'])),
    )
    .addColumn('external_ref', type.text)
    .addColumn('total_cents', type.cents, (c) => c.notNull().defaultTo(0))
    .addColumn('advance_cents', type.cents, (c) => c.notNull().defaultTo(0))
    .addColumn('notes', type.text)
    .addColumn('cancellation_reason', type.text)
    .addColumn('cancelled_at', type.instant)
    .addColumn('created_by', type.id, (c) => c.references('users.id').onDelete('set null'))
    .addColumn('version', type.integer, (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', type.instant, (c) => c.notNull().defaultTo(now))
    .addColumn('updated_at', type.instant, (c) => c.notNull().defaultTo(now))
    .addCheckConstraint('reservations_dates_check', sql`check_out > check_in`)
    .addCheckConstraint('reservations_advance_check', sql`advance_cents <= total_cents`)
    .execute();
  await db.schema
    .createIndex('reservations_house_dates_idx')
    .on('reservations')
    .columns(['house_id', 'check_in', 'check_out'])
    .execute();
  await db.schema
    .createIndex('reservations_organization_check_in_idx')
    .on('reservations')
    .columns(['organization_id', 'check_in', 'id'])
    .execute();
  await db.schema.createIndex('reservations_guest_idx').on('reservations').column('guest_id').execute();

  await db.schema
    .createTable('blocks')
    .addColumn('id', type.id, (c) => c.primaryKey())
    .addColumn('organization_id', type.id, (c) =>
      c.notNull().references('organizations.id').onDelete('cascade'),
    )
    .addColumn('house_id', type.id, (c) => c.notNull().references('houses.id'))
    .addColumn('start_date', type.date, (c) => c.notNull())
    .addColumn('end_date', type.date, (c) => c.notNull())
    .addColumn('kind', type.text, (c) => c.notNull().check(oneOf('kind', ['maintenance', 'owner', 'other'])))
    .addColumn('note', type.text)
    .addColumn('version', type.integer, (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', type.instant, (c) => c.notNull().defaultTo(now))
    .addColumn('updated_at', type.instant, (c) => c.notNull().defaultTo(now))
    .addCheckConstraint('blocks_dates_check', sql`end_date > start_date`)
    .execute();
  await db.schema
    .createIndex('blocks_house_dates_idx')
    .on('blocks')
    .columns(['house_id', 'start_date'])
    .execute();

  await db.schema
    .createTable('occupied_nights')
    .addColumn('house_id', type.id, (c) => c.notNull().references('houses.id'))
    .addColumn('night', type.date, (c) => c.notNull())
    .addColumn('reservation_id', type.id, (c) => c.references('reservations.id').onDelete('cascade'))
    .addColumn('block_id', type.id, (c) => c.references('blocks.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('occupied_nights_pk', ['house_id', 'night'])
    .addCheckConstraint('occupied_nights_one_owner', sql`(reservation_id is null) <> (block_id is null)`)
    .execute();
  await db.schema
    .createIndex('occupied_nights_reservation_idx')
    .on('occupied_nights')
    .column('reservation_id')
    .execute();
  await db.schema.createIndex('occupied_nights_block_idx').on('occupied_nights').column('block_id').execute();

  // Every change to an entity: who, when, what before and after (reservations first).
  await db.schema
    .createTable('audit_log')
    .addColumn('id', type.id, (c) => c.primaryKey())
    .addColumn('organization_id', type.id, (c) =>
      c.notNull().references('organizations.id').onDelete('cascade'),
    )
    .addColumn('entity', type.text, (c) => c.notNull())
    .addColumn('entity_id', type.id, (c) => c.notNull())
    .addColumn('action', type.text, (c) => c.notNull())
    .addColumn('actor_id', type.id, (c) => c.references('users.id').onDelete('set null'))
    .addColumn('at', type.instant, (c) => c.notNull().defaultTo(now))
    .addColumn('before', type.json)
    .addColumn('after', type.json)
    .execute();
  await db.schema
    .createIndex('audit_log_entity_idx')
    .on('audit_log')
    .columns(['entity', 'entity_id', 'at'])
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up().
export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['audit_log', 'occupied_nights', 'blocks', 'reservations', 'guests']) {
    await db.schema.dropTable(table).execute();
  }
}
