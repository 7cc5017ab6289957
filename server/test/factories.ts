import type { Static } from 'typebox';
import type { AppInstance } from '../src/http/types.ts';
import type { BlockCreateBody, BlockSchema } from '../src/modules/calendar/calendar.schemas.ts';
import type { GuestCreateBody, GuestSchema } from '../src/modules/guests/guests.schemas.ts';
import type {
  HouseCreateBody,
  HouseSchema,
  SiteCreateBody,
  SiteSchema,
} from '../src/modules/houses/houses.schemas.ts';
import type {
  ReservationCreateBody,
  ReservationSchema,
} from '../src/modules/reservations/reservations.schemas.ts';

/**
 * Numbers every record a factory makes, so two calls never collide on a code,
 * an email or a range of nights, whatever order the tests run in.
 */
let sequence = 0;

export interface TestSession {
  accessToken: string;
  refreshToken: string;
  user: { id: string; email: string; name: string; instanceAdmin: boolean };
  email: string;
  password: string;
}

/** Registers a new account (with its own organization) through the API. */
export async function registerUser(
  app: AppInstance,
  overrides: { email?: string; password?: string; name?: string; organizationName?: string } = {},
): Promise<TestSession> {
  sequence += 1;
  const email = overrides.email ?? `user${sequence}-${Date.now()}@example.org`;
  const password = overrides.password ?? `correct horse battery ${sequence}`;
  const response = await app.inject({
    method: 'POST',
    url: '/api/v1/auth/register',
    payload: {
      email,
      password,
      name: overrides.name ?? `User ${sequence}`,
      ...(overrides.organizationName ? { organizationName: overrides.organizationName } : {}),
    },
  });
  if (response.statusCode !== 201)
    throw new Error(`register failed: ${response.statusCode} ${response.body}`);
  return { ...response.json(), email, password };
}

export const bearer = (session: { accessToken: string }) => ({
  authorization: `Bearer ${session.accessToken}`,
});

/**
 * A new account that joined the admin's organization with `role`, through the
 * invitation API and the emailed token (read from the outbox).
 */
export async function addMember(
  app: AppInstance,
  admin: TestSession,
  role: 'admin' | 'manager' | 'staff' | 'owner',
): Promise<TestSession & { organizationId: string; headers: Record<string, string> }> {
  const member = await registerUser(app);
  const invited = await app.inject({
    method: 'POST',
    url: '/api/v1/invitations',
    headers: bearer(admin),
    payload: { email: member.email, role },
  });
  if (invited.statusCode !== 201) throw new Error(`invite failed: ${invited.body}`);
  const message = await app.db
    .selectFrom('email_outbox')
    .select('body_text')
    .where('recipient', '=', member.email)
    .where('template', '=', 'invitation')
    .orderBy('created_at', 'desc')
    .executeTakeFirstOrThrow();
  const token = message.body_text.match(/token=([A-Za-z0-9_-]+)/)?.[1];
  const accepted = await app.inject({
    method: 'POST',
    url: '/api/v1/invitations/accept',
    headers: bearer(member),
    payload: { token },
  });
  if (accepted.statusCode !== 200) throw new Error(`accept failed: ${accepted.body}`);
  const organizationId = accepted.json().organizationId as string;
  return { ...member, organizationId, headers: { ...bearer(member), 'x-organization-id': organizationId } };
}

/**
 * Whoever acts: a session (then in its first organization, the one its
 * registration created) or a member from `addMember`, whose headers name the
 * organization they joined.
 */
export type Actor = { accessToken: string } | { headers: Record<string, string> };

const headersOf = (actor: Actor): Record<string, string> =>
  'headers' in actor ? actor.headers : bearer(actor);

/** Creates through the API and returns the created resource; anything but 201 fails the test at once. */
async function create<T>(app: AppInstance, actor: Actor, url: string, payload: object): Promise<T> {
  const response = await app.inject({ method: 'POST', url, headers: headersOf(actor), payload });
  if (response.statusCode !== 201) {
    throw new Error(`POST ${url} failed: ${response.statusCode} ${response.body}`);
  }
  return response.json() as T;
}

/** Nights far in the future that no other factory call has used: `nights` from the returned start. */
function freeNights(nights: number): { start: string; end: string } {
  sequence += 1;
  // Ten days apart, so the default stays and blocks of one house never touch each other.
  const start = Date.UTC(2040, 0, 1) + sequence * 10 * 86_400_000;
  const date = (time: number) => new Date(time).toISOString().slice(0, 10);
  return { start: date(start), end: date(start + nights * 86_400_000) };
}

export type House = Static<typeof HouseSchema>;
export type Site = Static<typeof SiteSchema>;
export type Guest = Static<typeof GuestSchema>;
export type Reservation = Static<typeof ReservationSchema>;
export type Block = Static<typeof BlockSchema>;

/**
 * A house with a code of its own, room for 4 and a nightly price of 100.00, so
 * a stay needs no price of its own. Override any field; `nightlyPrice: null`
 * makes a house whose stays must be priced.
 */
export async function createHouse(
  app: AppInstance,
  actor: Actor,
  overrides: Partial<Static<typeof HouseCreateBody>> = {},
): Promise<House> {
  sequence += 1;
  return create<House>(app, actor, '/api/v1/houses', {
    code: `house-${sequence}`,
    name: `House ${sequence}`,
    type: 'villa',
    maxGuests: 4,
    nightlyPrice: '100.00',
    ...overrides,
  });
}

/** A site with a name of its own. */
export async function createSite(
  app: AppInstance,
  actor: Actor,
  overrides: Partial<Static<typeof SiteCreateBody>> = {},
): Promise<Site> {
  sequence += 1;
  return create<Site>(app, actor, '/api/v1/sites', { name: `Site ${sequence}`, ...overrides });
}

/**
 * A guest with a name of its own and no contact details: an email must be
 * unique in the organization and every search reads it, so it is there only
 * when the test gives one.
 */
export async function createGuest(
  app: AppInstance,
  actor: Actor,
  overrides: Partial<Static<typeof GuestCreateBody>> = {},
): Promise<Guest> {
  sequence += 1;
  return create<Guest>(app, actor, '/api/v1/guests', { name: `Guest ${sequence}`, ...overrides });
}

/**
 * A stay of two guests in `houseId`, on two nights no other factory call took
 * unless `checkIn` and `checkOut` are given, for a new guest unless `guestId`
 * is.
 */
export async function createReservation(
  app: AppInstance,
  actor: Actor,
  fields: { houseId: string } & Partial<Static<typeof ReservationCreateBody>>,
): Promise<Reservation> {
  const { start, end } = freeNights(2);
  return create<Reservation>(app, actor, '/api/v1/reservations', {
    ...(fields.guestId ? {} : { guestName: `Guest ${sequence}` }),
    checkIn: start,
    checkOut: end,
    guests: 2,
    ...fields,
  });
}

/** A block of kind `other` in `houseId`, on two nights no other factory call took unless `start` and `end` are given. */
export async function createBlock(
  app: AppInstance,
  actor: Actor,
  fields: { houseId: string } & Partial<Static<typeof BlockCreateBody>>,
): Promise<Block> {
  const nights = freeNights(2);
  return create<Block>(app, actor, '/api/v1/blocks', {
    start: nights.start,
    end: nights.end,
    kind: 'other',
    ...fields,
  });
}
