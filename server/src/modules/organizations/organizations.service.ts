import type { Static } from 'typebox';
import type { Config } from '../../config.ts';
import { type Db, inTransaction, type Tx } from '../../db/database.ts';
import { newId } from '../../db/ids.ts';
import type { Role } from '../../db/tables.ts';
import { AppError, badRequest, conflict, type FieldError, notFound } from '../../http/errors.ts';
import { fieldError } from '../../http/field-errors.ts';
import { fromCents, toCents } from '../../http/money.ts';
import { decodeCursor, page } from '../../http/pagination.ts';
import { versionMismatch } from '../../http/versions.ts';
import { MANAGERS, type Member } from '../../kernel/access.ts';
import type { DomainEventBus } from '../../kernel/events.ts';
import { NOTIFICATION_KINDS } from '../../kernel/notification-kinds.ts';
import { normalizeEmail, randomToken, tokenHash } from '../../kernel/secrets.ts';
import type { EmailOutbox } from '../email/email.service.ts';
import { emailLocale, invitationEmail } from '../email/templates.ts';
import {
  deleteMembership,
  findInvitation,
  findInvitationByTokenHash,
  findMember,
  findOrganization,
  findOrganizationSettings,
  hasMoneyRecorded,
  houseAssignments,
  type InvitationRow,
  insertInvitation,
  insertMembership,
  insertOrganizationWithAdmin,
  insertStatusChange,
  listMembers,
  listPendingInvitations,
  lockAdmins,
  type MemberRow,
  markInvitationAccepted,
  type OrganizationSettingsRow,
  replaceHouseAssignments,
  revokeInvitation,
  revokePendingInvitations,
  updateMemberRole,
  updateOrganizationSettings,
} from './organizations.repository.ts';
import type { OrganizationSettingsBody } from './organizations.schemas.ts';

const INVITATION_DAYS = 7;

export interface Invitation {
  id: string;
  email: string;
  role: Role;
  expiresAt: string;
  createdAt: string;
}

const toInvitation = (row: InvitationRow): Invitation => ({
  id: row.id,
  email: row.email,
  role: row.role,
  expiresAt: row.expires_at,
  createdAt: row.created_at,
});

/** A member with the houses assigned to them (owners only; empty for other roles). */
export type MemberWithHouses = MemberRow & { houseIds: string[] };

/** ISO 4217 codes as the runtime knows them (ICU's list of currencies in use). */
const CURRENCIES = new Set(Intl.supportedValuesOf('currency'));

/**
 * The settings as a member may see them. The tourist tax is money: staff and
 * owners get a view built without it (not a copy with it deleted), as for houses.
 */
function settingsView(row: OrganizationSettingsRow, role: Role) {
  const base = {
    name: row.name,
    currency: row.currency,
    language: row.locale === 'fr' ? ('fr' as const) : ('en' as const),
    timezone: row.timezone,
    checkInTime: row.check_in_time,
    checkOutTime: row.check_out_time,
    notificationDefaults: row.notification_defaults,
    auditRetentionDays: row.audit_retention_days,
    version: row.version,
    updatedAt: row.updated_at,
  };
  if (!MANAGERS.includes(role)) return base;
  return {
    ...base,
    touristTax: row.tourist_tax_mode
      ? {
          mode: row.tourist_tax_mode,
          rate: row.tourist_tax_rate_cents === null ? null : fromCents(row.tourist_tax_rate_cents),
          percent:
            row.tourist_tax_percent_basis_points === null
              ? null
              : fromCents(row.tourist_tax_percent_basis_points),
          cap: row.tourist_tax_cap_cents === null ? null : fromCents(row.tourist_tax_cap_cents),
          platformSources: row.tourist_tax_platform_sources,
        }
      : null,
  };
}

/** The tourist-tax columns of a default given in a request, checked as a house's rule is. */
function touristTaxColumns(input: NonNullable<Static<typeof OrganizationSettingsBody>['touristTax']> | null) {
  if (input === null) {
    return {
      errors: [],
      columns: {
        tourist_tax_mode: null,
        tourist_tax_rate_cents: null,
        tourist_tax_percent_basis_points: null,
        tourist_tax_cap_cents: null,
        tourist_tax_platform_sources: '[]',
      },
    };
  }
  const errors: FieldError[] = [];
  const cents = (value: string | number | null | undefined, path: string) => {
    if (value == null) return null;
    try {
      return toCents(value, path);
    } catch (error) {
      if (error instanceof AppError && error.errors) errors.push(...error.errors);
      return null;
    }
  };
  const rate = cents(input.rate, 'body.touristTax.rate');
  const percent = cents(input.percent, 'body.touristTax.percent');
  const cap = cents(input.cap, 'body.touristTax.cap');
  if (input.mode === 'per_night' && input.rate == null)
    errors.push(fieldError('body.touristTax.rate', 'required'));
  if (input.mode === 'percentage' && input.percent == null)
    errors.push(fieldError('body.touristTax.percent', 'required'));
  if (percent !== null && percent > 10_000) {
    errors.push(fieldError('body.touristTax.percent', 'too-large', { limit: 100 }));
  }
  return {
    errors,
    columns: {
      tourist_tax_mode: input.mode,
      // What the mode does not use is not kept, so it cannot apply again unseen after a change of mode.
      tourist_tax_rate_cents: input.mode === 'per_night' ? rate : null,
      tourist_tax_percent_basis_points: input.mode === 'percentage' ? percent : null,
      tourist_tax_cap_cents: input.mode === 'percentage' ? cap : null,
      tourist_tax_platform_sources: JSON.stringify(input.platformSources ?? []),
    },
  };
}

const lastAdmin = () =>
  conflict('last-admin', 'An organization keeps at least one admin: make someone else admin first.');

/**
 * Which of these ids are houses of the organization: houses are the houses
 * module's, which sits above this one, so the answer is handed in at
 * composition rather than imported.
 */
export type HousesAmong = (tx: Tx, organizationId: string, houseIds: string[]) => Promise<string[]>;

/** The accounts an invitation is about (the invited, the inviter): the auth module's, handed in at composition. */
export interface UserAccounts {
  byEmail(tx: Tx, email: string): Promise<{ id: string; name: string; locale: string } | undefined>;
  byId(tx: Tx, userId: string): Promise<{ id: string; name: string; locale: string } | undefined>;
}

export class OrganizationsService {
  readonly #db: Db;
  readonly #config: Config;
  readonly #outbox: EmailOutbox;
  readonly #now: () => Date;
  readonly #postgres: boolean;
  readonly #housesAmong: HousesAmong;
  readonly #users: UserAccounts;
  readonly #events: DomainEventBus;

  constructor(options: {
    db: Db;
    config: Config;
    outbox: EmailOutbox;
    now: () => Date;
    postgres: boolean;
    housesAmong: HousesAmong;
    users: UserAccounts;
    events: DomainEventBus;
  }) {
    this.#events = options.events;
    this.#housesAmong = options.housesAmong;
    this.#users = options.users;
    this.#db = options.db;
    this.#config = options.config;
    this.#outbox = options.outbox;
    this.#now = options.now;
    this.#postgres = options.postgres;
  }

  /**
   * A new organization, its first member its administrator, in the caller's
   * transaction (a registration); other modules set it up (its checklist).
   */
  async open(
    tx: Tx,
    organization: { id: string; name: string; locale: string; adminUserId: string; now: string },
  ): Promise<void> {
    await insertOrganizationWithAdmin(tx, organization);
    await this.#events.publish(tx, 'organization.created', {
      organizationId: organization.id,
      locale: organization.locale,
      now: organization.now,
    });
  }

  // --- settings -------------------------------------------------------------------

  /** The organization's settings; staff and owners see them without the tourist tax. */
  async settings(member: Member) {
    const row = await findOrganizationSettings(this.#db, member.organizationId);
    if (!row) throw notFound('No such organization.');
    return settingsView(row, member.role);
  }

  /**
   * Changes some settings (admins), from the version `If-Match` names when
   * given. The currency is only a label on amounts kept as numbers: once the
   * organization has recorded money (a ledger entry, a priced or paid stay),
   * changing it would silently turn 100 EUR into 100 CHF, so it is refused.
   */
  async updateSettings(
    member: Member,
    input: Static<typeof OrganizationSettingsBody>,
    expectedVersion: number | undefined,
  ) {
    const errors: FieldError[] = [];
    if (input.currency !== undefined && !CURRENCIES.has(input.currency)) {
      errors.push(fieldError('body.currency', 'invalid-format', { format: 'ISO 4217 currency code' }));
    }
    const tax = input.touristTax === undefined ? undefined : touristTaxColumns(input.touristTax);
    if (tax) errors.push(...tax.errors);
    if (errors.length > 0) throw badRequest('Some settings are not valid.', errors);

    await inTransaction(this.#db, async (tx) => {
      // Locked on PostgreSQL so two changes of the notification defaults merge one after the other.
      const current = await findOrganizationSettings(tx, member.organizationId, { lock: this.#postgres });
      if (!current) throw notFound('No such organization.');
      if (expectedVersion !== undefined && expectedVersion !== current.version) {
        throw versionMismatch(current.version);
      }
      if (Object.keys(input).length === 0) return;
      if (
        input.currency !== undefined &&
        input.currency !== current.currency &&
        (await hasMoneyRecorded(tx, member.organizationId))
      ) {
        throw conflict(
          'currency-in-use',
          `Amounts are already recorded in ${current.currency}; changing the currency would relabel them without converting them.`,
          { currentCurrency: current.currency },
        );
      }
      const defaults = input.notificationDefaults;
      const notificationDefaults = defaults && {
        kinds: Object.fromEntries(
          NOTIFICATION_KINDS.map((kind) => [
            kind,
            { ...current.notification_defaults.kinds[kind], ...defaults.kinds?.[kind] },
          ]),
        ),
        digest: defaults.digest ?? current.notification_defaults.digest,
      };
      const updated = await updateOrganizationSettings(
        tx,
        member.organizationId,
        {
          ...(input.name === undefined ? {} : { name: input.name }),
          ...(input.currency === undefined ? {} : { currency: input.currency }),
          ...(input.language === undefined ? {} : { locale: input.language }),
          ...(input.timezone === undefined ? {} : { timezone: input.timezone }),
          ...(input.checkInTime === undefined ? {} : { check_in_time: input.checkInTime }),
          ...(input.checkOutTime === undefined ? {} : { check_out_time: input.checkOutTime }),
          ...(tax ? tax.columns : {}),
          ...(notificationDefaults ? { notification_defaults: JSON.stringify(notificationDefaults) } : {}),
          ...(input.auditRetentionDays === undefined
            ? {}
            : { audit_retention_days: input.auditRetentionDays }),
          updated_at: this.#now().toISOString(),
        },
        current.version,
      );
      if (!updated) throw versionMismatch(current.version + 1);
    });
    return this.settings(member);
  }

  /** A page of members by name, each with the houses assigned to them. */
  async listMembers(organizationId: string, query: { limit: number; cursor?: string }) {
    const after = decodeCursor(query.cursor, ['text', 'id']) as [string, string] | undefined;
    const rows = await listMembers(this.#db, organizationId, { after, limit: query.limit + 1 });
    const assignments = await houseAssignments(
      this.#db,
      organizationId,
      rows.map((row) => row.userId),
    );
    const members: MemberWithHouses[] = rows.map((member) => ({
      ...member,
      houseIds: assignments.get(member.userId) ?? [],
    }));
    return page(members, query.limit, (member) => [member.name, member.userId]);
  }

  async changeRole(
    actorId: string,
    organizationId: string,
    userId: string,
    role: Role,
  ): Promise<MemberWithHouses> {
    const now = this.#now().toISOString();
    return inTransaction(this.#db, async (tx) => {
      const member = await findMember(tx, organizationId, userId);
      if (!member) throw notFound('No such member.');
      const houseIds = (await houseAssignments(tx, organizationId, [userId])).get(userId) ?? [];
      if (member.role === role) return { ...member, houseIds };
      await this.#keepAnAdmin(tx, organizationId, member.role);
      await updateMemberRole(tx, organizationId, userId, role, now);
      // Assigned houses only mean something to owners; an owner who becomes staff must not keep a list
      // that would silently apply again if they were made owner later.
      if (member.role === 'owner') await replaceHouseAssignments(tx, organizationId, userId, []);
      await insertStatusChange(tx, {
        id: newId(),
        userId,
        organizationId,
        changedBy: actorId,
        field: 'role',
        oldValue: member.role,
        newValue: role,
        now,
      });
      return { ...member, role, houseIds: role === 'owner' ? houseIds : [] };
    });
  }

  /** Sets the houses an owner sees: the whole list at once, so the call is idempotent. */
  async assignHouses(actorId: string, organizationId: string, userId: string, houseIds: string[]) {
    const now = this.#now().toISOString();
    const wanted = [...new Set(houseIds)].sort();
    return inTransaction(this.#db, async (tx): Promise<MemberWithHouses> => {
      const member = await findMember(tx, organizationId, userId);
      if (!member) throw notFound('No such member.');
      if (member.role !== 'owner') {
        throw conflict('not-an-owner', 'Houses are assigned to owners; other roles see every house.');
      }
      const known = await this.#housesAmong(tx, organizationId, wanted);
      if (known.length !== wanted.length) throw notFound('No such house.');
      const before = (await houseAssignments(tx, organizationId, [userId])).get(userId) ?? [];
      if (before.join() === wanted.join()) return { ...member, houseIds: before };
      await replaceHouseAssignments(tx, organizationId, userId, wanted);
      await insertStatusChange(tx, {
        id: newId(),
        userId,
        organizationId,
        changedBy: actorId,
        field: 'houses',
        oldValue: before.join(','),
        newValue: wanted.join(','),
        now,
      });
      return { ...member, houseIds: wanted };
    });
  }

  async removeMember(actorId: string, organizationId: string, userId: string): Promise<void> {
    const now = this.#now().toISOString();
    await inTransaction(this.#db, async (tx) => {
      const member = await findMember(tx, organizationId, userId);
      if (!member) throw notFound('No such member.');
      await this.#keepAnAdmin(tx, organizationId, member.role);
      await deleteMembership(tx, organizationId, userId);
      await insertStatusChange(tx, {
        id: newId(),
        userId,
        organizationId,
        changedBy: actorId,
        field: 'role',
        oldValue: member.role,
        newValue: null,
        now,
      });
    });
  }

  /** Refuses to take the admin role away from the organization's last admin. */
  async #keepAnAdmin(tx: Tx, organizationId: string, currentRole: Role): Promise<void> {
    if (currentRole !== 'admin') return;
    const admins = await lockAdmins(tx, organizationId, this.#postgres);
    if (admins.length <= 1) throw lastAdmin();
  }

  /** Invites an email with a role; a new invitation replaces a pending one for the same email. */
  async invite(
    actorId: string,
    organizationId: string,
    input: { email: string; role: Role },
  ): Promise<Invitation> {
    const email = normalizeEmail(input.email);
    const now = this.#now();
    const token = randomToken();
    const invitation = await inTransaction(this.#db, async (tx) => {
      const existing = await this.#users.byEmail(tx, email);
      if (existing && (await findMember(tx, organizationId, existing.id))) {
        throw conflict('already-member', 'This person is already a member of the organization.');
      }
      const inviter = await this.#users.byId(tx, actorId);
      const organization = await findOrganization(tx, organizationId);
      if (!organization) throw notFound('No such organization.');
      const organizationName = organization.name;
      await revokePendingInvitations(tx, organizationId, email, now.toISOString());
      const id = newId();
      await insertInvitation(tx, {
        id,
        organizationId,
        email,
        role: input.role,
        tokenHash: tokenHash(token),
        invitedBy: actorId,
        expiresAt: new Date(now.getTime() + INVITATION_DAYS * 86_400_000).toISOString(),
        now: now.toISOString(),
      });
      // Someone without an account has no language of their own yet: the organization's is the default.
      const locale = emailLocale(existing?.locale ?? organization.locale);
      await this.#outbox.queue(tx, {
        to: email,
        template: 'invitation',
        locale,
        ...invitationEmail(locale, {
          organizationName,
          inviterName: inviter?.name ?? organizationName,
          role: input.role,
          link: `${this.#config.publicUrl}/invitations/accept?token=${encodeURIComponent(token)}`,
          days: INVITATION_DAYS,
        }),
      });
      const row = await findInvitation(tx, organizationId, id);
      if (!row) throw new Error('the invitation just written is missing');
      return toInvitation(row);
    });
    return invitation;
  }

  async listInvitations(organizationId: string): Promise<Invitation[]> {
    const rows = await listPendingInvitations(this.#db, organizationId, this.#now().toISOString());
    return rows.map(toInvitation);
  }

  async revokeInvitation(organizationId: string, id: string): Promise<void> {
    const now = this.#now().toISOString();
    await inTransaction(this.#db, async (tx) => {
      const invitation = await findInvitation(tx, organizationId, id);
      if (!invitation || invitation.accepted_at || invitation.revoked_at)
        throw notFound('No such pending invitation.');
      await revokeInvitation(tx, id, now);
    });
  }

  /** What an invitation link offers, for the page that accepts it. */
  async lookupInvitation(token: string) {
    const invitation = await findInvitationByTokenHash(this.#db, tokenHash(token));
    if (!invitation || invitation.revokedAt) throw notFound('No such invitation.');
    return {
      organizationName: invitation.organizationName,
      email: invitation.email,
      role: invitation.role,
      expiresAt: invitation.expiresAt,
      status: invitation.acceptedAt
        ? ('accepted' as const)
        : invitation.expiresAt <= this.#now().toISOString()
          ? ('expired' as const)
          : ('pending' as const),
    };
  }

  /**
   * Makes a user a member through an invitation, inside the caller's
   * transaction (registration uses it too). The invitation is for one email:
   * a forwarded link does not let someone else in.
   */
  async joinWithInvitation(tx: Tx, token: string, user: { id: string; email: string }) {
    const now = this.#now().toISOString();
    const invitation = await findInvitationByTokenHash(tx, tokenHash(token));
    if (!invitation || invitation.revokedAt) throw notFound('No such invitation.');
    if (invitation.acceptedAt)
      throw conflict('invitation-used', 'This invitation has already been accepted.');
    if (invitation.expiresAt <= now)
      throw conflict('invitation-expired', 'This invitation has expired; ask for a new one.');
    if (invitation.email !== normalizeEmail(user.email)) {
      throw new AppError(403, 'invitation-for-another-email', `This invitation is for ${invitation.email}.`);
    }
    if (await findMember(tx, invitation.organizationId, user.id)) {
      throw conflict('already-member', 'You are already a member of this organization.');
    }
    if (!(await markInvitationAccepted(tx, invitation.id, user.id, now))) {
      throw conflict('invitation-used', 'This invitation has already been accepted.');
    }
    await insertMembership(tx, {
      organizationId: invitation.organizationId,
      userId: user.id,
      role: invitation.role,
      now,
    });
    return {
      organizationId: invitation.organizationId,
      organizationName: invitation.organizationName,
      role: invitation.role,
    };
  }

  acceptInvitation(token: string, user: { id: string; email: string }) {
    return inTransaction(this.#db, (tx) => this.joinWithInvitation(tx, token, user));
  }
}
