import type { Insertable, Selectable, SelectQueryBuilder, Updateable } from 'kysely';
import type { DbOrTx, Tx } from '../../db/database.ts';
import type {
  MaintenanceIssuesTable,
  MaintenancePriority,
  MaintenanceStatus,
  MaintenanceTypesTable,
  Tables,
} from '../../db/tables.ts';
import { DEFAULT_MAINTENANCE_TYPES } from './defaults.ts';

export type IssueRow = Selectable<MaintenanceIssuesTable>;
export type TypeRow = Selectable<MaintenanceTypesTable>;
/** A work order with the names and dates it shows: who reported it, who does it, its block's dates. */
export type IssueView = IssueRow & {
  reporter_name: string | null;
  assignee_member_name: string | null;
  block_start: string | null;
  block_end: string | null;
};

/** Statuses of work still to do. */
export const OPEN_STATUSES: readonly MaintenanceStatus[] = ['open', 'in_progress', 'on_hold'];

// --- types ----------------------------------------------------------------------------

export async function insertDefaultTypes(tx: Tx, organizationId: string): Promise<void> {
  await tx
    .insertInto('maintenance_types')
    .values(
      DEFAULT_MAINTENANCE_TYPES.map((type, position) => ({
        organization_id: organizationId,
        code: type.code,
        label_en: type.labelEn,
        label_fr: type.labelFr,
        position,
      })),
    )
    .execute();
}

export function listTypes(db: DbOrTx, organizationId: string) {
  return db
    .selectFrom('maintenance_types')
    .selectAll()
    .where('organization_id', '=', organizationId)
    .orderBy('position')
    .orderBy('code')
    .execute();
}

export function findType(db: DbOrTx, organizationId: string, code: string) {
  return db
    .selectFrom('maintenance_types')
    .selectAll()
    .where('organization_id', '=', organizationId)
    .where('code', '=', code)
    .executeTakeFirst();
}

export async function insertType(db: DbOrTx, type: Insertable<MaintenanceTypesTable>): Promise<void> {
  await db.insertInto('maintenance_types').values(type).execute();
}

export async function nextTypePosition(db: DbOrTx, organizationId: string): Promise<number> {
  const row = await db
    .selectFrom('maintenance_types')
    .select((eb) => eb.fn.max<number | null>('position').as('last'))
    .where('organization_id', '=', organizationId)
    .executeTakeFirst();
  return (row?.last ?? -1) + 1;
}

export async function updateType(
  db: DbOrTx,
  organizationId: string,
  code: string,
  changes: Pick<Updateable<MaintenanceTypesTable>, 'label_en' | 'label_fr' | 'active' | 'position'>,
): Promise<boolean> {
  const result = await db
    .updateTable('maintenance_types')
    .set(changes)
    .where('organization_id', '=', organizationId)
    .where('code', '=', code)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

// --- work orders ----------------------------------------------------------------------

/** The work orders `chosen` picks (already filtered, ordered and limited), with the names and dates they show. */
function withNames(db: DbOrTx, chosen: SelectQueryBuilder<Tables, 'maintenance_issues', IssueRow>) {
  // Joined after the page is chosen: joining first would look up every matching row's names before the limit.
  return db
    .selectFrom(chosen.as('issue'))
    .leftJoin('users as reporter', 'reporter.id', 'issue.reported_by')
    .leftJoin('users as assignee', 'assignee.id', 'issue.assignee_user_id')
    .leftJoin('blocks', 'blocks.id', 'issue.block_id')
    .selectAll('issue')
    .select([
      'reporter.name as reporter_name',
      'assignee.name as assignee_member_name',
      'blocks.start_date as block_start',
      'blocks.end_date as block_end',
    ]);
}

export function listIssues(
  db: DbOrTx,
  organizationId: string,
  filters: {
    houseIds?: string[];
    houseId?: string;
    statuses?: readonly MaintenanceStatus[];
    type?: string;
    priorities?: readonly MaintenancePriority[];
    assigneeUserId?: string;
    /** The id of the last work order of the previous page: newest first, so the next are older. */
    before?: string;
    limit: number;
  },
): Promise<IssueView[]> {
  const chosen = db
    .selectFrom('maintenance_issues')
    .selectAll()
    .where('organization_id', '=', organizationId)
    .$if(filters.houseIds !== undefined, (q) =>
      q.where('house_id', 'in', filters.houseIds?.length ? filters.houseIds : ['']),
    )
    .$if(filters.houseId !== undefined, (q) => q.where('house_id', '=', filters.houseId ?? ''))
    .$if(Boolean(filters.statuses?.length), (q) => q.where('status', 'in', filters.statuses ?? []))
    .$if(filters.type !== undefined, (q) => q.where('type', '=', filters.type ?? ''))
    .$if(Boolean(filters.priorities?.length), (q) => q.where('priority', 'in', filters.priorities ?? []))
    .$if(filters.assigneeUserId !== undefined, (q) =>
      q.where('assignee_user_id', '=', filters.assigneeUserId ?? ''),
    )
    .$if(filters.before !== undefined, (q) => q.where('id', '<', filters.before ?? ''))
    .orderBy('id', 'desc')
    .limit(filters.limit);
  return withNames(db, chosen).orderBy('issue.id', 'desc').execute();
}

export function findIssueView(
  db: DbOrTx,
  organizationId: string,
  issueId: string,
): Promise<IssueView | undefined> {
  const chosen = db
    .selectFrom('maintenance_issues')
    .selectAll()
    .where('organization_id', '=', organizationId)
    .where('id', '=', issueId);
  return withNames(db, chosen).executeTakeFirst();
}

export function findIssue(db: DbOrTx, organizationId: string, issueId: string) {
  return db
    .selectFrom('maintenance_issues')
    .selectAll()
    .where('organization_id', '=', organizationId)
    .where('id', '=', issueId)
    .executeTakeFirst();
}

export async function insertIssue(tx: Tx, issue: Insertable<MaintenanceIssuesTable>): Promise<void> {
  await tx.insertInto('maintenance_issues').values(issue).execute();
}

export async function updateIssue(
  tx: Tx,
  key: { organizationId: string; id: string; version: number },
  changes: Omit<Updateable<MaintenanceIssuesTable>, 'id' | 'organization_id' | 'house_id' | 'version'>,
): Promise<boolean> {
  const result = await tx
    .updateTable('maintenance_issues')
    .set((eb) => ({ ...changes, version: eb('version', '+', 1) }))
    .where('organization_id', '=', key.organizationId)
    .where('id', '=', key.id)
    .where('version', '=', key.version)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export async function deleteIssue(tx: Tx, organizationId: string, issueId: string): Promise<void> {
  await tx
    .deleteFrom('maintenance_issues')
    .where('organization_id', '=', organizationId)
    .where('id', '=', issueId)
    .execute();
}

/** Work still to do of the given priorities on the given houses: what the day's operations warn about. */
export function openIssuesOn(
  db: DbOrTx,
  organizationId: string,
  houseIds: string[],
  priorities: readonly MaintenancePriority[],
) {
  if (houseIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('maintenance_issues')
    .select(['id', 'house_id', 'type', 'title', 'priority', 'status', 'due_date', 'reported_at'])
    .where('organization_id', '=', organizationId)
    .where('house_id', 'in', houseIds)
    .where('status', 'in', OPEN_STATUSES)
    .where('priority', 'in', priorities)
    .orderBy('id')
    .execute();
}
