import { createHmac } from 'node:crypto';
import type { Config } from '../../config.ts';
import { type Db, inTransaction, type Tx } from '../../db/database.ts';
import { newId } from '../../db/ids.ts';
import type { Caller } from '../../http/access.ts';
import { AppError, badRequest, conflict, notFound } from '../../http/errors.ts';
import { fieldError } from '../../http/field-errors.ts';
import type { DomainEventBus } from '../../kernel/events.ts';
import { normalizeEmail, randomToken, tokenHash } from '../../kernel/secrets.ts';
import type { EmailOutbox } from '../email/email.service.ts';
import { emailLocale, passwordResetEmail, verificationEmail } from '../email/templates.ts';
import { insertStatusChange } from '../organizations/organizations.repository.ts';
import type { OrganizationsService } from '../organizations/organizations.service.ts';
import {
  consumeEmailVerification,
  consumePasswordReset,
  countRecentTokens,
  countUsers,
  decideRegistrationRequest,
  findCaller,
  findPendingRegistrationByEmail,
  findRefreshToken,
  findRegistrationRequest,
  findUserByEmail,
  findUserById,
  insertEmailVerification,
  insertLoginAttempt,
  insertPasswordReset,
  insertRefreshToken,
  insertRegistrationRequest,
  insertUser,
  listMemberships,
  listRegistrationRequests,
  listUsers,
  type MembershipRow,
  markRefreshTokenUsed,
  recentFailures,
  recordLogin,
  revokeRefreshFamily,
  revokeUserRefreshTokens,
  setInstanceAdmin,
  setUserActive,
  setUserVerified,
  type UserRow,
  updateUserPassword,
  updateUserProfile,
} from './auth.repository.ts';
import { hashPassword, needsRehash, passwordProblems, verifyPassword } from './passwords.ts';
import { TokenSigner } from './tokens.ts';

/** A lost refresh response may be retried this long and get the same successor. */
const REFRESH_GRACE_MS = 10_000;
const VERIFICATION_DAYS = 3;
const HOUR_MS = 3_600_000;
/** At most this many reset or verification emails per account and hour; more are silently dropped. */
const EMAILS_PER_HOUR = 3;
const DAY_MS = 86_400_000;

export interface User {
  id: string;
  email: string;
  name: string;
  locale: string;
  verified: boolean;
  instanceAdmin: boolean;
  lastLoginAt: string | null;
  createdAt: string;
}

export interface Session {
  accessToken: string;
  refreshToken: string;
  tokenType: 'bearer';
  expiresIn: number;
  user: User;
}

export interface RegisterInput {
  email: string;
  password: string;
  name: string;
  locale?: string;
  organizationName?: string;
  invitationToken?: string;
}

export interface ClientInfo {
  ip: string;
  userAgent: string | null;
}

const invalidCredentials = () =>
  new AppError(401, 'invalid-credentials', 'The email or the password is wrong.');
const invalidRefreshToken = () =>
  new AppError(401, 'invalid-refresh-token', 'The session has ended; log in again.');

function toUser(row: UserRow): User {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    locale: row.locale,
    verified: row.verified,
    instanceAdmin: row.instance_admin,
    lastLoginAt: row.last_login_at,
    createdAt: row.created_at,
  };
}

export class AuthService {
  readonly #db: Db;
  readonly #config: Config;
  readonly #outbox: EmailOutbox;
  readonly #organizations: OrganizationsService;
  readonly #now: () => Date;
  readonly signer: TokenSigner;

  readonly #events: DomainEventBus;

  constructor(options: {
    db: Db;
    config: Config;
    outbox: EmailOutbox;
    organizations: OrganizationsService;
    now: () => Date;
    events: DomainEventBus;
  }) {
    this.#events = options.events;
    this.#db = options.db;
    this.#config = options.config;
    this.#outbox = options.outbox;
    this.#organizations = options.organizations;
    this.#now = options.now;
    this.signer = new TokenSigner({
      secretKey: options.config.secretKey,
      ttlSeconds: options.config.auth.accessTokenTtlSeconds,
    });
  }

  /**
   * Registration. With an invitation the account joins the inviting
   * organization with the invited role (whatever the registration mode).
   * Otherwise, in open mode it gets an organization of its own where it is
   * admin; in approval mode it waits for an instance administrator; in invite
   * mode it is refused. The very first account of an instance is always
   * accepted and is its administrator.
   */
  async register(input: RegisterInput): Promise<Session | { status: 'pending-approval' }> {
    const email = normalizeEmail(input.email);
    const name = input.name.trim();
    const problems = [
      ...passwordProblems(input.password),
      ...(name === '' ? [fieldError('body.name', 'required')] : []),
    ];
    if (problems.length > 0) throw badRequest('The request is not valid.', problems);
    const passwordHash = await hashPassword(input.password);
    const locale = input.locale ?? 'en';
    const now = this.#now().toISOString();
    const userId = newId();
    const verificationToken = randomToken();

    const outcome = await inTransaction(this.#db, async (tx) => {
      if (await findUserByEmail(tx, email)) {
        throw conflict('email-taken', 'An account with this email already exists.');
      }
      const firstUser = (await countUsers(tx)) === 0;
      const mode = this.#config.auth.registrationMode;
      if (!input.invitationToken && !firstUser && mode === 'invite') {
        throw new AppError(403, 'registration-closed', 'Joining this instance needs an invitation.');
      }
      if (!input.invitationToken && !firstUser && mode === 'approval') {
        if (!(await findPendingRegistrationByEmail(tx, email))) {
          await insertRegistrationRequest(tx, { id: newId(), email, name, passwordHash, locale, now });
        }
        return 'pending-approval' as const;
      }
      await insertUser(tx, { id: userId, email, passwordHash, name, locale, instanceAdmin: firstUser, now });
      if (input.invitationToken) {
        await this.#organizations.joinWithInvitation(tx, input.invitationToken, { id: userId, email });
        // The invitation reached this address: it is verified.
        await setUserVerified(tx, userId, now);
      } else {
        await this.#organizations.open(tx, {
          id: newId(),
          name: input.organizationName?.trim() || name,
          locale,
          adminUserId: userId,
          now,
        });
        await this.#queueVerification(tx, { userId, email, name, locale }, verificationToken);
      }
      return this.#startSession(tx, userId, now);
    });
    return outcome === 'pending-approval' ? { status: outcome } : outcome;
  }

  async #queueVerification(
    tx: Tx,
    user: { userId: string; email: string; name: string; locale: string },
    token: string,
  ): Promise<void> {
    const now = this.#now();
    await insertEmailVerification(tx, {
      id: newId(),
      userId: user.userId,
      email: user.email,
      hash: tokenHash(token),
      now: now.toISOString(),
      expiresAt: new Date(now.getTime() + VERIFICATION_DAYS * DAY_MS).toISOString(),
    });
    const locale = emailLocale(user.locale);
    await this.#outbox.queue(tx, {
      to: user.email,
      template: 'email-verification',
      locale,
      ...verificationEmail(locale, {
        name: user.name,
        link: `${this.#config.publicUrl}/verify-email?token=${encodeURIComponent(token)}`,
      }),
    });
  }

  /** Confirms an email address with the emailed token (single use). */
  async verifyEmail(token: string): Promise<void> {
    const now = this.#now().toISOString();
    await inTransaction(this.#db, async (tx) => {
      const used = await consumeEmailVerification(tx, tokenHash(token), now);
      const user = used ? await findUserById(tx, used.user_id) : undefined;
      // A token sent to an address the user has since changed proves nothing.
      if (!used || !user || user.email !== used.email) {
        throw new AppError(
          400,
          'invalid-verification-token',
          'This link is invalid, expired or already used.',
          {
            errors: [fieldError('body.token', 'invalid-token')],
          },
        );
      }
      if (user.verified) return;
      await setUserVerified(tx, user.id, now);
      await insertStatusChange(tx, {
        id: newId(),
        userId: user.id,
        organizationId: null,
        changedBy: user.id,
        field: 'verified',
        oldValue: 'false',
        newValue: 'true',
        now,
      });
    });
  }

  async resendVerification(userId: string): Promise<void> {
    const user = await findUserById(this.#db, userId);
    if (!user || user.verified) return;
    const since = new Date(this.#now().getTime() - HOUR_MS).toISOString();
    if ((await countRecentTokens(this.#db, 'email_verification_tokens', userId, since)) >= EMAILS_PER_HOUR)
      return;
    await inTransaction(this.#db, (tx) =>
      this.#queueVerification(
        tx,
        { userId, email: user.email, name: user.name, locale: user.locale },
        randomToken(),
      ),
    );
  }

  /** Changes the password, checking the current one; every other session ends, the caller gets a new one. */
  async changePassword(userId: string, currentPassword: string, newPassword: string): Promise<Session> {
    const user = await findUserById(this.#db, userId);
    if (!user) throw invalidCredentials();
    if (!(await verifyPassword(user.password_hash, currentPassword))) {
      throw new AppError(400, 'wrong-password', 'The current password is wrong.', {
        errors: [fieldError('body.currentPassword', 'wrong-password')],
      });
    }
    const problems = passwordProblems(newPassword, 'body.newPassword');
    if (problems.length > 0) throw badRequest('The request is not valid.', problems);
    const passwordHash = await hashPassword(newPassword);
    const now = this.#now().toISOString();
    return inTransaction(this.#db, async (tx) => {
      await updateUserPassword(tx, userId, passwordHash, now);
      await revokeUserRefreshTokens(tx, userId, now);
      return this.#startSession(tx, userId, now);
    });
  }

  async updateProfile(userId: string, changes: { name?: string; locale?: string }): Promise<User> {
    const name = changes.name?.trim();
    if (name === '') throw badRequest('The request is not valid.', [fieldError('body.name', 'required')]);
    await updateUserProfile(
      this.#db,
      userId,
      { ...changes, ...(name ? { name } : {}) },
      this.#now().toISOString(),
    );
    const user = await findUserById(this.#db, userId);
    if (!user) throw invalidCredentials();
    return toUser(user);
  }

  /**
   * An account made by the operator from the command line: verified, with an
   * organization of its own. An existing account is only promoted to instance
   * administrator when asked.
   */
  /**
   * An account made from the command line, verified, with an organization of
   * its own. `instanceAdmin: 'if-first'` makes it the instance administrator
   * only when the instance has no account yet, as registering would.
   */
  async createAccount(input: {
    email: string;
    password: string;
    name: string;
    instanceAdmin: boolean | 'if-first';
    locale?: 'fr' | 'en';
  }): Promise<'created' | 'promoted' | 'unchanged'> {
    const email = normalizeEmail(input.email);
    const problems = passwordProblems(input.password, 'password');
    if (problems.length > 0)
      throw badRequest(problems.map((p) => `${p.path} ${p.message}`).join('; '), problems);
    const passwordHash = await hashPassword(input.password);
    const now = this.#now().toISOString();
    return inTransaction(this.#db, async (tx) => {
      const existing = await findUserByEmail(tx, email);
      if (existing) {
        if (input.instanceAdmin !== true || existing.instance_admin) return 'unchanged';
        await setInstanceAdmin(tx, existing.id, true, now);
        await insertStatusChange(tx, {
          id: newId(),
          userId: existing.id,
          organizationId: null,
          changedBy: null,
          field: 'instance_admin',
          oldValue: 'false',
          newValue: 'true',
          now,
        });
        return 'promoted';
      }
      const userId = newId();
      const name = input.name.trim() || email;
      const locale = input.locale ?? 'en';
      const instanceAdmin =
        input.instanceAdmin === 'if-first' ? (await countUsers(tx)) === 0 : input.instanceAdmin;
      await insertUser(tx, { id: userId, email, passwordHash, name, locale, instanceAdmin, now });
      await setUserVerified(tx, userId, now);
      await this.#organizations.open(tx, { id: newId(), name, locale, adminUserId: userId, now });
      return 'created';
    });
  }

  // --- logins through a provider (OAuth) ------------------------------------------

  async recordExternalAttempt(
    attempt: { provider: string; email: string | null; userId: string | null; success: boolean },
    client: ClientInfo,
  ): Promise<void> {
    await insertLoginAttempt(this.#db, {
      id: newId(),
      email: attempt.email,
      userId: attempt.userId,
      success: attempt.success,
      provider: attempt.provider,
      ip: client.ip,
      userAgent: client.userAgent,
      at: this.#now().toISOString(),
    });
  }

  /** A session for a user a provider has just vouched for. */
  async sessionFor(userId: string): Promise<Session> {
    const now = this.#now().toISOString();
    return inTransaction(this.#db, async (tx) => {
      await recordLogin(tx, userId, now);
      return this.#startSession(tx, userId, now);
    });
  }

  /**
   * An account for someone a provider vouched for, when registration is open
   * (or for the instance's first account). An email that already has an
   * account is never linked automatically: its owner links from the profile.
   */
  async registerExternal(
    provider: string,
    identity: { subject: string; email: string | null; emailVerified: boolean; name: string | null },
  ): Promise<
    { kind: 'created'; session: Session } | { kind: 'link-required' | 'registration-closed' | 'no-email' }
  > {
    if (!identity.email || !identity.emailVerified) return { kind: 'no-email' };
    const email = normalizeEmail(identity.email);
    const name = identity.name?.trim() || email.split('@')[0] || email;
    const now = this.#now().toISOString();
    return inTransaction(this.#db, async (tx) => {
      if (await findUserByEmail(tx, email)) return { kind: 'link-required' as const };
      const firstUser = (await countUsers(tx)) === 0;
      if (this.#config.auth.registrationMode !== 'open' && !firstUser)
        return { kind: 'registration-closed' as const };
      const userId = newId();
      await insertUser(tx, {
        id: userId,
        email,
        passwordHash: null,
        name,
        locale: 'en',
        instanceAdmin: firstUser,
        now,
      });
      await setUserVerified(tx, userId, now);
      await this.#organizations.open(tx, { id: newId(), name, locale: 'en', adminUserId: userId, now });
      await this.#events.publish(tx, 'user.registeredWithProvider', {
        userId,
        provider,
        subject: identity.subject,
        email,
        now,
      });
      await recordLogin(tx, userId, now);
      return { kind: 'created' as const, session: await this.#startSession(tx, userId, now) };
    });
  }

  // --- instance administration -----------------------------------------------------

  async listUsers(options: { search?: string; limit: number; after?: string }) {
    const rows = await listUsers(this.#db, {
      search: options.search ? normalizeEmail(options.search) : undefined,
      limit: options.limit + 1,
      afterEmail: options.after,
    });
    const page = rows.slice(0, options.limit);
    return {
      items: page.map((row) => ({ ...toUser(row), active: row.active })),
      nextCursor: rows.length > options.limit ? (page.at(-1)?.email ?? null) : null,
    };
  }

  /**
   * Activates or deactivates an account, or makes it an instance
   * administrator. Deactivation ends every session at once. An administrator
   * cannot lock themselves out, and the instance keeps one administrator.
   */
  async updateUserStatus(
    adminId: string,
    userId: string,
    changes: { active?: boolean; instanceAdmin?: boolean },
  ): Promise<User & { active: boolean }> {
    const now = this.#now().toISOString();
    return inTransaction(this.#db, async (tx) => {
      const user = await findUserById(tx, userId);
      if (!user) throw notFound('No such user.');
      if (userId === adminId && (changes.active === false || changes.instanceAdmin === false)) {
        throw conflict(
          'cannot-change-self',
          'You cannot deactivate yourself or drop your own administrator role.',
        );
      }
      const history = (field: 'active' | 'instance_admin', oldValue: boolean, newValue: boolean) =>
        insertStatusChange(tx, {
          id: newId(),
          userId,
          organizationId: null,
          changedBy: adminId,
          field,
          oldValue: String(oldValue),
          newValue: String(newValue),
          now,
        });
      if (changes.active !== undefined && changes.active !== user.active) {
        await setUserActive(tx, userId, changes.active, now);
        await history('active', user.active, changes.active);
        if (!changes.active) await revokeUserRefreshTokens(tx, userId, now);
      }
      if (changes.instanceAdmin !== undefined && changes.instanceAdmin !== user.instance_admin) {
        await setInstanceAdmin(tx, userId, changes.instanceAdmin, now);
        await history('instance_admin', user.instance_admin, changes.instanceAdmin);
      }
      const updated = await findUserById(tx, userId);
      if (!updated) throw notFound('No such user.');
      return { ...toUser(updated), active: updated.active };
    });
  }

  // --- approval mode --------------------------------------------------------------

  async listRegistrationRequests(status: 'pending' | 'approved' | 'rejected') {
    const rows = await listRegistrationRequests(this.#db, status);
    return rows.map((row) => ({
      id: row.id,
      email: row.email,
      name: row.name,
      status: row.status,
      createdAt: row.created_at,
      decidedAt: row.decided_at,
    }));
  }

  /** Approves a registration: the account and its organization are created as in open mode. */
  async decideRegistration(
    adminId: string,
    requestId: string,
    decision: 'approved' | 'rejected',
  ): Promise<void> {
    const now = this.#now().toISOString();
    await inTransaction(this.#db, async (tx) => {
      const request = await findRegistrationRequest(tx, requestId);
      if (!request) throw notFound('No such registration request.');
      if (!(await decideRegistrationRequest(tx, requestId, { status: decision, decidedBy: adminId, now }))) {
        throw conflict('already-decided', 'This registration request has already been decided.');
      }
      if (decision === 'rejected') return;
      if (await findUserByEmail(tx, request.email)) {
        throw conflict('email-taken', 'An account with this email already exists.');
      }
      const userId = newId();
      await insertUser(tx, {
        id: userId,
        email: request.email,
        passwordHash: request.password_hash,
        name: request.name,
        locale: request.locale,
        instanceAdmin: false,
        now,
      });
      await this.#organizations.open(tx, {
        id: newId(),
        name: request.name,
        locale: request.locale,
        adminUserId: userId,
        now,
      });
      await this.#queueVerification(
        tx,
        { userId, email: request.email, name: request.name, locale: request.locale },
        randomToken(),
      );
    });
  }

  async login(input: { email: string; password: string }, client: ClientInfo): Promise<Session> {
    const email = normalizeEmail(input.email);
    const now = this.#now();
    const attempt = (success: boolean, userId: string | null) =>
      insertLoginAttempt(this.#db, {
        id: newId(),
        email,
        userId,
        success,
        provider: 'email',
        ip: client.ip,
        userAgent: client.userAgent,
        at: now.toISOString(),
      });
    try {
      await this.#throttle(email, client, now);
    } catch (error) {
      await attempt(false, null);
      throw error;
    }

    const user = await findUserByEmail(this.#db, email);
    // The password is checked even without an account, so both answers take as long.
    const passwordValid = await verifyPassword(user?.password_hash ?? null, input.password);
    const success = passwordValid && user?.active === true;
    await attempt(success, user?.id ?? null);
    if (!success || !user) throw invalidCredentials();

    if (user.password_hash && needsRehash(user.password_hash)) {
      await updateUserPassword(this.#db, user.id, await hashPassword(input.password), now.toISOString());
    }
    return inTransaction(this.#db, async (tx) => {
      await recordLogin(tx, user.id, now.toISOString());
      return this.#startSession(tx, user.id, now.toISOString());
    });
  }

  /**
   * Failed attempts are counted in the database, so the limit holds across
   * every server process. The answer names no account.
   */
  async #throttle(email: string, client: ClientInfo, now: Date): Promise<void> {
    const { windowSeconds, maxFailuresPerAccount, maxFailuresPerIp } = this.#config.auth.loginThrottle;
    const since = new Date(now.getTime() - windowSeconds * 1000).toISOString();
    const [forAccount, forIp] = await Promise.all([
      recentFailures(this.#db, { ip: client.ip, email, since }),
      recentFailures(this.#db, { ip: client.ip, since }),
    ]);
    const blocking = [
      forAccount.count >= maxFailuresPerAccount ? forAccount : null,
      forIp.count >= maxFailuresPerIp ? forIp : null,
    ].filter((window) => window !== null);
    if (blocking.length === 0) return;
    // Free again once the oldest counted failure leaves the window.
    const retryAfter = Math.max(
      ...blocking.map((window) =>
        Math.ceil(
          (Date.parse(window.oldest ?? now.toISOString()) + windowSeconds * 1000 - now.getTime()) / 1000,
        ),
      ),
      1,
    );
    throw new AppError(429, 'too-many-attempts', 'Too many failed logins. Wait before trying again.', {
      headers: { 'Retry-After': String(retryAfter) },
    });
  }

  /**
   * Rotates a refresh token. Presenting a token that was already rotated
   * revokes its whole family (it was stolen, or the client is confused),
   * except within a short grace window where the same successor is returned,
   * for a client whose previous response was lost.
   */
  async refresh(refreshToken: string): Promise<Session> {
    const now = this.#now();
    const stored = await findRefreshToken(this.#db, tokenHash(refreshToken));
    if (!stored || stored.revoked_at !== null || stored.expires_at <= now.toISOString()) {
      throw invalidRefreshToken();
    }
    const user = await findUserById(this.#db, stored.user_id);
    if (!user?.active) throw invalidRefreshToken();

    const successorToken = this.#successorOf(refreshToken);
    const successorHash = tokenHash(successorToken);
    const rotated = await inTransaction(this.#db, async (tx) => {
      const successorId = newId();
      if (!(await markRefreshTokenUsed(tx, stored.id, successorId, now.toISOString()))) return false;
      await insertRefreshToken(tx, {
        id: successorId,
        hash: successorHash,
        familyId: stored.family_id,
        userId: stored.user_id,
        organizationId: stored.organization_id,
        now: now.toISOString(),
        expiresAt: new Date(now.getTime() + this.#config.auth.refreshTokenTtlDays * DAY_MS).toISOString(),
      });
      return true;
    });

    if (!rotated) {
      const current = await findRefreshToken(this.#db, tokenHash(refreshToken));
      const successor = await findRefreshToken(this.#db, successorHash);
      const withinGrace =
        current?.used_at != null && now.getTime() - Date.parse(current.used_at) <= REFRESH_GRACE_MS;
      if (!withinGrace || !successor || successor.used_at !== null || successor.revoked_at !== null) {
        await revokeRefreshFamily(this.#db, stored.family_id, now.toISOString());
        throw invalidRefreshToken();
      }
    }
    return this.#session(toUser(user), successorToken, now);
  }

  /**
   * The successor of a refresh token is derived from it, so a retried refresh
   * within the grace window can be answered with the same successor although
   * only hashes are stored.
   */
  #successorOf(refreshToken: string): string {
    return createHmac('sha256', this.#config.secretKey)
      .update(`refresh-successor:${refreshToken}`)
      .digest('base64url');
  }

  async logout(refreshToken: string | undefined): Promise<void> {
    if (!refreshToken) return;
    const stored = await findRefreshToken(this.#db, tokenHash(refreshToken));
    if (stored) await revokeRefreshFamily(this.#db, stored.family_id, this.#now().toISOString());
  }

  async me(userId: string): Promise<{ user: User; memberships: MembershipRow[] }> {
    const user = await findUserById(this.#db, userId);
    if (!user) throw invalidCredentials();
    return { user: toUser(user), memberships: await listMemberships(this.#db, userId) };
  }

  /** Answers the same whether or not the email has an account; the email does the rest. */
  async requestPasswordReset(rawEmail: string): Promise<void> {
    const email = normalizeEmail(rawEmail);
    const user = await findUserByEmail(this.#db, email);
    if (!user?.active) return;
    const now = this.#now();
    // Someone typing another person's address over and over must not flood their mailbox.
    const since = new Date(now.getTime() - HOUR_MS).toISOString();
    if ((await countRecentTokens(this.#db, 'password_reset_requests', user.id, since)) >= EMAILS_PER_HOUR)
      return;
    const token = randomToken();
    const minutes = this.#config.auth.passwordResetTtlMinutes;
    await inTransaction(this.#db, async (tx) => {
      await insertPasswordReset(tx, {
        id: newId(),
        userId: user.id,
        email,
        hash: tokenHash(token),
        now: now.toISOString(),
        expiresAt: new Date(now.getTime() + minutes * 60_000).toISOString(),
      });
      const locale = emailLocale(user.locale);
      const link = `${this.#config.publicUrl}/reset-password?token=${encodeURIComponent(token)}`;
      await this.#outbox.queue(tx, {
        to: email,
        template: 'password-reset',
        locale,
        ...passwordResetEmail(locale, { name: user.name, link, minutes }),
      });
    });
  }

  /** Sets a new password with a reset token, once; every session of the user ends. */
  async confirmPasswordReset(token: string, password: string): Promise<void> {
    const problems = passwordProblems(password);
    if (problems.length > 0) throw badRequest('The request is not valid.', problems);
    const passwordHash = await hashPassword(password);
    const now = this.#now().toISOString();
    await inTransaction(this.#db, async (tx) => {
      const userId = await consumePasswordReset(tx, tokenHash(token), now);
      if (!userId) {
        throw new AppError(
          400,
          'invalid-reset-token',
          'This reset link is invalid, expired or already used.',
          {
            errors: [fieldError('body.token', 'invalid-token')],
          },
        );
      }
      await updateUserPassword(tx, userId, passwordHash, now);
      await revokeUserRefreshTokens(tx, userId, now);
    });
  }

  /** The caller behind an access token, acting in the organization they asked for or their first one. */
  async resolveCaller(accessToken: string, requestedOrganizationId: string | undefined) {
    const claims = await this.signer.verify(accessToken, this.#now());
    if (!claims) return null;
    const caller = await findCaller(this.#db, claims.userId, requestedOrganizationId);
    if (!caller?.active) return null;
    if (requestedOrganizationId && !caller.organizationId) return 'not-member' as const;
    return {
      userId: caller.id,
      email: caller.email,
      instanceAdmin: caller.instanceAdmin,
      organizationId: caller.organizationId,
      role: caller.role,
    } satisfies Caller;
  }

  async #startSession(
    tx: Parameters<typeof insertRefreshToken>[0],
    userId: string,
    now: string,
  ): Promise<Session> {
    const user = await findUserById(tx, userId);
    if (!user) throw new Error(`user ${userId} vanished while starting a session`);
    const refreshToken = randomToken();
    const memberships = await listMemberships(tx, userId);
    await insertRefreshToken(tx, {
      id: newId(),
      hash: tokenHash(refreshToken),
      familyId: newId(),
      userId,
      organizationId: memberships[0]?.organizationId ?? null,
      now,
      expiresAt: new Date(Date.parse(now) + this.#config.auth.refreshTokenTtlDays * DAY_MS).toISOString(),
    });
    return this.#session(toUser(user), refreshToken, new Date(now));
  }

  async #session(user: User, refreshToken: string, now: Date): Promise<Session> {
    return {
      accessToken: await this.signer.sign({ userId: user.id }, now),
      refreshToken,
      tokenType: 'bearer',
      expiresIn: this.signer.ttlSeconds,
      user,
    };
  }
}
