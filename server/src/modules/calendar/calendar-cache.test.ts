import { expect, it } from 'vitest';
import { describeApp } from '../../../test/app.ts';
import {
  addMember,
  bearer,
  createBlock,
  createHouse,
  createReservation,
  createSite,
  registerUser,
} from '../../../test/factories.ts';

interface CalendarHouse {
  houseId: string;
  code: string;
  name: string;
  reservations: { id: string; guestName: string; checkIn: string; checkOut: string; status: string }[];
  blocks: { id: string; start: string; end: string; note: string | null }[];
}

/**
 * The calendar is served from a cache keyed by the organization's calendar
 * version: every write it shows must move that version, or a stale calendar
 * would be sent. Each step below writes, then reads the same calendar again.
 */
describeApp('the calendar shows every change at once', (get) => {
  const call = (
    session: { accessToken: string },
    method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
    url: string,
    payload?: object,
  ) => get().app.inject({ method, url, headers: bearer(session), ...(payload ? { payload } : {}) });
  /** March 2028 as `session` sees it, read through the cache. */
  const month = async (session: { accessToken: string }, query = '') => {
    const response = await call(session, 'GET', `/api/v1/calendar?from=2028-03-01&to=2028-04-01${query}`);
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    return response.json().houses as CalendarHouse[];
  };

  it('after each kind of write, on the very next read', async () => {
    const { app } = get();
    const admin = await registerUser(app);
    expect(await month(admin)).toEqual([]);

    const house = await createHouse(app, admin, {
      code: 'mas',
      name: 'Le Mas',
      type: 'villa',
      maxGuests: 6,
      nightlyPrice: 180,
    });
    expect((await month(admin)).map((entry) => entry.name)).toEqual(['Le Mas']);

    await call(admin, 'PATCH', `/api/v1/houses/${house.id}`, { name: 'Le Grand Mas' });
    expect((await month(admin))[0]?.name).toBe('Le Grand Mas');

    const stay = await createReservation(app, admin, {
      houseId: house.id,
      guestName: 'Paul Martin',
      checkIn: '2028-03-10',
      checkOut: '2028-03-14',
      guests: 2,
    });
    expect((await month(admin))[0]?.reservations.map((entry) => entry.guestName)).toEqual(['Paul Martin']);

    await call(admin, 'PATCH', `/api/v1/reservations/${stay.id}`, { checkOut: '2028-03-16' });
    expect((await month(admin))[0]?.reservations[0]?.checkOut).toBe('2028-03-16');

    await call(admin, 'PATCH', `/api/v1/guests/${stay.guestId}`, { name: 'Paul Martin-Durand' });
    expect((await month(admin))[0]?.reservations[0]?.guestName).toBe('Paul Martin-Durand');

    await call(admin, 'POST', `/api/v1/guests/${stay.guestId}/anonymize`);
    expect((await month(admin))[0]?.reservations[0]?.guestName).not.toContain('Paul');

    const block = await createBlock(app, admin, {
      houseId: house.id,
      start: '2028-03-20',
      end: '2028-03-22',
      kind: 'owner',
      note: 'Family',
    });
    expect((await month(admin))[0]?.blocks.map((entry) => entry.note)).toEqual(['Family']);
    await call(admin, 'PATCH', `/api/v1/blocks/${block.id}`, { note: 'Family weekend' });
    expect((await month(admin))[0]?.blocks[0]?.note).toBe('Family weekend');
    await call(admin, 'DELETE', `/api/v1/blocks/${block.id}`);
    expect((await month(admin))[0]?.blocks).toEqual([]);

    await call(admin, 'PATCH', `/api/v1/reservations/${stay.id}`, { status: 'cancelled' });
    expect((await month(admin))[0]?.reservations).toEqual([]);

    // A site filter: a house that leaves the site, or whose site is deleted, leaves the filtered calendar.
    const site = await createSite(app, admin, { name: 'Domaine' });
    expect(await month(admin, `&siteId=${site.id}`)).toEqual([]);
    await call(admin, 'PATCH', `/api/v1/houses/${house.id}`, { siteId: site.id });
    expect((await month(admin, `&siteId=${site.id}`)).map((entry) => entry.houseId)).toEqual([house.id]);
    await call(admin, 'DELETE', `/api/v1/sites/${site.id}`);
    expect(await month(admin, `&siteId=${site.id}`)).toEqual([]);

    const spare = await createHouse(app, admin, {
      code: 'spare',
      name: 'Spare',
      type: 'room',
      maxGuests: 2,
      nightlyPrice: 60,
    });
    expect(await month(admin)).toHaveLength(2);
    await call(admin, 'DELETE', `/api/v1/houses/${spare.id}`);
    expect(await month(admin)).toHaveLength(1);
  });

  it('serves owners their own houses, however the cache was filled', async () => {
    const { app } = get();
    const admin = await registerUser(app);
    const house = await createHouse(app, admin);
    const owner = await addMember(app, admin, 'owner');
    // The admin's read fills the cache with a calendar that has a house in it.
    expect((await month(admin)).map((entry) => entry.houseId)).toEqual([house.id]);
    const theirs = await app.inject({
      method: 'GET',
      url: '/api/v1/calendar?from=2028-03-01&to=2028-04-01',
      headers: owner.headers,
    });
    expect(theirs.json().houses).toEqual([]);
  });
});
