import fc from 'fast-check';
import type { LightMyRequestResponse } from 'fastify';
import { expect, it } from 'vitest';
import { describeApp } from '../../../test/app.ts';
import { bearer, createHouse, createReservation, registerUser } from '../../../test/factories.ts';
import { fromCents } from '../../http/money.ts';
import { localDate } from '../../kernel/dates.ts';

/**
 * Money never touches floating point: random payments, adjustments and
 * entries by hand, refused or not, always add up — in the ledger's totals,
 * its summary, its export and the stay's amounts paid — to what integer cents
 * computed by hand say, to the cent, on every database. Deterministic by
 * default:
 *
 *   FINANCE_SEED=n   another seed (a failure prints its seed and path)
 *   FINANCE_RUNS=n   scenarios per database (default 20)
 */
const SEED = Number(process.env.FINANCE_SEED ?? 20_261_203);
const RUNS = Number(process.env.FINANCE_RUNS ?? 20);

type EntryType = 'income' | 'expense';
type Kind = 'advance' | 'balance' | 'deposit' | 'deposit_return' | 'deposit_kept' | 'refund';
type Form = 'fixed' | 'short' | 'number';

/** An amount as a client may send it: "12.50", "12.5" or 12.5. */
function spelled(cents: number, form: Form): string | number {
  const fixed = fromCents(cents);
  if (form === 'fixed') return fixed;
  const short = fixed.replace(/\.?0+$/, '');
  return form === 'short' ? short : Number(short);
}

/** Cents of an amount the API answered ("-12.50"), read as text: no floating point here either. */
function centsOf(amount: string): number {
  const [, sign, units, fraction] = /^(-?)(\d+)\.(\d{2})$/.exec(amount) ?? [];
  if (units === undefined || fraction === undefined) throw new Error(`not an amount: ${amount}`);
  return (sign ? -1 : 1) * (Number(units) * 100 + Number(fraction));
}

interface Entry {
  type: EntryType;
  held: boolean;
  cents: number;
  date: string;
  system: boolean;
  /** Posted for the stay, or a correction of what was: what its cancellation would reverse. */
  ofStay: boolean;
  adjusted: boolean;
}

interface Sums {
  income: number;
  expense: number;
  heldIn: number;
  heldOut: number;
}

function sumsOf(entries: Iterable<Entry>): Sums {
  const sums = { income: 0, expense: 0, heldIn: 0, heldOut: 0 };
  for (const entry of entries) {
    if (entry.held) sums[entry.type === 'income' ? 'heldIn' : 'heldOut'] += entry.cents;
    else sums[entry.type] += entry.cents;
  }
  return sums;
}

/** The totals the API answers for these sums. */
const totalsOf = (sums: Sums) => ({
  income: fromCents(sums.income),
  expense: fromCents(sums.expense),
  net: fromCents(sums.income - sums.expense),
  held: fromCents(sums.heldIn - sums.heldOut),
});

const opposite = (type: EntryType): EntryType => (type === 'income' ? 'expense' : 'income');

// --- what a scenario is made of ------------------------------------------------------------

const cents = fc.oneof(
  // Cents where binary fractions go wrong (0.29, 0.1 + 0.2), ordinary amounts, and the largest there are.
  { weight: 3, arbitrary: fc.integer({ min: 1, max: 999 }) },
  { weight: 3, arbitrary: fc.integer({ min: 1, max: 500_000 }) },
  { weight: 1, arbitrary: fc.integer({ min: 1, max: 99_999_999_999_99 }) },
);
const form = fc.constantFrom<Form>('fixed', 'short', 'number');
const day = (months: number) =>
  fc
    .record({
      month: fc.integer({ min: 1, max: months }),
      day: fc.oneof(fc.constant(1), fc.integer({ min: 1, max: 28 })),
    })
    .map(({ month, day }) => `2041-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`);
const date = day(4);

const operation = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      op: fc.constant('pay' as const),
      kind: fc.constantFrom<Kind>(
        'advance',
        'balance',
        'deposit',
        'deposit_return',
        'deposit_kept',
        'refund',
      ),
      cents,
      // The whole of what is due, paid or held: the limit itself.
      exact: fc.boolean(),
      form,
      date,
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      op: fc.constant('adjust' as const),
      pick: fc.nat(),
      cents,
      negative: fc.boolean(),
      form,
      date,
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      op: fc.constant('enter' as const),
      type: fc.constantFrom<EntryType>('income', 'expense'),
      category: fc.constantFrom('rent', 'cleaning_fee', 'supplies', 'tax', 'other'),
      cents,
      form,
      date,
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      op: fc.constant('edit' as const),
      pick: fc.nat(),
      type: fc.constantFrom<EntryType>('income', 'expense'),
      cents,
      form,
      date,
    }),
  },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('remove' as const), pick: fc.nat() }) },
);

const scenario = fc.record({
  totalCents: fc.integer({ min: 1, max: 2_000_000_00 }),
  operations: fc.array(operation, { minLength: 1, maxLength: 10 }),
  // Then the stay is cancelled, or not.
  cancel: fc.boolean(),
  // A window for the totals and the summary: whole months, parts of months, or days of one.
  window: fc.tuple(day(5), day(5)).map(([a, b]) => (a <= b ? [a, b] : [b, a]) as [string, string]),
});

describeApp('finance: the books add up to the cent', (get) => {
  it(`holds for ${RUNS} random scenarios (seed ${SEED})`, { timeout: 180_000 }, async () => {
    const { app } = get();
    const admin = await registerUser(app);
    const send = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: object) =>
      app.inject({ method, url, headers: bearer(admin), ...(payload ? { payload } : {}) });
    const ok = (response: LightMyRequestResponse, status = 200) => {
      expect(response.statusCode, response.body).toBe(status);
      return response.json();
    };
    const refused = (response: LightMyRequestResponse, status: number, code: string) => {
      expect(response.statusCode, response.body).toBe(status);
      expect(response.headers['content-type']).toBe('application/problem+json; charset=utf-8');
      const body = response.json();
      if (status === 400)
        expect(body.errors).toEqual([expect.objectContaining({ path: 'body.amount', code })]);
      else expect(body.type).toBe(`urn:staykeep:problem:${code}`);
    };

    await fc.assert(
      fc.asyncProperty(scenario, async ({ totalCents, operations, cancel, window }) => {
        const house = await createHouse(app, admin);
        const stay = await createReservation(app, admin, {
          houseId: house.id,
          totalPrice: fromCents(totalCents),
        });
        const entries = new Map<string, Entry>();
        let paid = 0;
        let held = 0;
        const rowsOfHouse = async () =>
          Number(
            (
              await app.db
                .selectFrom('ledger_entries')
                .select((eb) => eb.fn.countAll<number>().as('n'))
                .where('house_id', '=', house.id)
                .executeTakeFirstOrThrow()
            ).n,
          );
        const pick = (index: number) => {
          const ids = [...entries.keys()];
          const id = ids[index % ids.length];
          const entry = id === undefined ? undefined : entries.get(id);
          return id === undefined || entry === undefined ? undefined : { id, entry };
        };

        for (const step of operations) {
          if (step.op === 'pay') {
            const limit =
              step.kind === 'advance' || step.kind === 'balance'
                ? totalCents - paid
                : step.kind === 'refund'
                  ? paid
                  : step.kind === 'deposit'
                    ? Number.POSITIVE_INFINITY
                    : held;
            const amount = step.exact && limit > 0 && limit !== Number.POSITIVE_INFINITY ? limit : step.cents;
            const response = await send('POST', `/api/v1/reservations/${stay.id}/payments`, {
              date: step.date,
              amount: spelled(amount, step.form),
              kind: step.kind,
            });
            if (amount > limit) {
              const code =
                step.kind === 'advance' || step.kind === 'balance'
                  ? 'more-than-due'
                  : step.kind === 'refund'
                    ? 'more-than-paid'
                    : 'more-than-held';
              refused(response, 400, code);
            } else {
              const payment = ok(response, 201);
              expect(payment.amount).toBe(fromCents(amount));
              const expected: Omit<Entry, 'system' | 'ofStay' | 'adjusted'>[] = [];
              const at = { date: step.date, cents: amount };
              if (step.kind === 'advance' || step.kind === 'balance') {
                paid += amount;
                expected.push({ ...at, type: 'income', held: false });
              } else if (step.kind === 'refund') {
                paid -= amount;
                expected.push({ ...at, type: 'expense', held: false });
              } else if (step.kind === 'deposit') {
                held += amount;
                expected.push({ ...at, type: 'income', held: true });
              } else if (step.kind === 'deposit_return') {
                held -= amount;
                expected.push({ ...at, type: 'expense', held: true });
              } else {
                held -= amount;
                expected.push({ ...at, type: 'expense', held: true }, { ...at, type: 'income', held: false });
              }
              const posted = await app.db
                .selectFrom('ledger_entries')
                .select(['id', 'type', 'held', 'amount_cents', 'date'])
                .where('payment_id', '=', payment.id)
                .orderBy('id')
                .execute();
              const shape = (entry: { type: string; held: boolean; cents: number; date: string }) =>
                `${entry.type} ${entry.held} ${entry.cents} ${entry.date}`;
              expect(
                posted
                  .map((row) =>
                    shape({
                      type: row.type,
                      held: Boolean(row.held),
                      cents: Number(row.amount_cents),
                      date: String(row.date),
                    }),
                  )
                  .sort(),
              ).toEqual(expected.map(shape).sort());
              for (const row of posted) {
                entries.set(row.id, {
                  type: row.type,
                  held: Boolean(row.held),
                  cents: Number(row.amount_cents),
                  date: step.date,
                  system: true,
                  ofStay: true,
                  adjusted: false,
                });
              }
            }
          } else if (step.op === 'adjust') {
            const target = pick(step.pick);
            if (!target) continue;
            const signed = step.negative ? -step.cents : step.cents;
            const response = await send('POST', `/api/v1/ledger/${target.id}/adjustments`, {
              amount: spelled(signed, step.form),
              description: 'Correction',
              date: step.date,
            });
            const adjustment = ok(response, 201);
            const type = signed > 0 ? target.entry.type : opposite(target.entry.type);
            expect(adjustment).toMatchObject({
              amount: fromCents(step.cents),
              type,
              held: target.entry.held,
              adjustsEntryId: target.id,
            });
            target.entry.adjusted = true;
            entries.set(adjustment.id, {
              type,
              held: target.entry.held,
              cents: step.cents,
              date: step.date,
              system: true,
              ofStay: target.entry.ofStay,
              adjusted: false,
            });
          } else if (step.op === 'enter') {
            const response = await send('POST', '/api/v1/ledger', {
              houseId: house.id,
              date: step.date,
              type: step.type,
              category: step.category,
              description: 'By hand',
              amount: spelled(step.cents, step.form),
            });
            const entry = ok(response, 201);
            expect(entry.amount).toBe(fromCents(step.cents));
            entries.set(entry.id, {
              type: step.type,
              held: false,
              cents: step.cents,
              date: step.date,
              system: false,
              ofStay: false,
              adjusted: false,
            });
          } else if (step.op === 'edit') {
            const target = pick(step.pick);
            if (!target) continue;
            const response = await send('PATCH', `/api/v1/ledger/${target.id}`, {
              type: step.type,
              date: step.date,
              amount: spelled(step.cents, step.form),
            });
            if (target.entry.system) refused(response, 409, 'system-entry');
            else {
              expect(ok(response)).toMatchObject({
                amount: fromCents(step.cents),
                type: step.type,
                date: step.date,
              });
              Object.assign(target.entry, { type: step.type, date: step.date, cents: step.cents });
            }
          } else {
            const target = pick(step.pick);
            if (!target) continue;
            const response = await send('DELETE', `/api/v1/ledger/${target.id}`);
            if (target.entry.system) refused(response, 409, 'system-entry');
            else if (target.entry.adjusted) refused(response, 409, 'adjusted');
            else {
              expect(response.statusCode, response.body).toBe(204);
              entries.delete(target.id);
            }
          }
          // What was refused wrote nothing; what was taken wrote what it should, no more.
          expect(await rowsOfHouse()).toBe(entries.size);
        }

        if (cancel) {
          ok(await send('PATCH', `/api/v1/reservations/${stay.id}`, { status: 'cancelled' }));
          // Each entry of the stay is reversed by one the other way, booked today; none is deleted.
          const today = localDate(new Date(), house.timezone);
          for (const [id, entry] of [...entries]) {
            if (!entry.ofStay) continue;
            entries.set(`reversal of ${id}`, {
              ...entry,
              type: opposite(entry.type),
              date: today,
              adjusted: false,
            });
          }
          expect(await rowsOfHouse()).toBe(entries.size);
          const reversed = ok(await send('GET', `/api/v1/ledger?reservationId=${stay.id}`));
          expect(reversed.totals).toMatchObject({ net: '0.00', held: '0.00' });
        }

        // The stay's amounts.
        const payments = ok(await send('GET', `/api/v1/reservations/${stay.id}/payments`));
        expect(payments).toMatchObject({
          totalPrice: fromCents(totalCents),
          advancePaid: fromCents(paid),
          balanceDue: fromCents(totalCents - paid),
          depositHeld: fromCents(held),
        });

        // The ledger: its totals, and the entries it lists, add up the same.
        const all = [...entries.values()];
        const listed = ok(await send('GET', `/api/v1/ledger?houseId=${house.id}&limit=200`));
        expect(listed.totals).toEqual(totalsOf(sumsOf(all)));
        expect(listed.items).toHaveLength(all.length);
        expect(
          totalsOf(
            sumsOf(
              listed.items.map((item: { type: EntryType; held: boolean; amount: string; date: string }) => ({
                ...item,
                cents: centsOf(item.amount),
                system: false,
                ofStay: false,
                adjusted: false,
              })),
            ),
          ),
        ).toEqual(listed.totals);

        // Over a window, whole months or not, and one type.
        const [from, to] = window;
        const inWindow = all.filter((entry) => entry.date >= from && entry.date < to);
        const range = `houseId=${house.id}&from=${from}&to=${to}`;
        expect(ok(await send('GET', `/api/v1/ledger?${range}`)).totals).toEqual(totalsOf(sumsOf(inWindow)));
        expect(ok(await send('GET', `/api/v1/ledger?${range}&type=income`)).totals).toEqual(
          totalsOf(sumsOf(inWindow.filter((entry) => entry.type === 'income'))),
        );
        expect(ok(await send('GET', `/api/v1/ledger?reservationId=${stay.id}`)).totals).toEqual(
          totalsOf(sumsOf(all.filter((entry) => entry.ofStay))),
        );

        // The summary, by month and by house.
        const byMonth = ok(await send('GET', `/api/v1/finance/summary?${range}&groupBy=month`));
        expect(byMonth.totals).toEqual(totalsOf(sumsOf(inWindow)));
        const months = [...new Set(inWindow.map((entry) => entry.date.slice(0, 7)))].sort();
        const expectedRows = months
          .map((month) => {
            const sums = totalsOf(sumsOf(inWindow.filter((entry) => entry.date.startsWith(month))));
            return { month, income: sums.income, expense: sums.expense, net: sums.net };
          })
          .filter((row) => row.income !== '0.00' || row.expense !== '0.00');
        const nonZero = (row: { income: string; expense: string }) =>
          row.income !== '0.00' || row.expense !== '0.00';
        expect(byMonth.rows.filter(nonZero)).toEqual(expectedRows);
        const byHouse = ok(await send('GET', `/api/v1/finance/summary?${range}&groupBy=house`));
        const houseSums = totalsOf(sumsOf(inWindow));
        expect(byHouse.rows.filter(nonZero)).toEqual(
          nonZero(houseSums)
            ? [
                {
                  houseId: house.id,
                  income: houseSums.income,
                  expense: houseSums.expense,
                  net: houseSums.net,
                },
              ]
            : [],
        );

        // The accountant's file: one line per entry, the signed amounts adding up to the net and the held.
        const csv = await send('GET', `/api/v1/ledger/export?houseId=${house.id}&decimal=comma`);
        const lines = csv.body.slice(1).split('\r\n').slice(1, -1);
        expect(lines).toHaveLength(all.length);
        let net = 0;
        let heldNet = 0;
        for (const line of lines) {
          // Descriptions here have no separator: the cells split plainly.
          const cells = line.split(';');
          const signed = centsOf(String(cells[6]).replace(',', '.'));
          if (cells[7] === 'yes') heldNet += signed;
          else net += signed;
        }
        const sums = sumsOf(all);
        expect(net).toBe(sums.income - sums.expense);
        expect(heldNet).toBe(sums.heldIn - sums.heldOut);
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });
});
