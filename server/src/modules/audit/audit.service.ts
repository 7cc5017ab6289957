import type { Static } from 'typebox';
import { type Db, inTransaction, type Tx } from '../../db/database.ts';
import { newId } from '../../db/ids.ts';
import { badRequest } from '../../http/errors.ts';
import { fieldError } from '../../http/field-errors.ts';
import { decodeCursor, page } from '../../http/pagination.ts';
import type { Member } from '../../kernel/access.ts';
import { csvCell } from '../../kernel/csv.ts';
import { startOfDay } from '../../kernel/dates.ts';
import { findOrganization } from '../organizations/organizations.repository.ts';
import {
  type AuditFilters,
  type AuditRow,
  insertAuditNote,
  purgeAuditEntries,
  retentionPolicies,
  rewriteRecordedRows,
  searchAuditEntries,
  staysOfGuest,
} from './audit.repository.ts';
import type { AuditExportQuery, AuditQuery } from './audit.schemas.ts';

const EXPORT_PAGE = 1000;
const EXPORT_COLUMNS = [
  'at',
  'actor_id',
  'actor_name',
  'entity_type',
  'entity_id',
  'action',
  'before',
  'after',
  'request_id',
  'id',
];
/** What an erased guest's recorded rows keep of their personal data: nothing. */
const GUEST_PERSONAL_FIELDS = ['name', 'email', 'phone', 'nationality', 'notes'];

const camelCase = (key: string) => key.replace(/_([a-z0-9])/g, (_, letter: string) => letter.toUpperCase());

/** A recorded row with the API's field names; entries that hold the API's view already are as they were. */
function fieldsOf(entry: AuditRow, side: Record<string, unknown> | null) {
  if (side === null || entry.shape === 'view') return side;
  return Object.fromEntries(Object.entries(side).map(([key, value]) => [camelCase(key), value]));
}

export function auditEntryView(entry: AuditRow) {
  return {
    id: entry.id,
    at: entry.at,
    actorId: entry.actorId,
    actorName: entry.actorName,
    entityType: entry.entity,
    entityId: entry.entityId,
    action: entry.action,
    before: fieldsOf(entry, entry.before),
    after: fieldsOf(entry, entry.after),
    requestId: entry.requestId,
  };
}

/**
 * The audit log for admins: search, export, and the retention an
 * organization chose. The entries themselves are written by the database
 * (db/audit-capture.ts); nothing here changes one, except the erasure of a
 * guest's personal data, which the right to erasure requires.
 */
export class AuditService {
  readonly #db: Db;
  readonly #now: () => Date;

  constructor(options: { db: Db; now: () => Date }) {
    this.#db = options.db;
    this.#now = options.now;
  }

  async search(member: Member, query: Static<typeof AuditQuery>) {
    const filters = await this.#filters(member, query);
    const cursor = decodeCursor(query.cursor, ['integer']);
    const rows = await searchAuditEntries(
      this.#db,
      member.organizationId,
      { ...filters, beforeSeq: cursor ? Number(cursor[0]) : undefined },
      query.limit + 1,
    );
    const { items, nextCursor } = page(rows, query.limit, (row) => [String(row.seq)]);
    return { items: items.map(auditEntryView), nextCursor };
  }

  /** The matching entries as CSV (UTF-8 with a byte order mark), newest first, read a page at a time. */
  async export(member: Member, query: Static<typeof AuditExportQuery>): Promise<AsyncIterable<string>> {
    const filters = await this.#filters(member, query);
    const line = (cells: string[]) => `${cells.map((cell) => csvCell(cell, ',')).join(',')}\r\n`;
    const json = (value: unknown) => (value === null ? '' : JSON.stringify(value));
    const db = this.#db;
    const organizationId = member.organizationId;
    return (async function* () {
      yield `\uFEFF${line(EXPORT_COLUMNS)}`;
      let beforeSeq: number | undefined;
      for (;;) {
        const rows = await searchAuditEntries(db, organizationId, { ...filters, beforeSeq }, EXPORT_PAGE);
        if (rows.length === 0) return;
        yield rows
          .map(auditEntryView)
          .map((entry) =>
            line([
              entry.at,
              entry.actorId ?? '',
              entry.actorName ?? '',
              entry.entityType,
              entry.entityId,
              entry.action,
              json(entry.before),
              json(entry.after),
              entry.requestId ?? '',
              entry.id,
            ]),
          )
          .join('');
        beforeSeq = rows.at(-1)?.seq;
      }
    })();
  }

  /**
   * Removes the entries older than each organization's retention, and
   * records the purge itself in the log: how many, and up to when.
   */
  async purgeExpired(): Promise<void> {
    const now = this.#now();
    for (const policy of await retentionPolicies(this.#db)) {
      const before = new Date(now.getTime() - policy.days * 86_400_000).toISOString();
      await inTransaction(this.#db, async (tx) => {
        const purged = await purgeAuditEntries(tx, policy.id, before);
        if (purged === 0) return;
        await insertAuditNote(tx, {
          id: newId(),
          organizationId: policy.id,
          entity: 'audit_log',
          entityId: policy.id,
          action: 'delete',
          actorId: null,
          at: now.toISOString(),
          after: { purgedEntries: purged, olderThan: before, retentionDays: policy.days },
        });
      });
    }
  }

  /** What the log recorded of an erased guest, and of the name their stays repeated, goes with them. */
  async eraseGuest(tx: Tx, organizationId: string, guestId: string, placeholder: string): Promise<void> {
    await rewriteRecordedRows(tx, organizationId, 'guest', [guestId], (row) =>
      Object.fromEntries(
        Object.entries(row).map(([key, value]) => [
          key,
          GUEST_PERSONAL_FIELDS.includes(key) || ['guestName', 'guestEmail', 'guestPhone'].includes(key)
            ? key === 'name' || key === 'guestName'
              ? placeholder
              : null
            : value,
        ]),
      ),
    );
    const stays = await staysOfGuest(tx, organizationId, guestId);
    await rewriteRecordedRows(tx, organizationId, 'reservation', stays, (row) => ({
      ...row,
      ...('guest_name' in row ? { guest_name: placeholder } : {}),
      ...('guestName' in row ? { guestName: placeholder } : {}),
      ...('guestEmail' in row ? { guestEmail: null } : {}),
      ...('guestPhone' in row ? { guestPhone: null } : {}),
    }));
  }

  async #filters(member: Member, query: Static<typeof AuditExportQuery>): Promise<AuditFilters> {
    if (query.from && query.to && query.to <= query.from) {
      throw badRequest('The request is not valid.', [
        fieldError('querystring.to', 'before-start', { field: 'from' }),
      ]);
    }
    const organization = await findOrganization(this.#db, member.organizationId);
    const zone = organization?.timezone ?? 'UTC';
    return {
      entity: query.entityType,
      entityId: query.entityId,
      actorId: query.actorId,
      action: query.action,
      from: query.from ? startOfDay(query.from, zone) : undefined,
      to: query.to ? startOfDay(query.to, zone) : undefined,
    };
  }
}
