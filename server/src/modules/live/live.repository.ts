import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';

/**
 * What the live stream reads: new rows of the audit log (written by the
 * database's triggers, modules/audit) and of the notifications (written by the
 * notifications module), by their `seq`. This module writes no table.
 */

export interface ChangeRow {
  seq: number;
  organizationId: string;
  entityType: string;
  entityId: string;
  action: string;
}

export interface NotificationRow {
  seq: number;
  organizationId: string;
  userId: string;
  id: string;
  kind: string;
  title: string;
  body: string;
  entityType: string | null;
  entityId: string | null;
  url: string | null;
  createdAt: string;
  readAt: string | null;
}

/**
 * The PostgreSQL snapshot the rows were read in: `xmin` (every transaction
 * below it has finished) and the newest transaction still running, if any.
 */
export interface SnapshotInfo {
  xmin: bigint;
  newestRunning: bigint | null;
}

export interface Batch {
  changes: ChangeRow[];
  notifications: NotificationRow[];
  /** PostgreSQL only: null on SQLite, where `seq` is commit order. */
  snapshot: SnapshotInfo | null;
}

const changeColumns = sql`seq, organization_id as "organizationId", entity as "entityType",
  entity_id as "entityId", action`;
const notificationColumns = sql`seq, organization_id as "organizationId", user_id as "userId", id, kind,
  title, body, entity_type as "entityType", entity_id as "entityId", url, created_at as "createdAt",
  read_at as "readAt"`;

/**
 * The rows after both cursors, oldest first, at most `limit` of each. On
 * PostgreSQL one statement reads both tables and the snapshot it saw them in
 * (every part of a statement shares its snapshot), so the caller can tell a
 * hole in `seq` left by a transaction still running from one that never fills.
 */
export async function rowsAfter(
  db: Db,
  postgres: boolean,
  after: { changes: number; notifications: number },
  limit: number,
): Promise<Batch> {
  if (!postgres) {
    const changes = await sql<ChangeRow>`select ${changeColumns} from audit_log
      where seq > ${after.changes} order by seq limit ${limit}`.execute(db);
    const notifications = await sql<NotificationRow>`select ${notificationColumns} from notifications
      where seq > ${after.notifications} order by seq limit ${limit}`.execute(db);
    return { changes: changes.rows, notifications: notifications.rows.map(normalized), snapshot: null };
  }
  const { rows } = await sql<{ snapshot: string; changes: ChangeRow[]; notifications: NotificationRow[] }>`
    select pg_current_snapshot()::text as snapshot,
      (select coalesce(json_agg(c order by c.seq), '[]'::json) from (
        select ${changeColumns} from audit_log where seq > ${after.changes} order by seq limit ${limit}
      ) c) as changes,
      (select coalesce(json_agg(n order by n.seq), '[]'::json) from (
        select ${notificationColumns} from notifications where seq > ${after.notifications}
        order by seq limit ${limit}
      ) n) as notifications`.execute(db);
  const row = rows[0];
  if (!row) throw new Error('the poll read no row');
  return {
    changes: row.changes.map((change) => ({ ...change, seq: Number(change.seq) })),
    notifications: row.notifications.map(normalized),
    snapshot: parseSnapshot(row.snapshot),
  };
}

/** Instants read through JSON come as PostgreSQL writes them; the API speaks ISO 8601 UTC. */
function normalized(row: NotificationRow): NotificationRow {
  return {
    ...row,
    seq: Number(row.seq),
    createdAt: new Date(row.createdAt).toISOString(),
    readAt: row.readAt === null ? null : new Date(row.readAt).toISOString(),
  };
}

/** `xmin:xmax:xip,…` (pg_snapshot's text form). */
export function parseSnapshot(text: string): SnapshotInfo {
  const [xmin = '0', , running = ''] = text.split(':');
  const xips = running === '' ? [] : running.split(',').map((xid) => BigInt(xid));
  return {
    xmin: BigInt(xmin),
    newestRunning: xips.length === 0 ? null : xips.reduce((a, b) => (a > b ? a : b)),
  };
}

/** The newest `seq` of each table, 0 when empty: where a stream that starts now begins. */
export async function newestSeqs(db: Db): Promise<{ changes: number; notifications: number }> {
  const { rows } = await sql<{ changes: number | null; notifications: number | null }>`select
    (select max(seq) from audit_log) as changes,
    (select max(seq) from notifications) as notifications`.execute(db);
  return { changes: Number(rows[0]?.changes ?? 0), notifications: Number(rows[0]?.notifications ?? 0) };
}

/** The oldest `seq` still kept in each table (null when empty): an id below it asks for purged rows. */
export async function oldestSeqs(db: Db): Promise<{ changes: number | null; notifications: number | null }> {
  const { rows } = await sql<{ changes: number | null; notifications: number | null }>`select
    (select min(seq) from audit_log) as changes,
    (select min(seq) from notifications) as notifications`.execute(db);
  const value = (seq: number | null | undefined) => (seq === null || seq === undefined ? null : Number(seq));
  return { changes: value(rows[0]?.changes), notifications: value(rows[0]?.notifications) };
}

/** An organization's changes in (after, upTo], oldest first: a reconnecting stream's replay. */
export async function changesBetween(
  db: Db,
  organizationId: string,
  after: number,
  upTo: number,
  limit: number,
): Promise<ChangeRow[]> {
  const { rows } = await sql<ChangeRow>`select ${changeColumns} from audit_log
    where seq > ${after} and seq <= ${upTo} and organization_id = ${organizationId}
    order by seq limit ${limit}`.execute(db);
  return rows.map((row) => ({ ...row, seq: Number(row.seq) }));
}

/** A member's notifications of one organization in (after, upTo], oldest first. */
export async function notificationsBetween(
  db: Db,
  member: { userId: string; organizationId: string },
  after: number,
  upTo: number,
  limit: number,
): Promise<NotificationRow[]> {
  const { rows } = await sql<NotificationRow>`select ${notificationColumns} from notifications
    where seq > ${after} and seq <= ${upTo} and user_id = ${member.userId}
      and organization_id = ${member.organizationId}
    order by seq limit ${limit}`.execute(db);
  return rows.map(normalized);
}
