import fc from 'fast-check';
import type { LightMyRequestResponse } from 'fastify';
import { expect, it } from 'vitest';
import { describeApp } from '../../../test/app.ts';
import {
  type Actor,
  addMember,
  bearer,
  createHouse,
  createSite,
  registerUser,
  type TestSession,
} from '../../../test/factories.ts';
import { inTransaction } from '../../db/database.ts';
import { up } from '../../db/migrations/2026-12-03T1700_analytics.ts';
import { fromCents } from '../../http/money.ts';
import { addDays, nightsBetween } from '../../kernel/dates.ts';
import { stayRevenueIn } from '../../kernel/stay-revenue.ts';
import { touchCalendar } from '../calendar/calendar.repository.ts';
import { keptRows, recountOccupancy } from './analytics.repository.ts';

const PROBLEM = 'application/problem+json; charset=utf-8';
/** Deterministic by default: ANALYTICS_SEED=n for another seed, ANALYTICS_RUNS=n scenarios per database. */
const SEED = Number(process.env.ANALYTICS_SEED ?? 20_261_203);
const RUNS = Number(process.env.ANALYTICS_RUNS ?? 6);

/** Cents of an amount the API answered, read as text. */
function centsOf(amount: string): number {
  const [, sign, units, fraction] = /^(-?)(\d+)\.(\d{2})$/.exec(amount) ?? [];
  if (units === undefined || fraction === undefined) throw new Error(`not an amount: ${amount}`);
  return (sign ? -1 : 1) * (Number(units) * 100 + Number(fraction));
}

describeApp('analytics', (get) => {
  const headersOf = (actor: Actor) => ('headers' in actor ? actor.headers : bearer(actor));
  const api = (
    actor: Actor,
    method: 'GET' | 'POST' | 'PATCH' | 'DELETE' | 'PUT',
    url: string,
    payload?: object,
  ) => get().app.inject({ method, url, headers: headersOf(actor), ...(payload ? { payload } : {}) });
  const postgres = () => get().db.name !== 'sqlite';

  /** Moves the server's clock to an instant: the day houses are created and stays booked. */
  const at = (instant: string) => {
    get().clock.offsetMs = Date.parse(instant) - Date.now();
  };

  /** A fresh access token for a session, at the clock's time (tokens live 15 minutes). */
  async function signIn(session: TestSession, organizationId?: string): Promise<Actor> {
    const response = await get().app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: session.email, password: session.password },
    });
    expect(response.statusCode, response.body).toBe(200);
    const token = { accessToken: response.json().accessToken as string };
    return organizationId ? { headers: { ...bearer(token), 'x-organization-id': organizationId } } : token;
  }

  function ok(response: LightMyRequestResponse, status = 200) {
    expect(response.statusCode, response.body).toBe(status);
    return response.json();
  }

  function problem(response: LightMyRequestResponse, status: number) {
    expect(response.statusCode, response.body).toBe(status);
    expect(response.headers['content-type']).toBe(PROBLEM);
    return response.json();
  }

  async function stay(actor: Actor, houseId: string, checkIn: string, checkOut: string, totalPrice: string) {
    return ok(
      await api(actor, 'POST', '/api/v1/reservations', {
        houseId,
        checkIn,
        checkOut,
        guests: 2,
        guestName: 'Guest',
        totalPrice,
      }),
      201,
    );
  }

  async function block(actor: Actor, houseId: string, start: string, end: string, kind: string) {
    return ok(await api(actor, 'POST', '/api/v1/blocks', { houseId, start, end, kind }), 201);
  }

  /** The running totals equal a count from scratch: the reactions kept them right. */
  async function expectKeptRight(organizationId: string) {
    const db = get().app.db;
    const kept = await keptRows(db, organizationId);
    await inTransaction(db, (tx) => recountOccupancy(tx, organizationId, postgres()));
    expect(kept).toEqual(await keptRows(db, organizationId));
  }

  /**
   * The hand-computed fixture. Villa (Paris), created 2027-12-01, where every stay is booked that day:
   * - 2028-01-30 → 02-02, 100.01 over 3 nights: 33.34, 33.34 in January, 33.33 in February;
   * - 2028-02-10 → 02-11, one night, 80.00;
   * - 2028-02-28 → 03-01, the leap day, 200.00 (both nights in February);
   * - 2028-02-12 → 02-14, 500.00, cancelled: counts nowhere;
   * - an owner block 02-20 → 02-23 (3 nights), a maintenance block 03-03 → 03-05 (2), an `other` block
   *   02-24 → 02-26 (available).
   * Studio, added 2028-02-15 (in service from then): a stay 03-05 → 03-08, 90.00, booked that day.
   */
  async function fixture() {
    at('2027-12-01T12:00:00Z');
    const admin = await registerUser(get().app);
    const manager = await addMember(get().app, admin, 'manager');
    const staff = await addMember(get().app, admin, 'staff');
    const owner = await addMember(get().app, admin, 'owner');
    const organizationId = manager.organizationId;
    const site = await createSite(get().app, admin);
    const villa = await createHouse(get().app, admin, { timezone: 'Europe/Paris', siteId: site.id });
    await stay(admin, villa.id, '2028-01-30', '2028-02-02', '100.01');
    await stay(admin, villa.id, '2028-02-10', '2028-02-11', '80.00');
    await stay(admin, villa.id, '2028-02-28', '2028-03-01', '200.00');
    const cancelled = await stay(admin, villa.id, '2028-02-12', '2028-02-14', '500.00');
    ok(await api(admin, 'PATCH', `/api/v1/reservations/${cancelled.id}`, { status: 'cancelled' }));
    await block(admin, villa.id, '2028-02-20', '2028-02-23', 'owner');
    await block(admin, villa.id, '2028-03-03', '2028-03-05', 'maintenance');
    await block(admin, villa.id, '2028-02-24', '2028-02-26', 'other');
    at('2028-02-15T12:00:00Z');
    const again = await signIn(admin);
    const studio = await createHouse(get().app, again, { timezone: 'Europe/Paris' });
    await stay(again, studio.id, '2028-03-05', '2028-03-08', '90.00');
    ok(await api(again, 'PUT', `/api/v1/members/${owner.user.id}/houses`, { houseIds: [villa.id] }));
    get().clock.reset();
    const signedIn = {
      admin: await signIn(admin),
      manager: await signIn(manager, organizationId),
      staff: await signIn(staff, organizationId),
      owner: await signIn(owner, organizationId),
    };
    return { ...signedIn, organizationId, villa, studio, site };
  }

  const range = 'from=2028-01-15&to=2028-03-10';
  const zero = { income: '0.00', expense: '0.00', net: '0.00' };
  const january = {
    month: '2028-01',
    nights: 17,
    bookedNights: 2,
    blockedNights: 0,
    availableNights: 17,
    occupancy: 0.1176,
    revenue: '66.68',
    adr: '33.34',
    revpar: '3.92',
    stays: 1,
    averageStay: 3,
    leadTime: 60,
    ...zero,
  };
  const february = {
    month: '2028-02',
    nights: 29 + 15,
    bookedNights: 4,
    blockedNights: 3,
    availableNights: 41,
    occupancy: 0.0976,
    revenue: '313.33',
    adr: '78.33',
    revpar: '7.64',
    stays: 2,
    averageStay: 1.5,
    leadTime: 80,
    ...zero,
  };
  const march = {
    month: '2028-03',
    nights: 18,
    bookedNights: 3,
    blockedNights: 2,
    availableNights: 16,
    occupancy: 0.1875,
    revenue: '90.00',
    adr: '30.00',
    // 562.5 cents: half a cent rounds up.
    revpar: '5.63',
    stays: 1,
    averageStay: 3,
    leadTime: 19,
    ...zero,
  };
  const totals = {
    nights: 79,
    bookedNights: 9,
    blockedNights: 5,
    availableNights: 74,
    occupancy: 0.1216,
    revenue: '470.01',
    adr: '52.22',
    revpar: '6.35',
    stays: 4,
    averageStay: 2.25,
    // (60 + 71 + 89 + 19) / 4 = 59.75
    leadTime: 59.8,
    ...zero,
  };

  it('counts nights, revenue, ADR, RevPAR and stays by month as computed by hand, on any server time zone', async () => {
    const { manager, organizationId } = await fixture();
    const expected = {
      from: '2028-01-15',
      to: '2028-03-10',
      groupBy: 'month',
      rows: [january, february, march],
      totals,
    };
    expect(ok(await api(manager, 'GET', `/api/v1/analytics/occupancy?${range}`))).toEqual(expected);
    // Whole months come from the running totals, parts of months from the nights: the same figures either way.
    const whole = ok(await api(manager, 'GET', '/api/v1/analytics/occupancy?from=2028-02-01&to=2028-03-01'));
    expect(whole.rows).toEqual([february]);
    const parts = ok(await api(manager, 'GET', '/api/v1/analytics/occupancy?from=2028-02-01&to=2028-02-29'));
    expect(parts.rows[0]).toMatchObject({ bookedNights: 3, revenue: '213.33', nights: 28 + 14 });
    const saved = process.env.TZ;
    try {
      for (const zone of ['Pacific/Kiritimati', 'America/Los_Angeles']) {
        process.env.TZ = zone;
        // Counted again in this zone, and a new calendar version: the answer kept in memory is not the one read.
        await inTransaction(get().app.db, async (tx) => {
          await recountOccupancy(tx, organizationId, postgres());
          await touchCalendar(tx, organizationId);
        });
        expect(ok(await api(manager, 'GET', `/api/v1/analytics/occupancy?${range}`))).toEqual(expected);
      }
    } finally {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    }
    await expectKeptRight(organizationId);
  });

  it('groups by house and by site, adds the ledger, and puts the same range a year earlier beside it', async () => {
    const { manager, villa, studio, site, organizationId } = await fixture();
    ok(
      await api(manager, 'POST', '/api/v1/ledger', {
        houseId: villa.id,
        date: '2028-02-05',
        type: 'expense',
        category: 'supplies',
        description: 'Towels',
        amount: '40.50',
      }),
      201,
    );
    const byHouse = ok(await api(manager, 'GET', `/api/v1/analytics/occupancy?${range}&groupBy=house`));
    const studioRow = byHouse.rows.find((row: { houseId: string }) => row.houseId === studio.id);
    const villaRow = byHouse.rows.find((row: { houseId: string }) => row.houseId === villa.id);
    expect(studioRow).toMatchObject({ nights: 15 + 9, bookedNights: 3, blockedNights: 0, revenue: '90.00' });
    expect(villaRow).toMatchObject({
      nights: 17 + 29 + 9,
      bookedNights: 6,
      blockedNights: 5,
      availableNights: 50,
      occupancy: 0.12,
      revenue: '380.01',
      expense: '40.50',
      net: '-40.50',
    });
    expect(byHouse.totals).toEqual({ ...totals, expense: '40.50', net: '-40.50' });
    const bySite = ok(await api(manager, 'GET', `/api/v1/analytics/occupancy?${range}&groupBy=site`));
    expect(bySite.rows).toEqual(
      [
        { ...villaRow, houseId: undefined, siteId: site.id },
        { ...studioRow, houseId: undefined, siteId: null },
      ].map(({ houseId: _, ...row }) => row),
    );
    const ofSite = ok(
      await api(manager, 'GET', `/api/v1/analytics/occupancy?${range}&siteId=${site.id}&groupBy=house`),
    );
    expect(ofSite.rows.map((row: { houseId: string }) => row.houseId)).toEqual([villa.id]);
    // The nights' figures are kept per calendar version; the ledger is read every time.
    ok(
      await api(manager, 'POST', '/api/v1/ledger', {
        houseId: studio.id,
        date: '2028-03-09',
        type: 'income',
        category: 'extra',
        description: 'Late check-out',
        amount: '25.00',
      }),
      201,
    );
    const again = ok(await api(manager, 'GET', `/api/v1/analytics/occupancy?${range}&groupBy=house`));
    expect(again.totals).toEqual({ ...totals, income: '25.00', expense: '40.50', net: '-15.50' });

    const compared = ok(
      await api(
        manager,
        'GET',
        '/api/v1/analytics/occupancy?from=2028-02-29&to=2028-03-10&compare=previous-year',
      ),
    );
    expect(compared.previousYear).toMatchObject({ from: '2027-02-28', to: '2027-03-10' });
    // A year earlier the villa existed from 2027-12-01 only: nothing was in service then.
    expect(compared.previousYear.totals).toMatchObject({
      nights: 0,
      bookedNights: 0,
      occupancy: 0,
      adr: '0.00',
      revpar: '0.00',
    });
    expect(compared.totals).toMatchObject({ nights: 2 * 10, bookedNights: 1 + 3, revenue: '190.00' });

    // The villa moves to UTC+14: its stays were booked on 2027-12-02 there, a day less before each arrival.
    ok(await api(manager, 'PATCH', `/api/v1/houses/${villa.id}`, { timezone: 'Pacific/Kiritimati' }));
    const moved = ok(await api(manager, 'GET', `/api/v1/analytics/occupancy?${range}`));
    expect(moved.rows.map((row: { leadTime: number }) => row.leadTime)).toEqual([59, 79, 19]);
    await expectKeptRight(organizationId);
  });

  it('fills the running totals of an existing database when the table is made (the migration)', async () => {
    const { organizationId } = await fixture();
    const db = get().app.db;
    const before = await keptRows(db, organizationId);
    expect(before.length).toBeGreaterThan(0);
    await db.schema.dropTable('occupancy_months').execute();
    await up(db);
    expect(await keptRows(db, organizationId)).toEqual(before);
  });

  it('shows an owner their houses only, refuses staff, and hides other organizations', async () => {
    const { owner, staff, manager, villa, studio } = await fixture();
    // A manager's answer kept in memory first, for the same range and calendar version: not the owner's.
    const all = ok(await api(manager, 'GET', `/api/v1/analytics/occupancy?${range}&groupBy=house`));
    expect(all.rows).toHaveLength(2);
    const mine = ok(await api(owner, 'GET', `/api/v1/analytics/occupancy?${range}&groupBy=house`));
    expect(mine.rows.map((row: { houseId: string }) => row.houseId)).toEqual([villa.id]);
    expect(ok(await api(owner, 'GET', `/api/v1/analytics/occupancy?${range}`)).totals).toMatchObject({
      bookedNights: 6,
      revenue: '380.01',
    });
    problem(await api(owner, 'GET', `/api/v1/analytics/occupancy?${range}&houseId=${studio.id}`), 404);
    problem(await api(owner, 'GET', `/api/v1/analytics/pace?houseId=${studio.id}`), 404);
    problem(await api(staff, 'GET', `/api/v1/analytics/occupancy?${range}`), 403);
    problem(await api(staff, 'GET', '/api/v1/analytics/pace'), 403);
    const stranger = await registerUser(get().app);
    problem(await api(stranger, 'GET', `/api/v1/analytics/occupancy?${range}&houseId=${villa.id}`), 404);
    const theirs = ok(await api(stranger, 'GET', `/api/v1/analytics/occupancy?${range}`));
    expect(theirs.totals).toMatchObject({ nights: 0, bookedNights: 0, revenue: '0.00' });
    expect(
      ok(await api(manager, 'GET', `/api/v1/analytics/occupancy?${range}&houseId=${villa.id}`)).totals,
    ).toMatchObject({
      bookedNights: 6,
    });
  });

  it('refuses ranges that end before they start or span more than ten years', async () => {
    const admin = await registerUser(get().app);
    const backwards = problem(
      await api(admin, 'GET', '/api/v1/analytics/occupancy?from=2028-02-01&to=2028-02-01'),
      400,
    );
    expect(backwards.errors).toEqual([
      expect.objectContaining({ path: 'querystring.to', code: 'before-start' }),
    ]);
    const long = problem(
      await api(admin, 'GET', '/api/v1/analytics/occupancy?from=2020-01-01&to=2030-01-10'),
      400,
    );
    expect(long.errors).toEqual([expect.objectContaining({ path: 'querystring.to', code: 'too-many-days' })]);
    const decade = ok(await api(admin, 'GET', '/api/v1/analytics/occupancy?from=2020-01-01&to=2030-01-01'));
    expect(decade.rows).toHaveLength(120);
    problem(await api(admin, 'GET', '/api/v1/analytics/occupancy?from=2028-02-30&to=2028-03-01'), 400);
    problem(await api(admin, 'GET', '/api/v1/analytics/pace?months=25'), 400);
  });

  it('counts a house from its first stay when that was entered after the fact, with a lead time of 0', async () => {
    at('2028-02-15T12:00:00Z');
    const admin = await registerUser(get().app);
    const house = await createHouse(get().app, admin, { timezone: 'UTC' });
    await stay(admin, house.id, '2028-02-01', '2028-02-03', '100.00');
    get().clock.reset();
    const manager = await signIn(admin);
    const february = ok(
      await api(manager, 'GET', '/api/v1/analytics/occupancy?from=2028-02-01&to=2028-03-01'),
    );
    expect(february.totals).toMatchObject({ nights: 29, bookedNights: 2, revenue: '100.00', leadTime: 0 });
    const part = ok(await api(manager, 'GET', '/api/v1/analytics/occupancy?from=2028-02-02&to=2028-02-20'));
    expect(part.totals).toMatchObject({ nights: 18, bookedNights: 1, revenue: '50.00', stays: 0 });
  });

  it('answers at the ends of the calendar: December 9999 and a year before 0001', async () => {
    const admin = await registerUser(get().app);
    const house = await createHouse(get().app, admin, { timezone: 'UTC' });
    const organizationId = (
      await get()
        .app.db.selectFrom('houses')
        .select('organization_id')
        .where('id', '=', house.id)
        .executeTakeFirstOrThrow()
    ).organization_id;
    // The month after December 9999 once had a five-digit year: a stay there never finished counting.
    await stay(admin, house.id, '9999-12-28', '9999-12-31', '300.00');
    await block(admin, house.id, '9999-12-20', '9999-12-22', 'owner');
    await stay(admin, house.id, '9999-11-29', '9999-12-02', '90.00');
    await expectKeptRight(organizationId);
    const kept = await keptRows(get().app.db, organizationId);
    expect(kept.map((row) => [row.month, Number(row.booked_nights), Number(row.revenue_cents)])).toEqual([
      ['9999-11', 2, 6000],
      ['9999-12', 4, 33000],
    ]);
    const december = ok(await api(admin, 'GET', '/api/v1/analytics/occupancy?from=9999-12-01&to=9999-12-31'));
    expect(december.rows).toEqual([
      expect.objectContaining({ month: '9999-12', bookedNights: 4, blockedNights: 2, revenue: '330.00' }),
    ]);
    for (const range of [
      'from=9999-11-15&to=9999-12-31',
      'from=9999-11-01&to=9999-12-31&groupBy=house',
      'from=9999-12-30&to=9999-12-31',
      'from=9999-11-15&to=9999-12-15&compare=previous-year',
    ]) {
      const answer = ok(await api(admin, 'GET', `/api/v1/analytics/occupancy?${range}`));
      expect(answer.totals.revenue, range).toBe(
        range.includes('12-15') ? '90.00' : range.includes('12-30') ? '100.00' : '390.00',
      );
    }
    // A year before 0001 is not a date PostgreSQL can read: the earlier range starts on 0001-01-01.
    const first = ok(
      await api(
        admin,
        'GET',
        '/api/v1/analytics/occupancy?from=0001-01-01&to=0001-03-01&compare=previous-year',
      ),
    );
    expect(first.previousYear).toMatchObject({ from: '0001-01-01', to: '0001-01-01', rows: [] });
    const straddle = ok(
      await api(
        admin,
        'GET',
        '/api/v1/analytics/occupancy?from=0001-12-15&to=0002-01-15&compare=previous-year',
      ),
    );
    expect(straddle.previousYear).toMatchObject({ from: '0001-01-01', to: '0001-01-15' });
  });

  it('puts the stays on the books beside those on the books a year earlier, on the same day', async () => {
    const admin = await registerUser(get().app);
    const house = await createHouse(get().app, admin, { timezone: 'UTC' });
    // A year ago today: a stay booked then for next month of last year, and one booked after that day.
    const today = new Date().toISOString().slice(0, 10);
    const month = today.slice(0, 7);
    const lastYear = `${Number(month.slice(0, 4)) - 1}${month.slice(4)}`;
    const nextMonth = (m: string) => addDays(`${m}-28`, 5).slice(0, 7);
    at(`${addDays(`${Number(today.slice(0, 4)) - 1}${today.slice(4, 8)}01`, -1)}T12:00:00Z`);
    const then = await signIn(admin);
    await stay(then, house.id, `${nextMonth(lastYear)}-10`, `${nextMonth(lastYear)}-14`, '400.00');
    get().clock.reset();
    // Booked today for last year's dates: after the day a year ago, so not on last year's books.
    const now = await signIn(admin);
    await stay(now, house.id, `${nextMonth(lastYear)}-20`, `${nextMonth(lastYear)}-22`, '100.00');
    await stay(now, house.id, `${nextMonth(month)}-03`, `${nextMonth(month)}-06`, '300.00');
    const pace = ok(await api(now, 'GET', '/api/v1/analytics/pace?months=3'));
    expect(pace.rows).toHaveLength(3);
    expect(pace.rows[0]).toMatchObject({ month, bookedNights: 0, revenue: '0.00' });
    expect(pace.rows[1]).toEqual({
      month: nextMonth(month),
      bookedNights: 3,
      revenue: '300.00',
      lastYear: { bookedNights: 4, revenue: '400.00' },
    });
  });

  it('keeps the running totals equal to a count from scratch through any changes, and revenue adds up to the prices', async () => {
    const admin = await registerUser(get().app);
    const houses = [await createHouse(get().app, admin), await createHouse(get().app, admin)];
    const organizationId = (
      await get()
        .app.db.selectFrom('houses')
        .select('organization_id')
        .where('id', '=', houses[0]?.id ?? '')
        .executeTakeFirstOrThrow()
    ).organization_id;
    const day = fc.integer({ min: 0, max: 100 });
    const operation = fc.oneof(
      fc.record({
        kind: fc.constant('create' as const),
        house: fc.nat(1),
        start: day,
        nights: fc.integer({ min: 1, max: 40 }),
        cents: fc.integer({ min: 0, max: 500_000 }),
      }),
      fc.record({
        kind: fc.constant('move' as const),
        which: fc.nat(),
        house: fc.nat(1),
        start: day,
        nights: fc.integer({ min: 1, max: 40 }),
      }),
      fc.record({
        kind: fc.constant('price' as const),
        which: fc.nat(),
        cents: fc.integer({ min: 0, max: 500_000 }),
      }),
      fc.record({ kind: fc.constant('cancel' as const), which: fc.nat() }),
      fc.record({ kind: fc.constant('delete' as const), which: fc.nat() }),
      fc.record({
        kind: fc.constant('block' as const),
        house: fc.nat(1),
        start: day,
        nights: fc.integer({ min: 1, max: 20 }),
        blockKind: fc.constantFrom('owner', 'maintenance', 'other'),
      }),
      fc.record({
        kind: fc.constant('moveBlock' as const),
        which: fc.nat(),
        start: day,
        nights: fc.integer({ min: 1, max: 20 }),
      }),
      fc.record({ kind: fc.constant('deleteBlock' as const), which: fc.nat() }),
    );
    const origin = '2029-01-20';
    let round = 0;
    let written = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(operation, { minLength: 5, maxLength: 25 }), async (operations) => {
        round += 1;
        // Each run in a year of its own, so runs do not meet.
        const base = addDays(origin, round * 400);
        const stays: string[] = [];
        const blocks: string[] = [];
        const pick = (list: string[], which: number) => list[which % Math.max(1, list.length)];
        for (const op of operations) {
          if (op.kind === 'create') {
            const response = await api(admin, 'POST', '/api/v1/reservations', {
              houseId: houses[op.house]?.id,
              checkIn: addDays(base, op.start),
              checkOut: addDays(base, op.start + op.nights),
              guests: 1,
              guestName: 'Guest',
              totalPrice: fromCents(op.cents),
            });
            if (response.statusCode === 201) {
              stays.push(response.json().id);
              written += 1;
            }
          } else if (
            op.kind === 'move' ||
            op.kind === 'price' ||
            op.kind === 'cancel' ||
            op.kind === 'delete'
          ) {
            const id = pick(stays, op.which);
            if (!id) continue;
            if (op.kind === 'delete') await api(admin, 'DELETE', `/api/v1/reservations/${id}`);
            else
              await api(
                admin,
                'PATCH',
                `/api/v1/reservations/${id}`,
                op.kind === 'move'
                  ? {
                      houseId: houses[op.house]?.id,
                      checkIn: addDays(base, op.start),
                      checkOut: addDays(base, op.start + op.nights),
                    }
                  : op.kind === 'price'
                    ? { totalPrice: fromCents(op.cents) }
                    : { status: 'cancelled' },
              );
          } else if (op.kind === 'block') {
            const response = await api(admin, 'POST', '/api/v1/blocks', {
              houseId: houses[op.house]?.id,
              start: addDays(base, op.start),
              end: addDays(base, op.start + op.nights),
              kind: op.blockKind,
            });
            if (response.statusCode === 201) blocks.push(response.json().id);
          } else {
            const id = pick(blocks, op.which);
            if (!id) continue;
            if (op.kind === 'deleteBlock') await api(admin, 'DELETE', `/api/v1/blocks/${id}`);
            else
              await api(admin, 'PATCH', `/api/v1/blocks/${id}`, {
                start: addDays(base, op.start),
                end: addDays(base, op.start + op.nights),
              });
          }
        }
        await expectKeptRight(organizationId);
        // Every stay lies inside [base, base + 141): the months' revenue adds up to their prices.
        const from = `${base.slice(0, 7)}-01`;
        const to = addDays(base, 200);
        const answer = ok(await api(admin, 'GET', `/api/v1/analytics/occupancy?from=${from}&to=${to}`));
        const listed = await get()
          .app.db.selectFrom('reservations')
          .select(['total_cents', 'check_in', 'check_out'])
          .where('organization_id', '=', organizationId)
          .where('status', '!=', 'cancelled')
          .where('check_in', '>=', from)
          .where('check_in', '<', to)
          .execute();
        const prices = listed.reduce((sum, row) => sum + Number(row.total_cents), 0);
        const months = answer.rows.reduce(
          (sum: number, row: { revenue: string }) => sum + centsOf(row.revenue),
          0,
        );
        expect(months).toBe(prices);
        expect(centsOf(answer.totals.revenue)).toBe(prices);
        // And a part of the range splits each stay by the rule of stayRevenueIn, the oracle.
        const cut = addDays(base, 45);
        const part = ok(
          await api(admin, 'GET', `/api/v1/analytics/occupancy?from=${cut}&to=${addDays(cut, 17)}`),
        );
        const oracle = listed.reduce(
          (sum, row) =>
            sum +
            stayRevenueIn(
              { totalCents: Number(row.total_cents), checkIn: row.check_in, checkOut: row.check_out },
              cut,
              addDays(cut, 17),
            ),
          0,
        );
        expect(centsOf(part.totals.revenue)).toBe(oracle);
        expect(part.totals.bookedNights).toBe(
          listed.reduce((sum, row) => {
            const start = row.check_in > cut ? row.check_in : cut;
            const end = row.check_out < addDays(cut, 17) ? row.check_out : addDays(cut, 17);
            return sum + Math.max(0, nightsBetween(start, end));
          }, 0),
        );
      }),
      { seed: SEED, numRuns: RUNS },
    );
    // The scenarios did write stays: the property was not checked on empty calendars only.
    expect(written).toBeGreaterThan(RUNS);
  });
});
