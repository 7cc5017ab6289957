import { expect, it } from 'vitest';
import { describeApp } from '../../../test/app.ts';
import {
  addMember,
  bearer,
  createHouse,
  createSite,
  type House,
  registerUser,
  type TestSession,
} from '../../../test/factories.ts';

const villa = {
  code: 'maison-1',
  name: 'Mv1',
  type: 'villa' as const,
  location: 'Chemin des Oliviers, Ramatuelle',
  maxGuests: 8,
  nightlyPrice: '350.00',
  timezone: 'Europe/Paris',
};

describeApp('houses and sites', (get) => {
  const as = (session: { accessToken: string }) => bearer(session);
  /** The admin of a new organization, Domaine: each test has its own, so none sees another's houses. */
  const newAdmin = () => registerUser(get().app, { organizationName: 'Domaine' });
  /** Houses of `codes`, created in the order given; the villa when the code is maison-1. */
  async function housesOf(admin: TestSession, codes: string[]) {
    const houses: House[] = [];
    for (const code of codes) {
      houses.push(await createHouse(get().app, admin, code === villa.code ? villa : { code }));
    }
    return houses;
  }

  it('creates a house with a Location, an ETag and money as a two-decimal string', async () => {
    const { app } = get();
    const admin = await newAdmin();
    const created = await app.inject({
      method: 'POST',
      url: '/api/v1/houses',
      headers: as(admin),
      payload: villa,
    });
    expect(created.statusCode).toBe(201);
    const house = created.json();
    expect(created.headers.location).toBe(`/api/v1/houses/${house.id}`);
    expect(created.headers.etag).toBe('"1"');
    expect(house).toMatchObject({
      ...villa,
      siteId: null,
      checkInTime: '16:00',
      checkOutTime: '10:00',
      status: 'active',
      version: 1,
    });
    const fetched = await app.inject({
      method: 'GET',
      url: created.headers.location as string,
      headers: as(admin),
    });
    expect(fetched.json()).toEqual(house);
  });

  it('takes the organization time zone by default and reads amounts given as numbers', async () => {
    const house = await createHouse(get().app, await newAdmin(), {
      code: 'maison-2',
      name: 'Mv2',
      type: 'apartment',
      maxGuests: 4,
      nightlyPrice: 120.5,
    });
    expect(house).toMatchObject({ timezone: 'Europe/Paris', nightlyPrice: '120.50' });
  });

  it.each([
    [{ ...villa, code: 'Maison 3' }, 'body.code', 'invalid-format'],
    [{ ...villa, code: 'maison-3', maxGuests: 0 }, 'body.maxGuests', 'too-small'],
    [{ ...villa, code: 'maison-3', nightlyPrice: '12.345' }, 'body.nightlyPrice', 'invalid-amount'],
    [{ ...villa, code: 'maison-3', nightlyPrice: 'abc' }, 'body.nightlyPrice', 'invalid-amount'],
    [{ ...villa, code: 'maison-3', timezone: 'Mars/Olympus' }, 'body.timezone', 'invalid-time-zone'],
    [{ ...villa, code: 'maison-3', type: 'castle' }, 'body.type', 'not-allowed'],
    [{ ...villa, code: 'maison-3', checkInTime: '25:00' }, 'body.checkInTime', 'invalid-format'],
    [{ ...villa, code: 'maison-3', name: 'x'.repeat(101) }, 'body.name', 'too-long'],
    [{ ...villa, code: 'maison-3', pool: true }, 'body.pool', 'unknown-property'],
  ])('refuses a bad house and names the field: %o', async (payload, path, code) => {
    const { app } = get();
    const admin = await newAdmin();
    const response = await app.inject({ method: 'POST', url: '/api/v1/houses', headers: as(admin), payload });
    expect(response.statusCode).toBe(400);
    expect(response.json().errors).toEqual([expect.objectContaining({ path, code })]);
    expect(response.json().errors.map((error: { path: string }) => error.path)).toContain(path);
    const list = await app.inject({
      method: 'GET',
      url: '/api/v1/houses?search=maison-3',
      headers: as(admin),
    });
    expect(list.json().items).toEqual([]);
  });

  it('refuses a second house with the same code', async () => {
    const { app } = get();
    const admin = await newAdmin();
    await createHouse(app, admin, villa);
    const response = await app.inject({
      method: 'POST',
      url: '/api/v1/houses',
      headers: as(admin),
      payload: villa,
    });
    expect(response.statusCode).toBe(409);
    expect(response.json().type).toBe('urn:staykeep:problem:house-code-taken');
  });

  it('replays a create sent twice with one Idempotency-Key, and refuses the key for another body', async () => {
    const { app } = get();
    const admin = await newAdmin();
    await createHouse(app, admin, villa);
    const payload = { code: 'maison-4', name: 'Mv4', type: 'villa', maxGuests: 6 };
    const headers = { ...as(admin), 'idempotency-key': 'create-maison-4' };
    const first = await app.inject({ method: 'POST', url: '/api/v1/houses', headers, payload });
    const second = await app.inject({ method: 'POST', url: '/api/v1/houses', headers, payload });
    expect(first.statusCode).toBe(201);
    expect(second.statusCode).toBe(201);
    expect(second.headers['idempotent-replayed']).toBe('true');
    expect(second.json()).toEqual(first.json());
    expect(second.headers.location).toBe(first.headers.location);
    const count = await app.inject({
      method: 'GET',
      url: '/api/v1/houses?search=maison-4',
      headers: as(admin),
    });
    expect(count.json().items).toHaveLength(1);

    const other = await app.inject({
      method: 'POST',
      url: '/api/v1/houses',
      headers,
      payload: { ...payload, code: 'maison-5' },
    });
    expect(other.statusCode).toBe(422);
    expect(other.json().type).toBe('urn:staykeep:problem:idempotency-key-reused');

    // A failed create does not keep the key: the corrected retry goes through.
    const failing = { ...as(admin), 'idempotency-key': 'fix-and-retry' };
    const refused = await app.inject({
      method: 'POST',
      url: '/api/v1/houses',
      headers: failing,
      payload: villa,
    });
    expect(refused.statusCode).toBe(409);
    const fixed = await app.inject({
      method: 'POST',
      url: '/api/v1/houses',
      headers: failing,
      payload: { ...villa, code: 'maison-6' },
    });
    expect(fixed.statusCode).toBe(201);
  });

  it('updates with If-Match and answers 412 to a stale version, changing nothing', async () => {
    const { app } = get();
    const admin = await newAdmin();
    const house = await createHouse(app, admin, villa);
    const url = `/api/v1/houses/${house.id}`;
    const updated = await app.inject({
      method: 'PATCH',
      url,
      headers: { ...as(admin), 'if-match': '"1"' },
      payload: { maxGuests: 10, nightlyPrice: '400' },
    });
    expect(updated.statusCode).toBe(200);
    expect(updated.headers.etag).toBe('"2"');
    expect(updated.json()).toMatchObject({ maxGuests: 10, nightlyPrice: '400.00', version: 2 });

    const stale = await app.inject({
      method: 'PATCH',
      url,
      headers: { ...as(admin), 'if-match': '"1"' },
      payload: { maxGuests: 2 },
    });
    expect(stale.statusCode).toBe(412);
    expect(stale.json()).toMatchObject({ type: 'urn:staykeep:problem:version-mismatch', currentVersion: 2 });
    const staleDelete = await app.inject({
      method: 'DELETE',
      url,
      headers: { ...as(admin), 'if-match': '"1"' },
    });
    expect(staleDelete.statusCode).toBe(412);
    const unchanged = await app.inject({ method: 'GET', url, headers: as(admin) });
    expect(unchanged.json()).toMatchObject({ maxGuests: 10, version: 2 });
  });

  it('groups houses in sites; deleting a site keeps its houses', async () => {
    const { app } = get();
    const admin = await newAdmin();
    const site = await app.inject({
      method: 'POST',
      url: '/api/v1/sites',
      headers: as(admin),
      payload: { name: 'Domaine des Oliviers', address: 'Ramatuelle' },
    });
    expect(site.statusCode).toBe(201);
    const siteId = site.json().id;
    const house = await app.inject({
      method: 'POST',
      url: '/api/v1/houses',
      headers: as(admin),
      payload: { code: 'olivier-1', name: 'Olivier 1', type: 'room', maxGuests: 2, siteId },
    });
    expect(house.json().siteId).toBe(siteId);
    const sites = await app.inject({ method: 'GET', url: '/api/v1/sites', headers: as(admin) });
    expect(sites.json().items).toEqual([
      expect.objectContaining({ name: 'Domaine des Oliviers', houseCount: 1 }),
    ]);
    const inSite = await app.inject({
      method: 'GET',
      url: `/api/v1/houses?siteId=${siteId}`,
      headers: as(admin),
    });
    expect(inSite.json().items.map((h: { code: string }) => h.code)).toEqual(['olivier-1']);

    const duplicate = await app.inject({
      method: 'POST',
      url: '/api/v1/sites',
      headers: as(admin),
      payload: { name: 'Domaine des Oliviers' },
    });
    expect(duplicate.statusCode).toBe(409);

    expect(
      (await app.inject({ method: 'DELETE', url: `/api/v1/sites/${siteId}`, headers: as(admin) })).statusCode,
    ).toBe(204);
    const orphan = await app.inject({
      method: 'GET',
      url: `/api/v1/houses/${house.json().id}`,
      headers: as(admin),
    });
    expect(orphan.json().siteId).toBeNull();
  });

  it('pages through houses by code with a cursor', async () => {
    const { app } = get();
    const admin = await newAdmin();
    // Created out of order: the order read is the list's own.
    await housesOf(admin, ['maison-6', 'olivier-1', 'maison-1', 'maison-4', 'maison-2']);
    const codes: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = cursor ? `&cursor=${cursor}` : '';
      const response = await app.inject({
        method: 'GET',
        url: `/api/v1/houses?limit=2${query}`,
        headers: as(admin),
      });
      const body = response.json();
      codes.push(...body.items.map((house: { code: string }) => house.code));
      cursor = body.nextCursor;
    } while (cursor);
    expect(codes).toEqual(['maison-1', 'maison-2', 'maison-4', 'maison-6', 'olivier-1']);
    const bad = await app.inject({ method: 'GET', url: '/api/v1/houses?cursor=garbage', headers: as(admin) });
    expect(bad.statusCode).toBe(400);
  });

  it('shapes houses by role: staff see no price, owners only their houses, neither may write', async () => {
    const { app } = get();
    const admin = await newAdmin();
    const houses = await housesOf(admin, ['maison-1', 'maison-2', 'maison-4']);
    const staff = await addMember(app, admin, 'staff');
    const owner = await addMember(app, admin, 'owner');
    const manager = await addMember(app, admin, 'manager');

    const staffList = (
      await app.inject({ method: 'GET', url: '/api/v1/houses', headers: staff.headers })
    ).json();
    expect(staffList.items.length).toBe(houses.length);
    for (const house of staffList.items) expect(house).not.toHaveProperty('nightlyPrice');
    const staffOne = await app.inject({
      method: 'GET',
      url: `/api/v1/houses/${staffList.items[0].id}`,
      headers: staff.headers,
    });
    expect(staffOne.json()).not.toHaveProperty('nightlyPrice');

    expect(
      (await app.inject({ method: 'GET', url: '/api/v1/houses', headers: owner.headers })).json().items,
    ).toEqual([]);
    const target = staffList.items[0];
    const assigned = await app.inject({
      method: 'PUT',
      url: `/api/v1/members/${owner.user.id}/houses`,
      headers: as(admin),
      payload: { houseIds: [target.id] },
    });
    expect(assigned.json()).toMatchObject({ role: 'owner', houseIds: [target.id] });
    const ownerList = (
      await app.inject({ method: 'GET', url: '/api/v1/houses', headers: owner.headers })
    ).json();
    expect(ownerList.items.map((house: { id: string }) => house.id)).toEqual([target.id]);
    expect(ownerList.items[0].nightlyPrice).toBe(villa.nightlyPrice);
    const notTheirs = staffList.items[1].id;
    expect(
      (await app.inject({ method: 'GET', url: `/api/v1/houses/${notTheirs}`, headers: owner.headers }))
        .statusCode,
    ).toBe(404);

    for (const headers of [staff.headers, owner.headers]) {
      const write = await app.inject({
        method: 'PATCH',
        url: `/api/v1/houses/${target.id}`,
        headers,
        payload: { name: 'Mine now' },
      });
      expect(write.statusCode).toBe(403);
    }
    const managerWrite = await app.inject({
      method: 'PATCH',
      url: `/api/v1/houses/${target.id}`,
      headers: manager.headers,
      payload: { status: 'inactive' },
    });
    expect(managerWrite.json().status).toBe('inactive');
  });

  it('keeps null as null in bodies: a cleared field or site is not an empty string', async () => {
    const { app } = get();
    const admin = await newAdmin();
    await createHouse(app, admin, villa);
    const created = await app.inject({
      method: 'POST',
      url: '/api/v1/houses',
      headers: as(admin),
      payload: { ...villa, code: 'sans-site', siteId: null, notes: null },
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ siteId: null, notes: null, location: villa.location });
    const cleared = await app.inject({
      method: 'PATCH',
      url: `/api/v1/houses/${created.json().id}`,
      headers: as(admin),
      payload: { location: null },
    });
    expect(cleared.json().location).toBeNull();
    // Query strings are still read as numbers where the schema says so.
    const page = await app.inject({ method: 'GET', url: '/api/v1/houses?limit=1', headers: as(admin) });
    expect(page.json().items).toHaveLength(1);
  });

  it('assigns houses to owners only, as a whole list, checked against the organization', async () => {
    const { app } = get();
    const admin = await newAdmin();
    await housesOf(admin, ['maison-1', 'maison-2', 'maison-4']);
    const owner = await addMember(app, admin, 'owner');
    const staff = await addMember(app, admin, 'staff');
    const houses = (await app.inject({ method: 'GET', url: '/api/v1/houses', headers: as(admin) })).json()
      .items as { id: string }[];
    const assign = (userId: string, houseIds: string[], headers: Record<string, string> = as(admin)) =>
      app.inject({ method: 'PUT', url: `/api/v1/members/${userId}/houses`, headers, payload: { houseIds } });
    const ownerSees = async () =>
      (await app.inject({ method: 'GET', url: '/api/v1/houses', headers: owner.headers })).json().items
        .length;

    const [first, second, third] = houses.map((house) => house.id) as [string, string, string];
    const two = [first, second].sort();
    expect((await assign(owner.user.id, [...two, first])).json().houseIds).toEqual(two);
    expect(await ownerSees()).toBe(2);
    const members = (await app.inject({ method: 'GET', url: '/api/v1/members', headers: as(admin) })).json();
    expect(members.items.find((m: { userId: string }) => m.userId === owner.user.id).houseIds).toEqual(two);
    expect((await assign(owner.user.id, [third])).json().houseIds).toEqual([third]);
    expect(await ownerSees()).toBe(1);

    expect((await assign(staff.user.id, [first])).json()).toMatchObject({
      status: 409,
      type: 'urn:staykeep:problem:not-an-owner',
    });
    expect((await assign(owner.user.id, [first], staff.headers)).statusCode).toBe(403);
    const elsewhere = await registerUser(app);
    const foreign = await createHouse(app, elsewhere, { ...villa, code: 'ailleurs' });
    const refused = await assign(owner.user.id, [first, foreign.id]);
    expect(refused.statusCode).toBe(404);
    expect(await ownerSees()).toBe(1);

    // An owner made staff loses the list: it must not apply again if they become owner later.
    await app.inject({
      method: 'PATCH',
      url: `/api/v1/members/${owner.user.id}`,
      headers: as(admin),
      payload: { role: 'staff' },
    });
    const again = await app.inject({
      method: 'PATCH',
      url: `/api/v1/members/${owner.user.id}`,
      headers: as(admin),
      payload: { role: 'owner' },
    });
    expect(again.json().houseIds).toEqual([]);
    expect(await ownerSees()).toBe(0);
  });

  it("answers 404 for another organization's houses and sites, on every route", async () => {
    const { app } = get();
    const admin = await newAdmin();
    const outsider = await registerUser(app);
    const house = await createHouse(app, admin, villa);
    const site = await createSite(app, admin, { name: 'Private' });
    const attempts = [
      { method: 'GET', url: `/api/v1/houses/${house.id}` },
      { method: 'PATCH', url: `/api/v1/houses/${house.id}`, payload: { name: 'x' } },
      { method: 'DELETE', url: `/api/v1/houses/${house.id}` },
      { method: 'GET', url: `/api/v1/sites/${site.id}` },
      { method: 'PATCH', url: `/api/v1/sites/${site.id}`, payload: { name: 'x' } },
      { method: 'DELETE', url: `/api/v1/sites/${site.id}` },
    ] as const;
    for (const attempt of attempts) {
      const response = await app.inject({ ...attempt, headers: as(outsider) });
      expect(response.statusCode, `${attempt.method} ${attempt.url}`).toBe(404);
    }
    const foreignSite = await app.inject({
      method: 'POST',
      url: '/api/v1/houses',
      headers: as(outsider),
      payload: { code: 'mine', name: 'Mine', type: 'villa', maxGuests: 2, siteId: site.id },
    });
    expect(foreignSite.statusCode).toBe(404);
    expect(
      (await app.inject({ method: 'GET', url: '/api/v1/houses', headers: as(outsider) })).json().items,
    ).toEqual([]);
  });

  it('deletes a house', async () => {
    const { app } = get();
    const admin = await newAdmin();
    const created = await createHouse(app, admin, {
      code: 'temporary',
      name: 'Tmp',
      type: 'other',
      maxGuests: 1,
      nightlyPrice: null,
    });
    const url = `/api/v1/houses/${created.id}`;
    expect(
      (await app.inject({ method: 'DELETE', url, headers: { ...as(admin), 'if-match': '"1"' } })).statusCode,
    ).toBe(204);
    expect((await app.inject({ method: 'GET', url, headers: as(admin) })).statusCode).toBe(404);
  });
});
