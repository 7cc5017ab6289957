import { expect, it } from 'vitest';
import { describeApp } from '../../../test/app.ts';
import { addMember, bearer, registerUser, type TestSession } from '../../../test/factories.ts';
import * as openingRoundsMigration from '../../db/migrations/2026-12-02T1600_opening-rounds.ts';
import { ChecklistsService } from './checklists.service.ts';

/** A calendar date `days` from today (UTC). */
const day = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

interface Checklist {
  ready: boolean;
  readySince: string | null;
  round: { id: string; reservationId: string | null } | null;
  done: number;
  total: number;
  categories: {
    id: string;
    name: string;
    ready: boolean;
    readyAt: string | null;
    done: number;
    total: number;
    items: { id: string; description: string; completed: boolean; completedBy: { name: string } | null }[];
  }[];
}

describeApp('housekeeping checklists', (get) => {
  const as = (session: { accessToken: string }) => bearer(session);
  const DAY_MS = 86_400_000;

  /**
   * A new organization (its admin) with two houses, Mv1 and Mv2, created
   * `createdDaysAgo` days ago on the app's clock: each test has its own.
   */
  async function organizationWithTwoHouses(options: { createdDaysAgo?: number } = {}) {
    const { app, clock } = get();
    const admin = await registerUser(app, { organizationName: 'Villas' });
    clock.advance(-(options.createdDaysAgo ?? 0) * DAY_MS);
    try {
      const ids: string[] = [];
      for (const [code, name] of [
        ['maison-1', 'Mv1'],
        ['maison-2', 'Mv2'],
      ]) {
        const house = await app.inject({
          method: 'POST',
          url: '/api/v1/houses',
          headers: as(admin),
          payload: { code, name, type: 'villa', maxGuests: 6, nightlyPrice: '150.00' },
        });
        if (house.statusCode !== 201) throw new Error(`house not created: ${house.body}`);
        ids.push(house.json().id);
      }
      return tools(admin, ids[0] as string, ids[1] as string);
    } finally {
      clock.advance((options.createdDaysAgo ?? 0) * DAY_MS);
    }
  }

  /** What the tests do with an organization, bound to it. */
  function tools(admin: TestSession, houseId: string, otherHouseId: string) {
    const api = (
      method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
      url: string,
      payload?: Record<string, unknown>,
      headers: Record<string, string> = as(admin),
    ) => get().app.inject({ method, url, headers, ...(payload ? { payload } : {}) });
    const checklist = async (house = houseId, headers: Record<string, string> = as(admin)) =>
      (await api('GET', `/api/v1/houses/${house}/checklist`, undefined, headers)).json() as Checklist;
    const tick = (
      itemId: string,
      completed = true,
      headers: Record<string, string> = as(admin),
      house = houseId,
    ) => api('PUT', `/api/v1/houses/${house}/checklist/items/${itemId}`, { completed }, headers);
    /** Ticks every item of the house's round still undone. */
    async function finishRound(house = houseId) {
      for (const item of allItems(await checklist(house))) {
        if (!item.completed) await tick(item.id, true, as(admin), house);
      }
    }
    /** A stay that ended `daysAgo` days ago, left confirmed (nobody pressed "check out"). */
    async function departure(house: string, daysAgo: number, nights = 3): Promise<string> {
      const created = await api('POST', '/api/v1/reservations', {
        houseId: house,
        guestName: 'Departing guest',
        checkIn: day(-daysAgo - nights),
        checkOut: day(-daysAgo),
        guests: 2,
        status: 'confirmed',
      });
      return created.json().id;
    }
    async function checkOut(reservationId: string) {
      await api('PATCH', `/api/v1/reservations/${reservationId}`, { status: 'checked_in' });
      return api('PATCH', `/api/v1/reservations/${reservationId}`, { status: 'checked_out' });
    }
    return { admin, houseId, otherHouseId, api, checklist, tick, finishRound, departure, checkOut };
  }

  const allItems = (list: Checklist) => list.categories.flatMap((category) => category.items);
  async function countLogs(itemId: string) {
    const row = await get()
      .app.db.selectFrom('task_completion_logs')
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .where('item_id', '=', itemId)
      .executeTakeFirstOrThrow();
    return Number(row.count);
  }
  /** The contract: a house is ready exactly when every category is. */
  const readyExactlyWhenEveryCategoryIs = (list: Checklist) =>
    expect(list.ready).toBe(list.categories.every((category) => category.ready));

  it('gives a new organization a default checklist in its language', async () => {
    const { app } = get();
    const { api } = tools(await registerUser(app, { organizationName: 'Villas' }), '', '');
    const english = (await api('GET', '/api/v1/checklist')).json();
    expect(english.categories.map((category: { name: string }) => category.name)).toEqual([
      'Entrance',
      'Kitchen',
      'Bathroom',
      'Bedrooms',
      'Outdoor',
    ]);
    expect(english.categories[1].items[0]).toMatchObject({
      stepNumber: 1,
      description: 'Empty and clean the fridge',
      productRequired: 'All-purpose cleaner',
      type: 'cleaning',
      appliesToAll: true,
      houseIds: [],
      active: true,
    });

    const french = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/register',
      payload: {
        email: `fr-${Date.now()}@example.org`,
        password: 'les volets bleus',
        name: 'Élise',
        locale: 'fr',
      },
    });
    const template = await api('GET', '/api/v1/checklist', undefined, as(french.json()));
    expect(template.json().categories[0].name).toBe('Entrée');
    // Filling a template that is not empty is refused.
    expect((await api('POST', '/api/v1/checklist/defaults', undefined, as(french.json()))).statusCode).toBe(
      409,
    );
  });

  it('opens a new house’s round with the house: not ready until every item is done', async () => {
    const { houseId, api, checklist, tick } = await organizationWithTwoHouses();
    const opening = await checklist();
    expect(opening).toMatchObject({ ready: false, readySince: null, done: 0, total: 18 });
    expect(opening.round).toMatchObject({ reservationId: null, closedAt: null, completedAt: null });
    expect(opening.categories[0]).toMatchObject({ name: 'Entrance', done: 0, total: 3, ready: false });
    readyExactlyWhenEveryCategoryIs(opening);
    const readiness = (await api('GET', '/api/v1/checklist/readiness')).json().items;
    expect(readiness.find((item: { houseId: string }) => item.houseId === houseId)).toMatchObject({
      ready: false,
      readySince: null,
      roundId: opening.round?.id,
      done: 0,
      total: 18,
    });

    // Its first tick works on that round: it neither opens another nor says anything else of readiness.
    const items = allItems(opening);
    for (const [index, item] of items.entries()) {
      const after = (await tick(item.id)).json() as Checklist;
      expect(after.round?.id).toBe(opening.round?.id);
      expect(after.ready).toBe(index === items.length - 1);
      readyExactlyWhenEveryCategoryIs(after);
    }
    const ready = await checklist();
    expect(ready).toMatchObject({ ready: true, done: 18 });
    expect(ready.readySince).not.toBeNull();
  });

  it('gives each house that had no round an opening round when this release is installed', async () => {
    const { houseId, otherHouseId, api, checklist, finishRound } = await organizationWithTwoHouses();
    await finishRound(otherHouseId);
    // Maison-1 as an earlier release left it: no round at all.
    const db = get().app.db;
    await db.deleteFrom('turnover_rounds').where('house_id', '=', houseId).execute();
    await openingRoundsMigration.up(db);

    const opened = await checklist();
    expect(opened).toMatchObject({ ready: false, readySince: null, done: 0, total: 18 });
    expect(opened.round).toMatchObject({ reservationId: null, closedAt: null });
    // A house that had a round keeps it, and only it.
    const others = (await api('GET', `/api/v1/houses/${otherHouseId}/checklist/rounds`)).json().items;
    expect(others).toHaveLength(1);
    expect((await checklist(otherHouseId)).ready).toBe(true);
  });

  it('opens a round at check-out: the house is not ready until every item is ticked', async () => {
    const { houseId, api, checklist, tick, departure, checkOut } = await organizationWithTwoHouses();
    const reservationId = await departure(houseId, 1);
    expect((await checkOut(reservationId)).json().status).toBe('checked_out');
    const opened = await checklist();
    expect(opened).toMatchObject({ ready: false, done: 0, total: 18, round: { reservationId } });
    readyExactlyWhenEveryCategoryIs(opened);

    // A category is ready once all its items are done, not before.
    const [entrance] = opened.categories;
    if (!entrance) throw new Error('no category');
    for (const [index, item] of entrance.items.entries()) {
      const after = (await tick(item.id)).json() as Checklist;
      expect(after.categories[0]?.ready).toBe(index === entrance.items.length - 1);
    }
    const entranceDone = (await checklist()).categories[0];
    expect(entranceDone).toMatchObject({ ready: true, done: 3 });
    expect(entranceDone?.readyAt).not.toBeNull();
    expect(entranceDone?.items[0]?.completedBy?.name).toBeTruthy();

    for (const item of allItems(await checklist())) if (!item.completed) await tick(item.id);
    const ready = await checklist();
    expect(ready.ready).toBe(true);
    expect(ready.readySince).not.toBeNull();
    expect(ready.done).toBe(18);
    expect(
      (await api('GET', '/api/v1/checklist/readiness'))
        .json()
        .items.find((item: { houseId: string }) => item.houseId === houseId),
    ).toMatchObject({ ready: true, done: 18, total: 18 });
  });

  it('makes toggles idempotent and logs every untick', async () => {
    const { houseId, api, checklist, tick, finishRound } = await organizationWithTwoHouses();
    await finishRound();
    const item = allItems(await checklist())[0];
    if (!item) throw new Error('no item');
    const before = await countLogs(item.id);
    await tick(item.id, true);
    expect(await countLogs(item.id)).toBe(before);

    await tick(item.id, false);
    const unticked = (await tick(item.id, false)).json() as Checklist;
    expect(await countLogs(item.id)).toBe(before + 1);
    expect(unticked.ready).toBe(false);
    expect(allItems(unticked)[0]).toMatchObject({ completed: false, completedBy: null });

    await tick(item.id, true);
    expect((await checklist()).ready).toBe(true);
    const round = (await checklist()).round?.id;
    const detail = (await api('GET', `/api/v1/houses/${houseId}/checklist/rounds/${round}`)).json();
    const trail = detail.log.filter((entry: { itemId: string }) => entry.itemId === item.id);
    expect(trail.map((entry: { completed: boolean }) => entry.completed)).toEqual([true, false, true]);
    expect(trail[1].user.name).toBeTruthy();
  });

  it('counts only the items that apply to the house', async () => {
    const { houseId, otherHouseId, api, checklist, finishRound, departure, checkOut } =
      await organizationWithTwoHouses();
    await finishRound();
    const template = (await api('GET', '/api/v1/checklist')).json();
    const kitchen = template.categories[1];
    const onlyOther = await api('POST', '/api/v1/checklist/items', {
      categoryId: kitchen.id,
      description: 'Descale the coffee machine',
      type: 'upkeep',
      appliesToAll: false,
      houseIds: [otherHouseId],
    });
    expect(onlyOther.statusCode).toBe(201);
    expect(onlyOther.headers.location).toBe(`/api/v1/checklist/items/${onlyOther.json().id}`);
    expect(onlyOther.json()).toMatchObject({ stepNumber: 6, houseIds: [otherHouseId] });
    // Rewording it leaves the houses it applies to as they are.
    const reworded = await api('PATCH', `/api/v1/checklist/items/${onlyOther.json().id}`, {
      description: 'Descale the coffee machine',
    });
    expect(reworded.json()).toMatchObject({ appliesToAll: false, houseIds: [otherHouseId] });

    // Maison-1's finished round is untouched; maison-2's opening round, still open, takes the extra item.
    const mine = await checklist();
    expect(mine).toMatchObject({ ready: true, total: 18 });
    const other = await checklist(otherHouseId);
    expect(other.total).toBe(19);
    expect(allItems(other).some((item) => item.description === 'Descale the coffee machine')).toBe(true);

    // A new round for maison-1 still leaves it out.
    await checkOut(await departure(houseId, 0, 1));
    const next = await checklist();
    expect(next).toMatchObject({ ready: false, total: 18 });
    expect(allItems(next).some((item) => item.description === 'Descale the coffee machine')).toBe(false);
  });

  it('keeps finished rounds as they were when the template changes', async () => {
    const { admin, houseId, api, checklist, finishRound, departure, checkOut } =
      await organizationWithTwoHouses();
    await finishRound();
    await checkOut(await departure(houseId, 0, 1));
    const rounds = (await api('GET', `/api/v1/houses/${houseId}/checklist/rounds`)).json().items;
    expect(rounds).toHaveLength(2);
    const [current, finished] = rounds;
    expect(finished).toMatchObject({ done: 18, total: 18 });
    expect(finished.closedAt).not.toBeNull();
    expect(current).toMatchObject({ closedAt: null, completedAt: null });

    const template = (await api('GET', '/api/v1/checklist')).json();
    const fridge = template.categories[1].items[0];
    const renamed = await api(
      'PATCH',
      `/api/v1/checklist/items/${fridge.id}`,
      { description: 'Empty, defrost and clean the fridge' },
      { ...as(admin), 'if-match': `"${fridge.version}"` },
    );
    expect(renamed.json().version).toBe(fridge.version + 1);
    const stale = await api(
      'PATCH',
      `/api/v1/checklist/items/${fridge.id}`,
      { description: 'Too late' },
      { ...as(admin), 'if-match': `"${fridge.version}"` },
    );
    expect(stale.statusCode).toBe(412);
    const door = template.categories[0].items[2];
    await api('PATCH', `/api/v1/checklist/items/${door.id}`, { active: false });

    const old = (await api('GET', `/api/v1/houses/${houseId}/checklist/rounds/${finished.id}`)).json();
    const oldItems = old.categories.flatMap(
      (category: { items: { description: string }[] }) => category.items,
    );
    expect(oldItems).toHaveLength(18);
    expect(oldItems.map((item: { description: string }) => item.description)).toContain(
      'Empty and clean the fridge',
    );
    expect(oldItems.map((item: { description: string }) => item.description)).toContain(
      'Wipe the door and handles',
    );

    const open = await checklist();
    expect(open.total).toBe(17);
    expect(allItems(open).map((item) => item.description)).toContain('Empty, defrost and clean the fridge');
    expect(allItems(open).map((item) => item.description)).not.toContain('Wipe the door and handles');
  });

  it('edits the template: order, categories, and the rules that keep it whole', async () => {
    const { api, checklist } = await organizationWithTwoHouses();
    const template = (await api('GET', '/api/v1/checklist')).json();
    const ids = template.categories.map((category: { id: string }) => category.id);
    const reordered = await api('PUT', '/api/v1/checklist/categories/order', {
      categoryIds: [ids[4], ...ids.slice(0, 4)],
    });
    expect(reordered.json().categories.map((category: { name: string }) => category.name)).toEqual([
      'Outdoor',
      'Entrance',
      'Kitchen',
      'Bathroom',
      'Bedrooms',
    ]);
    // The open round follows the new order at once.
    expect((await checklist()).categories[0]?.name).toBe('Outdoor');
    expect(
      (await api('PUT', '/api/v1/checklist/categories/order', { categoryIds: ids.slice(1) })).json(),
    ).toMatchObject({
      status: 409,
      type: 'urn:staykeep:problem:stale-order',
    });

    const bathroom = template.categories[2];
    const itemIds = bathroom.items.map((item: { id: string }) => item.id).reverse();
    const steps = (await api('PUT', `/api/v1/checklist/categories/${bathroom.id}/order`, { itemIds })).json();
    expect(steps.items.map((item: { id: string }) => item.id)).toEqual(itemIds);
    expect(steps.items.map((item: { stepNumber: number }) => item.stepNumber)).toEqual([1, 2, 3, 4]);

    expect((await api('DELETE', `/api/v1/checklist/categories/${bathroom.id}`)).json()).toMatchObject({
      status: 409,
      type: 'urn:staykeep:problem:category-not-empty',
    });
    const spare = await api('POST', '/api/v1/checklist/categories', { name: 'Garage' });
    expect(spare.json()).toMatchObject({ name: 'Garage', position: 6, items: [] });
    expect(spare.statusCode).toBe(201);
    expect(spare.headers.location).toBe(`/api/v1/checklist/categories/${spare.json().id}`);
    expect((await api('POST', '/api/v1/checklist/categories', { name: 'Garage' })).statusCode).toBe(409);
    expect((await api('DELETE', `/api/v1/checklist/categories/${spare.json().id}`)).statusCode).toBe(204);
    expect(
      (
        await api('POST', '/api/v1/checklist/items', {
          categoryId: bathroom.id,
          description: '',
          type: 'cleaning',
        })
      ).statusCode,
    ).toBe(400);
  });

  it('opens the round of a past departure once, from the periodic job', async () => {
    // Houses that were there before the stay: a round opened after a departure covers it.
    const { otherHouseId, api, checklist, departure, checkOut } = await organizationWithTwoHouses({
      createdDaysAgo: 10,
    });
    const { app, clock } = get();
    const job = new ChecklistsService({ db: app.db, now: clock.now });
    const reservationId = await departure(otherHouseId, 1);
    // Still confirmed: nobody pressed "check out", the date passing is enough.
    expect(await job.openDueRounds()).toBe(1);
    expect(await job.openDueRounds()).toBe(0);
    const list = await checklist(otherHouseId);
    expect(list).toMatchObject({ ready: false, round: { reservationId } });
    // Checking out afterwards does not open a second round.
    await checkOut(reservationId);
    expect((await checklist(otherHouseId)).round?.id).toBe(list.round?.id);
    // A stay checking out tomorrow is not a departure yet.
    await api('POST', '/api/v1/reservations', {
      houseId: otherHouseId,
      guestName: 'Still here',
      checkIn: day(0),
      checkOut: day(2),
      guests: 2,
    });
    expect(await job.openDueRounds()).toBe(0);
  });

  it('lets the team tick, owners only read their houses, and hides other organizations', async () => {
    const { admin, houseId, api, checklist, tick } = await organizationWithTwoHouses();
    const { app } = get();
    const staff = await addMember(app, admin, 'staff');
    const owner = await addMember(app, admin, 'owner');
    const item = allItems(await checklist())[0];
    if (!item) throw new Error('no item');
    expect((await tick(item.id, true, staff.headers)).statusCode).toBe(200);
    expect((await tick(item.id, false, owner.headers)).statusCode).toBe(403);
    expect(
      (await api('POST', '/api/v1/checklist/categories', { name: 'Staff room' }, staff.headers)).statusCode,
    ).toBe(403);
    expect(
      (await api('GET', `/api/v1/houses/${houseId}/checklist`, undefined, owner.headers)).statusCode,
    ).toBe(404);
    await api('PUT', `/api/v1/members/${owner.user.id}/houses`, { houseIds: [houseId] });
    expect((await checklist(houseId, owner.headers)).round).not.toBeNull();
    expect(
      (await api('GET', '/api/v1/checklist/readiness', undefined, owner.headers)).json().items,
    ).toHaveLength(1);

    const outsider = as(await registerUser(app));
    const round = (await checklist()).round?.id;
    const template = (await api('GET', '/api/v1/checklist')).json();
    const category = template.categories[0];
    for (const [method, url, payload] of [
      ['GET', `/api/v1/houses/${houseId}/checklist`],
      ['PUT', `/api/v1/houses/${houseId}/checklist/items/${item.id}`, { completed: true }],
      ['GET', `/api/v1/houses/${houseId}/checklist/rounds`],
      ['GET', `/api/v1/houses/${houseId}/checklist/rounds/${round}`],
      ['PATCH', `/api/v1/checklist/categories/${category.id}`, { name: 'Mine' }],
      ['DELETE', `/api/v1/checklist/categories/${category.id}`],
      ['PUT', `/api/v1/checklist/categories/${category.id}/order`, { itemIds: [] }],
      ['PATCH', `/api/v1/checklist/items/${item.id}`, { description: 'Mine' }],
      ['DELETE', `/api/v1/checklist/items/${item.id}`],
      ['POST', '/api/v1/checklist/items', { categoryId: category.id, description: 'Mine', type: 'cleaning' }],
    ] as const) {
      const response = await api(method, url, payload as Record<string, unknown> | undefined, outsider);
      expect(`${method} ${url} ${response.statusCode}`).toBe(`${method} ${url} 404`);
    }
    // Nor can an outsider limit an item of their own template to this organization's house.
    const theirs = (await api('GET', '/api/v1/checklist', undefined, outsider)).json().categories[0];
    const borrowed = await api(
      'POST',
      '/api/v1/checklist/items',
      {
        categoryId: theirs.id,
        description: 'Elsewhere',
        type: 'cleaning',
        appliesToAll: false,
        houseIds: [houseId],
      },
      outsider,
    );
    expect(borrowed.statusCode).toBe(404);
  });
});
