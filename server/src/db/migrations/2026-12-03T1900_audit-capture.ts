import { type Kysely, sql } from 'kysely';
import { columnTypes, isPostgres, nowDefault } from '../migration-kit.ts';

/**
 * The audit log is written by the database itself from now on: triggers on
 * every audited table record each change in the transaction that makes it
 * (see db/audit-capture.ts, which installs them after the migrations). The
 * log gains:
 * - `seq`, a number that only grows, for readers that follow the log (the
 *   live event stream) and a stable order within one instant;
 * - `tx`, the writing transaction, so several writes of one entity in one
 *   change make one entry;
 * - `request_id`, the request that made the change;
 * - `shape`: `row` for the entries the triggers write (the table's row, as
 *   stored), `view` for those written by hand before (the API's view).
 * The hand-written actions become the four the contract names.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen and typed against no schema.
export async function up(db: Kysely<any>): Promise<void> {
  if (isPostgres(db)) {
    await sql`alter table audit_log add column seq bigint generated always as identity`.execute(db);
    await sql`alter table audit_log add column tx text`.execute(db);
    await sql`alter table audit_log add column request_id text`.execute(db);
    await sql`alter table audit_log add column shape text not null default 'view'`.execute(db);
    await sql`alter table audit_log alter column shape set default 'row'`.execute(db);
    await sql`alter table audit_log add constraint audit_log_seq_key unique (seq)`.execute(db);
  } else {
    // SQLite cannot add a column that numbers rows: the table is made again, in one transaction.
    await db.transaction().execute((tx) => rebuildOnSqlite(tx));
  }
  await sql`update audit_log set action = case
      when action in ('cancel', 'undo') then 'status'
      when action = 'close' then 'create'
      when action = 'reopen' then 'delete'
      when action = 'anonymize' then 'update'
      else action end
    where action not in ('create', 'update', 'delete', 'status')`.execute(db);
  // What the installed triggers were made from (db/audit-capture.ts): they are made again when it changes.
  await db.schema
    .createTable('audit_capture')
    .addColumn('fingerprint', 'text', (c) => c.notNull())
    .execute();
  // Each change looks up the entry its transaction already made for the entity.
  await db.schema
    .createIndex('audit_log_tx_idx')
    .on('audit_log')
    .columns(['tx', 'entity', 'entity_id'])
    .execute();
  // Admins search an organization's log by date, newest first.
  await db.schema
    .createIndex('audit_log_organization_at_idx')
    .on('audit_log')
    .columns(['organization_id', 'at'])
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up().
async function rebuildOnSqlite(db: Kysely<any>): Promise<void> {
  const type = columnTypes(db);
  await db.schema
    .createTable('audit_log_rebuilt')
    .addColumn('seq', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('id', type.id, (c) => c.notNull().unique())
    .addColumn('organization_id', type.id, (c) =>
      c.notNull().references('organizations.id').onDelete('cascade'),
    )
    .addColumn('entity', type.text, (c) => c.notNull())
    .addColumn('entity_id', type.id, (c) => c.notNull())
    .addColumn('action', type.text, (c) => c.notNull())
    .addColumn('actor_id', type.id, (c) => c.references('users.id').onDelete('set null'))
    .addColumn('at', type.instant, (c) => c.notNull().defaultTo(nowDefault(db)))
    .addColumn('before', type.json)
    .addColumn('after', type.json)
    .addColumn('tx', type.text)
    .addColumn('request_id', type.text)
    .addColumn('shape', type.text, (c) => c.notNull().defaultTo('row'))
    .execute();
  await sql`insert into audit_log_rebuilt
      (id, organization_id, entity, entity_id, action, actor_id, at, before, after, shape)
    select id, organization_id, entity, entity_id, action, actor_id, at, before, after, 'view'
    from audit_log order by at, id`.execute(db);
  await db.schema.dropTable('audit_log').execute();
  await db.schema.alterTable('audit_log_rebuilt').renameTo('audit_log').execute();
  await db.schema
    .createIndex('audit_log_entity_idx')
    .on('audit_log')
    .columns(['entity', 'entity_id', 'at'])
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up().
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('audit_capture').execute();
  await db.schema.dropIndex('audit_log_organization_at_idx').execute();
  await db.schema.dropIndex('audit_log_tx_idx').execute();
  if (isPostgres(db)) {
    for (const column of ['shape', 'request_id', 'tx', 'seq']) {
      await db.schema.alterTable('audit_log').dropColumn(column).execute();
    }
    return;
  }
  await db.transaction().execute(async (tx) => {
    const type = columnTypes(tx);
    await tx.schema
      .createTable('audit_log_before')
      .addColumn('id', type.id, (c) => c.primaryKey())
      .addColumn('organization_id', type.id, (c) =>
        c.notNull().references('organizations.id').onDelete('cascade'),
      )
      .addColumn('entity', type.text, (c) => c.notNull())
      .addColumn('entity_id', type.id, (c) => c.notNull())
      .addColumn('action', type.text, (c) => c.notNull())
      .addColumn('actor_id', type.id, (c) => c.references('users.id').onDelete('set null'))
      .addColumn('at', type.instant, (c) => c.notNull().defaultTo(nowDefault(tx)))
      .addColumn('before', type.json)
      .addColumn('after', type.json)
      .execute();
    await sql`insert into audit_log_before
        (id, organization_id, entity, entity_id, action, actor_id, at, before, after)
      select id, organization_id, entity, entity_id, action, actor_id, at, before, after
      from audit_log order by seq`.execute(tx);
    await tx.schema.dropTable('audit_log').execute();
    await tx.schema.alterTable('audit_log_before').renameTo('audit_log').execute();
    await tx.schema
      .createIndex('audit_log_entity_idx')
      .on('audit_log')
      .columns(['entity', 'entity_id', 'at'])
      .execute();
  });
}
