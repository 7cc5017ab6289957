import type { Schemas } from '../../lib/api/client.ts';
import { type CalendarDate, monthStart, shiftDate } from '../../lib/dates.ts';

export type LedgerEntry = Schemas['LedgerEntry'];
export type LedgerCategory = Schemas['LedgerCategory'];
export type PaymentList = Schemas['PaymentList'];
export type PaymentKind = Schemas['PaymentKind'];

/** Security deposits: money held for guests, listed but never income or expense, never typed by hand. */
export const HELD_CATEGORIES: readonly LedgerCategory[] = ['deposit', 'deposit_return'];

const DECIMAL = /^(-?)(\d+)(?:\.(\d{1,2}))?$/;

/** Cents of an amount as the API writes it, sign included ("-35.00" → -3500); 0 for anything else. */
export function centsOf(amount: string): number {
  const match = DECIMAL.exec(amount.trim());
  if (!match) return 0;
  const [, sign, units = '0', fraction = ''] = match;
  const cents = Number(units) * 100 + Number(fraction.padEnd(2, '0'));
  return sign === '-' ? -cents : cents;
}

/** Cents as the API writes an amount: two decimals, a dot, a minus sign when below zero. */
export function amountOf(cents: number): string {
  const absolute = Math.abs(cents);
  return `${cents < 0 ? '-' : ''}${Math.floor(absolute / 100)}.${String(absolute % 100).padStart(2, '0')}`;
}

/** What an entry does to the net: an income adds, an expense takes away, a deposit held does neither. */
export function netEffect(entry: Pick<LedgerEntry, 'type' | 'amount' | 'held'>): number {
  if (entry.held) return 0;
  return entry.type === 'income' ? centsOf(entry.amount) : -centsOf(entry.amount);
}

/** What an adjustment adds to the entry it corrects, in that entry's direction (negative: it takes away). */
export function adjustmentDelta(
  target: Pick<LedgerEntry, 'type'>,
  adjustment: Pick<LedgerEntry, 'type' | 'amount'>,
): number {
  const cents = centsOf(adjustment.amount);
  return adjustment.type === target.type ? cents : -cents;
}

/** An entry's amount once its adjustments are counted. */
export function correctedCents(entry: LedgerEntry & { adjustments: LedgerEntry[] }): number {
  return entry.adjustments.reduce(
    (total, adjustment) => total + adjustmentDelta(entry, adjustment),
    centsOf(entry.amount),
  );
}

export interface LedgerRow {
  entry: LedgerEntry;
  /** 1 for an adjustment shown under the entry it corrects. */
  depth: 0 | 1;
  /** The net of every row down to this one, in cents. */
  running: number;
}

/**
 * The rows of the ledger as shown: the entries in the order the API gives
 * them (oldest first), each adjustment moved under the entry it corrects when
 * that entry is among those loaded, and the running net down the rows. The
 * last row's running total is the net of everything loaded.
 */
export function ledgerRows(entries: LedgerEntry[]): LedgerRow[] {
  const loaded = new Set(entries.map((entry) => entry.id));
  const corrections = new Map<string, LedgerEntry[]>();
  const roots: LedgerEntry[] = [];
  for (const entry of entries) {
    const target = entry.adjustsEntryId;
    if (target && target !== entry.id && loaded.has(target)) {
      corrections.set(target, [...(corrections.get(target) ?? []), entry]);
    } else {
      roots.push(entry);
    }
  }
  const rows: LedgerRow[] = [];
  let running = 0;
  const visit = (entry: LedgerEntry, depth: 0 | 1) => {
    running += netEffect(entry);
    rows.push({ entry, depth, running });
    for (const correction of corrections.get(entry.id) ?? []) visit(correction, 1);
  };
  for (const root of roots) visit(root, 0);
  return rows;
}

/**
 * What "record a payment" offers first: the balance due, as an advance when
 * nothing is paid yet and as the balance after; a deposit when nothing is due.
 */
export function suggestedPayment(payments: Pick<PaymentList, 'advancePaid' | 'balanceDue'>): {
  kind: PaymentKind;
  amount: string;
} {
  const due = centsOf(payments.balanceDue);
  if (due <= 0) return { kind: 'deposit', amount: '' };
  return { kind: centsOf(payments.advancePaid) > 0 ? 'balance' : 'advance', amount: payments.balanceDue };
}

/** The periods the ledger offers, relative to today; `custom` takes the dates typed. */
export const PERIODS = ['month', 'lastMonth', 'year', 'lastYear', 'all', 'custom'] as const;
export type Period = (typeof PERIODS)[number];

/** A period's first day and last day (inclusive); nothing for all dates. */
export function periodRange(
  period: Exclude<Period, 'custom'>,
  today: CalendarDate,
): { from?: CalendarDate; until?: CalendarDate } {
  const year = Number(today.slice(0, 4));
  switch (period) {
    case 'month':
      return { from: monthStart(today), until: shiftDate(monthStart(today, 1), -1) };
    case 'lastMonth':
      return { from: monthStart(today, -1), until: shiftDate(monthStart(today), -1) };
    case 'year':
      return { from: `${year}-01-01`, until: `${year}-12-31` };
    case 'lastYear':
      return { from: `${year - 1}-01-01`, until: `${year - 1}-12-31` };
    case 'all':
      return {};
  }
}

/** The twelve months of a year, as YYYY-MM. */
export const monthsOf = (year: number): string[] =>
  Array.from({ length: 12 }, (_, index) => `${year}-${String(index + 1).padStart(2, '0')}`);

/** A month (YYYY-MM) without its year, in the user's language: "January", "janvier". */
export const monthName = (month: string, language: string | undefined): string =>
  new Date(Number(month.slice(0, 4)), Number(month.slice(5, 7)) - 1, 15).toLocaleDateString(language, {
    month: 'long',
  });

/** "janvier 2026" → "Janvier 2026": a month at the head of a row. */
export const capitalized = (text: string) => text.charAt(0).toLocaleUpperCase() + text.slice(1);

/** The years offered: a few back, and the next one (stays booked ahead). */
export const yearsAround = (year: number) => Array.from({ length: 7 }, (_, index) => year + 1 - index);

type Stay = Schemas['Reservation'] | Schemas['ReservationLimitedView'];
export type DayStays = { arrivals: Stay[]; inHouse: Stay[]; departures: Stay[] };
export type Movement = 'arriving' | 'staying' | 'leaving';

/** The day's stays that still owe money, arrivals first: only managers' answers carry the balance due. */
export function unpaidStays(day: DayStays) {
  const seen = new Set<string>();
  const unpaid: { stay: Schemas['Reservation']; movement: Movement }[] = [];
  const add = (stays: Stay[], movement: Movement) => {
    for (const stay of stays) {
      if (seen.has(stay.id) || !('balanceDue' in stay) || stay.status === 'cancelled') continue;
      if (centsOf(stay.balanceDue) <= 0) continue;
      seen.add(stay.id);
      unpaid.push({ stay, movement });
    }
  };
  add(day.arrivals, 'arriving');
  add(day.inHouse, 'staying');
  add(day.departures, 'leaving');
  return unpaid;
}
