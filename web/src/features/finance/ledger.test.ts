import { describe, expect, it } from 'vitest';
import {
  adjustmentDelta,
  amountOf,
  centsOf,
  correctedCents,
  type LedgerEntry,
  ledgerRows,
  monthsOf,
  netEffect,
  periodRange,
  suggestedPayment,
  unpaidStays,
} from './ledger.ts';

let next = 0;
function entry(fields: Partial<LedgerEntry>): LedgerEntry {
  next += 1;
  return {
    id: `e${next}`,
    houseId: 'h1',
    date: '2026-07-01',
    type: 'income',
    category: 'rent',
    description: '',
    amount: '0.00',
    origin: 'manual',
    reservationId: null,
    maintenanceIssueId: null,
    paymentId: null,
    adjustsEntryId: null,
    system: false,
    held: false,
    createdAt: '2026-07-01T10:00:00Z',
    createdBy: null,
    updatedAt: '2026-07-01T10:00:00Z',
    version: 1,
    ...fields,
  };
}

it('reads and writes signed amounts in cents', () => {
  expect(['150.00', '-35.50', '0.07', '12', 'x'].map(centsOf)).toEqual([15000, -3550, 7, 1200, 0]);
  expect([15000, -3550, 7, 0, -5].map(amountOf)).toEqual(['150.00', '-35.50', '0.07', '0.00', '-0.05']);
});

it('counts income up, expense down and deposits held not at all', () => {
  expect(netEffect(entry({ type: 'income', amount: '300.00' }))).toBe(30000);
  expect(netEffect(entry({ type: 'expense', amount: '40.00' }))).toBe(-4000);
  expect(netEffect(entry({ type: 'income', category: 'deposit', held: true, amount: '200.00' }))).toBe(0);
});

it('measures an adjustment in the direction of the entry it corrects', () => {
  const cost = entry({ type: 'expense', amount: '40.00', system: true });
  const less = entry({ type: 'income', amount: '5.00', adjustsEntryId: cost.id, origin: 'adjustment' });
  const more = entry({ type: 'expense', amount: '2.50', adjustsEntryId: cost.id, origin: 'adjustment' });
  expect(adjustmentDelta(cost, less)).toBe(-500);
  expect(adjustmentDelta(cost, more)).toBe(250);
  expect(correctedCents({ ...cost, adjustments: [less, more] })).toBe(3750);
});

describe('the rows of the ledger', () => {
  it('keeps a running net down the rows, continuing over what was loaded', () => {
    const rows = ledgerRows([
      entry({ type: 'income', amount: '300.00' }),
      entry({ type: 'income', category: 'deposit', held: true, amount: '200.00' }),
      entry({ type: 'expense', amount: '40.00' }),
      entry({ type: 'income', amount: '700.00' }),
    ]);
    expect(rows.map((row) => row.running)).toEqual([30000, 30000, 26000, 96000]);
    expect(rows.every((row) => row.depth === 0)).toBe(true);
  });

  it('shows an adjustment under the entry it corrects when that entry is loaded', () => {
    const cost = entry({ type: 'expense', amount: '40.00', system: true, date: '2026-07-02' });
    const rent = entry({ type: 'income', amount: '500.00', date: '2026-07-03' });
    const fix = entry({
      type: 'income',
      amount: '5.00',
      adjustsEntryId: cost.id,
      origin: 'adjustment',
      date: '2026-07-09',
    });
    // Its entry is on an earlier page that is not loaded: it stays in its place.
    const orphan = entry({ type: 'expense', amount: '1.00', adjustsEntryId: 'gone', origin: 'adjustment' });
    const rows = ledgerRows([cost, rent, fix, orphan]);
    expect(rows.map((row) => [row.entry.id, row.depth, row.running])).toEqual([
      [cost.id, 0, -4000],
      [fix.id, 1, -3500],
      [rent.id, 0, 46500],
      [orphan.id, 0, 46400],
    ]);
  });
});

it('offers the balance due as the payment to record', () => {
  expect(suggestedPayment({ advancePaid: '0.00', balanceDue: '1000.00' })).toEqual({
    kind: 'advance',
    amount: '1000.00',
  });
  expect(suggestedPayment({ advancePaid: '300.00', balanceDue: '700.00' })).toEqual({
    kind: 'balance',
    amount: '700.00',
  });
  expect(suggestedPayment({ advancePaid: '1000.00', balanceDue: '0.00' })).toEqual({
    kind: 'deposit',
    amount: '',
  });
});

it('turns periods into dates, the last day included', () => {
  expect(periodRange('month', '2026-02-14')).toEqual({ from: '2026-02-01', until: '2026-02-28' });
  expect(periodRange('lastMonth', '2026-01-10')).toEqual({ from: '2025-12-01', until: '2025-12-31' });
  expect(periodRange('year', '2026-07-01')).toEqual({ from: '2026-01-01', until: '2026-12-31' });
  expect(periodRange('lastYear', '2026-07-01')).toEqual({ from: '2025-01-01', until: '2025-12-31' });
  expect(periodRange('all', '2026-07-01')).toEqual({});
  expect(monthsOf(2026)).toHaveLength(12);
  expect(monthsOf(2026)[8]).toBe('2026-09');
});

it("lists the day's stays that still owe money, once each, arrivals first", () => {
  const stay = (id: string, balanceDue: string | undefined, status = 'confirmed') =>
    ({
      id,
      houseId: 'h1',
      guestName: id,
      status,
      ...(balanceDue === undefined ? {} : { balanceDue }),
    }) as never;
  const unpaid = unpaidStays({
    arrivals: [stay('paid', '0.00'), stay('arriving', '700.00'), stay('staff view', undefined)],
    inHouse: [stay('staying', '10.50'), stay('gone', '90.00', 'cancelled')],
    departures: [stay('leaving', '1.00'), stay('arriving', '700.00')],
  });
  expect(unpaid.map((item) => [item.stay.id, item.movement])).toEqual([
    ['arriving', 'arriving'],
    ['staying', 'staying'],
    ['leaving', 'leaving'],
  ]);
});
