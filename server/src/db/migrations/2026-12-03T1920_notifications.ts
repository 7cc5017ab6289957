import { type Kysely, sql } from 'kysely';
import { columnTypes, isPostgres, nowDefault } from '../migration-kit.ts';

/**
 * In-app notifications per member, their preferences, and the keys that make
 * a reminder or a digest go out once whatever the number of instances.
 *
 * `seq` only grows: the live stream reads the rows after the last one it
 * pushed. On PostgreSQL an identity may be taken by a transaction that
 * commits after a higher one, so `tx` (the writing transaction's id, as
 * text) lets the stream wait for older transactions still in flight; SQLite
 * writes one transaction at a time and leaves it null.
 *
 * `kind` has no CHECK: the kinds are the application's list
 * (kernel/notification-kinds.ts) and a new one should not need a table
 * rebuild on SQLite.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen and typed against no schema.
export async function up(db: Kysely<any>): Promise<void> {
  const type = columnTypes(db);
  const now = nowDefault(db);
  const postgres = isPostgres(db);

  let notifications = db.schema.createTable('notifications');
  notifications = postgres
    ? notifications
        .addColumn('seq', 'bigint', (c) => c.generatedAlwaysAsIdentity().primaryKey())
        .addColumn('tx', type.text, (c) => c.defaultTo(sql`pg_current_xact_id()::text`))
    : notifications
        .addColumn('seq', 'integer', (c) => c.primaryKey().autoIncrement())
        .addColumn('tx', type.text);
  await notifications
    .addColumn('id', type.id, (c) => c.notNull().unique())
    .addColumn('organization_id', type.id, (c) =>
      c.notNull().references('organizations.id').onDelete('cascade'),
    )
    .addColumn('user_id', type.id, (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('kind', type.text, (c) => c.notNull())
    .addColumn('title', type.text, (c) => c.notNull())
    .addColumn('body', type.text, (c) => c.notNull())
    .addColumn('entity_type', type.text)
    .addColumn('entity_id', type.id)
    .addColumn('url', type.text)
    .addColumn('created_at', type.instant, (c) => c.notNull().defaultTo(now))
    .addColumn('read_at', type.instant)
    // Set where a notification must exist once (a reminder): `<kind>:<entity id>`.
    .addColumn('dedupe_key', type.text)
    .execute();
  // A member's list, newest first, in one organization.
  await db.schema
    .createIndex('notifications_member_idx')
    .on('notifications')
    .columns(['user_id', 'organization_id', 'created_at', 'id'])
    .execute();
  // Several nulls never collide, on SQLite and PostgreSQL alike.
  await db.schema
    .createIndex('notifications_dedupe_key')
    .on('notifications')
    .columns(['user_id', 'dedupe_key'])
    .unique()
    .execute();

  await db.schema
    .createTable('notification_preferences')
    .addColumn('organization_id', type.id, (c) =>
      c.notNull().references('organizations.id').onDelete('cascade'),
    )
    .addColumn('user_id', type.id, (c) => c.notNull().references('users.id').onDelete('cascade'))
    // `{ kinds: { <kind>: { inApp, email } }, digest }`
    .addColumn('preferences', type.json, (c) => c.notNull())
    .addColumn('updated_at', type.instant, (c) => c.notNull().defaultTo(now))
    .addPrimaryKeyConstraint('notification_preferences_pk', ['organization_id', 'user_id'])
    .execute();

  // What was sent once and must not be sent again (a reminder of a stay, a member's digest of a
  // day), whoever it reached and however (a member who takes it by email only has no row above):
  // the first transaction to insert the key sends, any other finds it taken.
  await db.schema
    .createTable('notification_sends')
    .addColumn('key', type.text, (c) => c.primaryKey())
    .addColumn('organization_id', type.id, (c) =>
      c.notNull().references('organizations.id').onDelete('cascade'),
    )
    .addColumn('created_at', type.instant, (c) => c.notNull().defaultTo(now))
    .execute();
  await db.schema
    .createIndex('notification_sends_created_idx')
    .on('notification_sends')
    .column('created_at')
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up().
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('notification_sends').execute();
  await db.schema.dropTable('notification_preferences').execute();
  await db.schema.dropTable('notifications').execute();
}
