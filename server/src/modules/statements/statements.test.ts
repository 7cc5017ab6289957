import type { LightMyRequestResponse } from 'fastify';
import { extractText, getDocumentProxy } from 'unpdf';
import { expect, it } from 'vitest';
import { describeApp } from '../../../test/app.ts';
import {
  type Actor,
  addMember,
  bearer,
  createHouse,
  createReservation,
  registerUser,
} from '../../../test/factories.ts';
import type { Tx } from '../../db/database.ts';
import type { Member } from '../../kernel/access.ts';
import { listClosings, listEntries } from '../finance/finance.repository.ts';
import type { FinanceService } from '../finance/finance.service.ts';
import { printable } from './statements.pdf.ts';
import { StatementsService, shareOf, totalText } from './statements.service.ts';

const PROBLEM = 'application/problem+json; charset=utf-8';

/** The text of a PDF, its spaces (no-break ones too) made plain. */
async function pdfText(bytes: Buffer): Promise<string> {
  const document = await getDocumentProxy(new Uint8Array(bytes));
  const { text } = await extractText(document, { mergePages: true });
  return text.replace(/\s+/g, ' ');
}

it('takes a share of an amount rounded half up to the cent, in integers', () => {
  expect(shareOf(65_002, 2_500)).toBe(16_251n); // 162.505 → 162.51
  expect(shareOf(70_001, 2_000)).toBe(14_000n); // 140.002 → 140.00
  expect(shareOf(-65_002, 2_500)).toBe(-16_251n); // half away from zero
  expect(shareOf(1, 4_999)).toBe(0n);
  expect(shareOf(1, 5_000)).toBe(1n);
  expect(shareOf(99_999_999_999_999, 10_000)).toBe(99_999_999_999_999n);
  // Past 2^53 (a month of many large amounts), still to the cent.
  expect(shareOf(9_007_199_254_740_993n, 5_000)).toBe(4_503_599_627_370_497n);
});

it('writes totals past 2^53 to the cent', () => {
  expect(totalText(9_007_199_254_740_993n)).toBe('90071992547409.93');
  expect(totalText(-5n)).toBe('-0.05');
  expect(totalText(0n)).toBe('0.00');
});

it('writes in the PDF only what its standard font has glyphs for', () => {
  expect(printable('Relevé — 1\u202F234,56\u00A0€ “ok” Œuvre')).toBe(
    'Relevé — 1\u00A0234,56\u00A0€ “ok” Œuvre',
  );
  expect(printable('Łukasz Śliwiński 王 😀')).toBe('Lukasz Sliwinski ? ?');
});

describeApp('owner statements', (get) => {
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
    const admin = await registerUser(app, { organizationName: 'Conciergerie du Lac' });
    const manager = await addMember(app, admin, 'manager');
    const staff = await addMember(app, admin, 'staff');
    const owner = await addMember(app, admin, 'owner');
    const villa = await createHouse(app, admin, { name: 'Villa Les Pins' });
    const studio = await createHouse(app, admin);
    const assigned = await api(admin, 'PUT', `/api/v1/members/${owner.user.id}/houses`, {
      houseIds: [villa.id],
    });
    expect(assigned.statusCode, assigned.body).toBe(200);
    return { admin, manager, staff, owner, villa, studio };
  }

  function problem(response: LightMyRequestResponse, status: number, code?: string) {
    expect(response.statusCode, response.body).toBe(status);
    expect(response.headers['content-type']).toBe(PROBLEM);
    const body = response.json();
    expect(body.status).toBe(status);
    if (code) expect(body.type).toBe(`urn:staykeep:problem:${code}`);
    return body;
  }

  const contract = async (actor: Actor, houseId: string, fields: object) => {
    const response = await api(actor, 'POST', `/api/v1/houses/${houseId}/owner-contracts`, fields);
    expect(response.statusCode, response.body).toBe(201);
    return response.json();
  };
  const statementOf = (actor: Actor, houseId: string, month: string, query = '', extra = {}) =>
    api(actor, 'GET', `/api/v1/owner-statements?houseId=${houseId}&month=${month}${query}`, undefined, extra);
  const enter = async (actor: Actor, fields: object) => {
    const response = await api(actor, 'POST', '/api/v1/ledger', fields);
    expect(response.statusCode, response.body).toBe(201);
  };
  const pay = async (actor: Actor, stayId: string, fields: object) => {
    const response = await api(actor, 'POST', `/api/v1/reservations/${stayId}/payments`, fields);
    expect(response.statusCode, response.body).toBe(201);
  };

  /** March 2041 of the villa, every figure computed by hand below. */
  async function march() {
    const people = await team();
    const { app } = get();
    const { manager, villa, studio } = people;
    await contract(manager, villa.id, { effectiveFrom: '2041-01', accommodationRate: '20', incomeRate: 25 });
    // 4 nights at 1000.03: 250.01, 250.01 (February), 250.01, 250.00 (March) → 500.01 in March.
    const across = await createReservation(app, manager, {
      houseId: villa.id,
      checkIn: '2041-02-27',
      checkOut: '2041-03-03',
      totalPrice: '1000.03',
      guestName: 'Ana Lima',
      guestEmail: 'ana@example.org',
    });
    // 3 nights at 300.00, two of them in March → 200.00.
    await createReservation(app, manager, {
      houseId: villa.id,
      checkIn: '2041-03-30',
      checkOut: '2041-04-02',
      totalPrice: '300.00',
      source: 'airbnb',
      guestName: 'Bo Chen',
    });
    const cancelled = await createReservation(app, manager, {
      houseId: villa.id,
      checkIn: '2041-03-10',
      checkOut: '2041-03-12',
      totalPrice: '500.00',
      guestName: 'Cancelled Guest',
    });
    expect(
      (await api(manager, 'PATCH', `/api/v1/reservations/${cancelled.id}`, { status: 'cancelled' }))
        .statusCode,
    ).toBe(200);
    await createReservation(app, manager, {
      houseId: studio.id,
      checkIn: '2041-03-05',
      checkOut: '2041-03-08',
      totalPrice: '900.00',
    });
    // Income 600.00 + 12.34 + 50.02 = 662.36; the deposit is held, not counted.
    await pay(manager, across.id, { date: '2041-03-02', kind: 'balance', amount: '600.00' });
    await pay(manager, across.id, { date: '2041-03-02', kind: 'deposit', amount: '300.00' });
    const entry = { houseId: villa.id, type: 'income' };
    await enter(manager, {
      ...entry,
      date: '2041-03-05',
      category: 'tourist_tax',
      description: 'Taxe de séjour',
      amount: '12.34',
    });
    await enter(manager, {
      ...entry,
      date: '2041-03-20',
      category: 'extra',
      description: '=SUM(A1:A9)',
      amount: '50.02',
    });
    await enter(manager, {
      ...entry,
      type: 'expense',
      date: '2041-03-15',
      category: 'supplies',
      description: 'Linge',
      amount: '80.00',
    });
    // Not the villa's March: another house, the whole organization, April.
    await enter(manager, {
      ...entry,
      houseId: studio.id,
      date: '2041-03-05',
      category: 'rent',
      description: 'Studio',
      amount: '999.00',
    });
    await enter(manager, {
      date: '2041-03-05',
      type: 'expense',
      category: 'insurance',
      description: 'Assurance',
      amount: '77.00',
    });
    await enter(manager, {
      ...entry,
      date: '2041-04-01',
      category: 'extra',
      description: 'Avril',
      amount: '40.00',
    });
    return { ...people, across };
  }

  it('answers a month by hand: stays split by nights, the house’s entries, tourist tax outside the commission, rounding to the cent', async () => {
    const { manager, villa, across } = await march();
    const response = await statementOf(manager, villa.id, '2041-03');
    expect(response.statusCode, response.body).toBe(200);
    const statement = response.json();
    expect(statement).toMatchObject({
      houseId: villa.id,
      houseCode: villa.code,
      houseName: 'Villa Les Pins',
      organizationName: 'Conciergerie du Lac',
      month: '2041-03',
      currency: 'EUR',
      closed: false,
      contract: { effectiveFrom: '2041-01', accommodationRate: '20.00', incomeRate: '25.00' },
      accommodation: '700.01',
      income: '662.36',
      expense: '80.00',
      touristTax: '12.34',
      // 20 % of 700.01 = 140.002 → 140.00; 25 % of (662.36 − 12.34) = 162.505 → 162.51.
      commission: '302.51',
      // 662.36 − 80.00 − 302.51
      net: '279.85',
    });
    expect(statement.stays).toEqual([
      {
        reservationId: across.id,
        checkIn: '2041-02-27',
        checkOut: '2041-03-03',
        nights: 2,
        source: 'direct',
        guestName: 'Ana Lima',
        accommodation: '500.01',
      },
      expect.objectContaining({
        checkIn: '2041-03-30',
        nights: 2,
        source: 'airbnb',
        accommodation: '200.00',
      }),
    ]);
    // No guest contact details in a statement.
    expect(response.body).not.toContain('ana@example.org');
    expect(
      statement.entries.map(
        (entry: { date: string; type: string; category: string; amount: string; held: boolean }) =>
          `${entry.date} ${entry.type} ${entry.category} ${entry.amount}${entry.held ? ' held' : ''}`,
      ),
    ).toEqual([
      '2041-03-02 income rent 600.00',
      '2041-03-02 income deposit 300.00 held',
      '2041-03-05 income tourist_tax 12.34',
      '2041-03-15 expense supplies 80.00',
      '2041-03-20 income extra 50.02',
    ]);
    expect(statement.entries[0]).toEqual({
      id: expect.any(String),
      date: '2041-03-02',
      type: 'income',
      category: 'rent',
      description: expect.any(String),
      amount: '600.00',
      held: false,
      origin: 'reservation',
    });

    // Bad months are the request's fault.
    problem(await statementOf(manager, villa.id, '2041-13'), 400, 'validation-error');
    problem(await statementOf(manager, villa.id, '2041-3'), 400, 'validation-error');
    problem(await statementOf(manager, villa.id, '9999-12'), 400, 'validation-error');
  });

  /** The day a cancellation reverses a stay's payments on: the clock, moved there before anyone signs in. */
  const cancellingOn = (day: string) => get().clock.advance(Date.parse(`${day}T12:00:00Z`) - Date.now());
  const cancel = async (actor: Actor, stayId: string) => {
    const response = await api(actor, 'PATCH', `/api/v1/reservations/${stayId}`, { status: 'cancelled' });
    expect(response.statusCode, response.body).toBe(200);
  };
  const entryLines = (statement: {
    entries: { date: string; type: string; category: string; amount: string; origin: string }[];
  }) =>
    statement.entries.map(
      (entry) => `${entry.date} ${entry.type} ${entry.category} ${entry.amount} ${entry.origin}`,
    );

  it('takes no commission on a stay paid and cancelled in the same month', async () => {
    cancellingOn('2041-05-15');
    const { manager, villa } = await team();
    await contract(manager, villa.id, { effectiveFrom: '2041-01', accommodationRate: 20, incomeRate: 25 });
    const stay = await createReservation(get().app, manager, {
      houseId: villa.id,
      checkIn: '2041-05-20',
      checkOut: '2041-05-22',
      totalPrice: '600.00',
    });
    await pay(manager, stay.id, { date: '2041-05-02', kind: 'advance', amount: '600.00' });
    await cancel(manager, stay.id);
    const statement = (await statementOf(manager, villa.id, '2041-05')).json();
    expect(statement).toMatchObject({
      stays: [],
      accommodation: '0.00',
      // The ledger's own sums: the payment and its reversal.
      income: '600.00',
      expense: '600.00',
      touristTax: '0.00',
      // 25 % of (600.00 − 600.00 given back), not of 600.00.
      commission: '0.00',
      net: '0.00',
    });
    expect(entryLines(statement)).toEqual([
      '2041-05-02 income rent 600.00 reservation',
      '2041-05-15 expense rent 600.00 adjustment',
    ]);
  });

  it('takes the commission on income less refunds, and none below zero', async () => {
    const { manager, villa } = await team();
    await contract(manager, villa.id, { effectiveFrom: '2041-01', accommodationRate: 0, incomeRate: 25 });
    const stay = await createReservation(get().app, manager, {
      houseId: villa.id,
      checkIn: '2041-07-10',
      checkOut: '2041-07-12',
      totalPrice: '1000.00',
    });
    await pay(manager, stay.id, { date: '2041-05-02', kind: 'advance', amount: '600.00' });
    await pay(manager, stay.id, { date: '2041-05-10', kind: 'refund', amount: '100.00' });
    await enter(manager, {
      houseId: villa.id,
      type: 'expense',
      date: '2041-05-12',
      category: 'supplies',
      description: 'Linge',
      amount: '40.00',
    });
    expect((await statementOf(manager, villa.id, '2041-05')).json()).toMatchObject({
      income: '600.00',
      expense: '140.00',
      // 25 % of (600.00 − 100.00 refunded); the supplies are the owner's cost, not money given back.
      commission: '125.00',
      net: '335.00',
    });
    // A month that gave back more than it received: no commission on income, not a negative one.
    await pay(manager, stay.id, { date: '2041-06-03', kind: 'refund', amount: '200.00' });
    await enter(manager, {
      houseId: villa.id,
      type: 'income',
      date: '2041-06-04',
      category: 'extra',
      description: 'Late check-out',
      amount: '30.00',
    });
    expect((await statementOf(manager, villa.id, '2041-06')).json()).toMatchObject({
      income: '30.00',
      expense: '200.00',
      commission: '0.00',
      net: '-170.00',
    });
  });

  it('counts a tourist tax collected then reversed with its stay as not collected', async () => {
    cancellingOn('2041-05-15');
    const { admin, manager, villa } = await team();
    await contract(manager, villa.id, { effectiveFrom: '2041-01', accommodationRate: 0, incomeRate: 25 });
    const rule = await api(admin, 'PUT', `/api/v1/houses/${villa.id}/tourist-tax`, {
      mode: 'per_night',
      rate: '1.65',
    });
    expect(rule.statusCode, rule.body).toBeLessThan(300);
    const stay = await createReservation(get().app, manager, {
      houseId: villa.id,
      checkIn: '2041-05-20',
      checkOut: '2041-05-22',
      guests: 2,
      totalPrice: '300.00',
    });
    const taxed = await api(admin, 'POST', `/api/v1/reservations/${stay.id}/tourist-tax`, {
      date: '2041-05-03',
    });
    expect(taxed.statusCode, taxed.body).toBe(201);
    await enter(manager, {
      houseId: villa.id,
      type: 'income',
      date: '2041-05-04',
      category: 'extra',
      description: 'Ménage supplémentaire',
      amount: '100.00',
    });
    // Collected: 1.65 × 2 adults × 2 nights.
    expect((await statementOf(manager, villa.id, '2041-05')).json()).toMatchObject({
      touristTax: '6.60',
      commission: '25.00',
    });
    await cancel(manager, stay.id);
    const statement = (await statementOf(manager, villa.id, '2041-05')).json();
    expect(statement).toMatchObject({
      income: '106.60',
      expense: '6.60',
      touristTax: '0.00',
      // 25 % of the 100.00 extra: the tax and its reversal are outside the base.
      commission: '25.00',
      net: '75.00',
    });
    expect(entryLines(statement)).toEqual([
      '2041-05-03 income tourist_tax 6.60 reservation',
      '2041-05-04 income extra 100.00 manual',
      '2041-05-15 expense tourist_tax 6.60 adjustment',
    ]);
  });

  it('prints the statement as a PDF whose text carries the totals, in French or English, and as CSV', async () => {
    const { manager, owner, villa } = await march();
    const english = await statementOf(manager, villa.id, '2041-03', '&lang=en', {
      accept: 'application/pdf',
    });
    expect(english.statusCode, english.body).toBe(200);
    expect(english.headers['content-type']).toBe('application/pdf');
    expect(english.headers['content-disposition']).toBe(
      `attachment; filename="statement-${villa.code}-2041-03.pdf"`,
    );
    const text = await pdfText(english.rawPayload);
    for (const expected of [
      'Conciergerie du Lac',
      'Owner statement',
      `${villa.code} — Villa Les Pins`,
      'March 2041',
      'Ana Lima',
      '€500.01',
      'Accommodation €700.01',
      'Income €662.36',
      'Expenses €80.00',
      '€12.34',
      '(20% of accommodation, 25% of income excluding tourist tax) €302.51',
      'Net due to the owner €279.85',
    ]) {
      expect(text).toContain(expected);
    }
    expect(text).not.toContain('Cancelled Guest');

    // The owner's own language, unless asked otherwise.
    expect((await api(owner, 'PATCH', '/api/v1/users/me', { locale: 'fr' })).statusCode).toBeLessThan(300);
    const french = await statementOf(owner, villa.id, '2041-03', '&format=pdf');
    expect(french.statusCode, french.body).toBe(200);
    const texte = await pdfText(french.rawPayload);
    for (const expected of [
      'Relevé propriétaire',
      'mars 2041',
      'Hébergement 700,01 €',
      'Recettes 662,36 €',
      'Dépenses 80,00 €',
      'Taxe de séjour perçue (due à la commune, hors commission) 12,34 €',
      'Commission de gestion (20 % de l’hébergement, 25 % des recettes hors taxe de séjour) 302,51 €',
      'Net dû au propriétaire 279,85 €',
    ]) {
      expect(texte).toContain(expected);
    }

    const csv = await statementOf(owner, villa.id, '2041-03', '&format=csv');
    expect(csv.statusCode, csv.body).toBe(200);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.headers['content-disposition']).toBe(
      `attachment; filename="statement-${villa.code}-2041-03.csv"`,
    );
    expect(csv.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const lines = csv.body.replace('\uFEFF', '').split('\r\n');
    expect(lines[0]).toBe('section;date;check_out;nights;source;category;type;description;amount;held;id');
    expect(lines).toContain(
      `stay;2041-02-27;2041-03-03;2;direct;;;Ana Lima;500,01;;${(await statementOf(owner, villa.id, '2041-03')).json().stays[0].reservationId}`,
    );
    // A description that would run as a formula in a spreadsheet is neutralized.
    expect(lines.some((line: string) => line.includes(";'=SUM(A1:A9);50,02;no;"))).toBe(true);
    expect(lines).toContain('total;;;;;;;commission;302,51;;');
    expect(lines).toContain('total;;;;;;;net;279,85;;');
    const englishCsv = await statementOf(owner, villa.id, '2041-03', '&format=csv&lang=en');
    expect(englishCsv.body).toContain('total;;;;;;;net;279.85;;');
  });

  it('takes each month’s contract in force; a contract change never touches a closed month', async () => {
    const { admin, manager, owner, villa } = await team();
    const first = await contract(manager, villa.id, {
      effectiveFrom: '2041-01',
      accommodationRate: 20,
      incomeRate: '0',
      note: 'Mandat de gestion 2041',
    });
    expect(first).toEqual({
      id: expect.any(String),
      houseId: villa.id,
      effectiveFrom: '2041-01',
      accommodationRate: '20.00',
      incomeRate: '0.00',
      note: 'Mandat de gestion 2041',
      createdAt: expect.any(String),
      createdBy: manager.user.id,
    });
    const created = await api(manager, 'POST', `/api/v1/houses/${villa.id}/owner-contracts`, {
      effectiveFrom: '2041-06',
      accommodationRate: '10.5',
      incomeRate: 0,
    });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.headers.location).toBe(`/api/v1/owner-contracts/${created.json().id}`);
    const fetched = await api(owner, 'GET', `/api/v1/owner-contracts/${created.json().id}`);
    expect(fetched.json()).toMatchObject({
      effectiveFrom: '2041-06',
      accommodationRate: '10.50',
      incomeRate: '0.00',
    });
    problem(
      await api(manager, 'POST', `/api/v1/houses/${villa.id}/owner-contracts`, {
        effectiveFrom: '2041-06',
        accommodationRate: 1,
        incomeRate: 1,
      }),
      409,
      'contract-exists',
    );
    problem(
      await api(manager, 'POST', `/api/v1/houses/${villa.id}/owner-contracts`, {
        effectiveFrom: '2041-07',
        accommodationRate: '100.01',
        incomeRate: 1,
      }),
      400,
      'validation-error',
    );
    problem(
      await api(owner, 'POST', `/api/v1/houses/${villa.id}/owner-contracts`, {
        effectiveFrom: '2041-07',
        accommodationRate: 1,
        incomeRate: 1,
      }),
      403,
      'forbidden',
    );
    const listed = await api(owner, 'GET', `/api/v1/houses/${villa.id}/owner-contracts`);
    expect(listed.statusCode, listed.body).toBe(200);
    expect(listed.json().items.map((item: { effectiveFrom: string }) => item.effectiveFrom)).toEqual([
      '2041-01',
      '2041-06',
    ]);

    // A stay of 400.00 in May and one in June: each month's commission by its contract.
    await createReservation(get().app, manager, {
      houseId: villa.id,
      checkIn: '2041-05-10',
      checkOut: '2041-05-12',
      totalPrice: '400.00',
    });
    const june = await createReservation(get().app, manager, {
      houseId: villa.id,
      checkIn: '2041-06-10',
      checkOut: '2041-06-12',
      totalPrice: '400.10',
    });
    const may = (await statementOf(manager, villa.id, '2041-05')).json();
    expect(may).toMatchObject({
      contract: { effectiveFrom: '2041-01' },
      accommodation: '400.00',
      commission: '80.00',
    });
    // 10.5 % of 400.10 = 42.0105 → 42.01
    const juneStatement = (await statementOf(manager, villa.id, '2041-06')).json();
    expect(juneStatement).toMatchObject({
      contract: { effectiveFrom: '2041-06' },
      commission: '42.01',
      net: '-42.01',
    });
    expect((await statementOf(manager, villa.id, '2041-12')).json().contract.effectiveFrom).toBe('2041-06');
    expect((await statementOf(manager, villa.id, '2040-12')).json()).toMatchObject({
      contract: null,
      commission: '0.00',
    });

    // June is closed: what it printed first is what it prints afterwards.
    expect((await api(admin, 'POST', '/api/v1/finance/closings', { month: '2041-06' })).statusCode).toBe(201);
    const closed = await statementOf(owner, villa.id, '2041-06');
    expect(closed.statusCode, closed.body).toBe(200);
    expect(closed.json()).toMatchObject({ closed: true, accommodation: '400.10', commission: '42.01' });
    const pdf = await statementOf(owner, villa.id, '2041-06', '&format=pdf&lang=en');
    expect(pdf.statusCode).toBe(200);

    const repriced = await api(manager, 'PATCH', `/api/v1/reservations/${june.id}`, { totalPrice: '600.00' });
    expect(repriced.statusCode, repriced.body).toBe(200);
    await contract(manager, villa.id, { effectiveFrom: '2041-07', accommodationRate: 50, incomeRate: 50 });
    // Dated in a closed month, or before one while it would still be in force there: refused.
    expect((await api(admin, 'POST', '/api/v1/finance/closings', { month: '2041-05' })).statusCode).toBe(201);
    for (const effectiveFrom of ['2041-05', '2041-03']) {
      const refused = problem(
        await api(manager, 'POST', `/api/v1/houses/${villa.id}/owner-contracts`, {
          effectiveFrom,
          accommodationRate: 1,
          incomeRate: 1,
        }),
        409,
        'month-closed',
      );
      expect(refused.month).toBe('2041-05');
    }
    problem(
      await api(manager, 'POST', `/api/v1/houses/${villa.id}/owner-contracts`, {
        effectiveFrom: '2041-06',
        accommodationRate: 1,
        incomeRate: 1,
      }),
      409,
    );
    const second = (await api(manager, 'GET', `/api/v1/houses/${villa.id}/owner-contracts`)).json().items[1];
    problem(await api(manager, 'DELETE', `/api/v1/owner-contracts/${second.id}`), 409, 'month-closed');
    const again = await statementOf(owner, villa.id, '2041-06');
    expect(again.json()).toEqual(closed.json());
    const pdfAgain = await statementOf(owner, villa.id, '2041-06', '&format=pdf&lang=en');
    expect(pdfAgain.rawPayload.equals(pdf.rawPayload)).toBe(true);
    // An open month is computed on each request: July has the new contract.
    expect((await statementOf(manager, villa.id, '2041-07')).json().contract.effectiveFrom).toBe('2041-07');

    // Reopened, then closed again: computed afresh, and kept from then on.
    expect((await api(admin, 'DELETE', '/api/v1/finance/closings/2041-06')).statusCode).toBe(204);
    expect((await statementOf(owner, villa.id, '2041-06')).json()).toMatchObject({
      closed: false,
      accommodation: '600.00',
      commission: '63.00',
    });
    get().clock.advance(60_000);
    expect((await api(admin, 'POST', '/api/v1/finance/closings', { month: '2041-06' })).statusCode).toBe(201);
    const reclosed = (await statementOf(owner, villa.id, '2041-06')).json();
    expect(reclosed).toMatchObject({
      closed: true,
      accommodation: '600.00',
      commission: '63.00',
      net: '-63.00',
    });
    expect(reclosed.generatedAt).not.toBe(closed.json().generatedAt);
    const pdfReclosed = await statementOf(owner, villa.id, '2041-06', '&format=pdf&lang=en');
    expect(pdfReclosed.rawPayload.equals(pdf.rawPayload)).toBe(false);
    expect(await pdfText(pdfReclosed.rawPayload)).toContain('Net due to the owner -€63.00');
    expect((await statementOf(owner, villa.id, '2041-06')).json()).toEqual(reclosed);

    // A contract whose months are all open goes; the audit log has its life.
    const july = (await api(manager, 'GET', `/api/v1/houses/${villa.id}/owner-contracts`)).json().items[2];
    expect((await api(manager, 'DELETE', `/api/v1/owner-contracts/${july.id}`)).statusCode).toBe(204);
    problem(await api(manager, 'DELETE', `/api/v1/owner-contracts/${july.id}`), 404);
    const audit = await get()
      .app.db.selectFrom('audit_log')
      .select(['action'])
      .where('entity', '=', 'owner_contract')
      .where('entity_id', '=', july.id)
      .orderBy('seq')
      .execute();
    expect(audit.map((row) => row.action)).toEqual(['create', 'delete']);
  });

  it('shows an owner their houses’ statements only, staff none, another organization none', async () => {
    const { manager, owner, staff, villa, studio } = await team();
    expect((await statementOf(owner, villa.id, '2041-03')).statusCode).toBe(200);
    problem(await statementOf(owner, studio.id, '2041-03'), 404);
    problem(await statementOf(owner, studio.id, '2041-03', '&format=pdf'), 404);
    problem(await api(owner, 'GET', `/api/v1/houses/${studio.id}/owner-contracts`), 404);
    problem(await statementOf(staff, villa.id, '2041-03'), 403, 'forbidden');
    problem(await api(staff, 'GET', `/api/v1/houses/${villa.id}/owner-contracts`), 403, 'forbidden');
    const stranger = await registerUser(get().app);
    const theirs = await createHouse(get().app, stranger);
    problem(await statementOf(manager, theirs.id, '2041-03'), 404);
    problem(
      await api(manager, 'POST', `/api/v1/houses/${theirs.id}/owner-contracts`, {
        effectiveFrom: '2041-01',
        accommodationRate: 1,
        incomeRate: 1,
      }),
      404,
    );
    const theirContract = await contract(stranger, theirs.id, {
      effectiveFrom: '2041-01',
      accommodationRate: 1,
      incomeRate: 1,
    });
    problem(await api(manager, 'DELETE', `/api/v1/owner-contracts/${theirContract.id}`), 404);
    problem(await api(manager, 'GET', `/api/v1/owner-contracts/${theirContract.id}`), 404);
    const studioContract = await contract(manager, studio.id, {
      effectiveFrom: '2041-01',
      accommodationRate: 1,
      incomeRate: 1,
    });
    problem(await api(owner, 'GET', `/api/v1/owner-contracts/${studioContract.id}`), 404);
    problem(await api(staff, 'GET', `/api/v1/owner-contracts/${studioContract.id}`), 403);
  });

  /**
   * The statements service over a finance that answers the closings read
   * outside a transaction with `stale` once (what they were a moment ago),
   * and everything else from the database as it is.
   */
  function serviceSeeing(stale: { month: string; closedAt: string }[]) {
    const { app, clock } = get();
    let pending: typeof stale | undefined = stale;
    const finance = {
      closedMonths: async (organizationId: string, tx?: Tx) => {
        if (!tx && pending) {
          const answer = pending;
          pending = undefined;
          return answer;
        }
        const rows = await listClosings(tx ?? app.db, organizationId);
        return rows.map((row) => ({ month: row.month, closedAt: row.closed_at }));
      },
      entriesOfHouse: (organizationId: string, houseId: string, from: string, to: string) =>
        listEntries(app.db, organizationId, { houseId, from, to, limit: 1000 }),
    } as unknown as FinanceService;
    return new StatementsService({ db: app.db, now: clock.now, finance });
  }

  it('never replaces the print of a closing with one computed under a closing undone since', async () => {
    const { admin, manager, owner, villa } = await team();
    const stay = await createReservation(get().app, manager, {
      houseId: villa.id,
      checkIn: '2041-06-10',
      checkOut: '2041-06-12',
      totalPrice: '400.00',
    });
    const first = await api(admin, 'POST', '/api/v1/finance/closings', { month: '2041-06' });
    expect(first.statusCode, first.body).toBe(201);
    expect((await api(admin, 'DELETE', '/api/v1/finance/closings/2041-06')).statusCode).toBe(204);
    get().clock.advance(60_000);
    expect((await api(admin, 'POST', '/api/v1/finance/closings', { month: '2041-06' })).statusCode).toBe(201);
    const printed = (await statementOf(owner, villa.id, '2041-06')).json();
    expect(printed).toMatchObject({ closed: true, accommodation: '400.00' });

    // A request that read the first closing, before it was undone, computes after a price change.
    expect(
      (await api(manager, 'PATCH', `/api/v1/reservations/${stay.id}`, { totalPrice: '500.00' })).statusCode,
    ).toBe(200);
    const member: Member = {
      userId: manager.user.id,
      organizationId: manager.organizationId,
      role: 'manager',
    };
    const late = await serviceSeeing([{ month: '2041-06', closedAt: first.json().closedAt }]).statement(
      member,
      villa.id,
      '2041-06',
    );
    expect(late).toEqual(printed);
    expect((await statementOf(owner, villa.id, '2041-06')).json()).toEqual(printed);
  });

  it('checks the closed months of a contract change with the books held, not before', async () => {
    const { admin, manager, villa } = await team();
    await contract(manager, villa.id, { effectiveFrom: '2041-01', accommodationRate: 20, incomeRate: 0 });
    const created = await contract(manager, villa.id, {
      effectiveFrom: '2041-04',
      accommodationRate: 30,
      incomeRate: 0,
    });
    expect((await api(admin, 'POST', '/api/v1/finance/closings', { month: '2041-05' })).statusCode).toBe(201);
    // Months read a moment before the closing: the change must still see it.
    const member: Member = {
      userId: manager.user.id,
      organizationId: manager.organizationId,
      role: 'manager',
    };
    await expect(
      serviceSeeing([]).createContract(member, villa.id, {
        effectiveFrom: '2041-05',
        accommodationRate: '1',
        incomeRate: '1',
      }),
    ).rejects.toMatchObject({ status: 409 });
    await expect(serviceSeeing([]).removeContract(member, created.id)).rejects.toMatchObject({ status: 409 });
    const listed = (await api(manager, 'GET', `/api/v1/houses/${villa.id}/owner-contracts`)).json();
    expect(listed.items.map((item: { effectiveFrom: string }) => item.effectiveFrom)).toEqual([
      '2041-01',
      '2041-04',
    ]);

    // The same month sent at once from several places: one contract, the others told.
    const answers = await Promise.all(
      [1, 2, 3].map(() =>
        api(manager, 'POST', `/api/v1/houses/${villa.id}/owner-contracts`, {
          effectiveFrom: '2041-08',
          accommodationRate: 1,
          incomeRate: 1,
        }),
      ),
    );
    expect(answers.map((answer) => answer.statusCode).sort()).toEqual([201, 409, 409]);
  });

  it('answers the PDF only to an Accept that prefers it to JSON', async () => {
    const { manager, villa } = await team();
    const typeFor = async (accept: string) => {
      const response = await statementOf(manager, villa.id, '2041-03', '', { accept });
      expect(response.statusCode, response.body).toBe(200);
      expect(response.headers.vary).toContain('Accept');
      return response.headers['content-type'];
    };
    expect(await typeFor('application/pdf')).toBe('application/pdf');
    expect(await typeFor('Application/PDF')).toBe('application/pdf');
    expect(await typeFor('application/pdf;q=0.5, */*;q=0.1')).toBe('application/pdf');
    expect(await typeFor('application/pdf;q=0, application/json')).toMatch(/^application\/json/);
    expect(await typeFor('application/json, application/pdf;q=0.5')).toMatch(/^application\/json/);
    expect(await typeFor('text/html,application/xhtml+xml,*/*;q=0.8')).toMatch(/^application\/json/);
  });

  it('adds up a month of many large amounts to the cent, past what a number holds exactly', async () => {
    const { manager, villa } = await team();
    await contract(manager, villa.id, { effectiveFrom: '2041-09', accommodationRate: 0, incomeRate: 25 });
    // 91 × 999 999 999 999.99: past 2^53 cents, and odd, which a number cannot hold.
    for (let day = 0; day < 91; day += 1) {
      await enter(manager, {
        houseId: villa.id,
        type: 'income',
        date: `2041-09-${String((day % 30) + 1).padStart(2, '0')}`,
        category: 'extra',
        description: `Big ${day}`,
        amount: '999999999999.99',
      });
    }
    const response = await statementOf(manager, villa.id, '2041-09');
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({
      income: '90999999999999.09',
      // 25 % of it, 22 749 999 999 999.7725 → .77
      commission: '22749999999999.77',
      net: '68249999999999.32',
    });
    const pdf = await statementOf(manager, villa.id, '2041-09', '&format=pdf&lang=en');
    expect(await pdfText(pdf.rawPayload)).toContain('Net due to the owner €68,249,999,999,999.32');
  });
});
