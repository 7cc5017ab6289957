import type { LightMyRequestResponse } from 'fastify';
import { expect, it } from 'vitest';
import { describeApp, testConfig } from '../../../test/app.ts';
import {
  type Actor,
  addMember,
  bearer,
  createHouse,
  createReservation,
  registerUser,
} from '../../../test/factories.ts';
import { fileUpload, pdfWithJavaScript } from '../../../test/upload-files.ts';
import { createDatabase, type Database, inTransaction } from '../../db/database.ts';
import { localDate } from '../../kernel/dates.ts';
import { DomainEventBus, type DomainEvents } from '../../kernel/events.ts';
import { createServices } from '../../services.ts';
import { financeReactions } from './finance.reactions.ts';

const PROBLEM = 'application/problem+json; charset=utf-8';

/** A CSV file read back: its lines split into cells, quotes undone (RFC 4180). */
function parseCsv(text: string, separator: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const char = text[i];
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        cell += '"';
        i += 1;
      } else if (char === '"') quoted = false;
      else cell += char;
    } else if (char === '"') quoted = true;
    else if (char === separator) {
      row.push(cell);
      cell = '';
    } else if (char === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i += 1;
    } else cell += char;
  }
  if (cell !== '' || row.length > 0) rows.push([...row, cell]);
  return rows;
}

describeApp('finance', (get) => {
  const headersOf = (actor: Actor) => ('headers' in actor ? actor.headers : bearer(actor));
  const api = (
    actor: Actor,
    method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
    url: string,
    payload?: object,
    extra: Record<string, string> = {},
  ) =>
    get().app.inject({
      method,
      url,
      headers: { ...headersOf(actor), ...extra },
      ...(payload ? { payload } : {}),
    });

  /** An organization with an admin, a manager, a staff member, an owner of the villa, and two houses. */
  async function team() {
    const { app } = get();
    const admin = await registerUser(app);
    const manager = await addMember(app, admin, 'manager');
    const staff = await addMember(app, admin, 'staff');
    const owner = await addMember(app, admin, 'owner');
    const villa = await createHouse(app, admin, { timezone: 'Europe/Paris' });
    const studio = await createHouse(app, admin);
    const assigned = await api(admin, 'PUT', `/api/v1/members/${owner.user.id}/houses`, {
      houseIds: [villa.id],
    });
    expect(assigned.statusCode, assigned.body).toBe(200);
    return { admin, manager, staff, owner, villa, studio, organizationId: manager.organizationId };
  }

  /** A problem document of this status (and type), never anything else. */
  function problem(response: LightMyRequestResponse, status: number, code?: string) {
    expect(response.statusCode, response.body).toBe(status);
    expect(response.headers['content-type']).toBe(PROBLEM);
    const body = response.json();
    expect(body.status).toBe(status);
    if (code) expect(body.type).toBe(`urn:staykeep:problem:${code}`);
    return body;
  }

  function fieldProblem(response: LightMyRequestResponse, path: string, code: string) {
    const body = problem(response, 400, 'validation-error');
    expect(body.errors).toEqual([expect.objectContaining({ path, code })]);
  }

  /** Everything the books of an organization hold, to show a refused write wrote nothing. */
  async function books(organizationId: string) {
    const db = get().app.db;
    const [entries, totals, payments, stays, closings] = await Promise.all([
      db
        .selectFrom('ledger_entries')
        .selectAll()
        .where('organization_id', '=', organizationId)
        .orderBy('id')
        .execute(),
      db
        .selectFrom('ledger_totals')
        .selectAll()
        .where('organization_id', '=', organizationId)
        .orderBy('month')
        .orderBy('house_key')
        .orderBy('category')
        .orderBy('origin')
        .execute(),
      db
        .selectFrom('payments')
        .selectAll()
        .where('organization_id', '=', organizationId)
        .orderBy('id')
        .execute(),
      db
        .selectFrom('reservations')
        .select(['id', 'status', 'advance_cents', 'total_cents', 'version'])
        .where('organization_id', '=', organizationId)
        .orderBy('id')
        .execute(),
      db
        .selectFrom('finance_closings')
        .select('month')
        .where('organization_id', '=', organizationId)
        .orderBy('month')
        .execute(),
    ]);
    return { entries, totals, payments, stays, closings };
  }

  const enter = (actor: Actor, fields: object = {}) =>
    api(actor, 'POST', '/api/v1/ledger', {
      date: '2041-03-10',
      type: 'expense',
      category: 'supplies',
      description: 'Soap and sponges',
      amount: '12.50',
      ...fields,
    });

  async function entered(actor: Actor, fields: object = {}) {
    const response = await enter(actor, fields);
    expect(response.statusCode, response.body).toBe(201);
    return response.json();
  }

  const pay = (actor: Actor, stayId: string, fields: object) =>
    api(actor, 'POST', `/api/v1/reservations/${stayId}/payments`, { date: '2041-03-05', ...fields });

  async function paid(actor: Actor, stayId: string, fields: object) {
    const response = await pay(actor, stayId, fields);
    expect(response.statusCode, response.body).toBe(201);
    return response.json();
  }

  const ledger = async (actor: Actor, query = '') => {
    const response = await api(actor, 'GET', `/api/v1/ledger${query ? `?${query}` : ''}`);
    expect(response.statusCode, response.body).toBe(200);
    return response.json();
  };

  const stayMoney = async (actor: Actor, stayId: string) => {
    const stay = (await api(actor, 'GET', `/api/v1/reservations/${stayId}`)).json();
    return { advancePaid: stay.advancePaid, balanceDue: stay.balanceDue };
  };

  /** Entries as comparable lines, in no particular order. */
  const shapes = (items: { type: string; category: string; amount: string; held: boolean }[]) =>
    items.map((item) => `${item.type} ${item.category} ${item.amount}${item.held ? ' held' : ''}`).sort();

  it('records every kind of payment within its limits, moving what is paid and due; deposits are held, a kept deposit becomes income', async () => {
    const { admin, manager, villa, organizationId } = await team();
    const stay = await createReservation(get().app, admin, { houseId: villa.id, totalPrice: '1000.00' });
    expect(await stayMoney(manager, stay.id)).toEqual({ advancePaid: '0.00', balanceDue: '1000.00' });

    const advance = await pay(manager, stay.id, {
      amount: '300.00',
      kind: 'advance',
      method: 'bank_transfer',
      note: 'Virement du 5 mars',
    });
    expect(advance.statusCode, advance.body).toBe(201);
    expect(advance.headers.location).toBe(`/api/v1/reservations/${stay.id}/payments`);
    expect(advance.json()).toMatchObject({
      reservationId: stay.id,
      houseId: villa.id,
      date: '2041-03-05',
      kind: 'advance',
      amount: '300.00',
      method: 'bank_transfer',
      note: 'Virement du 5 mars',
      createdBy: manager.user.id,
      createdByName: manager.user.name,
    });
    expect(await stayMoney(manager, stay.id)).toEqual({ advancePaid: '300.00', balanceDue: '700.00' });

    // Every limit, each refused with its field code, writing nothing.
    const before = await books(organizationId);
    for (const [fields, code] of [
      [{ amount: '700.01', kind: 'balance' }, 'more-than-due'],
      [{ amount: 700.01, kind: 'advance' }, 'more-than-due'],
      [{ amount: '300.01', kind: 'refund' }, 'more-than-paid'],
      [{ amount: '0.01', kind: 'deposit_return' }, 'more-than-held'],
      [{ amount: '0.01', kind: 'deposit_kept' }, 'more-than-held'],
      [{ amount: '0.00', kind: 'deposit' }, 'invalid-amount'],
      [{ amount: 0, kind: 'advance' }, 'invalid-amount'],
    ] as const) {
      fieldProblem(await pay(manager, stay.id, fields), 'body.amount', code);
    }
    problem(await pay(manager, stay.id, { amount: '10.001', kind: 'deposit' }), 400);
    problem(await pay(manager, stay.id, { amount: '-10.00', kind: 'refund' }), 400);
    problem(await pay(manager, stay.id, { amount: '10.00', kind: 'gift' }), 400);
    expect(await books(organizationId)).toEqual(before);

    // The balance up to the cent, then nothing is due.
    await paid(manager, stay.id, { amount: '700.00', kind: 'balance', method: 'card' });
    expect(await stayMoney(manager, stay.id)).toEqual({ advancePaid: '1000.00', balanceDue: '0.00' });
    fieldProblem(
      await pay(manager, stay.id, { amount: '0.01', kind: 'advance' }),
      'body.amount',
      'more-than-due',
    );
    fieldProblem(
      await pay(manager, stay.id, { amount: '1000.01', kind: 'refund' }),
      'body.amount',
      'more-than-paid',
    );
    await paid(manager, stay.id, { amount: '150.00', kind: 'refund' });
    expect(await stayMoney(manager, stay.id)).toEqual({ advancePaid: '850.00', balanceDue: '150.00' });

    // A deposit moves nothing of the price.
    await paid(manager, stay.id, { amount: '500.00', kind: 'deposit', method: 'check' });
    expect(await stayMoney(manager, stay.id)).toEqual({ advancePaid: '850.00', balanceDue: '150.00' });
    fieldProblem(
      await pay(manager, stay.id, { amount: '500.01', kind: 'deposit_return' }),
      'body.amount',
      'more-than-held',
    );
    await paid(manager, stay.id, { amount: '200.00', kind: 'deposit_return' });
    fieldProblem(
      await pay(manager, stay.id, { amount: '300.01', kind: 'deposit_kept' }),
      'body.amount',
      'more-than-held',
    );
    await paid(manager, stay.id, { amount: '120.00', kind: 'deposit_kept', note: 'Broken glass' });
    expect(await stayMoney(manager, stay.id)).toEqual({ advancePaid: '850.00', balanceDue: '150.00' });

    const payments = (await api(manager, 'GET', `/api/v1/reservations/${stay.id}/payments`)).json();
    expect(payments).toMatchObject({
      totalPrice: '1000.00',
      advancePaid: '850.00',
      balanceDue: '150.00',
      depositHeld: '180.00',
    });
    expect(
      payments.items.map((item: { kind: string; amount: string }) => `${item.kind} ${item.amount}`),
    ).toEqual([
      'advance 300.00',
      'balance 700.00',
      'refund 150.00',
      'deposit 500.00',
      'deposit_return 200.00',
      'deposit_kept 120.00',
    ]);

    // What was posted: one system entry per payment, two for a deposit kept (the held money released, the income).
    const posted = await ledger(manager, `reservationId=${stay.id}`);
    expect(shapes(posted.items)).toEqual(
      shapes([
        { type: 'income', category: 'rent', amount: '300.00', held: false },
        { type: 'income', category: 'rent', amount: '700.00', held: false },
        { type: 'expense', category: 'refund', amount: '150.00', held: false },
        { type: 'income', category: 'deposit', amount: '500.00', held: true },
        { type: 'expense', category: 'deposit_return', amount: '200.00', held: true },
        { type: 'expense', category: 'deposit_return', amount: '120.00', held: true },
        { type: 'income', category: 'deposit', amount: '120.00', held: false },
      ]),
    );
    const paymentIds = payments.items.map((item: { id: string }) => item.id);
    for (const item of posted.items) {
      expect(item).toMatchObject({
        origin: 'reservation',
        system: true,
        houseId: villa.id,
        reservationId: stay.id,
        date: '2041-03-05',
        adjustsEntryId: null,
      });
      expect(paymentIds).toContain(item.paymentId);
      expect(item.description).toContain(stay.guestName);
    }
    // Deposits held are not income; the deposit kept is.
    expect(posted.totals).toEqual({ income: '1120.00', expense: '150.00', net: '970.00', held: '180.00' });
    const summary = await api(manager, 'GET', '/api/v1/finance/summary?from=2041-03-01&to=2041-04-01');
    expect(summary.statusCode, summary.body).toBe(200);
    expect(summary.json()).toEqual({
      currency: 'EUR',
      from: '2041-03-01',
      to: '2041-04-01',
      rows: [{ month: '2041-03', income: '1120.00', expense: '150.00', net: '970.00' }],
      totals: { income: '1120.00', expense: '150.00', net: '970.00', held: '180.00' },
    });
  });

  it("records what is paid through the stay's own advancePaid as payments dated today, so the amount paid is always what the ledger holds", async () => {
    const { manager, villa } = await team();
    const today = localDate(new Date(), villa.timezone);
    const stay = await createReservation(get().app, manager, {
      houseId: villa.id,
      totalPrice: '1000.00',
      advancePaid: '300.00',
      status: 'confirmed',
    });
    expect(stay).toMatchObject({ advancePaid: '300.00', balanceDue: '700.00' });
    const change = async (fields: object) => {
      const response = await api(manager, 'PATCH', `/api/v1/reservations/${stay.id}`, fields);
      expect(response.statusCode, response.body).toBe(200);
      return response.json();
    };
    // Before arrival more is an advance; once arrived, the balance; less is money given back.
    await change({ advancePaid: '400.00' });
    await change({ status: 'checked_in' });
    await change({ advancePaid: '1000.00', notes: 'Paid in full on arrival' });
    expect(await change({ advancePaid: '950.00' })).toMatchObject({
      advancePaid: '950.00',
      balanceDue: '50.00',
    });
    // The same amount again, or another field alone, pays nothing.
    await change({ advancePaid: '950.00', notes: 'Refund of the late checkout' });

    const payments = (await api(manager, 'GET', `/api/v1/reservations/${stay.id}/payments`)).json();
    expect(payments).toMatchObject({ advancePaid: '950.00', balanceDue: '50.00' });
    expect(
      payments.items.map((item: { kind: string; amount: string; date: string }) => [
        item.kind,
        item.amount,
        item.date,
      ]),
    ).toEqual([
      ['advance', '300.00', today],
      ['advance', '100.00', today],
      ['balance', '600.00', today],
      ['refund', '50.00', today],
    ]);
    const posted = await ledger(manager, `reservationId=${stay.id}`);
    expect(posted.totals).toMatchObject({ income: '1000.00', expense: '50.00', net: '950.00' });
    expect(posted.items.every((item: { system: boolean }) => item.system)).toBe(true);

    // A stay with payments is kept: cancelled, not deleted; its amount paid is then settled, not changed.
    problem(await api(manager, 'DELETE', `/api/v1/reservations/${stay.id}`), 409, 'has-ledger-entries');
    await change({ status: 'checked_out' });
    const other = await createReservation(get().app, manager, {
      houseId: villa.id,
      totalPrice: '200.00',
      advancePaid: '50.00',
    });
    problem(
      await api(manager, 'PATCH', `/api/v1/reservations/${other.id}`, {
        status: 'cancelled',
        advancePaid: '0.00',
      }),
      409,
      'reservation-cancelled',
    );
    const cancelled = await api(manager, 'PATCH', `/api/v1/reservations/${other.id}`, {
      status: 'cancelled',
    });
    expect(cancelled.statusCode, cancelled.body).toBe(200);
    problem(
      await api(manager, 'PATCH', `/api/v1/reservations/${other.id}`, { advancePaid: '0.00' }),
      409,
      'reservation-cancelled',
    );
    expect((await ledger(manager, `reservationId=${other.id}`)).totals.net).toBe('0.00');
  });

  it('totals and summarizes by month and by house to the cent, over every entry the filters select', async () => {
    const { admin, manager, villa, studio } = await team();
    // Amounts that floating point gets wrong (0.1 + 0.2, 0.29 × 100), some sent as JSON numbers.
    await entered(admin, {
      houseId: villa.id,
      date: '2041-01-31',
      type: 'income',
      category: 'rent',
      amount: 0.1,
    });
    await entered(admin, {
      houseId: villa.id,
      date: '2041-02-01',
      type: 'income',
      category: 'rent',
      amount: '0.2',
    });
    await entered(admin, { houseId: villa.id, date: '2041-02-15', category: 'supplies', amount: 0.29 });
    await entered(admin, {
      houseId: studio.id,
      date: '2041-02-28',
      type: 'income',
      category: 'extra',
      amount: '1234.56',
    });
    await entered(admin, { houseId: studio.id, date: '2041-03-01', category: 'utilities', amount: '99.99' });
    const insurance = await entered(admin, { date: '2041-02-10', category: 'insurance', amount: '300' });
    expect(insurance.houseId).toBeNull();
    await entered(admin, {
      houseId: villa.id,
      date: '2041-03-01',
      type: 'income',
      category: 'rent',
      amount: '5',
    });

    const all = await ledger(manager);
    expect(all.items.map((item: { date: string }) => item.date)).toEqual([
      '2041-01-31',
      '2041-02-01',
      '2041-02-10',
      '2041-02-15',
      '2041-02-28',
      '2041-03-01',
      '2041-03-01',
    ]);
    expect(all.totals).toEqual({ income: '1239.86', expense: '400.28', net: '839.58', held: '0.00' });

    // `to` is exclusive: the two entries of 1 March are out.
    const range = 'from=2041-01-01&to=2041-03-01';
    expect((await ledger(manager, range)).totals).toEqual({
      income: '1234.86',
      expense: '300.29',
      net: '934.57',
      held: '0.00',
    });
    expect((await ledger(manager, `houseId=${villa.id}`)).totals).toEqual({
      income: '5.30',
      expense: '0.29',
      net: '5.01',
      held: '0.00',
    });
    expect((await ledger(manager, `houseId=${villa.id}&${range}`)).items).toHaveLength(3);
    expect((await ledger(manager, 'type=expense')).totals).toEqual({
      income: '0.00',
      expense: '400.28',
      net: '-400.28',
      held: '0.00',
    });
    expect(
      (await ledger(manager, 'category=insurance')).items.map((item: { id: string }) => item.id),
    ).toEqual([insurance.id]);
    expect((await ledger(manager, 'origin=manual')).items).toHaveLength(7);
    expect((await ledger(manager, 'origin=reservation')).totals.net).toBe('0.00');
    fieldProblem(
      await api(manager, 'GET', '/api/v1/ledger?from=2041-03-01&to=2041-02-01'),
      'querystring.to',
      'before-start',
    );

    // Pages, oldest first; the totals are those of every entry, on every page.
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page = await ledger(manager, `limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      expect(page.totals).toEqual(all.totals);
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((item: { id: string }) => item.id));
      cursor = page.nextCursor;
      pages += 1;
    } while (cursor);
    expect(pages).toBe(4);
    expect(seen).toEqual(all.items.map((item: { id: string }) => item.id));

    const byMonth = await api(manager, 'GET', `/api/v1/finance/summary?${range}&groupBy=month`);
    expect(byMonth.json()).toEqual({
      currency: 'EUR',
      from: '2041-01-01',
      to: '2041-03-01',
      rows: [
        { month: '2041-01', income: '0.10', expense: '0.00', net: '0.10' },
        { month: '2041-02', income: '1234.76', expense: '300.29', net: '934.47' },
      ],
      totals: { income: '1234.86', expense: '300.29', net: '934.57', held: '0.00' },
    });
    const byHouse = (await api(manager, 'GET', `/api/v1/finance/summary?${range}&groupBy=house`)).json();
    const rowOf = (houseId: string | null) =>
      byHouse.rows.find((row: { houseId: string | null }) => row.houseId === houseId);
    expect(byHouse.rows).toHaveLength(3);
    expect(rowOf(villa.id)).toEqual({ houseId: villa.id, income: '0.30', expense: '0.29', net: '0.01' });
    expect(rowOf(studio.id)).toEqual({
      houseId: studio.id,
      income: '1234.56',
      expense: '0.00',
      net: '1234.56',
    });
    expect(rowOf(null)).toEqual({ houseId: null, income: '0.00', expense: '300.00', net: '-300.00' });
    expect(byHouse.totals).toEqual(byMonth.json().totals);

    const studioOnly = (
      await api(manager, 'GET', `/api/v1/finance/summary?from=2041-01-01&to=2042-01-01&houseId=${studio.id}`)
    ).json();
    expect(studioOnly.rows).toEqual([
      { month: '2041-02', income: '1234.56', expense: '0.00', net: '1234.56' },
      { month: '2041-03', income: '0.00', expense: '99.99', net: '-99.99' },
    ]);
    fieldProblem(
      await api(manager, 'GET', '/api/v1/finance/summary?from=2041-03-01&to=2041-02-01'),
      'querystring.to',
      'before-start',
    );
    problem(await api(manager, 'GET', '/api/v1/finance/summary?to=2041-02-01'), 400);
    problem(await api(manager, 'GET', `/api/v1/finance/summary?${range}&groupBy=week`), 400);
  });

  it('exports the ledger for the accountant: BOM, header, decimal comma with semicolons, cells quoted and never run as formulas', async () => {
    const { admin, manager, villa, studio } = await team();
    const plumber = await entered(admin, {
      houseId: villa.id,
      date: '2041-04-02',
      description: 'Plumber; "urgent", call back',
      amount: '1234.50',
    });
    const formula = await entered(admin, {
      houseId: villa.id,
      date: '2041-04-03',
      type: 'income',
      category: 'extra',
      description: '=HYPERLINK("http://evil.example","Click")',
      amount: '1500',
    });
    const phone = await entered(admin, { date: '2041-04-04', description: '+33 6 12 34 56 78', amount: '3' });
    const sum = await entered(admin, { houseId: studio.id, date: '2041-04-05', description: '@SUM(A1:A9)' });
    const minus = await entered(admin, {
      houseId: studio.id,
      date: '2041-04-06',
      description: '-1+1',
      amount: '1',
    });
    await entered(admin, { houseId: villa.id, date: '2041-05-01', description: 'Next month' });

    const header =
      'date,house,type,category,description,amount,signed_amount,held,origin,system,reservation_id,maintenance_issue_id,adjusts_entry_id,entry_id';
    const point = await api(manager, 'GET', '/api/v1/ledger/export?from=2041-04-01&to=2041-05-01');
    expect(point.statusCode, point.body).toBe(200);
    expect(point.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(point.headers['content-disposition']).toBe('attachment; filename="ledger.csv"');
    expect(point.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(point.body.startsWith(`\uFEFF${header}\r\n`)).toBe(true);
    expect(point.body.endsWith('\r\n')).toBe(true);
    const lines = point.body.slice(1).split('\r\n');
    // A separator or a quote: the cell is quoted, its quotes doubled.
    expect(lines[1]).toBe(
      `2041-04-02,${villa.code},expense,supplies,"Plumber; ""urgent"", call back",1234.50,-1234.50,no,manual,no,,,,${plumber.id}`,
    );
    // A leading = + - @ is neutralized by a quote mark, so no spreadsheet runs it.
    expect(lines[2]).toBe(
      `2041-04-03,${villa.code},income,extra,"'=HYPERLINK(""http://evil.example"",""Click"")",1500.00,1500.00,no,manual,no,,,,${formula.id}`,
    );
    const rows = parseCsv(point.body.slice(1), ',');
    expect(rows[0]?.join(',')).toBe(header);
    expect(rows.slice(1).map((row) => row[13])).toEqual([plumber.id, formula.id, phone.id, sum.id, minus.id]);
    expect(rows.slice(1).map((row) => row[4])).toEqual([
      'Plumber; "urgent", call back',
      `'=HYPERLINK("http://evil.example","Click")`,
      "'+33 6 12 34 56 78",
      "'@SUM(A1:A9)",
      "'-1+1",
    ]);
    expect(rows[3]?.[1]).toBe('');
    expect(rows[4]?.[1]).toBe(studio.code);
    // Amounts, negative ones included, are numbers and stay as they are.
    expect(rows.slice(1).map((row) => row[6])).toEqual(['-1234.50', '1500.00', '-3.00', '-12.50', '-1.00']);

    const comma = await api(
      manager,
      'GET',
      '/api/v1/ledger/export?from=2041-04-01&to=2041-05-01&decimal=comma',
    );
    expect(comma.statusCode, comma.body).toBe(200);
    expect(comma.body.startsWith(`\uFEFF${header.replaceAll(',', ';')}\r\n`)).toBe(true);
    const commaLines = comma.body.slice(1).split('\r\n');
    expect(commaLines[1]).toBe(
      `2041-04-02;${villa.code};expense;supplies;"Plumber; ""urgent"", call back";1234,50;-1234,50;no;manual;no;;;;${plumber.id}`,
    );
    const commaRows = parseCsv(comma.body.slice(1), ';');
    expect(commaRows.slice(1).map((row) => [row[4], row[5], row[6]])).toEqual([
      ['Plumber; "urgent", call back', '1234,50', '-1234,50'],
      [`'=HYPERLINK("http://evil.example","Click")`, '1500,00', '1500,00'],
      ["'+33 6 12 34 56 78", '3,00', '-3,00'],
      ["'@SUM(A1:A9)", '12,50', '-12,50'],
      ["'-1+1", '1,00', '-1,00'],
    ]);

    const villaOnly = await api(manager, 'GET', `/api/v1/ledger/export?houseId=${villa.id}`);
    expect(
      parseCsv(villaOnly.body.slice(1), ',')
        .slice(1)
        .map((row) => row[13]),
    ).toHaveLength(3);
    problem(await api(manager, 'GET', '/api/v1/ledger/export?decimal=dot'), 400);
  });

  it('refuses to change or delete a system entry (409, nothing changed) and corrects it with linked adjustments', async () => {
    const { admin, manager, villa, organizationId } = await team();
    const stay = await createReservation(get().app, admin, { houseId: villa.id, totalPrice: '800.00' });
    await paid(manager, stay.id, { amount: '300.00', kind: 'advance' });
    const [system] = (await ledger(manager, `reservationId=${stay.id}`)).items;
    const url = `/api/v1/ledger/${system.id}`;

    const read = await api(manager, 'GET', url);
    expect(read.headers.etag).toBe('"1"');
    const before = await books(organizationId);
    const refusedPatch = problem(await api(manager, 'PATCH', url, { amount: '1.00' }), 409, 'system-entry');
    expect(refusedPatch.detail).toMatch(/adjustment/);
    problem(
      await api(admin, 'PATCH', url, { description: 'Renamed' }, { 'if-match': '"1"' }),
      409,
      'system-entry',
    );
    problem(await api(manager, 'DELETE', url), 409, 'system-entry');
    problem(await api(admin, 'DELETE', url, undefined, { 'if-match': '"1"' }), 409, 'system-entry');
    expect(await books(organizationId)).toEqual(before);
    expect((await api(manager, 'GET', url)).json()).toEqual(read.json());

    // More income, in the entry's direction.
    const more = await api(manager, 'POST', `${url}/adjustments`, {
      amount: '25.50',
      description: 'Late check-out',
      date: '2041-03-20',
    });
    expect(more.statusCode, more.body).toBe(201);
    const up = more.json();
    expect(more.headers.location).toBe(`/api/v1/ledger/${up.id}`);
    expect(up).toMatchObject({
      type: 'income',
      category: 'rent',
      amount: '25.50',
      date: '2041-03-20',
      description: 'Late check-out',
      origin: 'adjustment',
      adjustsEntryId: system.id,
      system: true,
      held: false,
      houseId: villa.id,
      reservationId: stay.id,
      paymentId: system.paymentId,
      createdBy: manager.user.id,
      adjustments: [],
    });
    // Less income: the other way.
    const down = await api(admin, 'POST', `${url}/adjustments`, {
      amount: -40,
      description: 'Goodwill',
      date: '2041-03-21',
    });
    expect(down.statusCode, down.body).toBe(201);
    expect(down.json()).toMatchObject({
      type: 'expense',
      category: 'rent',
      amount: '40.00',
      adjustsEntryId: system.id,
    });

    const target = (await api(manager, 'GET', url)).json();
    expect(target.adjustments.map((entry: { id: string }) => entry.id)).toEqual([up.id, down.json().id]);
    expect(target).toMatchObject({ amount: '300.00', version: 1 });
    expect((await ledger(manager, `reservationId=${stay.id}`)).totals).toEqual({
      income: '325.50',
      expense: '40.00',
      net: '285.50',
      held: '0.00',
    });
    // An adjustment is itself the system's: corrected, never edited.
    problem(await api(manager, 'PATCH', `/api/v1/ledger/${up.id}`, { amount: '1.00' }), 409, 'system-entry');
    problem(await api(manager, 'DELETE', `/api/v1/ledger/${up.id}`), 409, 'system-entry');

    // A manual expense of 40.00 corrected by -5.00 is 35.00; it is then kept with its adjustment.
    const taxi = await entered(manager, { houseId: villa.id, amount: '40.00', description: 'Taxi' });
    const fewer = await api(manager, 'POST', `/api/v1/ledger/${taxi.id}/adjustments`, {
      amount: '-5.00',
      description: 'Receipt was 35',
      date: '2041-03-10',
    });
    expect(fewer.json()).toMatchObject({
      type: 'income',
      category: 'supplies',
      amount: '5.00',
      adjustsEntryId: taxi.id,
    });
    expect((await api(manager, 'GET', `/api/v1/ledger/${taxi.id}`)).json().adjustments).toMatchObject([
      { id: fewer.json().id, amount: '5.00' },
    ]);
    expect((await ledger(manager, `houseId=${villa.id}&category=supplies`)).totals).toMatchObject({
      income: '5.00',
      expense: '40.00',
      net: '-35.00',
    });
    problem(await api(manager, 'DELETE', `/api/v1/ledger/${taxi.id}`), 409, 'adjusted');

    // A deposit's correction stays held money.
    await paid(manager, stay.id, { amount: '100.00', kind: 'deposit' });
    const deposit = (await ledger(manager, `reservationId=${stay.id}&category=deposit`)).items[0];
    const heldAdjustment = await api(manager, 'POST', `/api/v1/ledger/${deposit.id}/adjustments`, {
      amount: '10.00',
      description: 'Counted again',
    });
    expect(heldAdjustment.json()).toMatchObject({ held: true, type: 'income', category: 'deposit' });
    // Booked today, where the house is, when no date is given.
    expect(heldAdjustment.json().date).toBe(localDate(new Date(), villa.timezone));

    const withAdjustments = await books(organizationId);
    for (const amount of ['0', '0.00', '1.234', 'ten']) {
      problem(await api(manager, 'POST', `${url}/adjustments`, { amount, description: 'Nothing' }), 400);
    }
    problem(await api(manager, 'POST', `${url}/adjustments`, { amount: '1.00' }), 400);
    problem(
      await api(manager, 'POST', '/api/v1/ledger/0190b7e4-0000-7000-8000-000000000000/adjustments', {
        amount: '1.00',
        description: 'Nothing to adjust',
      }),
      404,
    );
    expect(await books(organizationId)).toEqual(withAdjustments);
  });

  it('enters, changes and deletes entries by hand, with If-Match and a history of every change', async () => {
    const { admin, manager, villa, studio, organizationId } = await team();
    const created = await enter(manager, {
      houseId: villa.id,
      description: 'Pool chemicals',
      amount: '45.90',
    });
    expect(created.statusCode, created.body).toBe(201);
    const entry = created.json();
    expect(created.headers.location).toBe(`/api/v1/ledger/${entry.id}`);
    expect(created.headers.etag).toBe('"1"');
    expect(entry).toMatchObject({
      houseId: villa.id,
      date: '2041-03-10',
      type: 'expense',
      category: 'supplies',
      description: 'Pool chemicals',
      amount: '45.90',
      origin: 'manual',
      system: false,
      held: false,
      reservationId: null,
      maintenanceIssueId: null,
      paymentId: null,
      adjustsEntryId: null,
      createdBy: manager.user.id,
      version: 1,
      adjustments: [],
    });
    const url = `/api/v1/ledger/${entry.id}`;

    const stayElsewhere = await createReservation(get().app, admin, { houseId: studio.id });
    const before = await books(organizationId);
    fieldProblem(await enter(manager, { category: 'deposit' }), 'body.category', 'not-allowed');
    fieldProblem(await enter(manager, { category: 'deposit_return' }), 'body.category', 'not-allowed');
    fieldProblem(await enter(manager, { amount: '0' }), 'body.amount', 'invalid-amount');
    problem(await enter(manager, { amount: '-3.00' }), 400);
    problem(await enter(manager, { description: '' }), 400);
    problem(await enter(manager, { surprise: true }), 400);
    problem(await enter(manager, { houseId: '0190b7e4-0000-7000-8000-000000000000' }), 404);
    fieldProblem(
      await enter(manager, { houseId: villa.id, reservationId: stayElsewhere.id }),
      'body.reservationId',
      'invalid',
    );
    problem(await api(manager, 'PATCH', url, {}), 400);
    fieldProblem(await api(manager, 'PATCH', url, { category: 'deposit' }), 'body.category', 'not-allowed');
    expect(await books(organizationId)).toEqual(before);

    const changed = await api(
      manager,
      'PATCH',
      url,
      { amount: '49.90', description: 'Pool chemicals and test strips' },
      { 'if-match': '"1"' },
    );
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.headers.etag).toBe('"2"');
    expect(changed.json()).toMatchObject({
      amount: '49.90',
      version: 2,
      description: 'Pool chemicals and test strips',
    });

    // The version read before is stale now: refused, nothing changed.
    const stale = problem(
      await api(admin, 'PATCH', url, { amount: '1.00' }, { 'if-match': '"1"' }),
      412,
      'version-mismatch',
    );
    expect(stale.currentVersion).toBe(2);
    problem(await api(admin, 'DELETE', url, undefined, { 'if-match': '"1"' }), 412, 'version-mismatch');
    expect((await api(manager, 'GET', url)).json()).toMatchObject({ amount: '49.90', version: 2 });

    const moved = await api(admin, 'PATCH', url, { houseId: null, date: '2041-04-01', category: 'other' });
    expect(moved.json()).toMatchObject({ houseId: null, date: '2041-04-01', category: 'other', version: 3 });

    const history = await api(manager, 'GET', `${url}/history`);
    expect(history.statusCode, history.body).toBe(200);
    const items = history.json().items;
    expect(items.map((item: { action: string }) => item.action)).toEqual(['create', 'update', 'update']);
    expect(items[0]).toMatchObject({ actorId: manager.user.id, actorName: manager.user.name, before: null });
    expect(items[0].after).toMatchObject({
      amount: '45.90',
      description: 'Pool chemicals',
      houseId: villa.id,
    });
    expect(items[1]).toMatchObject({
      actorId: manager.user.id,
      before: { amount: '45.90', description: 'Pool chemicals' },
      after: { amount: '49.90', description: 'Pool chemicals and test strips' },
    });
    expect(items[2]).toMatchObject({
      actorId: admin.user.id,
      actorName: admin.user.name,
      before: { houseId: villa.id, date: '2041-03-10', category: 'supplies' },
      after: { houseId: null, date: '2041-04-01', category: 'other' },
    });

    const removed = await api(manager, 'DELETE', url, undefined, { 'if-match': '"3"' });
    expect(removed.statusCode, removed.body).toBe(204);
    problem(await api(manager, 'GET', url), 404);
    problem(await api(manager, 'DELETE', url), 404);
    const audit = await get()
      .app.db.selectFrom('audit_log')
      .select(['action', 'before', 'after'])
      .where('entity', '=', 'ledger_entry')
      .where('entity_id', '=', entry.id)
      .orderBy('seq')
      .execute();
    expect(audit.map((row) => row.action)).toEqual(['create', 'update', 'update', 'delete']);

    // A manual entry may name a stay of its house.
    const stay = await createReservation(get().app, admin, { houseId: villa.id });
    const cleaning = await entered(manager, {
      houseId: villa.id,
      reservationId: stay.id,
      type: 'income',
      category: 'cleaning_fee',
      amount: '60',
    });
    expect(cleaning).toMatchObject({ reservationId: stay.id, origin: 'manual', system: false });
    expect((await ledger(manager, `reservationId=${stay.id}`)).items).toHaveLength(1);
  });

  it('takes no write dated in a closed month — entries, payments, adjustments, costs — until it is reopened', async () => {
    const { admin, manager, villa, organizationId } = await team();
    const stay = await createReservation(get().app, admin, { houseId: villa.id, totalPrice: '900.00' });
    const march = await entered(manager, { houseId: villa.id, date: '2041-03-10' });
    const april = await entered(manager, { houseId: villa.id, date: '2041-04-10' });
    await paid(manager, stay.id, { date: '2041-03-05', amount: '100.00', kind: 'advance' });
    const [system] = (await ledger(manager, `reservationId=${stay.id}`)).items;

    problem(await api(manager, 'POST', '/api/v1/finance/closings', { month: '2041-03' }), 403, 'forbidden');
    problem(await api(admin, 'POST', '/api/v1/finance/closings', { month: '2041-13' }), 400);
    const closed = await api(admin, 'POST', '/api/v1/finance/closings', { month: '2041-03' });
    expect(closed.statusCode, closed.body).toBe(201);
    expect(closed.headers.location).toBe('/api/v1/finance/closings/2041-03');
    expect(closed.json()).toMatchObject({
      month: '2041-03',
      closedBy: admin.user.id,
      closedByName: admin.user.name,
    });
    problem(await api(admin, 'POST', '/api/v1/finance/closings', { month: '2041-03' }), 409, 'month-closed');
    const closings = await api(manager, 'GET', '/api/v1/finance/closings');
    expect(closings.json().items.map((item: { month: string }) => item.month)).toEqual(['2041-03']);

    const before = await books(organizationId);
    const monthClosed = (response: LightMyRequestResponse) => {
      const body = problem(response, 409, 'month-closed');
      expect(body.month).toBe('2041-03');
    };
    monthClosed(await enter(manager, { houseId: villa.id, date: '2041-03-31' }));
    monthClosed(await enter(admin, { date: '2041-03-01' }));
    monthClosed(await api(manager, 'PATCH', `/api/v1/ledger/${march.id}`, { amount: '13.00' }));
    monthClosed(await api(manager, 'PATCH', `/api/v1/ledger/${march.id}`, { date: '2041-04-01' }));
    monthClosed(await api(manager, 'PATCH', `/api/v1/ledger/${april.id}`, { date: '2041-03-15' }));
    monthClosed(await api(manager, 'DELETE', `/api/v1/ledger/${march.id}`));
    monthClosed(await pay(manager, stay.id, { date: '2041-03-20', amount: '50.00', kind: 'balance' }));
    monthClosed(await pay(manager, stay.id, { date: '2041-03-20', amount: '50.00', kind: 'deposit' }));
    monthClosed(
      await api(manager, 'POST', `/api/v1/ledger/${system.id}/adjustments`, {
        amount: '5.00',
        description: 'Correction',
        date: '2041-03-31',
      }),
    );
    expect(await books(organizationId)).toEqual(before);

    // A month still open takes them, corrections of closed months' entries included.
    expect((await enter(manager, { houseId: villa.id, date: '2041-04-01' })).statusCode).toBe(201);
    await paid(manager, stay.id, { date: '2041-04-02', amount: '50.00', kind: 'balance' });
    const corrected = await api(manager, 'POST', `/api/v1/ledger/${system.id}/adjustments`, {
      amount: '5.00',
      description: 'Correction',
      date: '2041-04-03',
    });
    expect(corrected.statusCode, corrected.body).toBe(201);

    problem(await api(manager, 'DELETE', '/api/v1/finance/closings/2041-03'), 403, 'forbidden');
    problem(await api(admin, 'DELETE', '/api/v1/finance/closings/2041-05'), 404);
    expect((await api(admin, 'DELETE', '/api/v1/finance/closings/2041-03')).statusCode).toBe(204);
    expect((await api(manager, 'GET', '/api/v1/finance/closings')).json().items).toEqual([]);
    expect((await enter(manager, { houseId: villa.id, date: '2041-03-31' })).statusCode).toBe(201);
    expect((await api(manager, 'PATCH', `/api/v1/ledger/${march.id}`, { amount: '13.00' })).statusCode).toBe(
      200,
    );
    await paid(manager, stay.id, { date: '2041-03-20', amount: '50.00', kind: 'balance' });
    expect((await api(manager, 'DELETE', `/api/v1/ledger/${march.id}`)).statusCode).toBe(204);
    // Closing and reopening are recorded: the closing made, then removed.
    const recorded = await get()
      .app.db.selectFrom('audit_log')
      .select(['action', 'actor_id'])
      .where('entity', '=', 'finance_closing')
      .where('organization_id', '=', organizationId)
      .orderBy('seq')
      .execute();
    expect(recorded).toEqual([
      { action: 'create', actor_id: admin.user.id },
      { action: 'delete', actor_id: admin.user.id },
    ]);
  });

  it("refuses a work order's cost or a payment entered on the stay in a closed month, undoing the other module's write too; a cancellation's reversal goes in the next open month", async () => {
    const { admin, manager, villa, organizationId } = await team();
    const today = localDate(new Date(), villa.timezone);
    const month = today.slice(0, 7);
    const [year, monthNumber] = month.split('-').map(Number) as [number, number];
    const nextMonth =
      monthNumber === 12 ? `${year + 1}-01` : `${year}-${String(monthNumber + 1).padStart(2, '0')}`;
    const issue = (
      await api(manager, 'POST', '/api/v1/maintenance/issues', {
        houseId: villa.id,
        type: 'plumbing',
        title: 'Boiler leaking',
      })
    ).json();
    const stay = await createReservation(get().app, admin, { houseId: villa.id, totalPrice: '500.00' });
    await paid(manager, stay.id, { date: '2041-01-10', amount: '100.00', kind: 'advance' });
    expect((await api(admin, 'POST', '/api/v1/finance/closings', { month })).statusCode).toBe(201);
    const before = await books(organizationId);

    const resolve = () =>
      api(manager, 'PATCH', `/api/v1/maintenance/issues/${issue.id}`, {
        status: 'resolved',
        laborCost: '120.00',
      });
    problem(await resolve(), 409, 'month-closed');
    expect((await api(manager, 'GET', `/api/v1/maintenance/issues/${issue.id}`)).json()).toMatchObject({
      status: 'open',
      laborCost: '0.00',
      version: 1,
    });
    // Paid through the stay's own field: a payment dated today, in the closed month.
    const payMore = () => api(manager, 'PATCH', `/api/v1/reservations/${stay.id}`, { advancePaid: '150.00' });
    problem(await payMore(), 409, 'month-closed');
    expect((await api(manager, 'GET', `/api/v1/reservations/${stay.id}`)).json()).toMatchObject({
      advancePaid: '100.00',
      version: stay.version + 1,
    });
    expect(await books(organizationId)).toEqual(before);

    // A cancellation (a channel's feed cancels whenever it likes) is not refused: its reversal is a
    // correction, booked on the first day of the next open month.
    const cancelled = await api(manager, 'PATCH', `/api/v1/reservations/${stay.id}`, { status: 'cancelled' });
    expect(cancelled.statusCode, cancelled.body).toBe(200);
    const reversal = (await ledger(manager, `reservationId=${stay.id}`)).items;
    expect(reversal).toMatchObject([
      { date: `${nextMonth}-01`, amount: '100.00', type: 'expense' },
      { date: '2041-01-10', amount: '100.00', type: 'income' },
    ]);

    expect((await api(admin, 'DELETE', `/api/v1/finance/closings/${month}`)).statusCode).toBe(204);
    const resolved = await resolve();
    expect(resolved.statusCode, resolved.body).toBe(200);
    expect((await ledger(manager, 'origin=maintenance')).items).toMatchObject([
      { amount: '120.00', maintenanceIssueId: issue.id },
    ]);
  });

  it("posts a resolved work order's cost once, and a change of it as the difference", async () => {
    const { manager, villa, studio } = await team();
    const report = async (houseId: string, fields: object = {}) => {
      const response = await api(manager, 'POST', '/api/v1/maintenance/issues', {
        houseId,
        type: 'plumbing',
        title: 'Shower drain blocked',
        ...fields,
      });
      expect(response.statusCode, response.body).toBe(201);
      return response.json();
    };
    const change = async (issueId: string, fields: object) => {
      const response = await api(manager, 'PATCH', `/api/v1/maintenance/issues/${issueId}`, fields);
      expect(response.statusCode, response.body).toBe(200);
      return response.json();
    };
    const costsOf = async (issueId: string) =>
      (await ledger(manager, `houseId=${villa.id}`)).items.filter(
        (item: { maintenanceIssueId: string | null }) => item.maintenanceIssueId === issueId,
      );

    const issue = await report(villa.id, { materialsCost: '35.40' });
    await change(issue.id, { status: 'in_progress' });
    expect(await costsOf(issue.id)).toEqual([]);
    await change(issue.id, { status: 'resolved', laborCost: '120.00' });
    const [cost, ...others] = await costsOf(issue.id);
    expect(others).toEqual([]);
    expect(cost).toMatchObject({
      houseId: villa.id,
      date: localDate(new Date(), villa.timezone),
      type: 'expense',
      category: 'maintenance',
      description: 'Shower drain blocked',
      amount: '155.40',
      origin: 'maintenance',
      system: true,
      held: false,
      adjustsEntryId: null,
      createdBy: manager.user.id,
    });
    // Changes that are not the cost post nothing.
    await change(issue.id, { resolutionNote: 'Replaced the trap' });
    expect(await costsOf(issue.id)).toHaveLength(1);

    // The labor was less: the difference comes back, linked to the cost.
    await change(issue.id, { laborCost: '100.00' });
    await change(issue.id, { materialsCost: '40.00' });
    const entries = await costsOf(issue.id);
    expect(entries).toHaveLength(3);
    expect(entries.slice(1)).toMatchObject([
      {
        type: 'income',
        category: 'maintenance',
        amount: '20.00',
        origin: 'adjustment',
        adjustsEntryId: cost.id,
      },
      {
        type: 'expense',
        category: 'maintenance',
        amount: '4.60',
        origin: 'adjustment',
        adjustsEntryId: cost.id,
      },
    ]);
    expect((await api(manager, 'GET', `/api/v1/ledger/${cost.id}`)).json().adjustments).toHaveLength(2);
    expect((await ledger(manager, `houseId=${villa.id}&category=maintenance`)).totals).toMatchObject({
      income: '20.00',
      expense: '160.00',
      net: '-140.00',
    });

    // Work that cost nothing posts nothing; a cost added later is posted then, once.
    const free = await report(studio.id);
    await change(free.id, { status: 'resolved' });
    expect((await ledger(manager, `houseId=${studio.id}`)).items).toEqual([]);
    await change(free.id, { laborCost: '30.00' });
    const late = (await ledger(manager, `houseId=${studio.id}`)).items;
    expect(late).toMatchObject([
      { type: 'expense', amount: '30.00', origin: 'maintenance', maintenanceIssueId: free.id },
    ]);
  });

  it('reverses everything the system posted for a cancelled stay, linked and deleting nothing; a cancelled stay takes no payment', async () => {
    const { admin, manager, villa, organizationId } = await team();
    const stay = await createReservation(get().app, admin, { houseId: villa.id, totalPrice: '1200.00' });
    await paid(manager, stay.id, { amount: '400.00', kind: 'advance' });
    await paid(manager, stay.id, { amount: '300.00', kind: 'deposit' });
    await paid(manager, stay.id, { amount: '50.00', kind: 'deposit_kept' });
    await paid(manager, stay.id, { amount: '100.00', kind: 'refund' });
    const [first] = (await ledger(manager, `reservationId=${stay.id}`)).items;
    await api(manager, 'POST', `/api/v1/ledger/${first.id}/adjustments`, {
      amount: '10.00',
      description: 'Extra night',
      date: '2041-03-06',
    });
    const posted = (await ledger(manager, `reservationId=${stay.id}`)).items;
    expect(posted).toHaveLength(6);
    // A stay without payments is cancelled as before, posting nothing.
    const quiet = await createReservation(get().app, admin, { houseId: villa.id });

    const cancelled = await api(manager, 'PATCH', `/api/v1/reservations/${stay.id}`, { status: 'cancelled' });
    expect(cancelled.statusCode, cancelled.body).toBe(200);
    expect(
      (await api(manager, 'PATCH', `/api/v1/reservations/${quiet.id}`, { status: 'cancelled' })).statusCode,
    ).toBe(200);
    expect((await ledger(manager, `reservationId=${quiet.id}`)).items).toEqual([]);

    const after = await ledger(manager, `reservationId=${stay.id}`);
    expect(after.items).toHaveLength(12);
    // Income 400 + 50 kept + 10 adjusted, expense 100 refunded; each reversed the other way.
    expect(after.totals).toEqual({ income: '560.00', expense: '560.00', net: '0.00', held: '0.00' });
    const today = localDate(new Date(), villa.timezone);
    for (const entry of posted) {
      // Still there, as it was.
      expect(after.items).toContainEqual(entry);
      const reversals = after.items.filter(
        (item: { adjustsEntryId: string }) => item.adjustsEntryId === entry.id,
      );
      const reversal = reversals.find((item: { date: string }) => item.date === today);
      expect(reversal).toMatchObject({
        type: entry.type === 'income' ? 'expense' : 'income',
        category: entry.category,
        amount: entry.amount,
        held: entry.held,
        origin: 'adjustment',
        system: true,
        reservationId: stay.id,
        houseId: villa.id,
      });
      expect(reversal.description).toContain('Stay cancelled');
    }

    // Payments stop with the stay; nothing is written.
    const before = await books(organizationId);
    for (const kind of ['advance', 'deposit', 'refund', 'deposit_return']) {
      problem(await pay(manager, stay.id, { amount: '1.00', kind }), 409, 'cancelled');
    }
    expect(await books(organizationId)).toEqual(before);
    // Cancelling again reverses nothing twice.
    expect((await ledger(manager, `reservationId=${stay.id}`)).items).toHaveLength(12);
  });

  it('keeps a house or a stay the ledger names from being deleted (409)', async () => {
    const { admin, manager, organizationId } = await team();
    const booked = await createHouse(get().app, admin);
    const bare = await createHouse(get().app, admin);
    await entered(manager, { houseId: booked.id, description: 'Keys cut' });
    const before = await books(organizationId);
    problem(await api(admin, 'DELETE', `/api/v1/houses/${booked.id}`), 409, 'has-ledger-entries');
    expect((await api(admin, 'GET', `/api/v1/houses/${booked.id}`)).statusCode).toBe(200);
    expect(await books(organizationId)).toEqual(before);
    expect((await api(admin, 'DELETE', `/api/v1/houses/${bare.id}`)).statusCode).toBe(204);

    const house = await createHouse(get().app, admin);
    const withPayment = await createReservation(get().app, admin, {
      houseId: house.id,
      totalPrice: '300.00',
    });
    const withEntry = await createReservation(get().app, admin, { houseId: house.id });
    const mistaken = await createReservation(get().app, admin, { houseId: house.id });
    await paid(manager, withPayment.id, { amount: '50.00', kind: 'advance' });
    await entered(manager, {
      houseId: house.id,
      reservationId: withEntry.id,
      type: 'income',
      category: 'extra',
    });
    const stays = await books(organizationId);
    problem(
      await api(manager, 'DELETE', `/api/v1/reservations/${withPayment.id}`),
      409,
      'has-ledger-entries',
    );
    problem(await api(manager, 'DELETE', `/api/v1/reservations/${withEntry.id}`), 409, 'has-ledger-entries');
    expect(await books(organizationId)).toEqual(stays);
    expect((await api(manager, 'GET', `/api/v1/reservations/${withPayment.id}`)).statusCode).toBe(200);
    expect((await api(manager, 'DELETE', `/api/v1/reservations/${mistaken.id}`)).statusCode).toBe(204);
  });

  it('never lets staff reach the money (403 on every finance route), and owners only read', async () => {
    const { admin, manager, staff, owner, villa, organizationId } = await team();
    const stay = await createReservation(get().app, admin, { houseId: villa.id, totalPrice: '400.00' });
    await paid(manager, stay.id, { amount: '100.00', kind: 'advance' });
    const entry = await entered(manager, { houseId: villa.id });
    await api(admin, 'POST', '/api/v1/finance/closings', { month: '2030-01' });
    const reads: [string, string][] = [
      ['GET', '/api/v1/ledger'],
      ['GET', `/api/v1/ledger?houseId=${villa.id}`],
      ['GET', '/api/v1/ledger/export'],
      ['GET', `/api/v1/ledger/${entry.id}`],
      ['GET', `/api/v1/ledger/${entry.id}/history`],
      ['GET', `/api/v1/reservations/${stay.id}/payments`],
      ['GET', '/api/v1/finance/summary?from=2041-01-01&to=2042-01-01'],
    ];
    const writes: [string, string, object?][] = [
      [
        'POST',
        '/api/v1/ledger',
        {
          houseId: villa.id,
          date: '2041-03-10',
          type: 'expense',
          category: 'other',
          description: 'x',
          amount: '1.00',
        },
      ],
      ['PATCH', `/api/v1/ledger/${entry.id}`, { amount: '1.00' }],
      ['DELETE', `/api/v1/ledger/${entry.id}`],
      ['POST', `/api/v1/ledger/${entry.id}/adjustments`, { amount: '1.00', description: 'x' }],
      [
        'POST',
        `/api/v1/reservations/${stay.id}/payments`,
        { date: '2041-03-10', amount: '1.00', kind: 'advance' },
      ],
      ['GET', '/api/v1/finance/closings'],
      ['POST', '/api/v1/finance/closings', { month: '2041-03' }],
      ['DELETE', '/api/v1/finance/closings/2030-01'],
    ];
    const before = await books(organizationId);
    for (const [method, url, payload] of [...reads, ...writes]) {
      const response = await api(staff, method as 'GET', url, payload);
      expect(response.statusCode, `${method} ${url}`).toBe(403);
      expect(response.headers['content-type']).toBe(PROBLEM);
    }
    for (const [method, url, payload] of writes) {
      const response = await api(owner, method as 'GET', url, payload);
      expect(response.statusCode, `${method} ${url}`).toBe(403);
      expect(response.headers['content-type']).toBe(PROBLEM);
    }
    expect(await books(organizationId)).toEqual(before);
    for (const [method, url] of reads) {
      expect((await api(owner, method as 'GET', url)).statusCode, `${method} ${url}`).toBe(200);
    }
  });

  it("keeps an entry's receipts with the money: staff reach none of them, owners read those of their houses", async () => {
    const { app } = get();
    const { manager, staff, owner, villa, studio } = await team();
    const mine = await entered(manager, { houseId: villa.id });
    const theirs = await entered(manager, { houseId: studio.id });
    const upload = (actor: Actor, entryId: string) => {
      const body = fileUpload(pdfWithJavaScript(), {
        fileName: 'facture.pdf',
        contentType: 'application/pdf',
        kind: 'invoice',
      });
      return app.inject({
        method: 'POST',
        url: `/api/v1/ledger/${entryId}/attachments`,
        headers: { ...headersOf(actor), ...body.headers },
        payload: body.payload,
      });
    };
    const receipt = await upload(manager, mine.id);
    expect(receipt.statusCode, receipt.body).toBe(201);
    const other = await upload(manager, theirs.id);
    expect(other.statusCode, other.body).toBe(201);
    problem(await upload(owner, mine.id), 403);
    problem(await upload(staff, mine.id), 403);

    const file = `/api/v1/attachments/${receipt.json().id}`;
    for (const [method, url] of [
      ['GET', `/api/v1/ledger/${mine.id}/attachments`],
      ['GET', file],
      ['GET', `${file}/content`],
      ['DELETE', file],
    ] as const) {
      problem(await api(staff, method, url), 403);
    }
    expect((await api(owner, 'GET', `/api/v1/ledger/${mine.id}/attachments`)).json().items).toHaveLength(1);
    expect((await api(owner, 'GET', file)).statusCode).toBe(200);
    expect((await api(owner, 'GET', `${file}/content`)).statusCode).toBe(200);
    problem(await api(owner, 'DELETE', file), 403);
    problem(await api(owner, 'GET', `/api/v1/ledger/${theirs.id}/attachments`), 404);
    problem(await api(owner, 'GET', `/api/v1/attachments/${other.json().id}`), 404);
    expect((await api(manager, 'GET', file)).statusCode).toBe(200);
  });

  it("shows owners their houses' money only: another house's or the whole organization's entries are not there", async () => {
    const { admin, manager, owner, villa, studio } = await team();
    const mine = await entered(manager, {
      houseId: villa.id,
      type: 'income',
      category: 'extra',
      amount: '70.00',
    });
    const theirs = await entered(manager, { houseId: studio.id, amount: '20.00' });
    const everyone = await entered(manager, { category: 'insurance', amount: '300.00' });
    const myStay = await createReservation(get().app, admin, { houseId: villa.id, totalPrice: '500.00' });
    const theirStay = await createReservation(get().app, admin, { houseId: studio.id, totalPrice: '500.00' });
    await paid(manager, myStay.id, { amount: '200.00', kind: 'advance' });
    await paid(manager, myStay.id, { amount: '80.00', kind: 'deposit' });
    await paid(manager, theirStay.id, { amount: '100.00', kind: 'advance' });

    const seen = await ledger(owner);
    expect(seen.items.every((item: { houseId: string }) => item.houseId === villa.id)).toBe(true);
    expect(seen.items.map((item: { id: string }) => item.id)).toContain(mine.id);
    expect(seen.items).toHaveLength(3);
    expect(seen.totals).toEqual({ income: '270.00', expense: '0.00', net: '270.00', held: '80.00' });
    expect((await ledger(manager)).items).toHaveLength(6);

    expect((await api(owner, 'GET', `/api/v1/ledger/${mine.id}`)).statusCode).toBe(200);
    for (const id of [theirs.id, everyone.id]) {
      problem(await api(owner, 'GET', `/api/v1/ledger/${id}`), 404);
      problem(await api(owner, 'GET', `/api/v1/ledger/${id}/history`), 404);
    }
    problem(await api(owner, 'GET', `/api/v1/ledger?houseId=${studio.id}`), 404);
    problem(await api(owner, 'GET', `/api/v1/ledger/export?houseId=${studio.id}`), 404);
    problem(
      await api(owner, 'GET', `/api/v1/finance/summary?from=2041-01-01&to=2042-01-01&houseId=${studio.id}`),
      404,
    );
    problem(await api(owner, 'GET', `/api/v1/reservations/${theirStay.id}/payments`), 404);
    const payments = await api(owner, 'GET', `/api/v1/reservations/${myStay.id}/payments`);
    expect(payments.json()).toMatchObject({ advancePaid: '200.00', depositHeld: '80.00' });

    const summary = (
      await api(owner, 'GET', '/api/v1/finance/summary?from=2041-01-01&to=2042-01-01&groupBy=house')
    ).json();
    expect(summary.rows).toEqual([{ houseId: villa.id, income: '270.00', expense: '0.00', net: '270.00' }]);
    expect(summary.totals).toEqual(seen.totals);
    const csv = await api(owner, 'GET', '/api/v1/ledger/export');
    const lines = parseCsv(csv.body.slice(1), ',').slice(1);
    expect(lines.map((line) => line[1])).toEqual([villa.code, villa.code, villa.code]);

    // An owner of no house sees nothing at all.
    const newcomer = await addMember(get().app, admin, 'owner');
    const nothing = await ledger(newcomer);
    expect(nothing).toEqual({
      items: [],
      nextCursor: null,
      totals: { income: '0.00', expense: '0.00', net: '0.00', held: '0.00' },
    });
    const emptySummary = await api(newcomer, 'GET', '/api/v1/finance/summary?from=2041-01-01&to=2042-01-01');
    expect(emptySummary.json().rows).toEqual([]);
  });

  it("answers 404 for another organization's entries, stays and houses, and keeps each organization's books apart", async () => {
    const { admin, manager, villa, organizationId } = await team();
    const entry = await entered(manager, { houseId: villa.id });
    const stay = await createReservation(get().app, admin, { houseId: villa.id, totalPrice: '300.00' });
    await paid(manager, stay.id, { amount: '30.00', kind: 'advance' });
    const stranger = await registerUser(get().app);
    const before = await books(organizationId);

    problem(await api(stranger, 'GET', `/api/v1/ledger/${entry.id}`), 404);
    problem(await api(stranger, 'GET', `/api/v1/ledger/${entry.id}/history`), 404);
    problem(await api(stranger, 'PATCH', `/api/v1/ledger/${entry.id}`, { amount: '1.00' }), 404);
    problem(await api(stranger, 'DELETE', `/api/v1/ledger/${entry.id}`), 404);
    problem(
      await api(stranger, 'POST', `/api/v1/ledger/${entry.id}/adjustments`, {
        amount: '1.00',
        description: 'x',
      }),
      404,
    );
    problem(await api(stranger, 'GET', `/api/v1/reservations/${stay.id}/payments`), 404);
    problem(await pay(stranger, stay.id, { amount: '1.00', kind: 'deposit' }), 404);
    // A filter naming another organization's house finds nothing of it.
    expect((await api(stranger, 'GET', `/api/v1/ledger?houseId=${villa.id}`)).json().items).toEqual([]);
    expect(
      (
        await api(
          stranger,
          'GET',
          `/api/v1/finance/summary?from=2000-01-01&to=2100-01-01&houseId=${villa.id}`,
        )
      ).json().rows,
    ).toEqual([]);
    problem(await enter(stranger, { houseId: villa.id }), 404);
    const own = await api(stranger, 'GET', '/api/v1/ledger');
    expect(own.json().items).toEqual([]);
    // Closing a month closes it in that organization only.
    expect((await api(stranger, 'POST', '/api/v1/finance/closings', { month: '2041-03' })).statusCode).toBe(
      201,
    );
    expect(await books(organizationId)).toEqual(before);
    expect((await enter(manager, { houseId: villa.id, date: '2041-03-11' })).statusCode).toBe(201);
  });

  it('replays a payment sent again with the same Idempotency-Key: one payment, one posting', async () => {
    const { admin, manager, villa, organizationId } = await team();
    const stay = await createReservation(get().app, admin, { houseId: villa.id, totalPrice: '600.00' });
    const body = { date: '2041-03-05', amount: '250.00', kind: 'advance', method: 'card' };
    const key = { 'idempotency-key': `pay-${stay.id}` };
    const first = await api(manager, 'POST', `/api/v1/reservations/${stay.id}/payments`, body, key);
    expect(first.statusCode, first.body).toBe(201);
    const again = await api(manager, 'POST', `/api/v1/reservations/${stay.id}/payments`, body, key);
    expect(again.statusCode).toBe(201);
    expect(again.json()).toEqual(first.json());
    const payments = (await api(manager, 'GET', `/api/v1/reservations/${stay.id}/payments`)).json();
    expect(payments.items).toHaveLength(1);
    expect(payments).toMatchObject({ advancePaid: '250.00', balanceDue: '350.00' });
    expect((await ledger(manager, `reservationId=${stay.id}`)).items).toHaveLength(1);

    const before = await books(organizationId);
    problem(
      await api(
        manager,
        'POST',
        `/api/v1/reservations/${stay.id}/payments`,
        { ...body, amount: '251.00' },
        key,
      ),
      422,
    );
    expect(await books(organizationId)).toEqual(before);

    const manualKey = { 'idempotency-key': `entry-${stay.id}` };
    const manual = {
      houseId: villa.id,
      date: '2041-03-07',
      type: 'expense',
      category: 'other',
      description: 'Ice',
      amount: '4.00',
    };
    const one = await api(manager, 'POST', '/api/v1/ledger', manual, manualKey);
    const two = await api(manager, 'POST', '/api/v1/ledger', manual, manualKey);
    expect(two.json().id).toBe(one.json().id);
    expect((await ledger(manager, `houseId=${villa.id}&origin=manual`)).items).toHaveLength(1);
  });

  it('takes one of several payments sent at once for the same money: nothing is paid or returned twice', async () => {
    const { admin, manager, villa, organizationId } = await team();
    const stay = await createReservation(get().app, admin, { houseId: villa.id, totalPrice: '1000.00' });
    await paid(manager, stay.id, { amount: '300.00', kind: 'deposit' });
    const race = (fields: object) =>
      Promise.all(Array.from({ length: 6 }, () => pay(manager, stay.id, fields)));

    for (const fields of [
      { amount: '1000.00', kind: 'balance' },
      { amount: '300.00', kind: 'deposit_return' },
    ]) {
      const answers = await race(fields);
      expect(answers.filter((answer) => answer.statusCode === 201)).toHaveLength(1);
      for (const answer of answers.filter((one) => one.statusCode !== 201)) {
        expect(answer.statusCode, answer.body).toBeGreaterThanOrEqual(400);
        expect(answer.statusCode, answer.body).toBeLessThan(500);
        expect(answer.headers['content-type']).toBe(PROBLEM);
      }
    }
    const payments = (await api(manager, 'GET', `/api/v1/reservations/${stay.id}/payments`)).json();
    expect(payments).toMatchObject({ advancePaid: '1000.00', balanceDue: '0.00', depositHeld: '0.00' });
    expect(payments.items).toHaveLength(3);
    expect((await ledger(manager, `reservationId=${stay.id}`)).totals).toEqual({
      income: '1000.00',
      expense: '0.00',
      net: '1000.00',
      held: '0.00',
    });
    expect((await books(organizationId)).entries).toHaveLength(3);
  });

  /**
   * Two instances of the application, each with its services and its event
   * bus, handle the same events at once and again later. On the PostgreSQL
   * server each has its own pool of connections, so the transactions really
   * race; SQLite and PGlite take one writer at a time on the one database.
   */
  it('posts what an event causes exactly once, whichever instance handles it and however often', async () => {
    const { app, db } = get();
    const { admin, manager, villa, organizationId } = await team();
    const databases: Database[] =
      db.name === 'postgres' ? [db.database, await createDatabase(db.config)] : [db.database, db.database];
    const instances = databases.map((database) => {
      const services = createServices({
        database,
        config: testConfig({ database: db.config }),
        log: app.log,
        now: () => new Date(),
      });
      const events = new DomainEventBus();
      financeReactions(events, services.finance);
      return {
        services,
        publish: <Name extends keyof DomainEvents>(name: Name, event: DomainEvents[Name]) =>
          inTransaction(database.db, (tx) => events.publish(tx, name, event)),
      };
    });
    try {
      const issue = (
        await api(manager, 'POST', '/api/v1/maintenance/issues', {
          houseId: villa.id,
          type: 'heating',
          title: 'Heat pump',
        })
      ).json();
      const resolved: DomainEvents['maintenance.resolved'] = {
        organizationId,
        houseId: villa.id,
        issueId: issue.id,
        title: 'Heat pump',
        version: 2,
        date: '2041-06-01',
        costCents: 12_345,
        laborCents: 10_000,
        materialsCents: 2_345,
        userId: admin.user.id,
        now: new Date().toISOString(),
      };
      const raced = (count: number, run: (instance: (typeof instances)[number]) => Promise<void>) =>
        Promise.allSettled(
          Array.from({ length: count }, async (_, i) => {
            const instance = instances[i % 2];
            if (!instance) throw new Error('two instances');
            await run(instance);
          }),
        );
      const rows = () =>
        app.db
          .selectFrom('ledger_entries')
          .select(['id', 'type', 'amount_cents', 'origin', 'adjusts_entry_id', 'purpose'])
          .where('maintenance_issue_id', '=', issue.id)
          .orderBy('id')
          .execute();

      const outcomes = await raced(8, (instance) => instance.publish('maintenance.resolved', resolved));
      // Nobody failed: the database kept the second posting out quietly.
      expect(outcomes.map((outcome) => outcome.status)).toEqual(Array(8).fill('fulfilled'));
      expect(await rows()).toMatchObject([
        {
          type: 'expense',
          amount_cents: 12_345,
          origin: 'maintenance',
          adjusts_entry_id: null,
          purpose: 'cost',
        },
      ]);
      // A retry later, on either instance.
      await instances[1]?.publish('maintenance.resolved', resolved);
      await instances[0]?.publish('maintenance.resolved', { ...resolved, costCents: 99_999 });
      expect(await rows()).toHaveLength(1);

      // A cost changed: the difference once.
      const [cost] = await rows();
      const changed: DomainEvents['maintenance.costChanged'] = {
        ...resolved,
        version: 3,
        costCents: 10_000,
        previousCostCents: 12_345,
        date: '2041-06-03',
      };
      const changes = await raced(6, (instance) => instance.publish('maintenance.costChanged', changed));
      expect(changes.map((outcome) => outcome.status)).toEqual(Array(6).fill('fulfilled'));
      await instances[0]?.publish('maintenance.costChanged', changed);
      const after = await rows();
      expect(after).toHaveLength(2);
      expect(after[1]).toMatchObject({
        type: 'income',
        amount_cents: 2_345,
        origin: 'adjustment',
        adjusts_entry_id: cost?.id,
      });

      // A cancellation handled twice at once reverses each entry once.
      const stay = await createReservation(app, admin, { houseId: villa.id, totalPrice: '700.00' });
      await paid(manager, stay.id, { amount: '200.00', kind: 'advance' });
      await paid(manager, stay.id, { amount: '100.00', kind: 'deposit' });
      const cancelled: DomainEvents['reservation.recorded'] = {
        organizationId,
        reservationId: stay.id,
        action: 'cancel',
      };
      const reversals = await raced(6, (instance) => instance.publish('reservation.recorded', cancelled));
      expect(reversals.map((outcome) => outcome.status)).toEqual(Array(6).fill('fulfilled'));
      await instances[1]?.publish('reservation.recorded', cancelled);
      const stayLedger = await ledger(manager, `reservationId=${stay.id}`);
      expect(stayLedger.items).toHaveLength(4);
      expect(stayLedger.totals).toEqual({ income: '200.00', expense: '200.00', net: '0.00', held: '0.00' });
    } finally {
      for (const instance of instances) instance.services.outbox.close();
      if (databases[1] !== db.database) await databases[1]?.close();
    }
  });

  it("posts a work order's first cost, when a change of cost brings it, once however often the change is handled", async () => {
    const { app, db } = get();
    const { admin, manager, villa, organizationId } = await team();
    const services = createServices({
      database: db.database,
      config: testConfig({ database: db.config }),
      log: app.log,
      now: () => new Date(),
    });
    const events = new DomainEventBus();
    financeReactions(events, services.finance);
    const publish = <Name extends keyof DomainEvents>(name: Name, event: DomainEvents[Name]) =>
      inTransaction(db.database.db, (tx) => events.publish(tx, name, event));
    try {
      const issue = (
        await api(manager, 'POST', '/api/v1/maintenance/issues', {
          houseId: villa.id,
          type: 'heating',
          title: 'Heat pump',
        })
      ).json();
      const rows = () =>
        app.db
          .selectFrom('ledger_entries')
          .select(['type', 'amount_cents', 'origin', 'purpose'])
          .where('maintenance_issue_id', '=', issue.id)
          .orderBy('id')
          .execute();
      // Resolved when it cost nothing, so nothing was posted; the cost found later is posted by its change.
      const found: DomainEvents['maintenance.costChanged'] = {
        organizationId,
        houseId: villa.id,
        issueId: issue.id,
        title: 'Heat pump',
        version: 4,
        date: '2041-06-02',
        costCents: 8_000,
        laborCents: 8_000,
        materialsCents: 0,
        previousCostCents: 0,
        userId: admin.user.id,
        now: new Date().toISOString(),
      };
      await publish('maintenance.costChanged', found);
      await publish('maintenance.costChanged', found);
      expect(await rows()).toEqual([
        { type: 'expense', amount_cents: 8_000, origin: 'maintenance', purpose: 'cost' },
      ]);
      // The next change posts the difference, once too.
      const lower = { ...found, version: 5, costCents: 6_500, previousCostCents: 8_000 };
      await publish('maintenance.costChanged', lower);
      await publish('maintenance.costChanged', lower);
      expect(await rows()).toEqual([
        { type: 'expense', amount_cents: 8_000, origin: 'maintenance', purpose: 'cost' },
        { type: 'income', amount_cents: 1_500, origin: 'adjustment', purpose: 'cost-change:5' },
      ]);
    } finally {
      services.outbox.close();
    }
  });

  it('sums a range that starts inside the last month a date can be in from its entries, not the whole month', async () => {
    const { manager, studio } = await team();
    await entered(manager, { houseId: studio.id, date: '9999-12-01', amount: '10.00' });
    await entered(manager, { houseId: studio.id, date: '9999-12-20', amount: '2.50' });
    const summary = await api(
      manager,
      'GET',
      `/api/v1/finance/summary?houseId=${studio.id}&from=9999-12-15&to=9999-12-31`,
    );
    expect(summary.statusCode, summary.body).toBe(200);
    expect(summary.json().rows).toEqual([
      { month: '9999-12', income: '0.00', expense: '2.50', net: '-2.50' },
    ]);
    const listed = await ledger(manager, `houseId=${studio.id}&from=9999-12-15`);
    expect(listed.items).toHaveLength(1);
    expect(listed.totals).toEqual({ income: '0.00', expense: '2.50', net: '-2.50', held: '0.00' });
  });

  it('leaves what was entered by hand for a cancelled stay as it is, with its corrections', async () => {
    const { admin, manager, villa } = await team();
    const stay = await createReservation(get().app, admin, { houseId: villa.id, totalPrice: '500.00' });
    await paid(manager, stay.id, { amount: '100.00', kind: 'advance' });
    // A cleaning fee the guest owes whatever happens, entered by hand and corrected since.
    const fee = await entered(manager, {
      houseId: villa.id,
      reservationId: stay.id,
      type: 'income',
      category: 'cleaning_fee',
      description: 'Cleaning',
      amount: '60.00',
    });
    const corrected = await api(manager, 'POST', `/api/v1/ledger/${fee.id}/adjustments`, {
      amount: '-15.00',
      description: 'Discount',
      date: '2041-03-11',
    });
    expect(corrected.statusCode, corrected.body).toBe(201);
    const cancelled = await api(manager, 'PATCH', `/api/v1/reservations/${stay.id}`, { status: 'cancelled' });
    expect(cancelled.statusCode, cancelled.body).toBe(200);
    const after = await ledger(manager, `reservationId=${stay.id}`);
    // The advance is reversed; the fee stays at 45.00 (60.00 less its 15.00 correction).
    expect(after.items).toHaveLength(4);
    expect(after.totals).toEqual({ income: '160.00', expense: '115.00', net: '45.00', held: '0.00' });
  });

  it("takes a deleted entry's receipts with it", async () => {
    const { app } = get();
    const { manager } = await team();
    const entry = await entered(manager);
    const body = fileUpload(pdfWithJavaScript(), {
      fileName: 'ticket.pdf',
      contentType: 'application/pdf',
      kind: 'receipt',
    });
    const receipt = await app.inject({
      method: 'POST',
      url: `/api/v1/ledger/${entry.id}/attachments`,
      headers: { ...headersOf(manager), ...body.headers },
      payload: body.payload,
    });
    expect(receipt.statusCode, receipt.body).toBe(201);
    const stored = await app.db
      .selectFrom('attachments')
      .select('content_key')
      .where('id', '=', receipt.json().id)
      .executeTakeFirstOrThrow();

    expect((await api(manager, 'DELETE', `/api/v1/ledger/${entry.id}`)).statusCode).toBe(204);
    expect(
      await app.db.selectFrom('attachments').select('id').where('owner_id', '=', entry.id).execute(),
    ).toEqual([]);
    expect(
      await app.db
        .selectFrom('attachment_contents')
        .select('key')
        .where('key', '=', stored.content_key)
        .execute(),
    ).toEqual([]);
  });

  /**
   * Two entries moved past each other at once (one from supplies to
   * utilities, the other back) each change two running totals. On the
   * PostgreSQL server a third connection holds the first row for a moment,
   * so both writers are under way together when it lets go.
   */
  it('moves two entries past each other at once, both answered and the totals in step', async () => {
    const { db } = get();
    const { manager, studio } = await team();
    const one = await entered(manager, { houseId: studio.id, category: 'supplies', amount: '10.00' });
    const other = await entered(manager, { houseId: studio.id, category: 'utilities', amount: '7.00' });
    const holder = db.name === 'postgres' ? await createDatabase(db.config) : undefined;
    let release = () => {};
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    let held = () => {};
    const holding = new Promise<void>((resolve) => {
      held = resolve;
    });
    const locking = holder?.db.transaction().execute(async (tx) => {
      await tx
        .selectFrom('ledger_totals')
        .select('month')
        .where('house_key', '=', studio.id)
        .where('category', '=', 'supplies')
        .forUpdate()
        .execute();
      held();
      await released;
    });
    try {
      if (holder) await holding;
      const pause = () => new Promise((resolve) => setTimeout(resolve, holder ? 300 : 0));
      const first = api(manager, 'PATCH', `/api/v1/ledger/${one.id}`, { category: 'utilities' });
      await pause();
      const second = api(manager, 'PATCH', `/api/v1/ledger/${other.id}`, { category: 'supplies' });
      await pause();
      release();
      await locking;
      for (const answer of await Promise.all([first, second])) {
        expect(answer.statusCode, answer.body).toBe(200);
      }
    } finally {
      release();
      await holder?.close();
    }
    const totals = async (category: string) =>
      (await ledger(manager, `houseId=${studio.id}&category=${category}&from=2041-03-01&to=2041-04-01`))
        .totals.expense;
    expect([await totals('supplies'), await totals('utilities')]).toEqual(['7.00', '10.00']);
    expect(
      (
        await api(
          manager,
          'GET',
          `/api/v1/finance/summary?houseId=${studio.id}&from=2041-03-01&to=2041-04-01`,
        )
      ).json().totals.expense,
    ).toBe('17.00');
  });

  /**
   * A delete and a write naming what it deletes, sent at once: either the
   * delete comes first and the write finds nothing (404), or the write does
   * and the delete is refused (409) — never a key refused halfway (a 500).
   * On the PostgreSQL server they really run together.
   */
  it('deletes a house, a stay or an entry while something is written for it at the same moment: one waits for the other', async () => {
    const { app } = get();
    const { admin, manager } = await team();
    const houses = [];
    for (let i = 0; i < 8; i += 1) houses.push(await createHouse(app, admin));
    const home = await createHouse(app, admin);
    const stays = [];
    for (let i = 0; i < 8; i += 1) stays.push(await createReservation(app, admin, { houseId: home.id }));
    const entries = [];
    for (let i = 0; i < 8; i += 1) entries.push(await entered(manager, { houseId: home.id }));

    const pairs = await Promise.all([
      ...houses.map((house) =>
        Promise.all([
          enter(manager, { houseId: house.id }),
          api(admin, 'DELETE', `/api/v1/houses/${house.id}`),
        ]),
      ),
      ...stays.map((stay) =>
        Promise.all([
          enter(manager, { houseId: home.id, reservationId: stay.id, type: 'income', category: 'extra' }),
          api(manager, 'DELETE', `/api/v1/reservations/${stay.id}`),
        ]),
      ),
      ...entries.map((entry) =>
        Promise.all([
          api(manager, 'POST', `/api/v1/ledger/${entry.id}/adjustments`, {
            amount: '1.00',
            description: 'Correction',
            date: '2041-03-12',
          }),
          api(manager, 'DELETE', `/api/v1/ledger/${entry.id}`),
        ]),
      ),
    ]);
    for (const [write, removal] of pairs) {
      if (write.statusCode === 201) problem(removal, 409);
      else {
        problem(write, 404);
        expect(removal.statusCode, removal.body).toBe(204);
      }
    }
  });

  /**
   * A payment holds its stay, then moves the calendar's version (the stay
   * changed); a delete of the stay moved that version first, then took the
   * stay. On the PostgreSQL server a third connection holds the stay for a
   * moment, so the payment is first in line for it and the delete second.
   */
  it('takes a payment and a delete of its stay sent at once one after the other', async () => {
    const { db } = get();
    const { admin, manager, villa } = await team();
    const stay = await createReservation(get().app, admin, { houseId: villa.id, totalPrice: '300.00' });
    const holder = db.name === 'postgres' ? await createDatabase(db.config) : undefined;
    let release = () => {};
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    let held = () => {};
    const holding = new Promise<void>((resolve) => {
      held = resolve;
    });
    const locking = holder?.db.transaction().execute(async (tx) => {
      await tx.selectFrom('reservations').select('id').where('id', '=', stay.id).forUpdate().execute();
      held();
      await released;
    });
    try {
      if (holder) await holding;
      const pause = () => new Promise((resolve) => setTimeout(resolve, holder ? 300 : 0));
      const payment = pay(manager, stay.id, { amount: '100.00', kind: 'advance' });
      await pause();
      const removal = api(manager, 'DELETE', `/api/v1/reservations/${stay.id}`);
      await pause();
      release();
      await locking;
      const [paidAnswer, removalAnswer] = await Promise.all([payment, removal]);
      // SQLite and PGlite take one writer at a time, in whichever order they come.
      if (holder || paidAnswer.statusCode === 201) {
        expect(paidAnswer.statusCode, paidAnswer.body).toBe(201);
        problem(removalAnswer, 409, 'has-ledger-entries');
        expect(await stayMoney(manager, stay.id)).toEqual({ advancePaid: '100.00', balanceDue: '200.00' });
      } else {
        problem(paidAnswer, 404);
        expect(removalAnswer.statusCode, removalAnswer.body).toBe(204);
      }
    } finally {
      release();
      await holder?.close();
    }
  });

  it('keeps an adjusted entry in its house, with its adjustments: no owner sees a correction of another house', async () => {
    const { manager, owner, villa, studio, organizationId } = await team();
    const entry = await entered(manager, { houseId: studio.id });
    const corrected = await api(manager, 'POST', `/api/v1/ledger/${entry.id}/adjustments`, {
      amount: '-2.50',
      description: 'Returned a sponge',
      date: '2041-03-12',
    });
    expect(corrected.statusCode, corrected.body).toBe(201);
    const before = await books(organizationId);
    for (const houseId of [villa.id, null]) {
      problem(await api(manager, 'PATCH', `/api/v1/ledger/${entry.id}`, { houseId }), 409, 'adjusted');
    }
    expect(await books(organizationId)).toEqual(before);
    problem(await api(owner, 'GET', `/api/v1/ledger/${entry.id}`), 404);
    const described = await api(manager, 'PATCH', `/api/v1/ledger/${entry.id}`, {
      houseId: studio.id,
      description: 'Sponges',
    });
    expect(described.statusCode, described.body).toBe(200);
  });
});
