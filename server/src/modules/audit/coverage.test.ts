import { createHash } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import type { LightMyRequestResponse } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeApp, type TestContext, testConfig } from '../../../test/app.ts';
import type { TestDatabase } from '../../../test/databases.ts';
import {
  addMember,
  bearer,
  createBlock,
  createGuest,
  createHouse,
  createReservation,
  registerUser,
  type TestSession,
} from '../../../test/factories.ts';
import { FeedServer, icalFeed } from '../../../test/feed-server.ts';
import { fileUpload, jpeg } from '../../../test/upload-files.ts';
import { buildApp } from '../../app.ts';
import { AUDITED_TABLES } from '../../db/audit-capture.ts';
import type { AppInstance } from '../../http/types.ts';

const ERASED = 'Anonymized guest';

/**
 * The audit log's coverage, walked from the OpenAPI document: every write
 * operation either has a scenario below that performs it for real, or is
 * listed as changing no audited entity, with the reason. Each scenario's one
 * measured request is framed by two snapshots of every audited table; the
 * entries it leaves must be exactly one per entity that changed between them,
 * by the caller, with the request's id, the right action, and the rows as
 * they were and became (secrets left out).
 */

type Response = LightMyRequestResponse;
type Member = TestSession & { organizationId: string; headers: Record<string, string> };
type Audited = (typeof AUDITED_TABLES)[number];
type Method = 'POST' | 'PATCH' | 'PUT' | 'DELETE' | 'GET';

interface Request {
  /** Who calls: a member (their organization's headers) or nobody. */
  as: Member | TestSession | null;
  method: Method;
  url: string;
  payload?: unknown;
  headers?: Record<string, string>;
  /** Another application on the same database (a different configuration). */
  app?: AppInstance;
  /**
   * Columns the change erases from the log's past too (a guest's anonymization): by entity, the
   * value their `before` holds instead of the stored one.
   */
  erased?: Record<string, Record<string, unknown>>;
}

type Scenario = (ctx: Ctx) => Promise<Response>;

interface Ctx {
  app: AppInstance;
  db: TestDatabase;
  admin: Member;
  manager: Member;
  staff: Member;
  owner: Member;
  feeds: FeedServer;
  /** A request made to build what the measured one needs: must succeed, not measured. */
  api(request: Request): Promise<Response>;
  /** The scenario's one measured request. */
  act(request: Request): Promise<Response>;
  /** A fresh house of the organization, made by the manager. */
  house(): Promise<{ id: string; version: number }>;
}

// --- what is measured ---------------------------------------------------------------

interface Row {
  organization: string | null;
  entity: string;
  entityId: string;
  columns: Record<string, unknown>;
}
type Snapshot = Map<string, Row>;

const keyOf = (organization: string | null, entity: string, entityId: string) =>
  `${organization}|${entity}|${entityId}`;

/** Every audited table's rows, keyed by the entity they are (the table's own id rule). */
async function snapshot(db: TestContext['db']): Promise<Snapshot> {
  const rows: Snapshot = new Map();
  for (const audited of AUDITED_TABLES) {
    const id = audited.id?.('r') ?? 'r.id';
    const organization = audited.organization?.('r') ?? 'r.organization_id';
    const { rows: found } = await sql
      .raw<Record<string, unknown>>(
        `select r.*, (${id}) as audit_test_entity_id, (${organization}) as audit_test_organization from ${audited.table} r`,
      )
      .execute(db.database.db);
    for (const { audit_test_entity_id, audit_test_organization, ...columns } of found) {
      const organizationId = audit_test_organization === null ? null : String(audit_test_organization);
      const entityId = String(audit_test_entity_id);
      const key = keyOf(organizationId, audited.entity, entityId);
      if (rows.has(key)) throw new Error(`two rows of ${audited.table} are the same entity ${key}`);
      rows.set(key, { organization: organizationId, entity: audited.entity, entityId, columns });
    }
  }
  return rows;
}

interface Change {
  key: string;
  entity: string;
  entityId: string;
  action: 'create' | 'update' | 'delete' | 'status';
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  audited: Audited;
}

const tableOf = new Map(AUDITED_TABLES.map((audited) => [audited.entity, audited]));

const without = (columns: Record<string, unknown>, names: string[]) =>
  Object.fromEntries(Object.entries(columns).filter(([name]) => !names.includes(name)));

/** What changed between two snapshots, by the rule the log follows. */
function changesBetween(before: Snapshot, after: Snapshot): Change[] {
  const changes: Change[] = [];
  for (const key of new Set([...before.keys(), ...after.keys()])) {
    const old = before.get(key);
    const now = after.get(key);
    const row = (now ?? old) as Row;
    const audited = tableOf.get(row.entity) as Audited;
    // No organization: nobody's log (an entry needs one).
    if (row.organization === null) continue;
    const operations = audited.operations ?? ['insert', 'update', 'delete'];
    const unchanged = audited.ignored ?? [];
    let action: Change['action'];
    if (!old) {
      if (!operations.includes('insert')) continue;
      action = 'create';
    } else if (!now) {
      if (!operations.includes('delete')) continue;
      action = 'delete';
    } else {
      if (!operations.includes('update')) continue;
      if (isDeepStrictEqual(without(old.columns, unchanged), without(now.columns, unchanged))) continue;
      action = 'status' in now.columns && old.columns.status !== now.columns.status ? 'status' : 'update';
    }
    changes.push({
      key,
      entity: row.entity,
      entityId: row.entityId,
      action,
      before: old ? old.columns : null,
      after: now ? now.columns : null,
      audited,
    });
  }
  return changes;
}

interface Entry {
  id: string;
  organization_id: string;
  entity: string;
  entity_id: string;
  action: string;
  actor_id: string | null;
  request_id: string | null;
  before: unknown;
  after: unknown;
}

async function lastSeq(db: TestContext['db']): Promise<number> {
  const { rows } = await sql<{ seq: unknown }>`select max(seq) as seq from audit_log`.execute(db.database.db);
  return Number(rows[0]?.seq ?? 0);
}

async function entriesSince(db: TestContext['db'], seq: number): Promise<Entry[]> {
  const { rows } = await sql<Entry>`select id, organization_id, entity, entity_id, action, actor_id,
      request_id, before, after from audit_log where seq > ${seq} order by seq`.execute(db.database.db);
  return rows;
}

const json = (value: unknown) => (typeof value === 'string' ? JSON.parse(value) : value);

/** A timestamp as text, whichever way the driver or the JSON wrote it. */
function instant(text: string): number {
  if (!/^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}/.test(text)) return Number.NaN;
  return Date.parse(text.replace(' ', 'T').replace(/([+-]\d{2})$/, '$1:00'));
}

/**
 * A value the log recorded against the one the table holds: the log is JSON
 * (booleans and JSON columns as themselves), the driver's row is not always.
 */
function sameValue(logged: unknown, stored: unknown): boolean {
  if (logged === null || logged === undefined) return stored === null || stored === undefined;
  if (stored === null || stored === undefined) return false;
  if (stored instanceof Date) return typeof logged === 'string' && instant(logged) === stored.getTime();
  if (typeof logged === 'boolean') return stored === logged || stored === (logged ? 1 : 0);
  if (typeof logged === 'object') {
    if (typeof stored === 'string') {
      try {
        return isDeepStrictEqual(logged, JSON.parse(stored));
      } catch {
        return false;
      }
    }
    return isDeepStrictEqual(logged, stored);
  }
  if (typeof logged === 'number' || typeof stored === 'number' || typeof stored === 'bigint') {
    return String(logged) === String(stored);
  }
  if (typeof logged === 'string' && typeof stored === 'string') {
    if (logged === stored) return true;
    const a = instant(logged);
    return !Number.isNaN(a) && a === instant(stored);
  }
  return false;
}

/** How the logged row differs from the table's row: the columns that are not the same. */
function rowDifferences(
  logged: unknown,
  stored: Record<string, unknown> | null,
  hidden: string[],
  ignored: string[],
): string[] {
  const entry = json(logged) as Record<string, unknown> | null;
  if (stored === null) return entry === null ? [] : ['(a row where there is none)'];
  if (entry === null) return ['(no row)'];
  const problems: string[] = [];
  for (const [name, value] of Object.entries(stored)) {
    if (!(name in entry)) problems.push(`${name}: missing`);
    // A secret is recorded as a digest of it, never itself.
    else if (hidden.includes(name)) {
      const digest =
        value === null
          ? null
          : `sha256:${createHash('sha256').update(String(value)).digest('hex').slice(0, 8)}`;
      if (entry[name] !== digest)
        problems.push(`${name}: a hidden column is recorded as ${JSON.stringify(entry[name])}`);
    }
    // Bookkeeping the log does not count as a change (a channel's sync lease) may move within the
    // change itself: a delete that first takes the lease records the row with it.
    else if (ignored.includes(name)) continue;
    else if (!sameValue(entry[name], value))
      problems.push(`${name}: logged ${JSON.stringify(entry[name])}, stored ${JSON.stringify(value)}`);
  }
  for (const name of Object.keys(entry)) if (!(name in stored)) problems.push(`${name}: not a column`);
  return problems;
}

// --- the operations ------------------------------------------------------------------

const WRITE_METHODS = ['post', 'patch', 'put', 'delete'];

interface Operation {
  operationId: string;
  method: string;
  path: string;
}

async function writeOperations(app: AppInstance): Promise<Operation[]> {
  const document = (await app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json() as {
    paths: Record<string, Record<string, { operationId?: string }>>;
  };
  const operations: Operation[] = [];
  for (const [path, item] of Object.entries(document.paths)) {
    if (!path.startsWith('/api/v1/')) continue;
    for (const [method, operation] of Object.entries(item)) {
      if (!WRITE_METHODS.includes(method)) continue;
      operations.push({
        operationId: operation.operationId ?? `${method.toUpperCase()} ${path}`,
        method: method.toUpperCase(),
        path,
      });
    }
  }
  return operations;
}

const pathPattern = (path: string) =>
  new RegExp(`^${path.replace(/\{[^}]+\}/g, '[^/?#]+').replaceAll('.', '\\.')}(\\?.*)?$`);

/** Write operations that change no audited entity, and why. */
const UNAUDITED: Record<string, string> = {
  login: 'signs in: sessions and login attempts are not entities of an organization',
  refresh: 'turns a refresh token into a new pair: sessions only',
  logout: 'revokes a refresh token: sessions only',
  verifyEmail: "marks the account's email verified: the account (users) is not an organization's entity",
  resendVerification: 'queues an email: the outbox only',
  requestPasswordReset: 'queues an email with a reset token: the outbox and reset tokens only',
  confirmPasswordReset: "sets the account's password: the account is not an organization's entity",
  updateProfile: "the caller's own name and language: the account, not an organization's entity",
  changePassword: "the caller's own password: the account, not an organization's entity",
  startOAuthLogin: 'starts a sign-in with a provider: a state token only',
  startOAuthLink: 'starts linking a provider: a state token only',
  unlinkProvider: "the caller's own sign-in providers: the account, not an organization's entity",
  updateUser:
    'instance administration of an account (active, instance admin): instance-wide, no organization',
  retryJob: 'instance administration of the job queue: the jobs table only',
  markNotificationsRead: "the caller's own notifications: read marks are no change to an entity",
  putNotificationPreferences: "the caller's own notification preferences: per member, not an audited entity",
};

const day = (offset: number) =>
  new Date(Date.UTC(2045, 0, 1) + offset * 86_400_000).toISOString().slice(0, 10);
let nights = 0;
/** Two nights nobody else in this file uses. */
const freeStay = () => {
  nights += 10;
  return { checkIn: day(nights), checkOut: day(nights + 2) };
};

const SCENARIOS: Record<string, Scenario> = {
  // --- people ---
  register: async ({ act }) =>
    act({
      as: null,
      method: 'POST',
      url: '/api/v1/auth/register',
      payload: {
        email: `founder-${Date.now()}@example.org`,
        password: 'a founder password that is long',
        name: 'Founder',
        organizationName: 'Villas du Sud',
      },
    }),
  decideRegistrationRequest: async ({ db, admin, act }) => {
    // Only an instance that approves registrations holds requests: a second instance, same database.
    const base = testConfig();
    const approving = await buildApp(
      testConfig({
        database: db.config,
        auth: { ...base.auth, registrationMode: 'approval' },
        jobs: { enabled: false, pollIntervalMs: 600_000 },
      }),
      { database: db.database },
    );
    try {
      await approving.ready();
      const email = `applicant-${Date.now()}@example.org`;
      const applied = await approving.inject({
        method: 'POST',
        url: '/api/v1/auth/register',
        payload: {
          email,
          password: 'an applicant password that is long',
          name: 'Applicant',
          organizationName: 'Gîtes du Lac',
        },
      });
      if (applied.statusCode !== 202) throw new Error(`register: ${applied.statusCode} ${applied.body}`);
      const pending = await approving.inject({
        method: 'GET',
        url: '/api/v1/admin/registration-requests',
        headers: bearer(admin),
      });
      const request = (pending.json().items as { id: string; email: string }[]).find(
        (item) => item.email === email,
      );
      return await act({
        app: approving,
        // The instance administrator acts outside any organization.
        as: { ...admin, headers: bearer(admin) },
        method: 'PATCH',
        url: `/api/v1/admin/registration-requests/${request?.id}`,
        payload: { status: 'approved' },
      });
    } finally {
      await approving.close();
    }
  },
  createInvitation: async ({ admin, act }) =>
    act({
      as: admin,
      method: 'POST',
      url: '/api/v1/invitations',
      payload: { email: `cleaner-${Date.now()}@example.org`, role: 'staff' },
    }),
  revokeInvitation: async ({ admin, api, act }) => {
    const invited = await api({
      as: admin,
      method: 'POST',
      url: '/api/v1/invitations',
      payload: { email: `revoked-${Date.now()}@example.org`, role: 'manager' },
    });
    return act({ as: admin, method: 'DELETE', url: `/api/v1/invitations/${invited.json().id}` });
  },
  acceptInvitation: async ({ app, admin, api, act }) => {
    const joiner = await registerUser(app);
    await api({
      as: admin,
      method: 'POST',
      url: '/api/v1/invitations',
      payload: { email: joiner.email, role: 'staff' },
    });
    const message = await app.db
      .selectFrom('email_outbox')
      .select('body_text')
      .where('recipient', '=', joiner.email)
      .where('template', '=', 'invitation')
      .executeTakeFirstOrThrow();
    const token = message.body_text.match(/token=([A-Za-z0-9_-]+)/)?.[1];
    return act({ as: joiner, method: 'POST', url: '/api/v1/invitations/accept', payload: { token } });
  },
  updateMember: async ({ app, admin, act }) => {
    const member = await addMember(app, admin, 'staff');
    return act({
      as: admin,
      method: 'PATCH',
      url: `/api/v1/members/${member.user.id}`,
      payload: { role: 'manager' },
    });
  },
  removeMember: async ({ app, admin, act }) => {
    const member = await addMember(app, admin, 'staff');
    return act({ as: admin, method: 'DELETE', url: `/api/v1/members/${member.user.id}` });
  },
  assignMemberHouses: async ({ admin, owner, house, act }) => {
    const first = await house();
    const second = await house();
    return act({
      as: admin,
      method: 'PUT',
      url: `/api/v1/members/${owner.user.id}/houses`,
      payload: { houseIds: [first.id, second.id] },
    });
  },
  updateOrganizationSettings: async ({ admin, act }) =>
    act({
      as: admin,
      method: 'PATCH',
      url: '/api/v1/organization/settings',
      payload: { checkInTime: '15:00', touristTax: { mode: 'per_night', rate: '1.50' } },
    }),

  // --- houses ---
  createSite: async ({ manager, act }) =>
    act({
      as: manager,
      method: 'POST',
      url: '/api/v1/sites',
      payload: { name: 'Les Oliviers', address: '2 chemin des Vignes' },
    }),
  updateSite: async ({ manager, api, act }) => {
    const site = await api({
      as: manager,
      method: 'POST',
      url: '/api/v1/sites',
      payload: { name: 'Le Hameau' },
    });
    return act({
      as: manager,
      method: 'PATCH',
      url: `/api/v1/sites/${site.json().id}`,
      payload: { notes: 'Gate code 1234' },
    });
  },
  deleteSite: async ({ manager, api, act }) => {
    const site = await api({ as: manager, method: 'POST', url: '/api/v1/sites', payload: { name: 'Sold' } });
    return act({ as: manager, method: 'DELETE', url: `/api/v1/sites/${site.json().id}` });
  },
  createHouse: async ({ manager, act }) =>
    act({
      as: manager,
      method: 'POST',
      url: '/api/v1/houses',
      payload: {
        code: 'mas-des-pins',
        name: 'Mas des Pins',
        type: 'villa',
        maxGuests: 8,
        nightlyPrice: '240.00',
      },
    }),
  updateHouse: async ({ manager, house, act }) => {
    const made = await house();
    return act({
      as: manager,
      method: 'PATCH',
      url: `/api/v1/houses/${made.id}`,
      payload: { maxGuests: 6, notes: 'Pool heated from May' },
      headers: { 'if-match': `"${made.version}"` },
    });
  },
  deleteHouse: async ({ manager, house, act }) => {
    const made = await house();
    return act({ as: manager, method: 'DELETE', url: `/api/v1/houses/${made.id}` });
  },

  // --- guests and stays ---
  createGuest: async ({ manager, act }) =>
    act({
      as: manager,
      method: 'POST',
      url: '/api/v1/guests',
      payload: { name: 'Ada Lovelace', email: `ada-${Date.now()}@example.org`, nationality: 'GB' },
    }),
  updateGuest: async ({ app, manager, act }) => {
    const guest = await createGuest(app, manager);
    return act({
      as: manager,
      method: 'PATCH',
      url: `/api/v1/guests/${guest.id}`,
      payload: { phone: '+33 6 12 34 56 78' },
    });
  },
  deleteGuest: async ({ app, manager, act }) => {
    const guest = await createGuest(app, manager);
    return act({ as: manager, method: 'DELETE', url: `/api/v1/guests/${guest.id}` });
  },
  anonymizeGuest: async ({ app, admin, manager, house, act }) => {
    const guest = await createGuest(app, manager, {
      email: `gone-${Date.now()}@example.org`,
      phone: '+33 1 00',
    });
    const made = await house();
    await createReservation(app, manager, { houseId: made.id, guestId: guest.id, ...freeStay() });
    // The log keeps no personal data of an anonymized guest, not even in the entry that erases it.
    return act({
      as: admin,
      method: 'POST',
      url: `/api/v1/guests/${guest.id}/anonymize`,
      erased: {
        guest: { name: ERASED, email: null, phone: null, nationality: null, notes: null },
        reservation: { guest_name: ERASED },
      },
    });
  },
  createReservation: async ({ manager, house, act }) => {
    const made = await house();
    return act({
      as: manager,
      method: 'POST',
      url: '/api/v1/reservations',
      payload: {
        houseId: made.id,
        guestName: 'Grace Hopper',
        guestEmail: `grace-${Date.now()}@example.org`,
        ...freeStay(),
        guests: 3,
        status: 'confirmed',
        totalPrice: '480.00',
        advancePaid: '100.00',
      },
    });
  },
  updateReservation: async ({ app, manager, house, act }) => {
    const made = await house();
    const stay = await createReservation(app, manager, { houseId: made.id, ...freeStay() });
    return act({
      as: manager,
      method: 'PATCH',
      url: `/api/v1/reservations/${stay.id}`,
      payload: { guests: 4, status: 'confirmed', notes: 'Late arrival' },
    });
  },
  deleteReservation: async ({ app, admin, manager, house, act }) => {
    const made = await house();
    const stay = await createReservation(app, manager, { houseId: made.id, ...freeStay() });
    return act({ as: admin, method: 'DELETE', url: `/api/v1/reservations/${stay.id}` });
  },
  recordReservationPayment: async ({ app, manager, house, act }) => {
    const made = await house();
    const stay = await createReservation(app, manager, {
      houseId: made.id,
      ...freeStay(),
      status: 'confirmed',
    });
    return act({
      as: manager,
      method: 'POST',
      url: `/api/v1/reservations/${stay.id}/payments`,
      payload: { date: stay.checkIn, amount: '50.00', kind: 'advance', method: 'bank_transfer' },
    });
  },
  createBlock: async ({ manager, house, act }) => {
    const made = await house();
    const { checkIn, checkOut } = freeStay();
    return act({
      as: manager,
      method: 'POST',
      url: '/api/v1/blocks',
      payload: { houseId: made.id, start: checkIn, end: checkOut, kind: 'owner', note: 'Family week' },
    });
  },
  updateBlock: async ({ app, manager, house, act }) => {
    const made = await house();
    const { checkIn, checkOut } = freeStay();
    const block = await createBlock(app, manager, { houseId: made.id, start: checkIn, end: checkOut });
    return act({
      as: manager,
      method: 'PATCH',
      url: `/api/v1/blocks/${block.id}`,
      payload: { kind: 'maintenance', note: 'Roof' },
    });
  },
  deleteBlock: async ({ app, manager, house, act }) => {
    const made = await house();
    const { checkIn, checkOut } = freeStay();
    const block = await createBlock(app, manager, { houseId: made.id, start: checkIn, end: checkOut });
    return act({ as: manager, method: 'DELETE', url: `/api/v1/blocks/${block.id}` });
  },

  // --- checklists (the template is empty until the first scenario fills it) ---
  addDefaultChecklist: async ({ manager, api, act }) => {
    // A new organization starts with the default checklist: it is emptied first, as a team that
    // wants to start over does.
    const template = await api({ as: manager, method: 'GET', url: '/api/v1/checklist' });
    for (const category of template.json().categories as { id: string; items: { id: string }[] }[]) {
      for (const item of category.items) {
        await api({ as: manager, method: 'DELETE', url: `/api/v1/checklist/items/${item.id}` });
      }
      await api({ as: manager, method: 'DELETE', url: `/api/v1/checklist/categories/${category.id}` });
    }
    return act({ as: manager, method: 'POST', url: '/api/v1/checklist/defaults' });
  },
  createChecklistCategory: async ({ manager, act }) =>
    act({ as: manager, method: 'POST', url: '/api/v1/checklist/categories', payload: { name: 'Garden' } }),
  renameChecklistCategory: async ({ manager, api, act }) => {
    const category = await api({
      as: manager,
      method: 'POST',
      url: '/api/v1/checklist/categories',
      payload: { name: 'Pool' },
    });
    return act({
      as: manager,
      method: 'PATCH',
      url: `/api/v1/checklist/categories/${category.json().id}`,
      payload: { name: 'Pool and spa' },
    });
  },
  orderChecklistCategories: async ({ manager, api, act }) => {
    const template = await api({ as: manager, method: 'GET', url: '/api/v1/checklist' });
    const ids = (template.json().categories as { id: string }[]).map((category) => category.id);
    return act({
      as: manager,
      method: 'PUT',
      url: '/api/v1/checklist/categories/order',
      payload: { categoryIds: ids.reverse() },
    });
  },
  deleteChecklistCategory: async ({ manager, api, act }) => {
    const category = await api({
      as: manager,
      method: 'POST',
      url: '/api/v1/checklist/categories',
      payload: { name: 'Spare' },
    });
    return act({ as: manager, method: 'DELETE', url: `/api/v1/checklist/categories/${category.json().id}` });
  },
  createChecklistItem: async ({ manager, api, act }) => {
    const template = await api({ as: manager, method: 'GET', url: '/api/v1/checklist' });
    return act({
      as: manager,
      method: 'POST',
      url: '/api/v1/checklist/items',
      payload: {
        categoryId: template.json().categories[0].id,
        description: 'Check the smoke detector',
        type: 'inspection',
      },
    });
  },
  orderChecklistItems: async ({ manager, api, act }) => {
    const template = await api({ as: manager, method: 'GET', url: '/api/v1/checklist' });
    const category = (template.json().categories as { id: string; items: { id: string }[] }[]).find(
      (candidate) => candidate.items.length > 1,
    ) as { id: string; items: { id: string }[] };
    return act({
      as: manager,
      method: 'PUT',
      url: `/api/v1/checklist/categories/${category.id}/order`,
      payload: { itemIds: category.items.map((item) => item.id).reverse() },
    });
  },
  updateChecklistItem: async ({ manager, house, api, act }) => {
    const made = await house();
    const template = await api({ as: manager, method: 'GET', url: '/api/v1/checklist' });
    const item = template.json().categories[0].items[0];
    return act({
      as: manager,
      method: 'PATCH',
      url: `/api/v1/checklist/items/${item.id}`,
      payload: { productRequired: 'Glass cleaner', appliesToAll: false, houseIds: [made.id] },
    });
  },
  deleteChecklistItem: async ({ manager, api, act }) => {
    const template = await api({ as: manager, method: 'GET', url: '/api/v1/checklist' });
    const item = await api({
      as: manager,
      method: 'POST',
      url: '/api/v1/checklist/items',
      payload: {
        categoryId: template.json().categories[0].id,
        description: 'Wind the clock',
        type: 'upkeep',
      },
    });
    return act({ as: manager, method: 'DELETE', url: `/api/v1/checklist/items/${item.json().id}` });
  },
  setChecklistItem: async ({ staff, house, api, act }) => {
    const made = await house();
    // The first tick opens the house's round (its items are copied, not audited one by one); the
    // measured one ticks another item of that round.
    const checklist = await api({ as: staff, method: 'GET', url: `/api/v1/houses/${made.id}/checklist` });
    const items = (checklist.json().categories as { items: { id: string }[] }[]).flatMap(
      (category) => category.items,
    );
    await api({
      as: staff,
      method: 'PUT',
      url: `/api/v1/houses/${made.id}/checklist/items/${items[0]?.id}`,
      payload: { completed: true },
    });
    return act({
      as: staff,
      method: 'PUT',
      url: `/api/v1/houses/${made.id}/checklist/items/${items[1]?.id}`,
      payload: { completed: true },
    });
  },

  // --- channels ---
  createChannel: async ({ manager, feeds, house, act }) => {
    const made = await house();
    feeds.serve(`/create-${made.id}.ics`, icalFeed([]));
    return act({
      as: manager,
      method: 'POST',
      url: `/api/v1/houses/${made.id}/channels`,
      payload: { name: 'Airbnb', source: 'airbnb', url: feeds.url(`/create-${made.id}.ics`) },
    });
  },
  updateChannel: async ({ manager, feeds, house, api, act }) => {
    const made = await house();
    feeds.serve(`/update-${made.id}.ics`, icalFeed([]));
    const channel = await api({
      as: manager,
      method: 'POST',
      url: `/api/v1/houses/${made.id}/channels`,
      payload: { name: 'Booking', source: 'booking', url: feeds.url(`/update-${made.id}.ics`) },
    });
    return act({
      as: manager,
      method: 'PATCH',
      url: `/api/v1/channels/${channel.json().id}`,
      payload: { name: 'Booking.com' },
    });
  },
  deleteChannel: async ({ manager, feeds, house, api, act }) => {
    const made = await house();
    feeds.serve(`/delete-${made.id}.ics`, icalFeed([]));
    const channel = await api({
      as: manager,
      method: 'POST',
      url: `/api/v1/houses/${made.id}/channels`,
      payload: { name: 'Vrbo', source: 'vrbo', url: feeds.url(`/delete-${made.id}.ics`) },
    });
    return act({ as: manager, method: 'DELETE', url: `/api/v1/channels/${channel.json().id}` });
  },
  syncChannel: async ({ manager, feeds, house, api, act }) => {
    const made = await house();
    const path = `/sync-${made.id}.ics`;
    feeds.serve(path, icalFeed([]));
    const channel = await api({
      as: manager,
      method: 'POST',
      url: `/api/v1/houses/${made.id}/channels`,
      payload: { name: 'Airbnb', source: 'airbnb', url: feeds.url(path) },
    });
    // A booking arrives on the channel: "sync now" imports it as a stay.
    const { checkIn, checkOut } = freeStay();
    feeds.serve(path, icalFeed([{ uid: `sync-${made.id}@airbnb.com`, start: checkIn, end: checkOut }]));
    return act({
      as: manager,
      method: 'POST',
      url: `/api/v1/channels/${channel.json().id}/sync`,
      payload: {},
    });
  },
  rotateIcalExports: async ({ manager, house, act }) => {
    const made = await house();
    return act({
      as: manager,
      method: 'POST',
      url: `/api/v1/houses/${made.id}/ical-export/rotate`,
      payload: {},
    });
  },

  // --- work orders ---
  createMaintenanceType: async ({ admin, act }) =>
    act({
      as: admin,
      method: 'POST',
      url: '/api/v1/maintenance/types',
      payload: { code: 'sauna', labelEn: 'Sauna', labelFr: 'Sauna' },
    }),
  updateMaintenanceType: async ({ admin, api, act }) => {
    await api({
      as: admin,
      method: 'POST',
      url: '/api/v1/maintenance/types',
      payload: { code: 'hedges', labelEn: 'Hedges', labelFr: 'Haies' },
    });
    return act({
      as: admin,
      method: 'PATCH',
      url: '/api/v1/maintenance/types/hedges',
      payload: { labelEn: 'Hedges and lawn' },
    });
  },
  createMaintenanceIssue: async ({ manager, house, act }) => {
    const made = await house();
    const { checkIn, checkOut } = freeStay();
    // With the nights it closes: the work order and its block, one change.
    return act({
      as: manager,
      method: 'POST',
      url: '/api/v1/maintenance/issues',
      payload: {
        houseId: made.id,
        type: 'plumbing',
        title: 'Burst pipe under the sink',
        priority: 'urgent',
        block: { start: checkIn, end: checkOut },
      },
    });
  },
  updateMaintenanceIssue: async ({ manager, staff, house, api, act }) => {
    const made = await house();
    const issue = await api({
      as: manager,
      method: 'POST',
      url: '/api/v1/maintenance/issues',
      payload: { houseId: made.id, type: 'plumbing', title: 'Dripping tap' },
    });
    return act({
      as: manager,
      method: 'PATCH',
      url: `/api/v1/maintenance/issues/${issue.json().id}`,
      payload: { status: 'in_progress', assigneeUserId: staff.user.id, laborCost: '35.00' },
    });
  },
  deleteMaintenanceIssue: async ({ admin, manager, house, api, act }) => {
    const made = await house();
    const issue = await api({
      as: manager,
      method: 'POST',
      url: '/api/v1/maintenance/issues',
      payload: { houseId: made.id, type: 'plumbing', title: 'Reported twice' },
    });
    return act({ as: admin, method: 'DELETE', url: `/api/v1/maintenance/issues/${issue.json().id}` });
  },

  // --- attachments ---
  uploadHouseAttachment: async ({ manager, house, act }) => {
    const made = await house();
    const upload = fileUpload(await jpeg());
    return act({
      as: manager,
      method: 'POST',
      url: `/api/v1/houses/${made.id}/attachments`,
      payload: upload.payload,
      headers: upload.headers,
    });
  },
  uploadMaintenanceIssueAttachment: async ({ staff, house, api, act }) => {
    const made = await house();
    const issue = await api({
      as: staff,
      method: 'POST',
      url: '/api/v1/maintenance/issues',
      payload: { houseId: made.id, type: 'plumbing', title: 'Leak, photo attached' },
    });
    const upload = fileUpload(await jpeg());
    return act({
      as: staff,
      method: 'POST',
      url: `/api/v1/maintenance/issues/${issue.json().id}/attachments`,
      payload: upload.payload,
      headers: upload.headers,
    });
  },
  uploadLedgerEntryAttachment: async ({ manager, api, act }) => {
    const entry = await api({
      as: manager,
      method: 'POST',
      url: '/api/v1/ledger',
      payload: {
        date: day(1),
        type: 'expense',
        category: 'supplies',
        description: 'Towels',
        amount: '84.90',
      },
    });
    const upload = fileUpload(await jpeg(), { fileName: 'receipt.jpg' });
    return act({
      as: manager,
      method: 'POST',
      url: `/api/v1/ledger/${entry.json().id}/attachments`,
      payload: upload.payload,
      headers: upload.headers,
    });
  },
  deleteAttachment: async ({ manager, house, api, act }) => {
    const made = await house();
    const upload = fileUpload(await jpeg());
    const attachment = await api({
      as: manager,
      method: 'POST',
      url: `/api/v1/houses/${made.id}/attachments`,
      payload: upload.payload,
      headers: upload.headers,
    });
    return act({ as: manager, method: 'DELETE', url: `/api/v1/attachments/${attachment.json().id}` });
  },

  // --- money ---
  createLedgerEntry: async ({ manager, house, act }) => {
    const made = await house();
    return act({
      as: manager,
      method: 'POST',
      url: '/api/v1/ledger',
      payload: {
        houseId: made.id,
        date: day(2),
        type: 'expense',
        category: 'utilities',
        description: 'Water bill',
        amount: '61.20',
      },
    });
  },
  updateLedgerEntry: async ({ manager, api, act }) => {
    const entry = await api({
      as: manager,
      method: 'POST',
      url: '/api/v1/ledger',
      payload: { date: day(3), type: 'expense', category: 'supplies', description: 'Soap', amount: '12.00' },
    });
    return act({
      as: manager,
      method: 'PATCH',
      url: `/api/v1/ledger/${entry.json().id}`,
      payload: { amount: '14.50' },
    });
  },
  deleteLedgerEntry: async ({ manager, api, act }) => {
    const entry = await api({
      as: manager,
      method: 'POST',
      url: '/api/v1/ledger',
      payload: { date: day(3), type: 'income', category: 'extra', description: 'Typo', amount: '1.00' },
    });
    return act({ as: manager, method: 'DELETE', url: `/api/v1/ledger/${entry.json().id}` });
  },
  adjustLedgerEntry: async ({ manager, api, act }) => {
    const entry = await api({
      as: manager,
      method: 'POST',
      url: '/api/v1/ledger',
      payload: {
        date: day(4),
        type: 'expense',
        category: 'maintenance',
        description: 'Plumber',
        amount: '150.00',
      },
    });
    return act({
      as: manager,
      method: 'POST',
      url: `/api/v1/ledger/${entry.json().id}/adjustments`,
      payload: { amount: '-20.00', description: 'Discount on the invoice' },
    });
  },
  closeFinanceMonth: async ({ admin, act }) =>
    act({ as: admin, method: 'POST', url: '/api/v1/finance/closings', payload: { month: '2044-01' } }),
  reopenFinanceMonth: async ({ admin, api, act }) => {
    await api({ as: admin, method: 'POST', url: '/api/v1/finance/closings', payload: { month: '2044-02' } });
    return act({ as: admin, method: 'DELETE', url: '/api/v1/finance/closings/2044-02' });
  },
  setTouristTaxRule: async ({ admin, house, act }) => {
    const made = await house();
    return act({
      as: admin,
      method: 'PUT',
      url: `/api/v1/houses/${made.id}/tourist-tax`,
      payload: { mode: 'per_night', rate: '1.65' },
    });
  },
  deleteTouristTaxRule: async ({ admin, house, api, act }) => {
    const made = await house();
    await api({
      as: admin,
      method: 'PUT',
      url: `/api/v1/houses/${made.id}/tourist-tax`,
      payload: { mode: 'per_night', rate: '2.00' },
    });
    return act({ as: admin, method: 'DELETE', url: `/api/v1/houses/${made.id}/tourist-tax` });
  },
  recordTouristTax: async ({ app, admin, manager, house, api, act }) => {
    const made = await house();
    await api({
      as: admin,
      method: 'PUT',
      url: `/api/v1/houses/${made.id}/tourist-tax`,
      payload: { mode: 'per_night', rate: '1.65' },
    });
    const stay = await createReservation(app, manager, { houseId: made.id, ...freeStay(), guests: 3 });
    return act({
      as: manager,
      method: 'POST',
      url: `/api/v1/reservations/${stay.id}/tourist-tax`,
      payload: { date: stay.checkIn, adults: 2 },
    });
  },
  createOwnerContract: async ({ admin, house, act }) => {
    const made = await house();
    return act({
      as: admin,
      method: 'POST',
      url: `/api/v1/houses/${made.id}/owner-contracts`,
      payload: { effectiveFrom: '2045-01', accommodationRate: '20', incomeRate: '10' },
    });
  },
  deleteOwnerContract: async ({ admin, house, api, act }) => {
    const made = await house();
    const contract = await api({
      as: admin,
      method: 'POST',
      url: `/api/v1/houses/${made.id}/owner-contracts`,
      payload: { effectiveFrom: '2045-01', accommodationRate: '25', incomeRate: '0' },
    });
    return act({ as: admin, method: 'DELETE', url: `/api/v1/owner-contracts/${contract.json().id}` });
  },
};

/** A token emailed to `email` with `template` (the outbox is where the user would read it). */
async function emailedToken(app: AppInstance, email: string, template: string): Promise<string> {
  const message = await app.db
    .selectFrom('email_outbox')
    .select('body_text')
    .where('recipient', '=', email)
    .where('template', '=', template)
    .orderBy('created_at', 'desc')
    .executeTakeFirstOrThrow();
  const token = message.body_text.match(/token=([A-Za-z0-9_%-]+)/)?.[1];
  if (!token) throw new Error(`no token in the ${template} email`);
  return decodeURIComponent(token);
}

/**
 * The unaudited operations that can be run here, run for real: each must
 * succeed and change no audited entity, so "unaudited" stays a fact, not a
 * claim. (OAuth needs a provider, a retry a failed job: their reason stands alone.)
 */
const UNAUDITED_PROBES: Partial<Record<keyof typeof UNAUDITED, Scenario>> = {
  login: async ({ app, act }) => {
    const user = await registerUser(app);
    return act({
      as: null,
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: user.email, password: user.password },
    });
  },
  refresh: async ({ app, act }) => {
    const user = await registerUser(app);
    return act({
      as: null,
      method: 'POST',
      url: '/api/v1/auth/refresh',
      payload: { refreshToken: user.refreshToken },
    });
  },
  logout: async ({ app, act }) => {
    const user = await registerUser(app);
    return act({
      as: user,
      method: 'POST',
      url: '/api/v1/auth/logout',
      payload: { refreshToken: user.refreshToken },
    });
  },
  verifyEmail: async ({ app, act }) => {
    const user = await registerUser(app);
    const token = await emailedToken(app, user.email, 'email-verification');
    return act({ as: null, method: 'POST', url: '/api/v1/auth/verify-email', payload: { token } });
  },
  resendVerification: async ({ app, act }) => {
    const user = await registerUser(app);
    return act({ as: user, method: 'POST', url: '/api/v1/auth/verify-email/resend' });
  },
  requestPasswordReset: async ({ app, act }) => {
    const user = await registerUser(app);
    return act({
      as: null,
      method: 'POST',
      url: '/api/v1/auth/password-reset/request',
      payload: { email: user.email },
    });
  },
  confirmPasswordReset: async ({ app, api, act }) => {
    const user = await registerUser(app);
    await api({
      as: null,
      method: 'POST',
      url: '/api/v1/auth/password-reset/request',
      payload: { email: user.email },
    });
    const token = await emailedToken(app, user.email, 'password-reset');
    return act({
      as: null,
      method: 'POST',
      url: '/api/v1/auth/password-reset/confirm',
      payload: { token, password: 'a brand new password for me' },
    });
  },
  updateProfile: async ({ staff, act }) =>
    act({
      as: staff,
      method: 'PATCH',
      url: '/api/v1/users/me',
      payload: { name: 'Camille Martin', locale: 'fr' },
    }),
  changePassword: async ({ app, act }) => {
    const user = await registerUser(app);
    return act({
      as: user,
      method: 'POST',
      url: '/api/v1/users/me/password',
      payload: { currentPassword: user.password, newPassword: 'another long password here' },
    });
  },
  updateUser: async ({ app, admin, act }) => {
    const user = await registerUser(app);
    return act({
      as: { ...admin, headers: bearer(admin) },
      method: 'PATCH',
      url: `/api/v1/admin/users/${user.user.id}`,
      payload: { active: false },
    });
  },
  markNotificationsRead: async ({ manager, act }) =>
    act({ as: manager, method: 'POST', url: '/api/v1/notifications/read', payload: { all: true } }),
  putNotificationPreferences: async ({ manager, act }) =>
    act({
      as: manager,
      method: 'PUT',
      url: '/api/v1/notification-preferences',
      payload: { kinds: { stay_created: { inApp: true, email: true } }, digest: false },
    }),
};

// --- the test --------------------------------------------------------------------------

interface Measured {
  request: Request;
  response: Response;
  actorId: string | null;
  before: Snapshot;
  after: Snapshot;
  seq: number;
  entries: Entry[];
}

describeApp(
  'the audit log covers every write operation',
  (get) => {
    let feeds: FeedServer;
    let ctx: Ctx;
    let measured: Measured | undefined;
    let operations: Operation[];

    const headersOf = (as: Request['as']): Record<string, string> =>
      as === null ? {} : 'headers' in as ? (as as Member).headers : bearer(as);

    const send = (request: Request) =>
      (request.app ?? get().app).inject({
        method: request.method,
        url: request.url,
        headers: { ...headersOf(request.as), ...request.headers },
        ...(request.payload === undefined
          ? {}
          : { payload: request.payload as string | Buffer | Record<string, unknown> }),
      });

    beforeAll(async () => {
      feeds = await FeedServer.start();
      const { app } = get();
      operations = await writeOperations(app);
      const first = await registerUser(app, { organizationName: 'Côte Rentals' });
      const { organization_id } = await app.db
        .selectFrom('memberships')
        .select('organization_id')
        .where('user_id', '=', first.user.id)
        .executeTakeFirstOrThrow();
      const admin: Member = {
        ...first,
        organizationId: organization_id,
        headers: { ...bearer(first), 'x-organization-id': organization_id },
      };
      const [manager, staff, owner] = [
        await addMember(app, admin, 'manager'),
        await addMember(app, admin, 'staff'),
        await addMember(app, admin, 'owner'),
      ];
      ctx = {
        app,
        db: get().db,
        admin,
        manager,
        staff,
        owner,
        feeds,
        api: async (request) => {
          const response = await send(request);
          if (response.statusCode >= 300) {
            throw new Error(`${request.method} ${request.url}: ${response.statusCode} ${response.body}`);
          }
          return response;
        },
        act: async (request) => {
          if (measured) throw new Error('a scenario measures one request');
          const { db } = get();
          const seq = await lastSeq(db);
          const before = await snapshot(db);
          const response = await send(request);
          const after = await snapshot(db);
          const entries = await entriesSince(db, seq);
          const actorId = request.as === null ? null : request.as.user.id;
          measured = { request, response, actorId, before, after, seq, entries };
          return response;
        },
        house: async () => {
          const made = await createHouse(app, manager);
          return { id: made.id, version: made.version };
        },
      };
    });
    afterAll(async () => {
      await feeds?.close();
    });

    it('lists every write operation of the OpenAPI document as a scenario or as unaudited, never both', () => {
      const ids = operations.map((operation) => operation.operationId);
      expect(ids.length).toBeGreaterThan(50);
      const neither = ids.filter((id) => !(id in SCENARIOS) && !(id in UNAUDITED));
      expect(neither, 'write operations with no scenario and no reason to be unaudited').toEqual([]);
      const both = ids.filter((id) => id in SCENARIOS && id in UNAUDITED);
      expect(both).toEqual([]);
      const gone = [...Object.keys(SCENARIOS), ...Object.keys(UNAUDITED)].filter((id) => !ids.includes(id));
      expect(gone, 'scenarios of operations the document no longer has').toEqual([]);
    });

    for (const [operationId, scenario] of Object.entries(SCENARIOS)) {
      it(`${operationId}: one entry per changed entity, by the caller, with the request's id`, async () => {
        measured = undefined;
        const operation = operations.find((candidate) => candidate.operationId === operationId);
        expect(operation, `${operationId} is in the OpenAPI document`).toBeDefined();
        const response = await scenario(ctx);
        const done = measured as Measured | undefined;
        if (!done) throw new Error(`${operationId}: the scenario made no measured request`);
        expect(done.response).toBe(response);
        expect(done.request.method).toBe(operation?.method);
        expect(done.request.url).toMatch(pathPattern(operation?.path ?? ''));
        expect(response.statusCode, response.body).toBeGreaterThanOrEqual(200);
        expect(response.statusCode, response.body).toBeLessThan(300);
        const requestId = response.headers['x-request-id'];
        expect(requestId).toEqual(expect.any(String));

        const changes = changesBetween(done.before, done.after);
        expect(changes.length, `${operationId} changes at least one audited entity`).toBeGreaterThan(0);
        const entryKey = (entry: Entry) => keyOf(entry.organization_id, entry.entity, entry.entity_id);
        const expected = changes.map((change) => `${change.key} ${change.action}`).sort();
        const logged = done.entries.map((entry) => `${entryKey(entry)} ${entry.action}`).sort();
        expect(logged, `${operationId}: the entries are one per changed entity`).toEqual(expected);

        const problems: string[] = [];
        for (const entry of done.entries) {
          const change = changes.find((candidate) => candidate.key === entryKey(entry));
          if (!change) continue;
          const where = `${entry.entity} ${entry.entity_id}`;
          if (entry.actor_id !== done.actorId)
            problems.push(`${where}: actor ${entry.actor_id}, not ${done.actorId}`);
          if (entry.request_id !== requestId)
            problems.push(`${where}: request ${entry.request_id}, not ${requestId}`);
          const hidden = change.audited.hidden ?? [];
          const ignored = change.audited.ignored ?? [];
          const erased = done.request.erased?.[entry.entity];
          const before = change.before && erased ? { ...change.before, ...erased } : change.before;
          for (const problem of rowDifferences(entry.before, before, hidden, ignored))
            problems.push(`${where} before: ${problem}`);
          for (const problem of rowDifferences(entry.after, change.after, hidden, ignored))
            problems.push(`${where} after: ${problem}`);
        }
        expect(problems, `${operationId}: what the entries say`).toEqual([]);
      });
    }

    for (const [operationId, probe] of Object.entries(UNAUDITED_PROBES)) {
      it(`${operationId} (unaudited): succeeds, changes no audited entity, leaves no entry`, async () => {
        measured = undefined;
        const operation = operations.find((candidate) => candidate.operationId === operationId);
        expect(operation, `${operationId} is in the OpenAPI document`).toBeDefined();
        const response = await (probe as Scenario)(ctx);
        const done = measured as Measured | undefined;
        if (!done) throw new Error(`${operationId}: the probe made no measured request`);
        expect(done.request.method).toBe(operation?.method);
        expect(done.request.url).toMatch(pathPattern(operation?.path ?? ''));
        expect(response.statusCode, response.body).toBeGreaterThanOrEqual(200);
        expect(response.statusCode, response.body).toBeLessThan(300);
        expect(changesBetween(done.before, done.after).map((change) => change.key)).toEqual([]);
        expect(done.entries).toEqual([]);
      });
    }

    it('refuses to write or delete an entry through the API: 404 or 405, the log unchanged', async () => {
      const { db } = get();
      const { admin } = ctx;
      const entry = await ctx.api({ as: admin, method: 'GET', url: '/api/v1/audit?limit=1' });
      const id = entry.json().items[0]?.id as string;
      expect(id).toEqual(expect.any(String));
      const count = async () =>
        Number(
          (await sql<{ count: unknown }>`select count(*) as count from audit_log`.execute(db.database.db))
            .rows[0]?.count,
        );
      const before = await count();
      const seq = await lastSeq(db);
      for (const url of ['/api/v1/audit', `/api/v1/audit/${id}`]) {
        for (const method of ['POST', 'PUT', 'PATCH', 'DELETE'] as const) {
          const response = await send({
            as: admin,
            method,
            url,
            payload: { entity: 'house', entityId: id, action: 'delete', before: null, after: null },
          });
          expect([404, 405], `${method} ${url}: ${response.statusCode}`).toContain(response.statusCode);
        }
      }
      expect(await count()).toBe(before);
      expect(await lastSeq(db)).toBe(seq);
    });
  },
  { config: { jobs: { enabled: false, pollIntervalMs: 600_000 } } },
);
