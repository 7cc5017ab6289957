import type { AuditRow } from './audit.repository.ts';

/**
 * An entity's history as its module serves it: each entry's before and after
 * through the module's view of a row, then `redact` (what the member may not
 * see), or nothing when `view` is null (a role that sees when and who, not
 * what). Entries written before the database recorded rows already hold the view.
 */
export function historyItems<Row>(
  entries: readonly AuditRow[],
  view: ((row: Row) => Record<string, unknown>) | null,
  redact: (shown: Record<string, unknown>) => Record<string, unknown> = (shown) => shown,
) {
  const shown = (entry: AuditRow, side: Record<string, unknown> | null) => {
    if (view === null || side === null) return null;
    return redact(entry.shape === 'view' ? side : view(side as Row));
  };
  return entries.map((entry) => ({
    id: entry.id,
    action: entry.action,
    at: entry.at,
    actorId: entry.actorId,
    actorName: entry.actorName,
    before: shown(entry, entry.before),
    after: shown(entry, entry.after),
  }));
}
