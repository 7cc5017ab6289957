import { createHmac } from 'node:crypto';
import type { Config } from '../../config.ts';
import { type Db, inTransaction } from '../../db/database.ts';
import { newId } from '../../db/ids.ts';
import type { Caller } from '../../http/access.ts';
import { AppError, badRequest, conflict } from '../../http/errors.ts';
import type { EmailOutbox } from '../email/email.service.ts';
import { emailLocale, passwordResetEmail } from '../email/templates.ts';
import {
  consumePasswordReset,
  countUsers,
  findRefreshToken,
  findUserByEmail,
  findUserById,
  insertLoginAttempt,
  insertOrganizationWithAdmin,
  insertPasswordReset,
  insertRefreshToken,
  insertUser,
  listMemberships,
  type MembershipRow,
  markRefreshTokenUsed,
  recentFailures,
  recordLogin,
  revokeRefreshFamily,
  revokeUserRefreshTokens,
  type UserRow,
  updateUserPassword,
} from './auth.repository.ts';
import { hashPassword, needsRehash, passwordProblems, verifyPassword } from './passwords.ts';
import { randomToken, TokenSigner, tokenHash } from './tokens.ts';

/** A lost refresh response may be retried this long and get the same successor. */
const REFRESH_GRACE_MS = 10_000;
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

export interface ClientInfo {
  ip: string;
  userAgent: string | null;
}

/** Emails are unique whatever their case: stored and compared trimmed and lower-cased. */
export const normalizeEmail = (email: string) => email.trim().toLowerCase();

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
  readonly #now: () => Date;
  readonly signer: TokenSigner;

  constructor(options: { db: Db; config: Config; outbox: EmailOutbox; now: () => Date }) {
    this.#db = options.db;
    this.#config = options.config;
    this.#outbox = options.outbox;
    this.#now = options.now;
    this.signer = new TokenSigner({
      secretKey: options.config.secretKey,
      issuer: options.config.publicUrl,
      ttlSeconds: options.config.auth.accessTokenTtlSeconds,
    });
  }

  /**
   * Open registration: a new account and a new organization where the user is
   * admin. The very first account of an instance is its administrator.
   */
  async register(input: {
    email: string;
    password: string;
    name: string;
    locale?: string;
    organizationName?: string;
  }): Promise<Session> {
    const mode = this.#config.auth.registrationMode;
    if (mode !== 'open') {
      throw new AppError(
        403,
        'registration-closed',
        'Registration on this instance needs an invitation or approval.',
      );
    }
    const email = normalizeEmail(input.email);
    const name = input.name.trim();
    const problems = [
      ...passwordProblems(input.password),
      ...(name === '' ? [{ path: 'body.name', message: 'must not be blank' }] : []),
    ];
    if (problems.length > 0) throw badRequest('The request is not valid.', problems);
    const passwordHash = await hashPassword(input.password);
    const locale = input.locale ?? 'en';
    const now = this.#now().toISOString();
    const userId = newId();

    const session = await inTransaction(this.#db, async (tx) => {
      if (await findUserByEmail(tx, email)) {
        throw conflict('email-taken', 'An account with this email already exists.');
      }
      const firstUser = (await countUsers(tx)) === 0;
      await insertUser(tx, { id: userId, email, passwordHash, name, locale, instanceAdmin: firstUser, now });
      await insertOrganizationWithAdmin(tx, {
        id: newId(),
        name: input.organizationName?.trim() || name,
        locale,
        adminUserId: userId,
        now,
      });
      return this.#startSession(tx, userId, now);
    });
    return session;
  }

  async login(input: { email: string; password: string }, client: ClientInfo): Promise<Session> {
    const email = normalizeEmail(input.email);
    const now = this.#now();
    await this.#throttle(email, client, now);

    const user = await findUserByEmail(this.#db, email);
    // The password is checked even without an account, so both answers take as long.
    const passwordValid = await verifyPassword(user?.password_hash ?? null, input.password);
    const success = passwordValid && user?.active === true;
    await insertLoginAttempt(this.#db, {
      id: newId(),
      email,
      userId: user?.id ?? null,
      success,
      provider: 'email',
      ip: client.ip,
      userAgent: client.userAgent,
      at: now.toISOString(),
    });
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
    const token = randomToken();
    const now = this.#now();
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
    this.#outbox.deliverSoon();
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
            errors: [{ path: 'body.token', message: 'is invalid, expired or already used' }],
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
    const user = await findUserById(this.#db, claims.userId);
    if (!user?.active) return null;
    const memberships = await listMemberships(this.#db, user.id);
    const membership = requestedOrganizationId
      ? memberships.find((candidate) => candidate.organizationId === requestedOrganizationId)
      : memberships[0];
    if (requestedOrganizationId && !membership) return 'not-member' as const;
    return {
      userId: user.id,
      email: user.email,
      instanceAdmin: user.instance_admin,
      organizationId: membership?.organizationId ?? null,
      role: membership?.role ?? null,
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
