import { type Kysely, sql } from 'kysely';
import { columnTypes, isPostgres, nowDefault, oneOf } from '../migration-kit.ts';

const BLOCK_KINDS_BEFORE = ['maintenance', 'owner', 'other'];
const BLOCK_KINDS_AFTER = [...BLOCK_KINDS_BEFORE, 'channel'];
const CHANNEL_SOURCES = ['airbnb', 'booking', 'vrbo', 'other'];

/**
 * Channel sync: the iCal feeds a house imports, the log of every sync, what
 * each feed event became (a stay, a block, or a conflict), and the secret
 * export feeds. Blocks gain the kind `channel` (dates a channel closed).
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen and typed against no schema.
export async function up(db: Kysely<any>): Promise<void> {
  await inOneTransaction(db, createChannels);
}

// biome-ignore lint/suspicious/noExplicitAny: see up().
export async function down(db: Kysely<any>): Promise<void> {
  await inOneTransaction(db, dropChannels);
}

/**
 * The migrator runs a PostgreSQL migration in a transaction, but not a
 * SQLite one; this one rebuilds a table (a crash half-way would lose nights
 * held by blocks), so on SQLite it opens its own.
 */
// biome-ignore lint/suspicious/noExplicitAny: see up().
async function inOneTransaction(db: Kysely<any>, work: (db: Kysely<any>) => Promise<void>): Promise<void> {
  if (isPostgres(db)) await work(db);
  else await db.transaction().execute(work);
}

// biome-ignore lint/suspicious/noExplicitAny: see up().
async function createChannels(db: Kysely<any>): Promise<void> {
  const type = columnTypes(db);
  const now = nowDefault(db);
  await replaceBlockKinds(db, BLOCK_KINDS_AFTER);

  await db.schema
    .createTable('channel_feeds')
    .addColumn('id', type.id, (c) => c.primaryKey())
    .addColumn('organization_id', type.id, (c) =>
      c.notNull().references('organizations.id').onDelete('cascade'),
    )
    .addColumn('house_id', type.id, (c) => c.notNull().references('houses.id').onDelete('cascade'))
    .addColumn('name', type.text, (c) => c.notNull())
    .addColumn('source', type.text, (c) => c.notNull().check(oneOf('source', CHANNEL_SOURCES)))
    .addColumn('url', type.text, (c) => c.notNull())
    .addColumn('status', type.text, (c) => c.notNull().check(oneOf('status', ['pending', 'ok', 'error'])))
    .addColumn('last_error', type.text)
    .addColumn('last_error_code', type.text)
    .addColumn('last_sync_at', type.instant)
    .addColumn('last_success_at', type.instant)
    .addColumn('next_sync_at', type.instant, (c) => c.notNull())
    // Held by the one process syncing the feed, so two never apply it at once.
    .addColumn('sync_lease_until', type.instant)
    .addColumn('version', type.integer, (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', type.instant, (c) => c.notNull().defaultTo(now))
    .addColumn('updated_at', type.instant, (c) => c.notNull().defaultTo(now))
    .execute();
  await db.schema.createIndex('channel_feeds_house_idx').on('channel_feeds').column('house_id').execute();
  await db.schema.createIndex('channel_feeds_due_idx').on('channel_feeds').column('next_sync_at').execute();

  await db.schema
    .createTable('channel_syncs')
    .addColumn('id', type.id, (c) => c.primaryKey())
    .addColumn('feed_id', type.id, (c) => c.notNull().references('channel_feeds.id').onDelete('cascade'))
    .addColumn('started_at', type.instant, (c) => c.notNull())
    .addColumn('duration_ms', type.integer, (c) => c.notNull())
    .addColumn('status', type.text, (c) => c.notNull().check(oneOf('status', ['ok', 'error'])))
    .addColumn('http_status', type.integer)
    .addColumn('events', type.integer, (c) => c.notNull())
    .addColumn('created', type.integer, (c) => c.notNull())
    .addColumn('updated', type.integer, (c) => c.notNull())
    .addColumn('cancelled', type.integer, (c) => c.notNull())
    .addColumn('conflicts', type.integer, (c) => c.notNull())
    .addColumn('error', type.text)
    .addColumn('error_code', type.text)
    .execute();
  await db.schema
    .createIndex('channel_syncs_feed_idx')
    .on('channel_syncs')
    .columns(['feed_id', 'started_at'])
    .execute();

  // One row per event a feed holds: the stay or block it became, or the
  // conflict that kept it out (the other side named). Its dates are the feed's.
  await db.schema
    .createTable('channel_events')
    .addColumn('feed_id', type.id, (c) => c.notNull().references('channel_feeds.id').onDelete('cascade'))
    .addColumn('uid', type.text, (c) => c.notNull())
    .addColumn('organization_id', type.id, (c) =>
      c.notNull().references('organizations.id').onDelete('cascade'),
    )
    .addColumn('house_id', type.id, (c) => c.notNull().references('houses.id').onDelete('cascade'))
    .addColumn('kind', type.text, (c) => c.notNull().check(oneOf('kind', ['stay', 'block'])))
    .addColumn('start_date', type.date, (c) => c.notNull())
    .addColumn('end_date', type.date, (c) => c.notNull())
    .addColumn('guest_name', type.text)
    .addColumn('reservation_id', type.id, (c) => c.references('reservations.id').onDelete('set null'))
    .addColumn('block_id', type.id, (c) => c.references('blocks.id').onDelete('set null'))
    // The other side of a conflict; not foreign keys: a side deleted is a conflict resolved.
    .addColumn('conflict_reservation_id', type.id)
    .addColumn('conflict_block_id', type.id)
    .addColumn('conflict_since', type.instant)
    // Closed dates that were only this house's own export coming back (see the sync): nothing to import.
    .addColumn('echo', type.boolean, (c) => c.notNull().defaultTo(false))
    .addColumn('created_at', type.instant, (c) => c.notNull().defaultTo(now))
    .addColumn('updated_at', type.instant, (c) => c.notNull().defaultTo(now))
    .addPrimaryKeyConstraint('channel_events_pk', ['feed_id', 'uid'])
    .execute();
  await db.schema
    .createIndex('channel_events_conflicts_idx')
    .on('channel_events')
    .columns(['organization_id', 'conflict_since'])
    .execute();
  await db.schema
    .createIndex('channel_events_reservation_idx')
    .on('channel_events')
    .column('reservation_id')
    .execute();
  await db.schema.createIndex('channel_events_block_idx').on('channel_events').column('block_id').execute();

  // The secret URL a house's calendar is exported at, one per channel it is given to.
  await db.schema
    .createTable('ical_exports')
    .addColumn('house_id', type.id, (c) => c.notNull().references('houses.id').onDelete('cascade'))
    .addColumn('channel', type.text, (c) => c.notNull().check(oneOf('channel', CHANNEL_SOURCES)))
    .addColumn('organization_id', type.id, (c) =>
      c.notNull().references('organizations.id').onDelete('cascade'),
    )
    .addColumn('token', type.text, (c) => c.notNull().unique())
    .addColumn('created_at', type.instant, (c) => c.notNull().defaultTo(now))
    .addPrimaryKeyConstraint('ical_exports_pk', ['house_id', 'channel'])
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up().
async function dropChannels(db: Kysely<any>): Promise<void> {
  for (const table of ['ical_exports', 'channel_events', 'channel_syncs', 'channel_feeds']) {
    await db.schema.dropTable(table).execute();
  }
  await db.deleteFrom('blocks').where('kind', '=', 'channel').execute();
  await replaceBlockKinds(db, BLOCK_KINDS_BEFORE);
}

/**
 * Changes the kinds a block may have. PostgreSQL swaps the CHECK constraint.
 * SQLite cannot alter a constraint: the table is rebuilt, inside the
 * transaction up() opened. Dropping the old table deletes (by cascade) the
 * nights its blocks hold, so those are kept aside and put back.
 */
// biome-ignore lint/suspicious/noExplicitAny: see up().
async function replaceBlockKinds(db: Kysely<any>, kinds: string[]): Promise<void> {
  if (isPostgres(db)) {
    await sql`alter table blocks drop constraint blocks_kind_check`.execute(db);
    await sql`alter table blocks add constraint blocks_kind_check check (${oneOf('kind', kinds)})`.execute(
      db,
    );
    return;
  }
  const type = columnTypes(db);
  const now = nowDefault(db);
  await db.schema
    .createTable('blocks_rebuilt')
    .addColumn('id', type.id, (c) => c.primaryKey())
    .addColumn('organization_id', type.id, (c) =>
      c.notNull().references('organizations.id').onDelete('cascade'),
    )
    .addColumn('house_id', type.id, (c) => c.notNull().references('houses.id'))
    .addColumn('start_date', type.date, (c) => c.notNull())
    .addColumn('end_date', type.date, (c) => c.notNull())
    .addColumn('kind', type.text, (c) => c.notNull().check(oneOf('kind', kinds)))
    .addColumn('note', type.text)
    .addColumn('version', type.integer, (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', type.instant, (c) => c.notNull().defaultTo(now))
    .addColumn('updated_at', type.instant, (c) => c.notNull().defaultTo(now))
    .addCheckConstraint('blocks_dates_check', sql`end_date > start_date`)
    .execute();
  const columns = [
    'id',
    'organization_id',
    'house_id',
    'start_date',
    'end_date',
    'kind',
    'note',
    'version',
    'created_at',
    'updated_at',
  ];
  await db
    .insertInto('blocks_rebuilt')
    .columns(columns)
    .expression((eb) => eb.selectFrom('blocks').select(columns))
    .execute();
  await sql`create temporary table block_nights_kept as
    select house_id, night, block_id from occupied_nights where block_id is not null`.execute(db);
  await db.schema.dropTable('blocks').execute();
  await db.schema.alterTable('blocks_rebuilt').renameTo('blocks').execute();
  await db.schema
    .createIndex('blocks_house_dates_idx')
    .on('blocks')
    .columns(['house_id', 'start_date'])
    .execute();
  await sql`insert into occupied_nights (house_id, night, block_id)
    select house_id, night, block_id from block_nights_kept`.execute(db);
  await sql`drop table block_nights_kept`.execute(db);
}
