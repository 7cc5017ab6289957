import type { AppInstance } from '../src/http/types.ts';
import { bearer, registerUser, type TestSession } from './factories.ts';

/** Ids of existing resources, made through the API, that fuzzed requests name. */
export interface FixtureSet {
  organizationId: string;
  site: string;
  house: string;
  guest: string;
  reservation: string;
  block: string;
  category: string;
  /** A checklist template item. */
  item: string;
  /** The house's current turnover round and one of its items. */
  round: string;
  roundItem: string;
  invitation: string;
  invitationToken: string;
  /** A member of the organization other than the admin. */
  member: string;
}

export type FixtureName = keyof FixtureSet;

/** Fixtures made together, by one function. */
type Group = 'stay' | 'checklist' | 'invitation' | 'member';

const GROUP: Record<Exclude<FixtureName, 'organizationId'>, Group> = {
  site: 'stay',
  house: 'stay',
  guest: 'stay',
  reservation: 'stay',
  block: 'stay',
  category: 'checklist',
  item: 'checklist',
  round: 'checklist',
  roundItem: 'checklist',
  invitation: 'invitation',
  invitationToken: 'invitation',
  member: 'member',
};

type Caller = (
  method: 'GET' | 'POST' | 'PATCH',
  url: string,
  payload?: object,
) => Promise<Record<string, unknown>>;

function caller(app: AppInstance, session: TestSession, organizationId: string | null): Caller {
  return async (method, url, payload) => {
    const response = await app.inject({
      method,
      url,
      headers: {
        ...bearer(session),
        ...(organizationId ? { 'x-organization-id': organizationId } : {}),
      },
      ...(payload ? { payload } : {}),
    });
    if (response.statusCode >= 300) {
      throw new Error(`fixture ${method} ${url} failed: ${response.statusCode} ${response.body}`);
    }
    return response.body ? response.json() : {};
  };
}

async function invitationToken(app: AppInstance, email: string): Promise<string> {
  const message = await app.db
    .selectFrom('email_outbox')
    .select('body_text')
    .where('recipient', '=', email)
    .where('template', '=', 'invitation')
    .orderBy('created_at', 'desc')
    .executeTakeFirstOrThrow();
  const token = message.body_text.match(/token=([A-Za-z0-9_-]+)/)?.[1];
  if (!token) throw new Error(`no invitation token in the message to ${email}`);
  return token;
}

let tags = 0;

/** A site, a house on it, a guest with a stay on the house, a block. */
async function makeStay(as: Caller): Promise<Partial<FixtureSet>> {
  tags += 1;
  const site = await as('POST', '/api/v1/sites', { name: `Fixture site ${tags}` });
  const house = await as('POST', '/api/v1/houses', {
    code: `fixture-${tags}`,
    name: `Fixture house ${tags}`,
    type: 'villa',
    maxGuests: 4,
    nightlyPrice: '150.00',
    siteId: site.id,
  });
  const guest = await as('POST', '/api/v1/guests', {
    name: `Fixture guest ${tags}`,
    email: `fixture-guest-${tags}@example.org`,
  });
  const reservation = await as('POST', '/api/v1/reservations', {
    houseId: house.id,
    guestId: guest.id,
    checkIn: '2030-06-10',
    checkOut: '2030-06-15',
    guests: 2,
  });
  const block = await as('POST', '/api/v1/blocks', {
    houseId: house.id,
    start: '2030-07-01',
    end: '2030-07-05',
    kind: 'owner',
  });
  return {
    site: site.id as string,
    house: house.id as string,
    guest: guest.id as string,
    reservation: reservation.id as string,
    block: block.id as string,
  };
}

/** A checklist category and item, and a departure from the house that opens its round if none is open. */
async function makeChecklist(as: Caller, house: string): Promise<Partial<FixtureSet>> {
  tags += 1;
  const category = await as('POST', '/api/v1/checklist/categories', { name: `Fixture category ${tags}` });
  const item = await as('POST', '/api/v1/checklist/items', {
    categoryId: category.id,
    description: `Fixture item ${tags}`,
    type: 'cleaning',
  });
  type Checklist = { round: { id: string } | null; categories: { items: { id: string }[] }[] };
  let checklist = (await as('GET', `/api/v1/houses/${house}/checklist`)) as Checklist;
  if (!checklist.round) {
    // Past dates of their own, away from the stays the fuzzed requests make.
    const checkIn = new Date(Date.UTC(2020, 0, 1) + tags * 4 * 86_400_000).toISOString().slice(0, 10);
    const checkOut = new Date(Date.UTC(2020, 0, 3) + tags * 4 * 86_400_000).toISOString().slice(0, 10);
    const departed = await as('POST', '/api/v1/reservations', {
      houseId: house,
      guestName: `Departed guest ${tags}`,
      checkIn,
      checkOut,
      guests: 2,
      status: 'confirmed',
    });
    await as('PATCH', `/api/v1/reservations/${departed.id}`, { status: 'checked_in' });
    await as('PATCH', `/api/v1/reservations/${departed.id}`, { status: 'checked_out' });
    checklist = (await as('GET', `/api/v1/houses/${house}/checklist`)) as Checklist;
  }
  if (!checklist.round) throw new Error('the departure opened no round');
  return {
    category: category.id as string,
    item: item.id as string,
    round: checklist.round.id,
    roundItem: checklist.categories.flatMap((c) => c.items)[0]?.id ?? (item.id as string),
  };
}

async function makeInvitation(app: AppInstance, as: Caller): Promise<Partial<FixtureSet>> {
  tags += 1;
  const email = `fixture-invitee-${tags}@example.org`;
  const invitation = await as('POST', '/api/v1/invitations', { email, role: 'staff' });
  return { invitation: invitation.id as string, invitationToken: await invitationToken(app, email) };
}

/**
 * What the fuzzed requests run against: the admin (also the instance
 * administrator: the first account) and their organization, whose fixtures
 * are made when a request first names them and made again after a request
 * may have deleted one; and another organization, whose ids must always be 404.
 */
export class FuzzWorld {
  readonly app: AppInstance;
  readonly admin: TestSession;
  readonly member: TestSession;
  readonly foreign: FixtureSet;
  own: Partial<FixtureSet>;
  #counter = 0;

  private constructor(
    app: AppInstance,
    admin: TestSession,
    member: TestSession,
    foreign: FixtureSet,
    organizationId: string,
  ) {
    this.app = app;
    this.admin = admin;
    this.member = member;
    this.foreign = foreign;
    this.own = { organizationId };
  }

  static async create(app: AppInstance): Promise<FuzzWorld> {
    const admin = await registerUser(app, { organizationName: 'Fuzz' });
    const member = await registerUser(app);
    const stranger = await registerUser(app, { organizationName: 'Elsewhere' });
    const organizationOf = async (session: TestSession) => {
      const me = (await caller(app, session, null)('GET', '/api/v1/auth/me')) as {
        memberships: { organizationId: string }[];
      };
      const id = me.memberships[0]?.organizationId;
      if (!id) throw new Error(`${session.email} has no organization`);
      return id;
    };
    const strangerOrganization = await organizationOf(stranger);
    const as = caller(app, stranger, strangerOrganization);
    const stay = await makeStay(as);
    const foreign = {
      organizationId: strangerOrganization,
      ...stay,
      ...(await makeChecklist(as, stay.house as string)),
      ...(await makeInvitation(app, as)),
      member: stranger.user.id,
    } as FixtureSet;
    return new FuzzWorld(app, admin, member, foreign, await organizationOf(admin));
  }

  get organizationId(): string {
    return this.own.organizationId as string;
  }

  /** A counter for values that must be unique (house codes, emails, stay dates). */
  next(): number {
    this.#counter += 1;
    return this.#counter;
  }

  /**
   * Forgets fixtures a request may have deleted or changed beyond use, with
   * those made with them (a house's round): the next request that names one
   * gets a new one.
   */
  forget(names: Iterable<FixtureName>): void {
    const groups = new Set<Group>();
    for (const name of names) if (name !== 'organizationId') groups.add(GROUP[name]);
    if (groups.has('stay')) groups.add('checklist');
    for (const [name, group] of Object.entries(GROUP) as [FixtureName, Group][]) {
      if (groups.has(group)) delete this.own[name];
    }
  }

  /** Makes the named fixtures that do not exist yet. */
  async ensure(names: Iterable<FixtureName>): Promise<void> {
    const groups = new Set<Group>();
    for (const name of names)
      if (name !== 'organizationId' && this.own[name] === undefined) groups.add(GROUP[name]);
    const as = caller(this.app, this.admin, this.organizationId);
    if (this.own.house === undefined && (groups.has('stay') || groups.has('checklist'))) {
      Object.assign(this.own, await makeStay(as));
    }
    if (groups.has('checklist')) Object.assign(this.own, await makeChecklist(as, this.own.house as string));
    if (groups.has('invitation')) Object.assign(this.own, await makeInvitation(this.app, as));
    if (groups.has('member')) this.own.member = await this.#ensureMember(as);
  }

  /** The member, active and in the organization again (a fuzzed request may have changed either). */
  async #ensureMember(as: Caller): Promise<string> {
    const id = this.member.user.id;
    await as('PATCH', `/api/v1/admin/users/${id}`, { active: true });
    const members = (await as('GET', '/api/v1/members')) as { items: { userId: string }[] };
    if (!members.items.some((m) => m.userId === id)) {
      await as('POST', '/api/v1/invitations', { email: this.member.email, role: 'staff' });
      const token = await invitationToken(this.app, this.member.email);
      await caller(this.app, this.member, null)('POST', '/api/v1/invitations/accept', { token });
    }
    return id;
  }
}
