import type { Kysely } from 'kysely';
import { columnTypes, nowDefault, oneOf } from '../migration-kit.ts';

/**
 * Files attached to a work order, a ledger entry or a house: what the user
 * sent, described (the name they gave is only text), and where its bytes are
 * kept. The bytes themselves are on disk under generated names, or in
 * `attachment_contents` when instances share a database and no disk.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen and typed against no schema.
export async function up(db: Kysely<any>): Promise<void> {
  const type = columnTypes(db);
  const now = nowDefault(db);
  await db.schema
    .createTable('attachments')
    .addColumn('id', type.id, (c) => c.primaryKey())
    .addColumn('organization_id', type.id, (c) =>
      c.notNull().references('organizations.id').onDelete('cascade'),
    )
    // What the file is attached to; not a foreign key, since owners live in several tables.
    .addColumn('owner_type', type.text, (c) =>
      c.notNull().check(oneOf('owner_type', ['maintenance_issue', 'ledger_entry', 'house'])),
    )
    .addColumn('owner_id', type.id, (c) => c.notNull())
    .addColumn('kind', type.text, (c) =>
      c.notNull().check(oneOf('kind', ['photo', 'invoice', 'receipt', 'document'])),
    )
    .addColumn('file_name', type.text, (c) => c.notNull())
    .addColumn('content_type', type.text, (c) => c.notNull())
    .addColumn('size', type.integer, (c) => c.notNull())
    .addColumn('width', type.integer)
    .addColumn('height', type.integer)
    .addColumn('storage', type.text, (c) => c.notNull().check(oneOf('storage', ['disk', 'database'])))
    .addColumn('content_key', type.text, (c) => c.notNull().unique())
    .addColumn('thumbnail_key', type.text, (c) => c.unique())
    .addColumn('created_by', type.id, (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', type.instant, (c) => c.notNull().defaultTo(now))
    .execute();
  await db.schema
    .createIndex('attachments_owner_idx')
    .on('attachments')
    .columns(['owner_type', 'owner_id', 'created_at'])
    .execute();

  await db.schema
    .createTable('attachment_contents')
    .addColumn('key', type.text, (c) => c.primaryKey())
    .addColumn('bytes', type.bytes, (c) => c.notNull())
    .addColumn('created_at', type.instant, (c) => c.notNull().defaultTo(now))
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up().
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('attachment_contents').execute();
  await db.schema.dropTable('attachments').execute();
}
