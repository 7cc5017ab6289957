import { type Kysely, sql } from 'kysely';
import { columnTypes, nowDefault, oneOf } from '../migration-kit.ts';

/** Sites, houses, which houses an owner sees, and the idempotency keys of create requests. */
// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen and typed against no schema.
export async function up(db: Kysely<any>): Promise<void> {
  const type = columnTypes(db);
  const now = nowDefault(db);

  await db.schema
    .createTable('sites')
    .addColumn('id', type.id, (c) => c.primaryKey())
    .addColumn('organization_id', type.id, (c) =>
      c.notNull().references('organizations.id').onDelete('cascade'),
    )
    .addColumn('name', type.text, (c) => c.notNull())
    .addColumn('address', type.text)
    .addColumn('notes', type.text)
    .addColumn('version', type.integer, (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', type.instant, (c) => c.notNull().defaultTo(now))
    .addColumn('updated_at', type.instant, (c) => c.notNull().defaultTo(now))
    .addUniqueConstraint('sites_name_unique', ['organization_id', 'name'])
    .execute();

  await db.schema
    .createTable('houses')
    .addColumn('id', type.id, (c) => c.primaryKey())
    .addColumn('organization_id', type.id, (c) =>
      c.notNull().references('organizations.id').onDelete('cascade'),
    )
    // Like maison-1: stable, typed by people, unique in the organization.
    .addColumn('code', type.text, (c) => c.notNull())
    .addColumn('name', type.text, (c) => c.notNull())
    .addColumn('type', type.text, (c) =>
      c.notNull().check(oneOf('type', ['villa', 'apartment', 'room', 'guesthouse', 'other'])),
    )
    .addColumn('site_id', type.id, (c) => c.references('sites.id').onDelete('set null'))
    .addColumn('location', type.text)
    .addColumn('max_guests', type.integer, (c) => c.notNull().check(sql`max_guests >= 1`))
    .addColumn('nightly_price_cents', type.cents)
    .addColumn('timezone', type.text, (c) => c.notNull())
    .addColumn('check_in_time', type.text, (c) => c.notNull().defaultTo('16:00'))
    .addColumn('check_out_time', type.text, (c) => c.notNull().defaultTo('10:00'))
    .addColumn('status', type.text, (c) =>
      c
        .notNull()
        .defaultTo('active')
        .check(oneOf('status', ['active', 'inactive'])),
    )
    .addColumn('notes', type.text)
    .addColumn('version', type.integer, (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', type.instant, (c) => c.notNull().defaultTo(now))
    .addColumn('updated_at', type.instant, (c) => c.notNull().defaultTo(now))
    .addUniqueConstraint('houses_code_unique', ['organization_id', 'code'])
    .execute();
  await db.schema.createIndex('houses_site_idx').on('houses').column('site_id').execute();

  // The houses an `owner` member may see.
  await db.schema
    .createTable('membership_houses')
    .addColumn('organization_id', type.id, (c) => c.notNull())
    .addColumn('user_id', type.id, (c) => c.notNull())
    .addColumn('house_id', type.id, (c) => c.notNull().references('houses.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('membership_houses_pk', ['organization_id', 'user_id', 'house_id'])
    .addForeignKeyConstraint(
      'membership_houses_membership_fk',
      ['organization_id', 'user_id'],
      'memberships',
      ['organization_id', 'user_id'],
      (fk) => fk.onDelete('cascade'),
    )
    .execute();

  // A create retried with the same Idempotency-Key answers the first response again.
  await db.schema
    .createTable('idempotency_keys')
    .addColumn('scope', type.text, (c) => c.notNull())
    .addColumn('key', type.text, (c) => c.notNull())
    .addColumn('request_hash', type.text, (c) => c.notNull())
    .addColumn('status_code', type.integer)
    .addColumn('response_body', type.text)
    .addColumn('location', type.text)
    .addColumn('created_at', type.instant, (c) => c.notNull().defaultTo(now))
    .addPrimaryKeyConstraint('idempotency_keys_pk', ['scope', 'key'])
    .execute();
  await db.schema
    .createIndex('idempotency_keys_created_idx')
    .on('idempotency_keys')
    .column('created_at')
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up().
export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['idempotency_keys', 'membership_houses', 'houses', 'sites']) {
    await db.schema.dropTable(table).execute();
  }
}
