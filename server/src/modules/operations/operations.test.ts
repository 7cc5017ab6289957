import { expect, it } from 'vitest';
import { describeApp } from '../../../test/app.ts';
import { addMember, bearer, registerUser } from '../../../test/factories.ts';

const DAY = '2031-07-14';

describeApp('daily operations', (get) => {
  const as = (session: { accessToken: string }) => bearer(session);
  const names = (stays: { guestName: string }[]) => stays.map((item) => item.guestName).sort();

  /**
   * A new organization's day: house A has a guest leaving (checked out) and
   * another arriving, B a stay under way, C an arrival tomorrow and a stay
   * long gone; each test has its own.
   */
  async function dayWithThreeHouses() {
    const { app } = get();
    const admin = await registerUser(app);
    const api = (
      method: 'GET' | 'POST' | 'PATCH' | 'PUT',
      url: string,
      payload?: object,
      headers: Record<string, string> = as(admin),
    ) => app.inject({ method, url, headers, ...(payload ? { payload } : {}) });
    const houses: Record<string, string> = {};
    for (const code of ['a', 'b', 'c']) {
      const house = await api('POST', '/api/v1/houses', {
        code,
        name: code.toUpperCase(),
        type: 'villa',
        maxGuests: 4,
      });
      houses[code] = house.json().id;
    }
    const stay = async (house: string, guestName: string, checkIn: string, checkOut: string) =>
      (
        await api('POST', '/api/v1/reservations', {
          houseId: houses[house],
          guestName,
          guestEmail: `${guestName.toLowerCase().replace(/\W+/g, '.')}@example.org`,
          checkIn,
          checkOut,
          guests: 2,
          status: 'confirmed',
          totalPrice: '900.00',
        })
      ).json().id as string;
    const leaving = await stay('a', 'Leaving Today', '2031-07-10', DAY);
    await stay('a', 'Arriving Today', DAY, '2031-07-18');
    await stay('b', 'Staying On', '2031-07-12', '2031-07-17');
    await stay('c', 'Arriving Tomorrow', '2031-07-15', '2031-07-20');
    await stay('c', 'Long Gone', '2031-06-01', '2031-06-05');
    await api('PATCH', `/api/v1/reservations/${leaving}`, { status: 'checked_in' });
    await api('PATCH', `/api/v1/reservations/${leaving}`, { status: 'checked_out' });
    const daily = async (headers: Record<string, string> = as(admin)) =>
      (await api('GET', `/api/v1/operations/daily?date=${DAY}`, undefined, headers)).json();
    /** Ticks every item of the house's round. */
    const prepare = async (houseId: string) => {
      const checklist = (await api('GET', `/api/v1/houses/${houseId}/checklist`)).json();
      for (const item of checklist.categories.flatMap(
        (category: { items: { id: string }[] }) => category.items,
      )) {
        await api('PUT', `/api/v1/houses/${houseId}/checklist/items/${item.id}`, { completed: true });
      }
    };
    return { admin, houses, api, stay, daily, prepare };
  }

  it('lists arrivals, departures, stays under way and the turnovers due before the next arrival', async () => {
    const { houses, daily, prepare } = await dayWithThreeHouses();
    const day = await daily();
    expect(day.date).toBe(DAY);
    expect(names(day.arrivals)).toEqual(['Arriving Today']);
    expect(names(day.departures)).toEqual(['Leaving Today']);
    expect(names(day.inHouse)).toEqual(['Staying On']);
    // A after today's departure; C, new and never prepared, before tomorrow's arrival. B has guests in.
    expect(day.turnovers).toEqual([
      expect.objectContaining({
        houseId: houses.a,
        houseName: 'A',
        nextArrival: expect.objectContaining({ checkIn: DAY }),
      }),
      expect.objectContaining({
        houseId: houses.c,
        houseName: 'C',
        nextArrival: expect.objectContaining({ checkIn: '2031-07-15' }),
      }),
    ]);
    expect(day.turnovers[0].total).toBeGreaterThan(0);
    expect(day.notReady.map((item: { houseId: string }) => item.houseId)).toEqual([houses.a, houses.c]);

    // Once its checklist is done, a house is ready for its guest.
    await prepare(houses.a as string);
    const after = await daily();
    expect(after.turnovers.map((item: { houseId: string }) => item.houseId)).toEqual([houses.c]);
    await prepare(houses.c as string);
    expect(await daily()).toMatchObject({ turnovers: [], notReady: [] });
  });

  it('never sends anyone to clean a house with guests in it', async () => {
    const { houses, api, stay, daily, prepare } = await dayWithThreeHouses();
    const turnoverHouses = async (date = DAY) =>
      (await api('GET', `/api/v1/operations/daily?date=${date}`))
        .json()
        .turnovers.map((turnover: { houseId: string }) => turnover.houseId);
    const checkInOut = async (id: string, ...statuses: string[]) => {
      for (const status of statuses) await api('PATCH', `/api/v1/reservations/${id}`, { status });
    };

    // House B's last departure left its round open; "Staying On" (confirmed, not checked in) is there now.
    const before = await stay('b', 'Before', '2031-07-01', '2031-07-05');
    await checkInOut(before, 'checked_in', 'checked_out');
    expect(await turnoverHouses()).not.toContain(houses.b);
    // Its departure day is the turnover's day.
    expect(await turnoverHouses('2031-07-17')).toContain(houses.b);

    // House C: a round waiting for tomorrow's arrival is today's work...
    await prepare(houses.c as string);
    expect(await turnoverHouses()).not.toContain(houses.c);
    const gone = (
      await api('GET', `/api/v1/reservations?houseId=${houses.c}&status=confirmed&to=2031-07-01`)
    ).json().items[0].id;
    await checkInOut(gone, 'checked_in', 'checked_out');
    expect(await turnoverHouses()).toContain(houses.c);
    expect((await daily()).notReady.map((item: { houseId: string }) => item.houseId)).toContain(houses.c);
    // ...until the guest is let in early: then the house is theirs, even once someone starts a round.
    const tomorrow = (
      await api('GET', `/api/v1/reservations?houseId=${houses.c}&from=2031-07-15&to=2031-07-16`)
    ).json().items[0].id;
    await checkInOut(tomorrow, 'checked_in');
    const checklist = (await api('GET', `/api/v1/houses/${houses.c}/checklist`)).json();
    expect(checklist).toMatchObject({ ready: false, round: { skipped: { reservationId: tomorrow } } });
    await api('PUT', `/api/v1/houses/${houses.c}/checklist/items/${checklist.categories[0].items[0].id}`, {
      completed: true,
    });
    const started = (await api('GET', `/api/v1/houses/${houses.c}/checklist`)).json().round;
    expect(started).toMatchObject({ skipped: null, done: 1 });
    expect(started.id).not.toBe(checklist.round.id);
    const day = await daily();
    expect(day.turnovers.map((item: { houseId: string }) => item.houseId)).not.toContain(houses.c);
    // Only A is left: its turnover after this morning's departure.
    expect(day.notReady.map((item: { houseId: string }) => item.houseId)).toEqual([houses.a]);
  });

  it('shows staff the day without contact details or money, and owners only their houses', async () => {
    const { app } = get();
    const { admin, houses, api, daily } = await dayWithThreeHouses();
    const staff = await addMember(app, admin, 'staff');
    const owner = await addMember(app, admin, 'owner');
    const seen = await daily(staff.headers);
    expect(names(seen.arrivals)).toEqual(['Arriving Today']);
    for (const item of [...seen.arrivals, ...seen.departures, ...seen.inHouse]) {
      expect(item).not.toHaveProperty('guestEmail');
      expect(item).not.toHaveProperty('totalPrice');
    }
    expect((await daily()).arrivals[0]).toHaveProperty('guestEmail');

    await api('PUT', `/api/v1/members/${owner.user.id}/houses`, { houseIds: [houses.b] });
    const theirs = await daily(owner.headers);
    expect(names(theirs.inHouse)).toEqual(['Staying On']);
    expect(theirs.arrivals).toEqual([]);

    const outsider = await daily(as(await registerUser(app)));
    expect([outsider.arrivals, outsider.departures, outsider.inHouse, outsider.turnovers]).toEqual([
      [],
      [],
      [],
      [],
    ]);
    expect((await api('GET', '/api/v1/operations/daily?date=14/07/2031')).statusCode).toBe(400);
  });
});
