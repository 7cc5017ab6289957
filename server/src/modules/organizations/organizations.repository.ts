import type { Updateable } from 'kysely';
import type { DbOrTx, Tx } from '../../db/database.ts';
import type { OrganizationsTable, ReservationSource, Role } from '../../db/tables.ts';
import {
  DEFAULT_NOTIFICATION_PREFERENCES,
  NOTIFICATION_KINDS,
  type NotificationPreferences,
} from '../../kernel/notification-kinds.ts';

export function findOrganization(db: DbOrTx, id: string) {
  return db
    .selectFrom('organizations')
    .select(['id', 'name', 'currency', 'timezone', 'locale'])
    .where('id', '=', id)
    .executeTakeFirst();
}

// --- settings ---------------------------------------------------------------------

const SETTINGS_COLUMNS = [
  'id',
  'name',
  'currency',
  'timezone',
  'locale',
  'check_in_time',
  'check_out_time',
  'tourist_tax_mode',
  'tourist_tax_rate_cents',
  'tourist_tax_percent_basis_points',
  'tourist_tax_cap_cents',
  'tourist_tax_platform_sources',
  'notification_defaults',
  'audit_retention_days',
  'version',
  'updated_at',
] as const;

/** Every setting of an organization, as stored (the notification defaults completed: see below). */
export async function findOrganizationSettings(db: DbOrTx, id: string, options: { lock?: boolean } = {}) {
  const row = await db
    .selectFrom('organizations')
    .select(SETTINGS_COLUMNS)
    .where('id', '=', id)
    .$if(options.lock === true, (query) => query.forUpdate())
    .executeTakeFirst();
  return row && { ...row, notification_defaults: completePreferences(row.notification_defaults) };
}

export type OrganizationSettingsRow = NonNullable<Awaited<ReturnType<typeof findOrganizationSettings>>>;

/**
 * Stored preferences with every kind there is today: a kind added after they
 * were stored, or left out (or a stored value of another shape), reads as in
 * `defaults`: a member's as the organization's, the organization's as Staykeep's.
 */
export function completePreferences(
  stored: unknown,
  defaults: NotificationPreferences = DEFAULT_NOTIFICATION_PREFERENCES,
): NotificationPreferences {
  const value = (typeof stored === 'object' && stored !== null ? stored : {}) as Partial<{
    kinds: Record<string, Partial<{ inApp: unknown; email: unknown }>>;
    digest: unknown;
  }>;
  const kinds = value.kinds ?? {};
  return {
    kinds: Object.fromEntries(
      NOTIFICATION_KINDS.map((kind) => {
        const fallback = defaults.kinds[kind];
        const choice = kinds[kind] ?? {};
        return [
          kind,
          {
            inApp: typeof choice.inApp === 'boolean' ? choice.inApp : fallback.inApp,
            email: typeof choice.email === 'boolean' ? choice.email : fallback.email,
          },
        ];
      }),
    ) as NotificationPreferences['kinds'],
    digest: typeof value.digest === 'boolean' ? value.digest : defaults.digest,
  };
}

/** The preferences a new member of the organization starts from (the notifications module reads them). */
export async function findNotificationDefaults(
  db: DbOrTx,
  organizationId: string,
): Promise<NotificationPreferences> {
  const row = await db
    .selectFrom('organizations')
    .select('notification_defaults')
    .where('id', '=', organizationId)
    .executeTakeFirst();
  return completePreferences(row?.notification_defaults);
}

/**
 * The organization's tourist tax for houses without a rule of their own, in
 * the shape of a house's rule (`tourist_tax_rules`); undefined without one.
 * The finance module falls back to it.
 */
export async function findTouristTaxDefault(db: DbOrTx, organizationId: string) {
  const row = await db
    .selectFrom('organizations')
    .select([
      'tourist_tax_mode',
      'tourist_tax_rate_cents',
      'tourist_tax_percent_basis_points',
      'tourist_tax_cap_cents',
      'tourist_tax_platform_sources',
      'updated_at',
    ])
    .where('id', '=', organizationId)
    .executeTakeFirst();
  if (!row?.tourist_tax_mode) return undefined;
  return {
    mode: row.tourist_tax_mode,
    rate_cents: row.tourist_tax_rate_cents,
    percent_basis_points: row.tourist_tax_percent_basis_points,
    cap_cents: row.tourist_tax_cap_cents,
    platform_sources: row.tourist_tax_platform_sources as ReservationSource[],
    updated_at: row.updated_at,
  };
}

/** Writes settings and moves the version, only from `expectedVersion`: false when it is at another. */
export async function updateOrganizationSettings(
  tx: Tx,
  organizationId: string,
  changes: Omit<Updateable<OrganizationsTable>, 'id' | 'version' | 'created_at'>,
  expectedVersion: number,
): Promise<boolean> {
  const result = await tx
    .updateTable('organizations')
    .set((eb) => ({ ...changes, version: eb('version', '+', 1) }))
    .where('id', '=', organizationId)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/**
 * Whether the organization has recorded an amount in its currency: a ledger
 * entry, or a stay with a price or money paid. Read here (the tables are the
 * finance and reservations modules', which sit above this one) because
 * changing the currency would relabel those amounts without converting them.
 */
export async function hasMoneyRecorded(db: DbOrTx, organizationId: string): Promise<boolean> {
  const entry = await db
    .selectFrom('ledger_entries')
    .select('id')
    .where('organization_id', '=', organizationId)
    .limit(1)
    .executeTakeFirst();
  if (entry) return true;
  const stay = await db
    .selectFrom('reservations')
    .select('id')
    .where('organization_id', '=', organizationId)
    .where((eb) => eb.or([eb('total_cents', '>', 0), eb('advance_cents', '>', 0)]))
    .limit(1)
    .executeTakeFirst();
  return stay !== undefined;
}

// --- members ----------------------------------------------------------------------

export interface MemberRow {
  userId: string;
  email: string;
  name: string;
  role: Role;
  joinedAt: string;
}

/** Members of one organization with their account details. */
function membersOf(db: DbOrTx, organizationId: string) {
  return db
    .selectFrom('memberships')
    .innerJoin('users', 'users.id', 'memberships.user_id')
    .select([
      'users.id as userId',
      'users.email as email',
      'users.name as name',
      'memberships.role as role',
      'memberships.created_at as joinedAt',
    ])
    .where('memberships.organization_id', '=', organizationId);
}

/** A page of the organization's members by name, after the (name, id) of the previous page's last. */
export function listMembers(
  db: DbOrTx,
  organizationId: string,
  options: { after?: [string, string]; limit: number },
): Promise<MemberRow[]> {
  return membersOf(db, organizationId)
    .$if(options.after !== undefined, (query) =>
      query.where((eb) =>
        eb(eb.refTuple('users.name', 'users.id'), '>', eb.tuple(...(options.after as [string, string]))),
      ),
    )
    .orderBy('users.name')
    .orderBy('users.id')
    .limit(options.limit)
    .execute();
}

export function findMember(
  db: DbOrTx,
  organizationId: string,
  userId: string,
): Promise<MemberRow | undefined> {
  return membersOf(db, organizationId).where('memberships.user_id', '=', userId).executeTakeFirst();
}

// --- houses assigned to owners ------------------------------------------------------

/** The houses assigned to the organization's owners (or to the given members), in one query. */
export async function houseAssignments(
  db: DbOrTx,
  organizationId: string,
  userIds?: string[],
): Promise<Map<string, string[]>> {
  const rows = await db
    .selectFrom('membership_houses')
    .select(['user_id', 'house_id'])
    .where('organization_id', '=', organizationId)
    .$if(userIds !== undefined, (query) => query.where('user_id', 'in', userIds?.length ? userIds : ['']))
    .orderBy('house_id')
    .execute();
  const byUser = new Map<string, string[]>();
  for (const row of rows) byUser.set(row.user_id, [...(byUser.get(row.user_id) ?? []), row.house_id]);
  return byUser;
}

export async function replaceHouseAssignments(
  tx: Tx,
  organizationId: string,
  userId: string,
  houseIds: string[],
): Promise<void> {
  await tx
    .deleteFrom('membership_houses')
    .where('organization_id', '=', organizationId)
    .where('user_id', '=', userId)
    .execute();
  if (houseIds.length === 0) return;
  await tx
    .insertInto('membership_houses')
    .values(
      houseIds.map((houseId) => ({ organization_id: organizationId, user_id: userId, house_id: houseId })),
    )
    .execute();
}

export async function insertOrganizationWithAdmin(
  tx: Tx,
  organization: { id: string; name: string; locale: string; adminUserId: string; now: string },
): Promise<void> {
  await tx
    .insertInto('organizations')
    .values({
      id: organization.id,
      name: organization.name,
      locale: organization.locale,
      created_at: organization.now,
      updated_at: organization.now,
    })
    .execute();
  await tx
    .insertInto('memberships')
    .values({
      organization_id: organization.id,
      user_id: organization.adminUserId,
      role: 'admin',
      created_at: organization.now,
      updated_at: organization.now,
    })
    .execute();
}

export async function insertMembership(
  tx: Tx,
  membership: { organizationId: string; userId: string; role: Role; now: string },
): Promise<void> {
  await tx
    .insertInto('memberships')
    .values({
      organization_id: membership.organizationId,
      user_id: membership.userId,
      role: membership.role,
      created_at: membership.now,
      updated_at: membership.now,
    })
    .execute();
}

export async function updateMemberRole(
  tx: Tx,
  organizationId: string,
  userId: string,
  role: Role,
  now: string,
): Promise<void> {
  await tx
    .updateTable('memberships')
    .set({ role, updated_at: now })
    .where('organization_id', '=', organizationId)
    .where('user_id', '=', userId)
    .execute();
}

export async function deleteMembership(tx: Tx, organizationId: string, userId: string): Promise<void> {
  await tx
    .deleteFrom('memberships')
    .where('organization_id', '=', organizationId)
    .where('user_id', '=', userId)
    .execute();
}

/**
 * The admins of an organization, read with a write lock on PostgreSQL so two
 * concurrent demotions cannot both see "another admin remains" (on SQLite the
 * transaction already holds the database's write lock).
 */
export async function lockAdmins(tx: Tx, organizationId: string, postgres: boolean): Promise<string[]> {
  const rows = await tx
    .selectFrom('memberships')
    .select('user_id')
    .where('organization_id', '=', organizationId)
    .where('role', '=', 'admin')
    .$if(postgres, (query) => query.forUpdate())
    .execute();
  return rows.map((row) => row.user_id);
}

export async function insertStatusChange(
  db: DbOrTx,
  change: {
    id: string;
    userId: string;
    organizationId: string | null;
    changedBy: string | null;
    field: 'active' | 'verified' | 'role' | 'instance_admin' | 'houses';
    oldValue: string | null;
    newValue: string | null;
    now: string;
  },
): Promise<void> {
  await db
    .insertInto('user_status_history')
    .values({
      id: change.id,
      user_id: change.userId,
      organization_id: change.organizationId,
      changed_by: change.changedBy,
      field: change.field,
      old_value: change.oldValue,
      new_value: change.newValue,
      changed_at: change.now,
    })
    .execute();
}

// --- invitations ------------------------------------------------------------------

export interface InvitationRow {
  id: string;
  organization_id: string;
  email: string;
  role: Role;
  expires_at: string;
  accepted_at: string | null;
  revoked_at: string | null;
  created_at: string;
}

const INVITATION_COLUMNS = [
  'id',
  'organization_id',
  'email',
  'role',
  'expires_at',
  'accepted_at',
  'revoked_at',
  'created_at',
] as const;

export async function insertInvitation(
  tx: Tx,
  invitation: {
    id: string;
    organizationId: string;
    email: string;
    role: Role;
    tokenHash: string;
    invitedBy: string;
    expiresAt: string;
    now: string;
  },
): Promise<void> {
  await tx
    .insertInto('invitations')
    .values({
      id: invitation.id,
      organization_id: invitation.organizationId,
      email: invitation.email,
      role: invitation.role,
      token_hash: invitation.tokenHash,
      invited_by: invitation.invitedBy,
      expires_at: invitation.expiresAt,
      created_at: invitation.now,
    })
    .execute();
}

/** Pending invitations of an organization: not accepted, not revoked, not expired. */
export function listPendingInvitations(
  db: DbOrTx,
  organizationId: string,
  now: string,
): Promise<InvitationRow[]> {
  return db
    .selectFrom('invitations')
    .select(INVITATION_COLUMNS)
    .where('organization_id', '=', organizationId)
    .where('accepted_at', 'is', null)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', now)
    .orderBy('created_at', 'desc')
    .execute();
}

export function findInvitation(
  db: DbOrTx,
  organizationId: string,
  id: string,
): Promise<InvitationRow | undefined> {
  return db
    .selectFrom('invitations')
    .select(INVITATION_COLUMNS)
    .where('organization_id', '=', organizationId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export function findInvitationByTokenHash(db: DbOrTx, tokenHash: string) {
  return db
    .selectFrom('invitations')
    .innerJoin('organizations', 'organizations.id', 'invitations.organization_id')
    .select([
      'invitations.id as id',
      'invitations.organization_id as organizationId',
      'organizations.name as organizationName',
      'invitations.email as email',
      'invitations.role as role',
      'invitations.expires_at as expiresAt',
      'invitations.accepted_at as acceptedAt',
      'invitations.revoked_at as revokedAt',
    ])
    .where('invitations.token_hash', '=', tokenHash)
    .executeTakeFirst();
}

/** Revokes the pending invitations of one email, when a new one replaces them. */
export async function revokePendingInvitations(tx: Tx, organizationId: string, email: string, now: string) {
  await tx
    .updateTable('invitations')
    .set({ revoked_at: now })
    .where('organization_id', '=', organizationId)
    .where('email', '=', email)
    .where('accepted_at', 'is', null)
    .where('revoked_at', 'is', null)
    .execute();
}

export async function revokeInvitation(tx: Tx, id: string, now: string): Promise<void> {
  await tx.updateTable('invitations').set({ revoked_at: now }).where('id', '=', id).execute();
}

/** Marks an invitation accepted, once: false when it was accepted, revoked or expired meanwhile. */
export async function markInvitationAccepted(
  tx: Tx,
  id: string,
  userId: string,
  now: string,
): Promise<boolean> {
  const result = await tx
    .updateTable('invitations')
    .set({ accepted_at: now, accepted_by: userId })
    .where('id', '=', id)
    .where('accepted_at', 'is', null)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', now)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}
