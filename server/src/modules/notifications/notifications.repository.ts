import { sql } from 'kysely';
import type { DbOrTx, Tx } from '../../db/database.ts';
import type { Role } from '../../db/tables.ts';

export interface NotificationRow {
  id: string;
  kind: string;
  title: string;
  body: string;
  entity_type: string | null;
  entity_id: string | null;
  url: string | null;
  created_at: string;
  read_at: string | null;
}

const NOTIFICATION_COLUMNS = [
  'id',
  'kind',
  'title',
  'body',
  'entity_type',
  'entity_id',
  'url',
  'created_at',
  'read_at',
] as const;

// --- notifications ----------------------------------------------------------------------

/** Adds a member's notification; one whose dedupe key the member already has is left out (false). */
export async function insertNotification(
  tx: Tx,
  row: {
    id: string;
    organizationId: string;
    userId: string;
    kind: string;
    title: string;
    body: string;
    entityType: string | null;
    entityId: string | null;
    url: string | null;
    dedupeKey: string | null;
    now: string;
  },
): Promise<boolean> {
  const result = await tx
    .insertInto('notifications')
    .values({
      id: row.id,
      organization_id: row.organizationId,
      user_id: row.userId,
      kind: row.kind,
      title: row.title,
      body: row.body,
      entity_type: row.entityType,
      entity_id: row.entityId,
      url: row.url,
      dedupe_key: row.dedupeKey,
      created_at: row.now,
    })
    .onConflict((oc) => oc.columns(['user_id', 'dedupe_key']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0n) > 0;
}

/** A member's notifications in one organization, newest first, after the cursor's (createdAt, id). */
export function listNotifications(
  db: DbOrTx,
  filter: {
    organizationId: string;
    userId: string;
    unread: boolean;
    after?: [string, string];
    limit: number;
  },
): Promise<NotificationRow[]> {
  const after = filter.after;
  return db
    .selectFrom('notifications')
    .select(NOTIFICATION_COLUMNS)
    .where('user_id', '=', filter.userId)
    .where('organization_id', '=', filter.organizationId)
    .$if(filter.unread, (query) => query.where('read_at', 'is', null))
    .$if(after !== undefined, (query) =>
      query.where((eb) =>
        eb.or([
          eb('created_at', '<', after?.[0] ?? ''),
          eb.and([eb('created_at', '=', after?.[0] ?? ''), eb('id', '<', after?.[1] ?? '')]),
        ]),
      ),
    )
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(filter.limit + 1)
    .execute();
}

export async function countUnread(db: DbOrTx, organizationId: string, userId: string): Promise<number> {
  const row = await db
    .selectFrom('notifications')
    .select((eb) => eb.fn.countAll<number | string>().as('count'))
    .where('user_id', '=', userId)
    .where('organization_id', '=', organizationId)
    .where('read_at', 'is', null)
    .executeTakeFirst();
  return Number(row?.count ?? 0);
}

/** Marks the member's own notifications read (those given, or all); another's ids match nothing. */
export async function markRead(
  db: DbOrTx,
  key: { organizationId: string; userId: string },
  which: { ids: string[] } | { all: true },
  now: string,
): Promise<void> {
  if ('ids' in which && which.ids.length === 0) return;
  await db
    .updateTable('notifications')
    .set({ read_at: now })
    .where('user_id', '=', key.userId)
    .where('organization_id', '=', key.organizationId)
    .where('read_at', 'is', null)
    .$if('ids' in which, (query) => query.where('id', 'in', 'ids' in which ? which.ids : []))
    .execute();
}

/** An erased guest's name leaves the organization's notifications: `placeholder` takes its place. */
export async function replaceNameInNotifications(
  tx: Tx,
  organizationId: string,
  formerName: string,
  placeholder: string,
): Promise<void> {
  await tx
    .updateTable('notifications')
    .set({
      title: sql<string>`replace(title, ${formerName}, ${placeholder})`,
      body: sql<string>`replace(body, ${formerName}, ${placeholder})`,
    })
    .where('organization_id', '=', organizationId)
    .where((eb) => eb.or([eb('title', 'like', `%${formerName}%`), eb('body', 'like', `%${formerName}%`)]))
    .execute();
}

/** Read notifications older than the limit go; unread ones are kept however old. */
export async function deleteReadBefore(db: DbOrTx, before: string): Promise<void> {
  await db
    .deleteFrom('notifications')
    .where('read_at', 'is not', null)
    .where('created_at', '<', before)
    .execute();
}

// --- once-only sends ---------------------------------------------------------------------

/**
 * Takes the key of something to send once (a reminder, a digest): true for
 * the first transaction to take it. On PostgreSQL a second transaction
 * inserting the same key waits for the first to end, then finds it taken.
 */
export async function claimSend(tx: Tx, key: string, organizationId: string, now: string): Promise<boolean> {
  const result = await tx
    .insertInto('notification_sends')
    .values({ key, organization_id: organizationId, created_at: now })
    .onConflict((oc) => oc.column('key').doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0n) > 0;
}

export async function sendTaken(db: DbOrTx, key: string): Promise<boolean> {
  const row = await db
    .selectFrom('notification_sends')
    .select('key')
    .where('key', '=', key)
    .executeTakeFirst();
  return row !== undefined;
}

export async function deleteSendsBefore(db: DbOrTx, before: string): Promise<void> {
  await db.deleteFrom('notification_sends').where('created_at', '<', before).execute();
}

// --- preferences -------------------------------------------------------------------------

export async function findPreferences(
  db: DbOrTx,
  organizationId: string,
  userIds: string[],
): Promise<Map<string, unknown>> {
  if (userIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('notification_preferences')
    .select(['user_id', 'preferences'])
    .where('organization_id', '=', organizationId)
    .where('user_id', 'in', userIds)
    .execute();
  return new Map(rows.map((row) => [row.user_id, row.preferences]));
}

export async function savePreferences(
  db: DbOrTx,
  key: { organizationId: string; userId: string },
  preferences: unknown,
  now: string,
): Promise<void> {
  const value = JSON.stringify(preferences);
  await db
    .insertInto('notification_preferences')
    .values({ organization_id: key.organizationId, user_id: key.userId, preferences: value, updated_at: now })
    .onConflict((oc) =>
      oc.columns(['organization_id', 'user_id']).doUpdateSet({ preferences: value, updated_at: now }),
    )
    .execute();
}

// --- who receives ------------------------------------------------------------------------

export interface RecipientRow {
  userId: string;
  role: Role;
  name: string;
  email: string;
  locale: string;
  /** Their own choices, if they made any. */
  preferences: unknown;
  /** The organization's defaults for members who chose nothing. */
  defaults: unknown;
}

/**
 * The organization's active members, with what is needed to write to them and
 * what they chose to receive: one query, as it runs in the transaction of
 * every stay a channel imports.
 */
export function activeMembers(db: DbOrTx, organizationId: string): Promise<RecipientRow[]> {
  return db
    .selectFrom('memberships')
    .innerJoin('users', 'users.id', 'memberships.user_id')
    .innerJoin('organizations', 'organizations.id', 'memberships.organization_id')
    .leftJoin('notification_preferences', (join) =>
      join
        .onRef('notification_preferences.organization_id', '=', 'memberships.organization_id')
        .onRef('notification_preferences.user_id', '=', 'memberships.user_id'),
    )
    .select([
      'users.id as userId',
      'memberships.role as role',
      'users.name as name',
      'users.email as email',
      'users.locale as locale',
      'notification_preferences.preferences as preferences',
      'organizations.notification_defaults as defaults',
    ])
    .where('memberships.organization_id', '=', organizationId)
    .where('users.active', '=', true)
    .orderBy('users.id')
    .execute();
}

/** The owners assigned a house: the only owners who hear of it. */
export async function ownersOfHouse(
  db: DbOrTx,
  organizationId: string,
  houseId: string,
): Promise<Set<string>> {
  const rows = await db
    .selectFrom('membership_houses')
    .select('user_id')
    .where('organization_id', '=', organizationId)
    .where('house_id', '=', houseId)
    .execute();
  return new Set(rows.map((row) => row.user_id));
}

export async function userName(db: DbOrTx, userId: string): Promise<string | null> {
  const row = await db.selectFrom('users').select('name').where('id', '=', userId).executeTakeFirst();
  return row?.name ?? null;
}

export function organizationOf(db: DbOrTx, organizationId: string) {
  return db
    .selectFrom('organizations')
    .select(['id', 'name', 'currency', 'timezone', 'locale'])
    .where('id', '=', organizationId)
    .executeTakeFirst();
}

export function allOrganizations(db: DbOrTx) {
  return db.selectFrom('organizations').select(['id', 'timezone']).execute();
}

// --- what a notification is about --------------------------------------------------------

export function houseFacts(db: DbOrTx, organizationId: string, houseId: string) {
  return db
    .selectFrom('houses')
    .select(['id', 'code', 'name', 'timezone', 'check_in_time'])
    .where('organization_id', '=', organizationId)
    .where('id', '=', houseId)
    .executeTakeFirst();
}

export function stayFacts(db: DbOrTx, organizationId: string, reservationId: string) {
  return db
    .selectFrom('reservations')
    .innerJoin('houses', 'houses.id', 'reservations.house_id')
    .select([
      'reservations.id',
      'reservations.house_id',
      'houses.code as house_code',
      'houses.name as house_name',
      'reservations.guest_name',
      'reservations.check_in',
      'reservations.check_out',
      'reservations.status',
      'reservations.source',
    ])
    .where('reservations.organization_id', '=', organizationId)
    .where('reservations.id', '=', reservationId)
    .executeTakeFirst();
}

export function issueFacts(db: DbOrTx, organizationId: string, issueId: string) {
  return db
    .selectFrom('maintenance_issues')
    .innerJoin('houses', 'houses.id', 'maintenance_issues.house_id')
    .select([
      'maintenance_issues.id',
      'maintenance_issues.house_id',
      'houses.code as house_code',
      'houses.name as house_name',
      'maintenance_issues.title',
      'maintenance_issues.type',
      'maintenance_issues.priority',
      'maintenance_issues.status',
      'maintenance_issues.reported_by',
      'maintenance_issues.assignee_user_id',
    ])
    .where('maintenance_issues.organization_id', '=', organizationId)
    .where('maintenance_issues.id', '=', issueId)
    .executeTakeFirst();
}

/**
 * Stays arriving between two dates (inclusive) in every organization, with
 * their house's arrival time and time zone: what the reminders weigh. The
 * dates are wide of the mark on purpose; the service compares each house's
 * own wall clock.
 */
export function arrivalsBetween(db: DbOrTx, from: string, to: string) {
  return db
    .selectFrom('reservations')
    .innerJoin('houses', 'houses.id', 'reservations.house_id')
    .select([
      'reservations.id',
      'reservations.organization_id',
      'reservations.house_id',
      'houses.code as house_code',
      'houses.name as house_name',
      'houses.timezone',
      'houses.check_in_time',
      'reservations.guest_name',
      'reservations.check_in',
      'reservations.check_out',
      'reservations.status',
      'reservations.total_cents',
      'reservations.advance_cents',
    ])
    .where('reservations.check_in', '>=', from)
    .where('reservations.check_in', '<=', to)
    .where('reservations.status', 'in', ['pending', 'confirmed', 'checked_in'])
    .orderBy('reservations.check_in')
    .orderBy('reservations.id')
    .execute();
}

/** The organization's houses by id: codes and names for the digest's lines. */
export async function housesOf(db: DbOrTx, organizationId: string) {
  const rows = await db
    .selectFrom('houses')
    .select(['id', 'code', 'name'])
    .where('organization_id', '=', organizationId)
    .execute();
  return new Map(rows.map((row) => [row.id, row]));
}

/** Urgent work orders not yet resolved or cancelled, oldest first. */
export function urgentOpenIssues(db: DbOrTx, organizationId: string) {
  return db
    .selectFrom('maintenance_issues')
    .select(['id', 'house_id', 'title'])
    .where('organization_id', '=', organizationId)
    .where('priority', '=', 'urgent')
    .where('status', 'in', ['open', 'in_progress', 'on_hold'])
    .orderBy('reported_at')
    .orderBy('id')
    .execute();
}
