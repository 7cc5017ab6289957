import { expect, it } from 'vitest';
import { describeApp } from '../../../test/app.ts';
import {
  addMember,
  bearer,
  createBlock,
  createHouse,
  createReservation,
  registerUser,
  type TestSession,
} from '../../../test/factories.ts';

describeApp('blocks, calendar and availability', (get) => {
  const inject = (
    session: { accessToken: string },
    method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
    url: string,
    payload?: object,
  ) => get().app.inject({ method, url, headers: bearer(session), ...(payload ? { payload } : {}) });

  /** A new organization with a villa for 8, holding Amélie's stay of 3 to 6 May 2027, and a studio for 2. */
  async function villaAndStudioWithAStay() {
    const { app } = get();
    const admin = await registerUser(app);
    const villa = await createHouse(app, admin, {
      code: 'villa',
      name: 'Villa',
      type: 'villa',
      maxGuests: 8,
      nightlyPrice: 250,
    });
    const studio = await createHouse(app, admin, {
      code: 'studio',
      name: 'Studio',
      type: 'apartment',
      maxGuests: 2,
      nightlyPrice: null,
    });
    const stay = await createReservation(app, admin, {
      houseId: villa.id,
      guestName: 'Amélie Blanc',
      checkIn: '2027-05-03',
      checkOut: '2027-05-06',
      guests: 4,
    });
    return { admin, villa: villa.id, studio: studio.id, stay };
  }

  /**
   * The villa's May 2027: Amélie from the 3rd to the 6th, a second stay from
   * the 7th to the 9th (a guest with an email and a phone), and a maintenance
   * block on the night of the 10th.
   */
  async function villaInMay() {
    const { app } = get();
    const world = await villaAndStudioWithAStay();
    await createReservation(app, world.admin, {
      houseId: world.villa,
      guestName: 'Now fine',
      guestEmail: 'now.fine@example.org',
      guestPhone: '+33 6 11 22 33 44',
      checkIn: '2027-05-07',
      checkOut: '2027-05-09',
      guests: 2,
    });
    const block = await createBlock(app, world.admin, {
      houseId: world.villa,
      start: '2027-05-10',
      end: '2027-05-11',
      kind: 'maintenance',
      note: 'Pool pump',
    });
    return { ...world, block };
  }

  const villaDays = async (admin: TestSession, villa: string, from: string, to: string) =>
    (await inject(admin, 'GET', `/api/v1/calendar?from=${from}&to=${to}&format=days&houseId=${villa}`)).json()
      .houses[0].days as { date: string; status: string; reservationId?: string; blockId?: string }[];

  it('sets up two houses with a stay', async () => {
    const { admin, villa, studio, stay } = await villaAndStudioWithAStay();
    expect(stay).toMatchObject({
      houseId: villa,
      guestName: 'Amélie Blanc',
      checkIn: '2027-05-03',
      checkOut: '2027-05-06',
      guests: 4,
    });
    const houses = (await inject(admin, 'GET', '/api/v1/calendar?from=2027-05-01&to=2027-05-12')).json()
      .houses as { houseId: string; reservations: { id: string }[] }[];
    expect(houses.map((house) => [house.houseId, house.reservations.map((entry) => entry.id)])).toEqual([
      [studio, []],
      [villa, [stay.id]],
    ]);
  });

  it('blocks free nights, and refuses blocks and stays that overlap each other', async () => {
    const { admin, villa } = await villaAndStudioWithAStay();
    const block = await inject(admin, 'POST', '/api/v1/blocks', {
      houseId: villa,
      start: '2027-05-06',
      end: '2027-05-08',
      kind: 'maintenance',
      note: 'Pool pump',
    });
    expect(block.statusCode).toBe(201);
    expect(block.json()).toMatchObject({
      houseId: villa,
      start: '2027-05-06',
      end: '2027-05-08',
      kind: 'maintenance',
    });

    const onStay = await inject(admin, 'POST', '/api/v1/blocks', {
      houseId: villa,
      start: '2027-05-05',
      end: '2027-05-06',
      kind: 'owner',
    });
    expect(onStay.statusCode).toBe(409);
    expect(onStay.json().conflictingReservationId).toEqual(expect.any(String));

    const stayOnBlock = await inject(admin, 'POST', '/api/v1/reservations', {
      houseId: villa,
      guestName: 'Late',
      checkIn: '2027-05-07',
      checkOut: '2027-05-09',
      guests: 2,
    });
    expect(stayOnBlock.statusCode).toBe(409);
    expect(stayOnBlock.json()).toMatchObject({
      type: 'urn:staykeep:problem:overlap',
      conflictingBlockId: block.json().id,
    });

    const moved = await inject(admin, 'PATCH', `/api/v1/blocks/${block.json().id}`, {
      start: '2027-05-10',
      end: '2027-05-11',
    });
    expect(moved.json()).toMatchObject({ start: '2027-05-10', version: 2 });
    expect(
      (
        await inject(admin, 'POST', '/api/v1/reservations', {
          houseId: villa,
          guestName: 'Now fine',
          checkIn: '2027-05-07',
          checkOut: '2027-05-09',
          guests: 2,
        })
      ).statusCode,
    ).toBe(201);
  });

  it('gives each house its stays and blocks as ranges, and day by day', async () => {
    const { admin, villa } = await villaInMay();
    const ranges = (await inject(admin, 'GET', '/api/v1/calendar?from=2027-05-01&to=2027-05-12')).json();
    expect(ranges.houses.map((house: { code: string }) => house.code)).toEqual(['studio', 'villa']);
    const villaRow = ranges.houses[1];
    expect(
      villaRow.reservations.map((stay: { guestName: string; checkIn: string }) => [
        stay.guestName,
        stay.checkIn,
      ]),
    ).toEqual([
      ['Amélie Blanc', '2027-05-03'],
      ['Now fine', '2027-05-07'],
    ]);
    expect(villaRow.blocks.map((block: { start: string }) => block.start)).toEqual(['2027-05-10']);

    const days = (
      await inject(
        admin,
        'GET',
        `/api/v1/calendar?from=2027-05-05&to=2027-05-12&format=days&houseId=${villa}`,
      )
    ).json();
    expect(days.houses).toHaveLength(1);
    expect(
      days.houses[0].days.map(
        (day: { date: string; status: string }) => `${day.date.slice(8)} ${day.status}`,
      ),
    ).toEqual(['05 reserved', '06 free', '07 reserved', '08 reserved', '09 free', '10 blocked', '11 free']);
    expect(days.houses[0].days[0].reservationId).toEqual(expect.any(String));
    expect(days.houses[0].days[5].blockId).toEqual(expect.any(String));
  });

  it('finds the houses free for a whole stay and large enough', async () => {
    const { admin } = await villaInMay();
    const free = async (query: string) =>
      (await inject(admin, 'GET', `/api/v1/availability?${query}`))
        .json()
        .items.map((house: { code: string }) => house.code);
    expect(await free('checkIn=2027-05-04&checkOut=2027-05-05&guests=2')).toEqual(['studio']);
    expect(await free('checkIn=2027-05-06&checkOut=2027-05-07&guests=2')).toEqual(['studio', 'villa']);
    expect(await free('checkIn=2027-05-06&checkOut=2027-05-07&guests=3')).toEqual(['villa']);
    expect(await free('checkIn=2027-05-09&checkOut=2027-05-10&guests=3')).toEqual(['villa']);
    expect(await free('checkIn=2027-05-09&checkOut=2027-05-11&guests=3')).toEqual([]);
  });

  it('refuses bad ranges with 400', async () => {
    const { admin, studio } = await villaAndStudioWithAStay();
    for (const query of [
      'from=2027-05-10&to=2027-05-10',
      'from=2027-05-10&to=2027-05-01',
      'from=2027-02-30&to=2027-03-02',
      'from=2027-01-01&to=2028-06-01',
    ]) {
      const response = await inject(admin, 'GET', `/api/v1/calendar?${query}`);
      expect(response.statusCode, query).toBe(400);
      expect(response.headers['content-type']).toBe('application/problem+json; charset=utf-8');
    }
    const block = await inject(admin, 'POST', '/api/v1/blocks', {
      houseId: studio,
      start: '2027-06-02',
      end: '2027-06-01',
      kind: 'other',
    });
    expect(block.json().errors).toEqual([
      { path: 'body.end', code: 'before-start', field: 'start', message: 'must be after start' },
    ]);
  });

  it('lets staff read the calendar without writing to it, and hides it from other organizations', async () => {
    const { app } = get();
    const { admin, villa, studio, block } = await villaInMay();
    const staff = await addMember(app, admin, 'staff');
    const calendar = await app.inject({
      method: 'GET',
      url: '/api/v1/calendar?from=2027-05-01&to=2027-05-12',
      headers: staff.headers,
    });
    expect(calendar.statusCode).toBe(200);
    // The staff view has stays and blocks to show, and none of their money or contact details.
    expect(calendar.json().houses.map((house: { code: string }) => house.code)).toEqual(['studio', 'villa']);
    expect(calendar.json().houses[1].reservations).toHaveLength(2);
    expect(JSON.stringify(calendar.json())).not.toMatch(/price|email|phone/i);
    const write = await app.inject({
      method: 'POST',
      url: '/api/v1/blocks',
      headers: staff.headers,
      payload: { houseId: studio, start: '2027-06-01', end: '2027-06-02', kind: 'other' },
    });
    expect(write.statusCode).toBe(403);

    const outsider = await registerUser(app);
    for (const [method, url] of [
      ['GET', `/api/v1/blocks/${block.id}`],
      ['PATCH', `/api/v1/blocks/${block.id}`],
      ['DELETE', `/api/v1/blocks/${block.id}`],
    ] as const) {
      const response = await inject(outsider, method, url, method === 'PATCH' ? { note: 'x' } : undefined);
      expect(response.statusCode, `${method} ${url}`).toBe(404);
    }
    const foreign = await inject(outsider, 'GET', '/api/v1/calendar?from=2027-05-01&to=2027-05-12');
    expect(foreign.json().houses).toEqual([]);
    const intoForeign = await inject(outsider, 'POST', '/api/v1/blocks', {
      houseId: villa,
      start: '2027-07-01',
      end: '2027-07-02',
      kind: 'other',
    });
    expect(intoForeign.statusCode).toBe(404);
    // The block the outsider tried to change and delete is still there, unchanged.
    const kept = await inject(admin, 'GET', `/api/v1/blocks/${block.id}`);
    expect(kept.json()).toMatchObject({ id: block.id, note: 'Pool pump', version: 1 });
  });

  it('frees the nights of a removed block', async () => {
    const { admin, villa } = await villaInMay();
    const block = (
      await inject(admin, 'GET', `/api/v1/blocks?from=2027-05-01&to=2027-05-31&houseId=${villa}`)
    ).json().items[0];
    expect((await villaDays(admin, villa, '2027-05-10', '2027-05-11'))[0]?.status).toBe('blocked');
    expect((await inject(admin, 'DELETE', `/api/v1/blocks/${block.id}`)).statusCode).toBe(204);
    expect((await villaDays(admin, villa, '2027-05-10', '2027-05-11'))[0]?.status).toBe('free');
  });
});
