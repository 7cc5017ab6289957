import { expect, it } from 'vitest';
import { describeApp } from '../../../test/app.ts';
import {
  addMember,
  bearer,
  createGuest,
  createHouse,
  createReservation,
  registerUser,
  type TestSession,
} from '../../../test/factories.ts';

describeApp('guests', (get) => {
  /** A new organization's admin, and a shorthand to call the API as them (or as `session`). */
  async function newOrganization() {
    const admin = await registerUser(get().app);
    const inject = (
      method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
      url: string,
      payload?: object,
      session: TestSession = admin,
    ) => get().app.inject({ method, url, headers: bearer(session), ...(payload ? { payload } : {}) });
    return { admin, inject };
  }

  /** A new organization with one house, maison-1, for 6 at 120.00 a night. */
  async function organizationWithAHouse() {
    const organization = await newOrganization();
    const house = await createHouse(get().app, organization.admin, {
      code: 'maison-1',
      name: 'Mv1',
      type: 'villa',
      maxGuests: 6,
      nightlyPrice: 120,
    });
    return { ...organization, houseId: house.id };
  }

  /** Margaux, Thomas and Anna: three guests to search, each with other contact details. */
  async function threeGuests(admin: TestSession) {
    const { app } = get();
    await createGuest(app, admin, {
      name: 'Margaux Lefèvre',
      email: 'margaux@example.org',
      phone: '+33 6 01 02 03 04',
    });
    await createGuest(app, admin, {
      name: 'Thomas Girard',
      email: 'thomas@example.com',
      phone: '+41 79 555 12 12',
    });
    await createGuest(app, admin, { name: 'Anna Schmidt', phone: '+49 170 1234567' });
  }

  it('creates guests with a unique email, and refuses a second one', async () => {
    const { inject } = await newOrganization();
    const created = await inject('POST', '/api/v1/guests', {
      name: 'Margaux Lefèvre',
      email: 'Margaux@Example.org',
      phone: '+33 6 01 02 03 04',
      nationality: 'fr',
      notes: 'Prefers the ground floor',
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({
      name: 'Margaux Lefèvre',
      email: 'margaux@example.org',
      nationality: 'FR',
      version: 1,
      anonymizedAt: null,
    });
    const duplicate = await inject('POST', '/api/v1/guests', { name: 'Other', email: 'MARGAUX@example.org' });
    expect(duplicate.statusCode).toBe(409);
    expect(duplicate.json().type).toBe('urn:staykeep:problem:guest-email-taken');
    const badCountry = await inject('POST', '/api/v1/guests', { name: 'Nowhere', nationality: 'XQ' });
    expect(badCountry.json().errors).toEqual([
      {
        path: 'body.nationality',
        code: 'invalid-country',
        message: 'is not an ISO 3166 country code, like FR',
      },
    ]);
  });

  it('finds guests by a part of their name, email or phone', async () => {
    const { admin, inject } = await newOrganization();
    await threeGuests(admin);
    const search = async (term: string) =>
      (await inject('GET', `/api/v1/guests?search=${encodeURIComponent(term)}`))
        .json()
        .items.map((guest: { name: string }) => guest.name);
    expect(await search('girard')).toEqual(['Thomas Girard']);
    expect(await search('EXAMPLE.ORG')).toEqual(['Margaux Lefèvre']);
    expect(await search('555')).toEqual(['Thomas Girard']);
    expect(await search('a')).toEqual(['Anna Schmidt', 'Margaux Lefèvre', 'Thomas Girard']);
    expect(await search('%')).toEqual([]);
  });

  it('anonymizes a guest: the person is erased, the stays and the money stay', async () => {
    const { admin, inject, houseId } = await organizationWithAHouse();
    const reservation = await createReservation(get().app, admin, {
      houseId,
      guestName: 'Paul Durand',
      guestEmail: 'paul@example.org',
      guestPhone: '+33 7 00 00 00 00',
      checkIn: '2027-04-01',
      checkOut: '2027-04-05',
      guests: 2,
      totalPrice: '800.00',
      advancePaid: '200.00',
    });
    const guestId = reservation.guestId;

    const exported = await inject('GET', `/api/v1/guests/${guestId}/export`);
    expect(exported.json()).toMatchObject({
      guest: { name: 'Paul Durand', email: 'paul@example.org' },
      reservations: [{ id: reservation.id, totalPrice: '800.00' }],
    });

    const deleted = await inject('DELETE', `/api/v1/guests/${guestId}`);
    expect(deleted.statusCode).toBe(409);

    const anonymized = await inject('POST', `/api/v1/guests/${guestId}/anonymize`);
    expect(anonymized.statusCode).toBe(200);
    expect(anonymized.json()).toMatchObject({
      name: 'Anonymized guest',
      email: null,
      phone: null,
      nationality: null,
      notes: null,
      anonymizedAt: expect.stringMatching(/Z$/),
    });
    const stay = await inject('GET', `/api/v1/reservations/${reservation.id}`);
    expect(stay.json()).toMatchObject({
      guestName: 'Anonymized guest',
      guestEmail: null,
      guestPhone: null,
      totalPrice: '800.00',
      balanceDue: '600.00',
      checkIn: '2027-04-01',
    });
    const stored = await get()
      .app.db.selectFrom('guests')
      .select(['name', 'email', 'phone'])
      .where('id', '=', guestId)
      .executeTakeFirstOrThrow();
    expect(JSON.stringify(stored)).not.toMatch(/Paul|paul@|\+33 7/);
    const calendar = await inject('GET', `/api/v1/calendar?from=2027-04-01&to=2027-04-05&houseId=${houseId}`);
    expect(calendar.json().houses[0].reservations).toEqual([
      expect.objectContaining({ id: reservation.id, guestName: 'Anonymized guest' }),
    ]);
    const storedStay = await get()
      .app.db.selectFrom('reservations')
      .select('guest_name')
      .where('id', '=', reservation.id)
      .executeTakeFirstOrThrow();
    expect(storedStay.guest_name).toBe('Anonymized guest');
    expect((await inject('PATCH', `/api/v1/guests/${guestId}`, { name: 'Paul again' })).statusCode).toBe(409);
  });

  it("shows a renamed guest's new name on their stays, in lists and in the calendar", async () => {
    const { admin, inject, houseId } = await organizationWithAHouse();
    const stayOf = (guest: { guestId?: string; guestName?: string }, checkIn: string, checkOut: string) =>
      createReservation(get().app, admin, { houseId, ...guest, checkIn, checkOut, guests: 2 });
    const first = await stayOf({ guestName: 'Léa Martin' }, '2027-06-01', '2027-06-04');
    const second = await stayOf({ guestId: first.guestId }, '2027-06-10', '2027-06-12');
    const other = await stayOf({ guestName: 'Hugo Bernard' }, '2027-06-20', '2027-06-22');
    expect(second.guestName).toBe('Léa Martin');

    const renamed = await inject('PATCH', `/api/v1/guests/${first.guestId}`, { name: '  Léa Martin-Roux ' });
    expect(renamed.statusCode).toBe(200);
    const names = async () => {
      const calendar = await inject(
        'GET',
        `/api/v1/calendar?from=2027-06-01&to=2027-07-01&houseId=${houseId}`,
      );
      const list = await inject(
        'GET',
        `/api/v1/reservations?houseId=${houseId}&from=2027-06-01&to=2027-07-01`,
      );
      const byId = (await inject('GET', `/api/v1/reservations/${second.id}`)).json();
      return {
        calendar: calendar.json().houses[0].reservations.map((stay: { guestName: string }) => stay.guestName),
        list: list.json().items.map((stay: { guestName: string }) => stay.guestName),
        byId: byId.guestName,
        version: byId.version,
      };
    };
    const expected = ['Léa Martin-Roux', 'Léa Martin-Roux', 'Hugo Bernard'];
    // The stays did not change: their version stays, so an edit in progress is not refused.
    expect(await names()).toEqual({
      calendar: expected,
      list: expected,
      byId: 'Léa Martin-Roux',
      version: 1,
    });

    // A stay given to another guest carries that guest's name.
    const moved = await inject('PATCH', `/api/v1/reservations/${second.id}`, { guestId: other.guestId });
    expect(moved.json()).toMatchObject({ guestId: other.guestId, guestName: 'Hugo Bernard', version: 2 });
    const after = await names();
    expect(after.calendar).toEqual(['Léa Martin-Roux', 'Hugo Bernard', 'Hugo Bernard']);
    expect(after.list).toEqual(after.calendar);
  });

  it('updates with If-Match and deletes a guest without stays', async () => {
    const { admin, inject } = await newOrganization();
    const guest = await createGuest(get().app, admin, { name: 'Temp Guest' });
    const stale = await get().app.inject({
      method: 'PATCH',
      url: `/api/v1/guests/${guest.id}`,
      headers: { ...bearer(admin), 'if-match': '"7"' },
      payload: { name: 'Renamed' },
    });
    expect(stale.statusCode).toBe(412);
    const renamed = await inject('PATCH', `/api/v1/guests/${guest.id}`, {
      name: 'Renamed',
      email: 'renamed@example.org',
    });
    expect(renamed.json()).toMatchObject({ name: 'Renamed', email: 'renamed@example.org', version: 2 });
    expect((await inject('DELETE', `/api/v1/guests/${guest.id}`)).statusCode).toBe(204);
    expect((await inject('GET', `/api/v1/guests/${guest.id}`)).statusCode).toBe(404);
  });

  it('keeps guests from staff and from other organizations', async () => {
    const { app } = get();
    const { admin, inject } = await newOrganization();
    const guest = await createGuest(app, admin, { name: 'Thomas Girard', email: 'thomas@example.com' });
    const staff = await addMember(app, admin, 'staff');
    expect(
      (await app.inject({ method: 'GET', url: '/api/v1/guests', headers: staff.headers })).statusCode,
    ).toBe(403);
    const outsider = await registerUser(app);
    for (const [method, url] of [
      ['GET', `/api/v1/guests/${guest.id}`],
      ['PATCH', `/api/v1/guests/${guest.id}`],
      ['DELETE', `/api/v1/guests/${guest.id}`],
      ['POST', `/api/v1/guests/${guest.id}/anonymize`],
      ['GET', `/api/v1/guests/${guest.id}/export`],
    ] as const) {
      const response = await inject(method, url, method === 'PATCH' ? { name: 'x' } : undefined, outsider);
      expect(response.statusCode, `${method} ${url}`).toBe(404);
    }
    expect((await inject('GET', '/api/v1/guests', undefined, outsider)).json().items).toEqual([]);
    // Nothing the outsider tried reached the guest.
    expect((await inject('GET', `/api/v1/guests/${guest.id}`)).json()).toMatchObject({
      name: 'Thomas Girard',
      email: 'thomas@example.com',
      version: 1,
    });
  });
});
