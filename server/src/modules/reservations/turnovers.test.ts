import pg from 'pg';
import { expect, it } from 'vitest';
import { describeApp } from '../../../test/app.ts';
import { addMember, bearer, registerUser } from '../../../test/factories.ts';

/** A calendar date `days` from today (UTC). */
const day = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

interface Round {
  id: string;
  reservationId: string | null;
  closedAt: string | null;
  completedAt: string | null;
  skipped: { at: string; by: { id: string; name: string } | null; reservationId: string | null } | null;
  done: number;
  total: number;
}

describeApp('check-ins, check-outs, their undoing and the turnover rounds', (get) => {
  /** An organization of its own for each test: its admin, a manager, a cleaner and one house. */
  async function scene() {
    const { app } = get();
    const admin = await registerUser(app, { organizationName: 'Villas' });
    const manager = await addMember(app, admin, 'manager');
    const staff = await addMember(app, admin, 'staff');
    const api = (
      method: 'GET' | 'POST' | 'PUT' | 'PATCH',
      url: string,
      payload?: Record<string, unknown>,
      headers: Record<string, string> = bearer(admin),
    ) => app.inject({ method, url, headers, ...(payload ? { payload } : {}) });
    const houseId = (
      await api('POST', '/api/v1/houses', {
        code: 'maison-1',
        name: 'Mv1',
        type: 'villa',
        maxGuests: 6,
        nightlyPrice: '95.00',
      })
    ).json().id as string;
    const setStatus = (id: string, status: string, headers: Record<string, string> = manager.headers) =>
      api('PATCH', `/api/v1/reservations/${id}`, { status }, headers);
    const statusOf = async (id: string) => (await api('GET', `/api/v1/reservations/${id}`)).json().status;
    const checklist = async () => (await api('GET', `/api/v1/houses/${houseId}/checklist`)).json();
    const rounds = async (): Promise<Round[]> =>
      (await api('GET', `/api/v1/houses/${houseId}/checklist/rounds`)).json().items;
    const items = async (): Promise<{ id: string }[]> =>
      (await checklist()).categories.flatMap((category: { items: { id: string }[] }) => category.items);
    const tick = (itemId: string, headers: Record<string, string> = staff.headers) =>
      api('PUT', `/api/v1/houses/${houseId}/checklist/items/${itemId}`, { completed: true }, headers);
    const stay = async (guestName: string, checkIn: string, checkOut: string) =>
      (
        await api('POST', '/api/v1/reservations', {
          houseId,
          guestName,
          checkIn,
          checkOut,
          guests: 2,
          status: 'confirmed',
        })
      ).json().id as string;
    const [opening] = await rounds();
    if (!opening) throw new Error('the new house has no round');
    return {
      admin,
      manager,
      staff,
      houseId,
      opening,
      api,
      setStatus,
      statusOf,
      checklist,
      rounds,
      items,
      tick,
      stay,
    };
  }

  /** The scene after a departure on Monday (its round opened, nothing done) and a stay arriving in 5 days. */
  async function afterDeparture() {
    const context = await scene();
    const leaving = await context.stay('Left on Monday', day(-6), day(-2));
    await context.setStatus(leaving, 'checked_in');
    expect((await context.setStatus(leaving, 'checked_out')).statusCode).toBe(200);
    const [firstRound] = await context.rounds();
    if (!firstRound) throw new Error('the check-out opened no round');
    const arriving = await context.stay('Early bird', day(5), day(9));
    return { ...context, leaving, firstRound, arriving };
  }

  it('closes a round left open as skipped when the next guest checks in, even days early', async () => {
    const { manager, houseId, opening, leaving, firstRound, arriving, api, setStatus, checklist, rounds } =
      await afterDeparture();
    expect(firstRound).toMatchObject({ reservationId: leaving, done: 0, closedAt: null, skipped: null });
    // The departure's round replaced the house's opening round.
    expect((await rounds()).map((round) => round.id)).toEqual([firstRound.id, opening.id]);

    // Five days before the arrival, into a house not ready: the API lets the operator decide.
    const checkedIn = await setStatus(arriving, 'checked_in');
    expect(checkedIn.statusCode).toBe(200);
    expect(checkedIn.json().status).toBe('checked_in');

    const [skipped] = await rounds();
    expect(skipped).toMatchObject({
      id: firstRound.id,
      closedAt: expect.stringMatching(/Z$/),
      completedAt: null,
      skipped: {
        at: expect.stringMatching(/Z$/),
        by: { id: manager.user.id, name: manager.user.name },
        reservationId: arriving,
      },
    });
    expect(skipped?.skipped?.at).toBe(skipped?.closedAt);
    const detail = (await api('GET', `/api/v1/houses/${houseId}/checklist/rounds/${firstRound.id}`)).json();
    expect(detail.round.skipped).toEqual(skipped?.skipped);
    // No open round (nobody is sent to clean while the guests are in): the house shows the
    // skipped one, not ready, until the next departure or someone's first tick opens another.
    expect(await checklist()).toMatchObject({
      ready: false,
      readySince: null,
      round: { id: firstRound.id, skipped: { reservationId: arriving } },
    });
  });

  it('lets a manager, not staff, undo a check-in: the round it skipped is current again', async () => {
    const { manager, staff, firstRound, arriving, api, setStatus, statusOf, checklist } =
      await afterDeparture();
    await setStatus(arriving, 'checked_in');
    const refused = await setStatus(arriving, 'confirmed', staff.headers);
    expect(refused.statusCode).toBe(403);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect(await statusOf(arriving)).toBe('checked_in');
    expect((await checklist()).round).toMatchObject({
      id: firstRound.id,
      skipped: { reservationId: arriving },
    });

    const undone = await setStatus(arriving, 'confirmed');
    expect(undone.statusCode).toBe(200);
    expect(undone.json().status).toBe('confirmed');
    const current = await checklist();
    expect(current.round).toMatchObject({ id: firstRound.id, closedAt: null, skipped: null });
    expect(current.ready).toBe(false);

    const history = (await api('GET', `/api/v1/reservations/${arriving}/history`)).json().items;
    expect(history.at(-1)).toMatchObject({
      action: 'status', // an undo: the before and after say which way
      actorId: manager.user.id,
      actorName: manager.user.name,
      before: { status: 'checked_in' },
      after: { status: 'confirmed' },
    });
  });

  it('keeps a finished round at check-in; undoing a check-out removes the untouched round it opened', async () => {
    const { staff, opening, firstRound, arriving, setStatus, checklist, rounds, items, tick } =
      await afterDeparture();
    for (const item of await items()) await tick(item.id);
    expect((await checklist()).ready).toBe(true);
    await setStatus(arriving, 'checked_in');
    expect((await checklist()).round).toMatchObject({ id: firstRound.id, skipped: null });

    await setStatus(arriving, 'checked_out');
    const opened = (await checklist()).round;
    expect(opened).toMatchObject({ reservationId: arriving, done: 0 });

    expect((await setStatus(arriving, 'checked_in', staff.headers)).statusCode).toBe(403);
    const undone = await setStatus(arriving, 'checked_in');
    expect(undone.statusCode).toBe(200);
    expect(undone.json().status).toBe('checked_in');
    // Back to before the check-out: the finished round is current and the house ready.
    const after = await checklist();
    expect(after.round).toMatchObject({ id: firstRound.id, closedAt: null });
    expect(after.ready).toBe(true);
    expect((await rounds()).map((round) => round.id)).toEqual([firstRound.id, opening.id]);
    const left = await get()
      .app.db.selectFrom('turnover_round_items')
      .select('item_id')
      .where('round_id', '=', opened.id)
      .execute();
    expect(left).toEqual([]);
  });

  it("keeps a round somebody worked on when its check-out is undone, as that departure's round", async () => {
    const { arriving, setStatus, checklist, rounds, items, tick } = await afterDeparture();
    for (const item of await items()) await tick(item.id);
    await setStatus(arriving, 'checked_in');
    await setStatus(arriving, 'checked_out');
    const opened = (await checklist()).round;
    const [first] = await items();
    if (!first) throw new Error('no item');
    await tick(first.id);

    await setStatus(arriving, 'checked_in');
    expect((await checklist()).round).toMatchObject({ id: opened.id, reservationId: arriving, done: 1 });
    // Checking out again opens no second round: the work done so far counts.
    await setStatus(arriving, 'checked_out');
    expect((await checklist()).round).toMatchObject({ id: opened.id, done: 1 });
    // The opening round, the first departure's and this one.
    expect(await rounds()).toHaveLength(3);
  });

  it('keeps the tick of a cleaner who was ticking while the check-out was undone', async (context) => {
    const { app, db } = get();
    // Only PostgreSQL runs two writers at once: SQLite's begins after any tick's has committed, and
    // PGlite has a single connection. (In this process a second SQLite writer would block the loop.)
    const config = db.config;
    if (config.kind !== 'postgres') return context.skip();
    const { staff, houseId, setStatus, checklist, items, stay } = await scene();
    const id = await stay('Race', day(30), day(33));
    await setStatus(id, 'checked_in');
    await setStatus(id, 'checked_out');
    const round = await app.db
      .selectFrom('turnover_rounds')
      .select(['id', 'organization_id'])
      .where('reservation_id', '=', id)
      .executeTakeFirstOrThrow();
    const [item] = await items();
    if (!item) throw new Error('no item');
    const now = new Date().toISOString();
    const tickValues = [now, staff.user.id, round.id, item.id];
    const logValues = [
      `race-${Date.now()}`,
      round.organization_id,
      houseId,
      round.id,
      item.id,
      staff.user.id,
      now,
    ];

    // A tick written by another connection and not committed yet: a cleaner's request in flight.
    const client = new pg.Client({ connectionString: config.url });
    await client.connect();
    await client.query(`set search_path to ${config.schema}`);
    await client.query('begin');
    await client.query(
      'update turnover_round_items set completed = true, completed_at = $1, completed_by = $2 where round_id = $3 and item_id = $4',
      tickValues,
    );
    await client.query(
      'insert into task_completion_logs (id, organization_id, house_id, round_id, item_id, user_id, completed, at) values ($1, $2, $3, $4, $5, $6, true, $7)',
      logValues,
    );

    const undo = setStatus(id, 'checked_in');
    await new Promise((resolve) => setTimeout(resolve, 300));
    await client.query('commit');
    await client.end();
    expect((await undo).statusCode).toBe(200);
    // The undo waited for the tick, saw it, and kept the round with its record.
    expect((await checklist()).round).toMatchObject({ id: round.id, reservationId: id, done: 1 });
    const log = await app.db
      .selectFrom('task_completion_logs')
      .select('id')
      .where('round_id', '=', round.id)
      .execute();
    expect(log).toHaveLength(1);
  });

  it('leaves a pending or confirmed stay where it is: undo is only for check-ins and check-outs', async () => {
    const { setStatus, statusOf, stay } = await scene();
    const id = await stay('Not yet', day(20), day(22));
    expect((await setStatus(id, 'pending')).statusCode).toBe(409);
    expect(await statusOf(id)).toBe('confirmed');
  });
});
