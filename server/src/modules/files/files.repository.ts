import type { Insertable, Selectable } from 'kysely';
import type { DbOrTx, Tx } from '../../db/database.ts';
import type { AttachmentOwnerType, AttachmentsTable } from '../../db/tables.ts';

export type AttachmentRow = Selectable<AttachmentsTable>;

/** Where an attachment's bytes are, and under which keys: what removing it must reach. */
export type StoredKeys = Pick<AttachmentRow, 'storage' | 'content_key' | 'thumbnail_key'>;

// --- attachments ----------------------------------------------------------------------

export async function insertAttachment(tx: Tx, row: Insertable<AttachmentsTable>): Promise<void> {
  await tx.insertInto('attachments').values(row).execute();
}

export function findAttachment(db: DbOrTx, organizationId: string, attachmentId: string) {
  return db
    .selectFrom('attachments')
    .selectAll()
    .where('organization_id', '=', organizationId)
    .where('id', '=', attachmentId)
    .executeTakeFirst();
}

/** The files of one owner, oldest first. */
export function listAttachments(
  db: DbOrTx,
  organizationId: string,
  ownerType: AttachmentOwnerType,
  ownerId: string,
) {
  return db
    .selectFrom('attachments')
    .selectAll()
    .where('owner_type', '=', ownerType)
    .where('owner_id', '=', ownerId)
    .where('organization_id', '=', organizationId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

/** Deletes one attachment row; false when it was already gone. */
export async function deleteAttachment(
  tx: Tx,
  organizationId: string,
  attachmentId: string,
): Promise<boolean> {
  const result = await tx
    .deleteFrom('attachments')
    .where('organization_id', '=', organizationId)
    .where('id', '=', attachmentId)
    .executeTakeFirst();
  return result.numDeletedRows > 0n;
}

/** Deletes the attachment rows of one owner and answers where their bytes were. */
export async function deleteAttachmentsOf(
  tx: Tx,
  organizationId: string,
  ownerType: AttachmentOwnerType,
  ownerId: string,
): Promise<StoredKeys[]> {
  const rows = await tx
    .selectFrom('attachments')
    .select(['id', 'storage', 'content_key', 'thumbnail_key'])
    .where('owner_type', '=', ownerType)
    .where('owner_id', '=', ownerId)
    .where('organization_id', '=', organizationId)
    .execute();
  if (rows.length === 0) return [];
  await tx
    .deleteFrom('attachments')
    .where(
      'id',
      'in',
      rows.map((row) => row.id),
    )
    .execute();
  return rows;
}

/**
 * Deletes the rows of work orders that no longer exist in the organization
 * (a house's work orders go with it, by the database's cascade, without an
 * event of their own) and answers where their bytes were.
 */
export async function deleteAttachmentsOfDeletedIssues(
  tx: Tx,
  organizationId: string,
): Promise<StoredKeys[]> {
  const rows = await tx
    .selectFrom('attachments')
    .select(['id', 'storage', 'content_key', 'thumbnail_key'])
    .where('organization_id', '=', organizationId)
    .where('owner_type', '=', 'maintenance_issue')
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('maintenance_issues')
            .select('maintenance_issues.id')
            .whereRef('maintenance_issues.id', '=', 'attachments.owner_id'),
        ),
      ),
    )
    .execute();
  if (rows.length === 0) return [];
  await tx
    .deleteFrom('attachments')
    .where(
      'id',
      'in',
      rows.map((row) => row.id),
    )
    .execute();
  return rows;
}

// --- bytes kept in the database ---------------------------------------------------------

export async function insertContent(db: DbOrTx, key: string, bytes: Uint8Array, now: string): Promise<void> {
  await db.insertInto('attachment_contents').values({ key, bytes, created_at: now }).execute();
}

export async function findContent(db: DbOrTx, key: string): Promise<Uint8Array | undefined> {
  const row = await db
    .selectFrom('attachment_contents')
    .select('bytes')
    .where('key', '=', key)
    .executeTakeFirst();
  return row?.bytes;
}

export async function deleteContents(db: DbOrTx, keys: readonly string[]): Promise<void> {
  if (keys.length === 0) return;
  await db
    .deleteFrom('attachment_contents')
    .where('key', 'in', [...keys])
    .execute();
}
