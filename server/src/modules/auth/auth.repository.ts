import { type ExpressionBuilder, sql } from 'kysely';
import type { DbOrTx, Tx } from '../../db/database.ts';
import { preparedQuery } from '../../db/prepared.ts';
import type { Role, Tables } from '../../db/tables.ts';

export interface UserRow {
  id: string;
  email: string;
  password_hash: string | null;
  name: string;
  locale: string;
  active: boolean;
  verified: boolean;
  instance_admin: boolean;
  last_login_at: string | null;
  created_at: string;
}

const USER_COLUMNS = [
  'id',
  'email',
  'password_hash',
  'name',
  'locale',
  'active',
  'verified',
  'instance_admin',
  'last_login_at',
  'created_at',
] as const;

export function findUserByEmail(db: DbOrTx, email: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').select(USER_COLUMNS).where('email', '=', email).executeTakeFirst();
}

export function findUserById(db: DbOrTx, id: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').select(USER_COLUMNS).where('id', '=', id).executeTakeFirst();
}

export async function countUsers(db: DbOrTx): Promise<number> {
  const row = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .executeTakeFirstOrThrow();
  return row.count;
}

export async function insertUser(
  tx: Tx,
  user: {
    id: string;
    email: string;
    passwordHash: string | null;
    name: string;
    locale: string;
    instanceAdmin: boolean;
    now: string;
  },
): Promise<void> {
  await tx
    .insertInto('users')
    .values({
      id: user.id,
      email: user.email,
      password_hash: user.passwordHash,
      name: user.name,
      locale: user.locale,
      instance_admin: user.instanceAdmin,
      created_at: user.now,
      updated_at: user.now,
    })
    .execute();
}

export async function updateUserPassword(
  db: DbOrTx,
  userId: string,
  passwordHash: string,
  now: string,
): Promise<void> {
  await db
    .updateTable('users')
    .set({ password_hash: passwordHash, updated_at: now })
    .where('id', '=', userId)
    .execute();
}

export async function recordLogin(db: DbOrTx, userId: string, now: string): Promise<void> {
  await db.updateTable('users').set({ last_login_at: now }).where('id', '=', userId).execute();
}

export interface MembershipRow {
  organizationId: string;
  organizationName: string;
  role: Role;
}

/** The user's memberships, oldest first: the first is the default organization. */
export function listMemberships(db: DbOrTx, userId: string): Promise<MembershipRow[]> {
  return db
    .selectFrom('memberships')
    .innerJoin('organizations', 'organizations.id', 'memberships.organization_id')
    .select([
      'memberships.organization_id as organizationId',
      'organizations.name as organizationName',
      'memberships.role as role',
    ])
    .where('memberships.user_id', '=', userId)
    .orderBy('memberships.created_at')
    .orderBy('memberships.organization_id')
    .execute();
}

/**
 * Everything a request needs to know about its caller, in one query: the
 * account, and its membership in the requested organization or else its
 * first one. The membership is read by subqueries on a read of the user by
 * primary key: SQLite re-prepares a join, an ORDER BY or a `LIMIT ?` on every
 * run once a parameter is bound, and this runs on every request.
 */
export function findCaller(db: DbOrTx, userId: string, organizationId: string | undefined) {
  return organizationId === undefined
    ? callerInFirstOrganization.first(db, { userId })
    : callerInOrganization.first(db, { userId, organizationId });
}

// Every authenticated request reads this: prepared once rather than built each time.
const callerInFirstOrganization = preparedQuery((db, values: { userId: string }) =>
  callerQuery(db, values.userId, undefined),
);
const callerInOrganization = preparedQuery((db, values: { userId: string; organizationId: string }) =>
  callerQuery(db, values.userId, values.organizationId),
);

function callerQuery(db: DbOrTx, userId: string, organizationId: string | undefined) {
  const membership = <C extends 'organization_id' | 'role'>(
    eb: ExpressionBuilder<Tables, 'users'>,
    column: C,
  ) =>
    eb
      .selectFrom('memberships')
      .select(column)
      .whereRef('memberships.user_id', '=', 'users.id')
      .$if(organizationId !== undefined, (q) =>
        q.where('memberships.organization_id', '=', organizationId ?? ''),
      )
      .orderBy('memberships.created_at')
      .orderBy('memberships.organization_id')
      .limit(sql.lit(1))
      .$asScalar();
  return db
    .selectFrom('users')
    .select((eb) => [
      'users.id as id',
      'users.email as email',
      'users.active as active',
      'users.instance_admin as instanceAdmin',
      membership(eb, 'organization_id').as('organizationId'),
      membership(eb, 'role').as('role'),
    ])
    .where('users.id', '=', userId);
}

// --- login attempts -------------------------------------------------------------

export async function insertLoginAttempt(
  db: DbOrTx,
  attempt: {
    id: string;
    email: string | null;
    userId: string | null;
    success: boolean;
    provider: string;
    ip: string;
    userAgent: string | null;
    at: string;
  },
): Promise<void> {
  await db
    .insertInto('login_attempts')
    .values({
      id: attempt.id,
      email: attempt.email,
      user_id: attempt.userId,
      success: attempt.success,
      provider: attempt.provider,
      ip: attempt.ip,
      user_agent: attempt.userAgent,
      attempted_at: attempt.at,
    })
    .execute();
}

export interface FailureWindow {
  count: number;
  oldest: string | null;
}

/** Failed attempts since `since`, for one email from one IP, or from one IP whatever the email. */
export async function recentFailures(
  db: DbOrTx,
  filter: { ip: string; email?: string; since: string },
): Promise<FailureWindow> {
  const row = await db
    .selectFrom('login_attempts')
    .select((eb) => [eb.fn.countAll<number>().as('count'), eb.fn.min<string>('attempted_at').as('oldest')])
    .where('ip', '=', filter.ip)
    .$if(filter.email !== undefined, (query) => query.where('email', '=', filter.email ?? ''))
    .where('success', '=', false)
    .where('attempted_at', '>', filter.since)
    .executeTakeFirstOrThrow();
  return { count: row.count, oldest: row.oldest ?? null };
}

// --- refresh tokens ---------------------------------------------------------------

export interface RefreshTokenRow {
  id: string;
  family_id: string;
  user_id: string;
  organization_id: string | null;
  expires_at: string;
  used_at: string | null;
  replaced_by: string | null;
  revoked_at: string | null;
}

export async function insertRefreshToken(
  db: DbOrTx,
  token: {
    id: string;
    hash: string;
    familyId: string;
    userId: string;
    organizationId: string | null;
    now: string;
    expiresAt: string;
  },
): Promise<void> {
  await db
    .insertInto('refresh_tokens')
    .values({
      id: token.id,
      token_hash: token.hash,
      family_id: token.familyId,
      user_id: token.userId,
      organization_id: token.organizationId,
      created_at: token.now,
      expires_at: token.expiresAt,
    })
    .execute();
}

export function findRefreshToken(db: DbOrTx, hash: string): Promise<RefreshTokenRow | undefined> {
  return db
    .selectFrom('refresh_tokens')
    .select([
      'id',
      'family_id',
      'user_id',
      'organization_id',
      'expires_at',
      'used_at',
      'replaced_by',
      'revoked_at',
    ])
    .where('token_hash', '=', hash)
    .executeTakeFirst();
}

/** Marks a token used by its successor; false when another request used it first. */
export async function markRefreshTokenUsed(
  tx: Tx,
  id: string,
  successorId: string,
  now: string,
): Promise<boolean> {
  const result = await tx
    .updateTable('refresh_tokens')
    .set({ used_at: now, replaced_by: successorId })
    .where('id', '=', id)
    .where('used_at', 'is', null)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export async function revokeRefreshFamily(db: DbOrTx, familyId: string, now: string): Promise<void> {
  await db
    .updateTable('refresh_tokens')
    .set({ revoked_at: now })
    .where('family_id', '=', familyId)
    .where('revoked_at', 'is', null)
    .execute();
}

/** Revokes every refresh token of a user, except one family when given (the current session). */
export async function revokeUserRefreshTokens(
  db: DbOrTx,
  userId: string,
  now: string,
  exceptFamilyId?: string,
): Promise<void> {
  await db
    .updateTable('refresh_tokens')
    .set({ revoked_at: now })
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .$if(exceptFamilyId !== undefined, (query) => query.where('family_id', '!=', exceptFamilyId ?? ''))
    .execute();
}

// --- password reset -----------------------------------------------------------------

export async function insertPasswordReset(
  db: DbOrTx,
  reset: { id: string; userId: string; email: string; hash: string; now: string; expiresAt: string },
): Promise<void> {
  await db
    .insertInto('password_reset_requests')
    .values({
      id: reset.id,
      user_id: reset.userId,
      email: reset.email,
      token_hash: reset.hash,
      requested_at: reset.now,
      expires_at: reset.expiresAt,
    })
    .execute();
}

/** Reset or verification tokens issued to a user since an instant. */
export async function countRecentTokens(
  db: DbOrTx,
  table: 'password_reset_requests' | 'email_verification_tokens',
  userId: string,
  since: string,
): Promise<number> {
  const row = await db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('user_id', '=', userId)
    .where('requested_at', '>', since)
    .executeTakeFirstOrThrow();
  return row.count;
}

/** Uses a reset token once: returns its user when it was unused and unexpired. */
export async function consumePasswordReset(tx: Tx, hash: string, now: string): Promise<string | null> {
  const row = await tx
    .updateTable('password_reset_requests')
    .set({ used_at: now })
    .where('token_hash', '=', hash)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .returning('user_id')
    .executeTakeFirst();
  return row?.user_id ?? null;
}

// --- email verification -------------------------------------------------------------

export async function insertEmailVerification(
  db: DbOrTx,
  verification: { id: string; userId: string; email: string; hash: string; now: string; expiresAt: string },
): Promise<void> {
  await db
    .insertInto('email_verification_tokens')
    .values({
      id: verification.id,
      user_id: verification.userId,
      email: verification.email,
      token_hash: verification.hash,
      requested_at: verification.now,
      expires_at: verification.expiresAt,
    })
    .execute();
}

/** Uses a verification token once; returns the user and the email it was sent to. */
export async function consumeEmailVerification(tx: Tx, hash: string, now: string) {
  return tx
    .updateTable('email_verification_tokens')
    .set({ used_at: now })
    .where('token_hash', '=', hash)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .returning(['user_id', 'email'])
    .executeTakeFirst();
}

export async function setUserVerified(db: DbOrTx, userId: string, now: string): Promise<void> {
  await db.updateTable('users').set({ verified: true, updated_at: now }).where('id', '=', userId).execute();
}

export async function setInstanceAdmin(db: DbOrTx, userId: string, instanceAdmin: boolean, now: string) {
  await db
    .updateTable('users')
    .set({ instance_admin: instanceAdmin, updated_at: now })
    .where('id', '=', userId)
    .execute();
}

export async function setUserActive(db: DbOrTx, userId: string, active: boolean, now: string): Promise<void> {
  await db.updateTable('users').set({ active, updated_at: now }).where('id', '=', userId).execute();
}

/** Accounts by email, a page at a time (keyset on the unique email). */
export function listUsers(db: DbOrTx, options: { search?: string; limit: number; afterEmail?: string }) {
  const pattern = `%${escapeLike(options.search ?? '')}%`;
  return db
    .selectFrom('users')
    .select(USER_COLUMNS)
    .$if(options.search !== undefined, (query) =>
      query.where((eb) =>
        eb.or([
          eb('email', 'like', sql<string>`${pattern} escape '\\'`),
          eb(eb.fn('lower', ['name']), 'like', sql<string>`${pattern} escape '\\'`),
        ]),
      ),
    )
    .$if(options.afterEmail !== undefined, (query) => query.where('email', '>', options.afterEmail ?? ''))
    .orderBy('email')
    .limit(options.limit)
    .execute();
}

/** A search term taken literally by LIKE. */
function escapeLike(term: string): string {
  return term.replace(/[\\%_]/g, (character) => `\\${character}`);
}

export async function updateUserProfile(
  db: DbOrTx,
  userId: string,
  changes: { name?: string; locale?: string },
  now: string,
): Promise<void> {
  await db
    .updateTable('users')
    .set({ ...changes, updated_at: now })
    .where('id', '=', userId)
    .execute();
}

// --- registration requests (approval mode) ------------------------------------------

export interface RegistrationRequestRow {
  id: string;
  email: string;
  name: string;
  password_hash: string;
  locale: string;
  status: 'pending' | 'approved' | 'rejected';
  decided_at: string | null;
  created_at: string;
}

const REGISTRATION_REQUEST_COLUMNS = [
  'id',
  'email',
  'name',
  'password_hash',
  'locale',
  'status',
  'decided_at',
  'created_at',
] as const;

export async function insertRegistrationRequest(
  db: DbOrTx,
  request: { id: string; email: string; name: string; passwordHash: string; locale: string; now: string },
): Promise<void> {
  await db
    .insertInto('registration_requests')
    .values({
      id: request.id,
      email: request.email,
      name: request.name,
      password_hash: request.passwordHash,
      locale: request.locale,
      created_at: request.now,
    })
    .execute();
}

export function findPendingRegistrationByEmail(db: DbOrTx, email: string) {
  return db
    .selectFrom('registration_requests')
    .select('id')
    .where('email', '=', email)
    .where('status', '=', 'pending')
    .executeTakeFirst();
}

export function listRegistrationRequests(
  db: DbOrTx,
  status: RegistrationRequestRow['status'],
): Promise<RegistrationRequestRow[]> {
  return db
    .selectFrom('registration_requests')
    .select(REGISTRATION_REQUEST_COLUMNS)
    .where('status', '=', status)
    .orderBy('created_at')
    .execute();
}

export function findRegistrationRequest(db: DbOrTx, id: string): Promise<RegistrationRequestRow | undefined> {
  return db
    .selectFrom('registration_requests')
    .select(REGISTRATION_REQUEST_COLUMNS)
    .where('id', '=', id)
    .executeTakeFirst();
}

/** Decides a pending request once; false when someone decided it first. */
export async function decideRegistrationRequest(
  tx: Tx,
  id: string,
  decision: { status: 'approved' | 'rejected'; decidedBy: string; now: string },
): Promise<boolean> {
  const result = await tx
    .updateTable('registration_requests')
    .set({ status: decision.status, decided_by: decision.decidedBy, decided_at: decision.now })
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}
