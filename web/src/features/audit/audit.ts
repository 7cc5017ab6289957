import type { Schemas } from '../../lib/api/client.ts';

export type AuditEntry = Schemas['AuditEntry'];

/**
 * The entity types the log holds, in the order people look for them: the
 * server's `AUDITED_TABLES` (server/src/db/audit-capture.ts), which the web
 * app cannot import; a type missing here is still listed, under its own name.
 */
export const ENTITY_TYPES = [
  'reservation',
  'house',
  'guest',
  'block',
  'maintenance_issue',
  'ledger_entry',
  'payment',
  'checklist_category',
  'checklist_item',
  'turnover_round',
  'checklist_tick',
  'channel',
  'ical_export',
  'attachment',
  'maintenance_type',
  'finance_closing',
  'tourist_tax_rule',
  'stay_tourist_tax',
  'owner_contract',
  'site',
  'member',
  'house_assignment',
  'invitation',
  'organization',
  'audit_log',
] as const;

export const AUDIT_ACTIONS = ['create', 'update', 'delete', 'status'] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export const isAuditAction = (value: string | null): value is AuditAction =>
  value !== null && (AUDIT_ACTIONS as readonly string[]).includes(value);

type Fields = Record<string, unknown>;

/** One field of a change: what it held before and after, and whether that differs. */
export interface FieldChange {
  field: string;
  before: unknown;
  after: unknown;
  changed: boolean;
}

/** Two recorded values are the same when they read the same (an object is compared as its JSON). */
function same(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === undefined || b === undefined) return a === b;
  if (typeof a === 'object' && typeof b === 'object' && a !== null && b !== null)
    return JSON.stringify(a) === JSON.stringify(b);
  return false;
}

/**
 * The fields of a change: for an update (or a status change) only those that
 * differ, unless `every` is asked; for a creation or a deletion, all of them.
 * Fields keep the order the entity records them in; one present on one side
 * only (a column added since) counts as changed.
 */
export function fieldChanges(entry: Pick<AuditEntry, 'before' | 'after'>, every = false): FieldChange[] {
  const before: Fields = entry.before ?? {};
  const after: Fields = entry.after ?? {};
  const fields = [...new Set([...Object.keys(before), ...Object.keys(after)])];
  const oneSided = entry.before === null || entry.after === null;
  return fields
    .map((field) => ({
      field,
      before: before[field],
      after: after[field],
      changed: oneSided || !same(before[field], after[field]),
    }))
    .filter((change) => every || oneSided || change.changed);
}

/** What a recorded value is, so the page can write it for people. */
export type ValueKind =
  | { kind: 'none' }
  | { kind: 'boolean'; value: boolean }
  | { kind: 'money'; cents: number }
  | { kind: 'instant'; value: string }
  | { kind: 'date'; value: string }
  | { kind: 'number'; value: number }
  | { kind: 'text'; value: string };

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Money is integer cents in a field named `…Cents`; instants and days are ISO strings. */
export function valueKind(field: string, value: unknown): ValueKind {
  if (value === null || value === undefined || value === '') return { kind: 'none' };
  if (typeof value === 'boolean') return { kind: 'boolean', value };
  if (typeof value === 'number') {
    if (field.endsWith('Cents') && Number.isInteger(value)) return { kind: 'money', cents: value };
    return { kind: 'number', value };
  }
  if (typeof value === 'string') {
    if (INSTANT.test(value) && !Number.isNaN(Date.parse(value))) return { kind: 'instant', value };
    if (DATE.test(value)) return { kind: 'date', value };
    return { kind: 'text', value };
  }
  return { kind: 'text', value: JSON.stringify(value) };
}

/** Cents as the decimal string the app's money formatter takes, negative amounts included. */
export function centsToAmount(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const absolute = Math.abs(cents);
  return `${sign}${Math.floor(absolute / 100)}.${String(absolute % 100).padStart(2, '0')}`;
}

/** A field of either side of the entry, the latest first. */
export function recorded(entry: Pick<AuditEntry, 'before' | 'after'>, field: string): unknown {
  const value = entry.after?.[field];
  return value === undefined || value === null ? entry.before?.[field] : value;
}

const text = (value: unknown): string | undefined =>
  typeof value === 'string' && value !== '' ? value : undefined;

/**
 * The page of the app that shows the entity, or of the thing it belongs to
 * (a payment: its stay; a channel: its house's channels). None for what has
 * no page, nor for an entity the entry deletes when the page would be its own.
 */
export function entityLink(
  entry: Pick<AuditEntry, 'entityType' | 'entityId' | 'action' | 'before' | 'after'>,
): string | undefined {
  const id = entry.entityId;
  const gone = entry.action === 'delete';
  const houseId = text(recorded(entry, 'houseId'));
  const reservationId = text(recorded(entry, 'reservationId'));
  const ownPage = (path: string) => (gone ? undefined : path);
  switch (entry.entityType) {
    case 'reservation':
      return ownPage(`/reservations/${id}`);
    case 'house':
      return ownPage(`/houses/${id}`);
    case 'maintenance_issue':
      return ownPage(`/maintenance/${id}`);
    case 'ledger_entry':
      return ownPage(`/finance/entries/${id}`);
    case 'payment':
      return reservationId && `/reservations/${reservationId}`;
    case 'stay_tourist_tax':
      return `/reservations/${id}`;
    case 'tourist_tax_rule':
      return `/houses/${id}`;
    case 'owner_contract':
    case 'block':
      return houseId && `/houses/${houseId}`;
    case 'turnover_round':
      return houseId && `/houses/${houseId}/checklist`;
    case 'channel':
      return houseId && `/houses/${houseId}/channels`;
    case 'ical_export': {
      // Its id is the house's and the channel's: `houseId:channel`.
      const house = id.split(':')[0];
      return house ? `/houses/${house}/channels` : undefined;
    }
    case 'checklist_category':
    case 'checklist_item':
      return '/checklist-template';
    case 'guest':
      return '/guests';
    case 'member':
    case 'invitation':
    case 'house_assignment':
      return '/members';
    case 'finance_closing':
      return '/finance/closings';
    case 'organization':
      return '/settings';
    default:
      return undefined;
  }
}

/** A name for the entity from what the entry recorded; undefined when it recorded none. */
export function entityName(entry: Pick<AuditEntry, 'entityType' | 'before' | 'after'>): string | undefined {
  if (entry.entityType === 'reservation') return text(recorded(entry, 'guestName'));
  for (const field of ['name', 'title', 'description', 'fileName', 'label', 'email', 'code', 'month'])
    if (text(recorded(entry, field))) return text(recorded(entry, field));
  return undefined;
}
