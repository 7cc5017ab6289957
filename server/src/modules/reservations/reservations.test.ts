import { expect, it } from 'vitest';
import { describeApp } from '../../../test/app.ts';
import { addMember, bearer, createHouse, createReservation, registerUser } from '../../../test/factories.ts';

describeApp('reservations', (get) => {
  /**
   * A new organization, "Villas", with maison-1 (for 6, at 95.00 a night) and
   * a studio for 2 with no nightly price, and shorthands to act in it as its
   * admin. Each test makes its own, so none sees another's stays.
   */
  async function villas() {
    const { app } = get();
    const admin = await registerUser(app, { organizationName: 'Villas' });
    const houseId = (
      await createHouse(app, admin, {
        code: 'maison-1',
        name: 'Mv1',
        type: 'villa',
        maxGuests: 6,
        nightlyPrice: '95.00',
      })
    ).id;
    const smallHouseId = (
      await createHouse(app, admin, {
        code: 'studio',
        name: 'Studio',
        type: 'apartment',
        maxGuests: 2,
        nightlyPrice: null,
      })
    ).id;
    const organizationId: string = (
      await app.inject({ method: 'GET', url: '/api/v1/organization', headers: bearer(admin) })
    ).json().id;

    const reserve = (payload: Record<string, unknown>, session: { accessToken: string } = admin) =>
      app.inject({ method: 'POST', url: '/api/v1/reservations', headers: bearer(session), payload });
    /** Asks for a stay of two in maison-1; the answer is the test's to judge. */
    const stay = (checkIn: string, checkOut: string, extra: Record<string, unknown> = {}) =>
      reserve({ houseId, guestName: 'Guest', checkIn, checkOut, guests: 2, ...extra });
    const patch = (id: string, payload: Record<string, unknown>, headers: Record<string, string> = {}) =>
      app.inject({
        method: 'PATCH',
        url: `/api/v1/reservations/${id}`,
        headers: { ...bearer(admin), ...headers },
        payload,
      });
    /** The organization's rows in `table`: what a refused request must leave as it was. */
    const countRows = (table: 'reservations' | 'occupied_nights' | 'guests') =>
      countOrganizationRows(table, organizationId);
    return { app, admin, houseId, smallHouseId, reserve, stay, patch, countRows };
  }

  async function countOrganizationRows(
    table: 'reservations' | 'occupied_nights' | 'guests',
    organizationId: string,
  ): Promise<number> {
    const { db } = get().app;
    const row =
      table === 'occupied_nights'
        ? await db
            .selectFrom('occupied_nights')
            .innerJoin('houses', 'houses.id', 'occupied_nights.house_id')
            .select((eb) => eb.fn.countAll<number>().as('count'))
            .where('houses.organization_id', '=', organizationId)
            .executeTakeFirstOrThrow()
        : await db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll<number>().as('count'))
            .where('organization_id', '=', organizationId)
            .executeTakeFirstOrThrow();
    return row.count;
  }

  it('creates a reservation with its guest, money and nights', async () => {
    const { houseId, stay, countRows } = await villas();
    const created = await stay('2027-07-10', '2027-07-15', {
      guestName: 'Jeanne Martin',
      guestEmail: 'Jeanne@Example.org',
      guestPhone: '+33 6 12 34 56 78',
      guests: 4,
      source: 'airbnb',
      externalRef: 'HMABC123',
      totalPrice: '1500.00',
      advancePaid: 450,
    });
    expect(created.statusCode).toBe(201);
    expect(created.headers.location).toBe(`/api/v1/reservations/${created.json().id}`);
    expect(created.headers.etag).toBe('"1"');
    expect(created.json()).toMatchObject({
      houseId,
      guestName: 'Jeanne Martin',
      guestEmail: 'jeanne@example.org',
      guestPhone: '+33 6 12 34 56 78',
      checkIn: '2027-07-10',
      checkOut: '2027-07-15',
      nights: 5,
      guests: 4,
      status: 'pending',
      source: 'airbnb',
      externalRef: 'HMABC123',
      totalPrice: '1500.00',
      advancePaid: '450.00',
      balanceDue: '1050.00',
      version: 1,
    });
    expect(await countRows('occupied_nights')).toBe(5);

    // A later stay by the same email is linked to the known guest.
    const again = await stay('2027-09-01', '2027-09-03', {
      guestName: 'J. Martin',
      guestEmail: 'jeanne@example.org',
    });
    expect(again.json().guestId).toBe(created.json().guestId);
    expect(again.json().guestName).toBe('Jeanne Martin');
  });

  it("prices a stay given no price from the house's nightly price, and takes 0 as a free stay", async () => {
    const { stay, patch } = await villas();
    const priced = await stay('2027-06-01', '2027-06-05', { advancePaid: '100' });
    expect(priced.statusCode).toBe(201);
    expect(priced.json()).toMatchObject({
      totalPrice: '380.00',
      advancePaid: '100.00',
      balanceDue: '280.00',
    });
    const free = await stay('2027-06-05', '2027-06-07', { totalPrice: 0 });
    expect(free.json()).toMatchObject({ totalPrice: '0.00', balanceDue: '0.00' });
    const chosen = await stay('2027-06-07', '2027-06-09', { totalPrice: '150.50' });
    expect(chosen.json().totalPrice).toBe('150.50');
    // The advance is checked against the price counted from the house.
    const tooMuch = await stay('2027-06-09', '2027-06-10', { advancePaid: '95.01' });
    expect(tooMuch.statusCode).toBe(400);
    expect(tooMuch.json().errors).toEqual([
      { path: 'body.advancePaid', code: 'more-than-total', message: 'must not exceed totalPrice' },
    ]);
    // A price lowered below what is paid is said of the price, the field that moved.
    const lowered = await patch(priced.json().id, { totalPrice: '99.99' });
    expect(lowered.statusCode).toBe(400);
    expect(lowered.json().errors).toEqual([
      { path: 'body.totalPrice', code: 'less-than-paid', message: 'must not be less than advancePaid' },
    ]);
    const both = await patch(priced.json().id, { totalPrice: '99.99', advancePaid: '100.00' });
    expect(both.json().errors).toMatchObject([{ path: 'body.advancePaid', code: 'more-than-total' }]);
  });

  it('requires a price for a house without a nightly price, writing nothing without one', async () => {
    const { smallHouseId, reserve, countRows } = await villas();
    const before = [await countRows('reservations'), await countRows('guests')];
    const payload = {
      houseId: smallHouseId,
      guestName: 'Unpriced',
      checkIn: '2027-06-01',
      checkOut: '2027-06-03',
      guests: 1,
    };
    const refused = await reserve(payload);
    expect(refused.statusCode).toBe(400);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect(refused.json().errors).toEqual([
      { path: 'body.totalPrice', code: 'required', message: 'is required' },
    ]);
    expect([await countRows('reservations'), await countRows('guests')]).toEqual(before);
    const free = await reserve({ ...payload, totalPrice: '0.00' });
    expect(free.statusCode).toBe(201);
    expect(free.json()).toMatchObject({ totalPrice: '0.00', balanceDue: '0.00' });
  });

  it.each([
    ['a departure and an arrival on the same day', '2027-07-15', '2027-07-18', 201],
    ['a stay ending on the arrival day', '2027-07-08', '2027-07-10', 201],
    ['a contained stay', '2027-07-11', '2027-07-12', 409],
    ['a containing stay', '2027-07-01', '2027-07-31', 409],
    ['an overlap at the start', '2027-07-09', '2027-07-11', 409],
    ['an overlap at the end', '2027-07-14', '2027-07-16', 409],
    ['the very same stay', '2027-07-10', '2027-07-15', 409],
  ])('judges %s: %s → %s', async (_name, checkIn, checkOut, status) => {
    const { app, admin, houseId, stay, countRows } = await villas();
    const booked = await createReservation(app, admin, {
      houseId,
      checkIn: '2027-07-10',
      checkOut: '2027-07-15',
    });
    const before = await countRows('reservations');
    const response = await stay(checkIn, checkOut);
    expect(response.statusCode).toBe(status);
    if (status === 409) {
      expect(response.json()).toMatchObject({
        type: 'urn:staykeep:problem:overlap',
        conflictingReservationId: booked.id,
      });
      expect(await countRows('reservations')).toBe(before);
    } else {
      expect(await countRows('reservations')).toBe(before + 1);
    }
  });

  it('frees the nights of a cancelled stay, and keeps its dates', async () => {
    const { stay, patch } = await villas();
    const created = await stay('2027-08-01', '2027-08-05');
    const id = created.json().id;
    expect((await stay('2027-08-02', '2027-08-03')).statusCode).toBe(409);
    const cancelled = await patch(id, { status: 'cancelled', cancellationReason: 'Flight cancelled' });
    expect(cancelled.statusCode).toBe(200);
    expect(cancelled.json()).toMatchObject({
      status: 'cancelled',
      cancellationReason: 'Flight cancelled',
      cancelledAt: expect.stringMatching(/Z$/),
      checkIn: '2027-08-01',
    });
    expect((await stay('2027-08-02', '2027-08-03')).statusCode).toBe(201);
    const reopen = await patch(id, { status: 'confirmed' });
    expect(reopen.statusCode).toBe(409);
    expect(reopen.json().type).toBe('urn:staykeep:problem:invalid-transition');
    const move = await patch(id, { checkIn: '2027-10-01', checkOut: '2027-10-03' });
    expect(move.statusCode).toBe(409);
  });

  it('follows the status machine and nothing else, undoing a check-in or a check-out one step back', async () => {
    const { app, admin, houseId, patch } = await villas();
    const { id } = await createReservation(app, admin, {
      houseId,
      checkIn: '2027-11-01',
      checkOut: '2027-11-04',
    });
    expect((await patch(id, { status: 'checked_out' })).statusCode).toBe(409);
    for (const status of [
      'confirmed',
      'checked_in',
      'checked_out',
      'checked_in',
      'confirmed',
      'checked_in',
    ]) {
      const response = await patch(id, { status });
      expect(response.statusCode, status).toBe(200);
      expect(response.json().status).toBe(status);
    }
    // Undoing goes back one step, never further.
    expect((await patch(id, { status: 'pending' })).statusCode).toBe(409);
    await patch(id, { status: 'checked_out' });
    for (const status of ['confirmed', 'pending', 'cancelled']) {
      const late = await patch(id, { status });
      expect(late.statusCode, status).toBe(409);
      expect(late.json()).toMatchObject({
        type: 'urn:staykeep:problem:invalid-transition',
        currentStatus: 'checked_out',
      });
    }
    const actions = (
      await app.inject({ method: 'GET', url: `/api/v1/reservations/${id}/history`, headers: bearer(admin) })
    )
      .json()
      .items.map(
        (item: { action: string; after: { status: string } }) => `${item.action}:${item.after.status}`,
      );
    expect(actions).toEqual([
      'create:pending',
      'status:confirmed',
      'status:checked_in',
      'status:checked_out',
      // An undo is a status change back: the before and after say which.
      'status:checked_in',
      'status:confirmed',
      'status:checked_in',
      'status:checked_out',
    ]);
  });

  it.each([
    [{ checkIn: '2027-12-10', checkOut: '2027-12-10' }, 'body.checkOut'],
    [{ checkIn: '2027-12-10', checkOut: '2027-12-09' }, 'body.checkOut'],
    [{ checkIn: '2027-02-30', checkOut: '2027-03-02' }, 'body.checkIn'],
    [{ checkIn: '2027-12-10', checkOut: '2027-12-12', guests: 7 }, 'body.guests'],
    [
      { checkIn: '2027-12-10', checkOut: '2027-12-12', totalPrice: '100', advancePaid: '100.01' },
      'body.advancePaid',
    ],
    [{ checkIn: '2027-12-10', checkOut: '2027-12-12', totalPrice: '100.001' }, 'body.totalPrice'],
    [{ checkIn: '2027-12-10', checkOut: '2027-12-12', guestName: undefined }, 'body.guestName'],
    [{ checkIn: '2027-12-10', checkOut: '2027-12-12', status: 'checked_in' }, 'body.status'],
  ])('refuses %o with a 400 naming %s, writing nothing', async (payload, path) => {
    const { houseId, reserve, countRows } = await villas();
    const before = [
      await countRows('reservations'),
      await countRows('occupied_nights'),
      await countRows('guests'),
    ];
    const response = await reserve({ houseId, guestName: 'Guest', guests: 2, ...payload });
    expect(response.statusCode).toBe(400);
    expect(response.json().errors.map((error: { path: string }) => error.path)).toContain(path);
    expect([
      await countRows('reservations'),
      await countRows('occupied_nights'),
      await countRows('guests'),
    ]).toEqual(before);
  });

  it('moves a stay to free dates or another house, and refuses a move onto taken nights', async () => {
    const { app, admin, houseId, smallHouseId, stay, patch } = await villas();
    const { id } = await createReservation(app, admin, {
      houseId,
      checkIn: '2028-01-10',
      checkOut: '2028-01-12',
    });
    await createReservation(app, admin, { houseId, checkIn: '2028-01-20', checkOut: '2028-01-25' });
    const blocked = await patch(id, { checkIn: '2028-01-19', checkOut: '2028-01-21' }, { 'if-match': '"1"' });
    expect(blocked.statusCode).toBe(409);
    const unchanged = await app.inject({
      method: 'GET',
      url: `/api/v1/reservations/${id}`,
      headers: bearer(admin),
    });
    expect(unchanged.json()).toMatchObject({ checkIn: '2028-01-10', checkOut: '2028-01-12', version: 1 });

    const moved = await patch(id, { checkIn: '2028-01-12', checkOut: '2028-01-15' }, { 'if-match': '"1"' });
    expect(moved.statusCode).toBe(200);
    expect(moved.json()).toMatchObject({ nights: 3, version: 2 });
    expect((await stay('2028-01-10', '2028-01-12')).statusCode).toBe(201);

    const stale = await patch(id, { notes: 'late arrival' }, { 'if-match': '"1"' });
    expect(stale.statusCode).toBe(412);
    const tooMany = await patch(id, { houseId: smallHouseId, guests: 4 });
    expect(tooMany.statusCode).toBe(400);
    const otherHouse = await patch(id, { houseId: smallHouseId });
    expect(otherHouse.json().houseId).toBe(smallHouseId);
    expect((await stay('2028-01-12', '2028-01-15')).statusCode).toBe(201);
  });

  it('records every change with who, when, before and after', async () => {
    const { app, admin, houseId, patch } = await villas();
    const { id } = await createReservation(app, admin, {
      houseId,
      checkIn: '2028-03-01',
      checkOut: '2028-03-04',
      totalPrice: '300',
    });
    await patch(id, { totalPrice: '320' });
    await patch(id, { status: 'confirmed' });
    await patch(id, { status: 'cancelled' });
    const history = await app.inject({
      method: 'GET',
      url: `/api/v1/reservations/${id}/history`,
      headers: bearer(admin),
    });
    const items = history.json().items;
    expect(items.map((item: { action: string }) => item.action)).toEqual([
      'create',
      'update',
      'status',
      'status',
    ]);
    expect(items[0]).toMatchObject({ actorId: admin.user.id, actorName: admin.user.name, before: null });
    expect(items[1].before.totalPrice).toBe('300.00');
    expect(items[1].after.totalPrice).toBe('320.00');
    expect(items[3].after.status).toBe('cancelled');
  });

  it('lists stays overlapping a range, by check-in, page by page', async () => {
    const { app, admin, houseId, smallHouseId } = await villas();
    // Created out of check-in order, in both houses, so the order read is the list's own.
    for (const [house, checkIn, checkOut] of [
      [houseId, '2027-09-01', '2027-09-03'],
      [houseId, '2027-07-10', '2027-07-15'],
      [smallHouseId, '2027-07-12', '2027-07-14'],
      [houseId, '2028-01-10', '2028-01-12'],
      [houseId, '2027-06-01', '2027-06-05'],
      [smallHouseId, '2027-11-01', '2027-11-04'],
      [houseId, '2027-08-01', '2027-08-05'],
    ] as const) {
      await createReservation(app, admin, { houseId: house, checkIn, checkOut, totalPrice: '200.00' });
    }
    const list = async (query: string) =>
      (
        await app.inject({ method: 'GET', url: `/api/v1/reservations?${query}`, headers: bearer(admin) })
      ).json();
    const july = await list(`houseId=${houseId}&from=2027-07-01&to=2027-08-01`);
    expect(july.items.map((item: { checkIn: string }) => item.checkIn)).toEqual(['2027-07-10']);
    const edge = await list(`houseId=${houseId}&from=2027-07-15&to=2027-07-16`);
    expect(edge.items).toEqual([]);

    const seen: string[] = [];
    let pages = 0;
    let cursor: string | null = null;
    do {
      const body = await list(`limit=3${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...body.items.map((item: { checkIn: string }) => item.checkIn));
      cursor = body.nextCursor;
      pages += 1;
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen).toEqual([...seen].sort());
    expect(seen.length).toBe((await list('limit=200')).items.length);
    expect(seen).toHaveLength(7);
  });

  it('shapes reservations by role: staff and owners see no contact details or money, and cannot write', async () => {
    const { app, admin, houseId, smallHouseId } = await villas();
    await createReservation(app, admin, {
      houseId,
      guestName: 'Jeanne Martin',
      guestEmail: 'jeanne@example.org',
      guestPhone: '+33 6 12 34 56 78',
      checkIn: '2027-07-10',
      checkOut: '2027-07-15',
      totalPrice: '1500.00',
      advancePaid: '450.00',
    });
    await createReservation(app, admin, {
      houseId: smallHouseId,
      guestName: 'Hugo Bernard',
      guestEmail: 'hugo@example.org',
      checkIn: '2027-07-12',
      checkOut: '2027-07-14',
      totalPrice: '200.00',
    });
    const staff = await addMember(app, admin, 'staff');
    const owner = await addMember(app, admin, 'owner');
    const list = (
      await app.inject({ method: 'GET', url: '/api/v1/reservations', headers: staff.headers })
    ).json();
    expect(list.items.length).toBeGreaterThan(0);
    for (const item of list.items) {
      for (const field of ['guestEmail', 'guestPhone', 'totalPrice', 'advancePaid', 'balanceDue']) {
        expect(item).not.toHaveProperty(field);
      }
    }
    const one = list.items[0];
    const single = await app.inject({
      method: 'GET',
      url: `/api/v1/reservations/${one.id}`,
      headers: staff.headers,
    });
    expect(single.json()).toMatchObject({ id: one.id, guestName: one.guestName, checkIn: one.checkIn });
    for (const field of ['guestEmail', 'guestPhone', 'totalPrice', 'advancePaid', 'balanceDue']) {
      expect(single.json()).not.toHaveProperty(field);
    }
    const history = await app.inject({
      method: 'GET',
      url: `/api/v1/reservations/${one.id}/history`,
      headers: staff.headers,
    });
    expect(history.json().items[0]).toMatchObject({ action: 'create', before: null, after: null });
    expect(
      (await app.inject({ method: 'POST', url: '/api/v1/reservations', headers: staff.headers, payload: {} }))
        .statusCode,
    ).toBe(403);

    expect(
      (await app.inject({ method: 'GET', url: '/api/v1/reservations', headers: owner.headers })).json().items,
    ).toEqual([]);
    await app.inject({
      method: 'PUT',
      url: `/api/v1/members/${owner.user.id}/houses`,
      headers: bearer(admin),
      payload: { houseIds: [smallHouseId] },
    });
    const ownerItems = (
      await app.inject({ method: 'GET', url: '/api/v1/reservations', headers: owner.headers })
    ).json().items as { houseId: string }[];
    expect(ownerItems.length).toBeGreaterThan(0);
    expect(new Set(ownerItems.map((item) => item.houseId))).toEqual(new Set([smallHouseId]));
    const hidden = list.items.find((item: { houseId: string }) => item.houseId === houseId);
    expect(
      (await app.inject({ method: 'GET', url: `/api/v1/reservations/${hidden.id}`, headers: owner.headers }))
        .statusCode,
    ).toBe(404);
  });

  it("answers 404 for another organization's reservations and houses, on every route", async () => {
    const { app, admin, houseId, reserve } = await villas();
    const outsider = await registerUser(app);
    const { id } = await createReservation(app, admin, {
      houseId,
      checkIn: '2028-05-01',
      checkOut: '2028-05-02',
    });
    for (const attempt of [
      { method: 'GET', url: `/api/v1/reservations/${id}` },
      { method: 'PATCH', url: `/api/v1/reservations/${id}`, payload: { notes: 'x' } },
      { method: 'DELETE', url: `/api/v1/reservations/${id}` },
      { method: 'GET', url: `/api/v1/reservations/${id}/history` },
    ] as const) {
      const response = await app.inject({ ...attempt, headers: bearer(outsider) });
      expect(response.statusCode, `${attempt.method} ${attempt.url}`).toBe(404);
    }
    const intoForeignHouse = await reserve(
      { houseId, guestName: 'Intruder', checkIn: '2029-01-01', checkOut: '2029-01-02', guests: 1 },
      outsider,
    );
    expect(intoForeignHouse.statusCode).toBe(404);
  });

  it('replays an idempotent create and refuses the key for another stay', async () => {
    const { app, admin, houseId } = await villas();
    const headers = { ...bearer(admin), 'idempotency-key': 'booking-42' };
    const payload = { houseId, guestName: 'Idem', checkIn: '2028-06-01', checkOut: '2028-06-03', guests: 1 };
    const first = await app.inject({ method: 'POST', url: '/api/v1/reservations', headers, payload });
    const second = await app.inject({ method: 'POST', url: '/api/v1/reservations', headers, payload });
    expect(first.statusCode).toBe(201);
    expect(second.statusCode).toBe(201);
    expect(second.json().id).toBe(first.json().id);
    const other = await app.inject({
      method: 'POST',
      url: '/api/v1/reservations',
      headers,
      payload: { ...payload, checkIn: '2028-06-05', checkOut: '2028-06-06' },
    });
    expect(other.statusCode).toBe(422);
  });

  it('refuses to delete a house that has reservations', async () => {
    const { app, admin, houseId } = await villas();
    await createReservation(app, admin, { houseId });
    const response = await app.inject({
      method: 'DELETE',
      url: `/api/v1/houses/${houseId}`,
      headers: bearer(admin),
    });
    expect(response.statusCode).toBe(409);
    expect(response.json().type).toBe('urn:staykeep:problem:house-has-reservations');
  });
});
