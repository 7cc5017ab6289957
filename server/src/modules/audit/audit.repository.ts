import { sql } from 'kysely';
import type { DbOrTx, Tx } from '../../db/database.ts';

/**
 * The audit log: who changed what, when, with the before and after. The
 * database writes it (db/audit-capture.ts: a trigger per audited table, in
 * the transaction of the change); this module reads it, and is the only one
 * to write it otherwise: the record of a purge, and the erasure of a guest's
 * personal data from what was recorded of them.
 */

/** An entry as read: `before` and `after` are the entity's row (`shape: 'row'`), or the API's view for entries written before the database recorded them (`'view'`). */
export interface AuditRow {
  seq: number;
  id: string;
  entity: string;
  entityId: string;
  action: string;
  at: string;
  actorId: string | null;
  actorName: string | null;
  requestId: string | null;
  shape: 'row' | 'view';
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

// PostgreSQL writes an instant into JSON with the session's offset and without trailing zeros.
const POSTGRES_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?[+-]\d{2}:\d{2}$/;

/** A recorded row with its instants as the application writes them (ISO 8601, UTC, milliseconds), on every database. */
function normalized(value: unknown): Record<string, unknown> | null {
  const row = typeof value === 'string' ? JSON.parse(value) : value;
  if (row === null || typeof row !== 'object') return null;
  return Object.fromEntries(
    Object.entries(row as Record<string, unknown>).map(([key, field]) => [
      key,
      typeof field === 'string' && POSTGRES_INSTANT.test(field) ? new Date(field).toISOString() : field,
    ]),
  );
}

function selectEntries(db: DbOrTx) {
  return db
    .selectFrom('audit_log')
    .leftJoin('users', 'users.id', 'audit_log.actor_id')
    .select([
      'audit_log.seq as seq',
      'audit_log.id as id',
      'audit_log.entity as entity',
      'audit_log.entity_id as entityId',
      'audit_log.action as action',
      'audit_log.at as at',
      'audit_log.actor_id as actorId',
      'users.name as actorName',
      'audit_log.request_id as requestId',
      'audit_log.shape as shape',
      'audit_log.before as before',
      'audit_log.after as after',
    ]);
}

type SelectedEntry = Omit<AuditRow, 'before' | 'after' | 'shape'> & {
  shape: string;
  before: unknown;
  after: unknown;
};

const toRow = (entry: SelectedEntry): AuditRow => ({
  ...entry,
  seq: Number(entry.seq),
  shape: entry.shape === 'view' ? 'view' : 'row',
  before: normalized(entry.before),
  after: normalized(entry.after),
});

/** One entity's history, oldest first. */
export async function listAuditEntries(
  db: DbOrTx,
  organizationId: string,
  entity: string,
  entityId: string,
): Promise<AuditRow[]> {
  const rows = await selectEntries(db)
    .where('audit_log.organization_id', '=', organizationId)
    .where('audit_log.entity', '=', entity)
    .where('audit_log.entity_id', '=', entityId)
    .orderBy('audit_log.seq')
    .execute();
  return rows.map(toRow);
}

export interface AuditFilters {
  entity?: string;
  entityId?: string;
  actorId?: string;
  action?: string;
  /** Instants, `to` exclusive. */
  from?: string;
  to?: string;
  /** Only entries before this one (a page's cursor): newest first. */
  beforeSeq?: number;
}

/** An organization's entries matching the filters, newest first. */
export async function searchAuditEntries(
  db: DbOrTx,
  organizationId: string,
  filters: AuditFilters,
  limit: number,
): Promise<AuditRow[]> {
  const rows = await selectEntries(db)
    .where('audit_log.organization_id', '=', organizationId)
    .$if(filters.entity !== undefined, (query) =>
      query.where('audit_log.entity', '=', filters.entity as string),
    )
    .$if(filters.entityId !== undefined, (query) =>
      query.where('audit_log.entity_id', '=', filters.entityId as string),
    )
    .$if(filters.actorId !== undefined, (query) =>
      query.where('audit_log.actor_id', '=', filters.actorId as string),
    )
    .$if(filters.action !== undefined, (query) =>
      query.where('audit_log.action', '=', filters.action as string),
    )
    .$if(filters.from !== undefined, (query) => query.where('audit_log.at', '>=', filters.from as string))
    .$if(filters.to !== undefined, (query) => query.where('audit_log.at', '<', filters.to as string))
    .$if(filters.beforeSeq !== undefined, (query) =>
      query.where('audit_log.seq', '<', filters.beforeSeq as number),
    )
    .orderBy('audit_log.seq', 'desc')
    .limit(limit)
    .execute();
  return rows.map(toRow);
}

/** The organizations that keep their log for a limited time, and how long. */
export function retentionPolicies(db: DbOrTx) {
  return db
    .selectFrom('organizations')
    .select(['id', 'audit_retention_days as days'])
    .where('audit_retention_days', 'is not', null)
    .execute() as Promise<{ id: string; days: number }[]>;
}

/** Removes an organization's entries older than `before`; how many went. */
export async function purgeAuditEntries(tx: Tx, organizationId: string, before: string): Promise<number> {
  const result = await tx
    .deleteFrom('audit_log')
    .where('organization_id', '=', organizationId)
    .where('at', '<', before)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** The record of something the log itself went through (a purge, an erasure), written by this module. */
export async function insertAuditNote(
  tx: Tx,
  entry: {
    id: string;
    organizationId: string;
    entity: string;
    entityId: string;
    action: string;
    actorId: string | null;
    at: string;
    after: Record<string, unknown>;
  },
): Promise<void> {
  await tx
    .insertInto('audit_log')
    .values({
      id: entry.id,
      organization_id: entry.organizationId,
      entity: entry.entity,
      entity_id: entry.entityId,
      action: entry.action,
      actor_id: entry.actorId,
      at: entry.at,
      before: null,
      after: JSON.stringify(entry.after),
      shape: 'row',
    })
    .execute();
}

/**
 * Rewrites the recorded rows of some entities with `erase` applied to each
 * side: what was recorded of an erased guest goes with the guest.
 */
export async function rewriteRecordedRows(
  tx: Tx,
  organizationId: string,
  entity: string,
  entityIds: readonly string[],
  erase: (row: Record<string, unknown>) => Record<string, unknown>,
): Promise<void> {
  if (entityIds.length === 0) return;
  const entries = await tx
    .selectFrom('audit_log')
    .select(['id', 'before', 'after'])
    .where('organization_id', '=', organizationId)
    .where('entity', '=', entity)
    .where('entity_id', 'in', entityIds)
    .execute();
  for (const entry of entries) {
    const before = normalized(entry.before);
    const after = normalized(entry.after);
    await tx
      .updateTable('audit_log')
      .set({
        before: before ? JSON.stringify(erase(before)) : null,
        after: after ? JSON.stringify(erase(after)) : null,
      })
      .where('id', '=', entry.id)
      .execute();
  }
}

/** The ids of a guest's stays, whose recorded rows repeat the guest's name. */
export async function staysOfGuest(db: DbOrTx, organizationId: string, guestId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('reservations')
    .select('id')
    .where('organization_id', '=', organizationId)
    .where('guest_id', '=', guestId)
    .execute();
  return rows.map((row) => row.id);
}

/** Count of entries, for the tests of the purge. */
export async function countAuditEntries(db: DbOrTx, organizationId: string): Promise<number> {
  const row = await db
    .selectFrom('audit_log')
    .select(sql<number>`count(*)`.as('count'))
    .where('organization_id', '=', organizationId)
    .executeTakeFirstOrThrow();
  return Number(row.count);
}
