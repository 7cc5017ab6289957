import type { DbOrTx, Tx } from '../../db/database.ts';
import type { Role } from '../../db/tables.ts';

export function findOrganization(db: DbOrTx, id: string) {
  return db
    .selectFrom('organizations')
    .select(['id', 'name', 'currency', 'timezone', 'locale'])
    .where('id', '=', id)
    .executeTakeFirst();
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
