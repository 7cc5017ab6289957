import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { sql } from 'kysely';
import type { DatabaseConfig } from '../server/src/config.ts';
import { createDatabase, type Db, inTransaction } from '../server/src/db/database.ts';
import { newId } from '../server/src/db/ids.ts';
import type { MaintenanceStatus } from '../server/src/db/tables.ts';
import { addDays, eachNight } from '../server/src/kernel/dates.ts';
import { recountOccupancy } from '../server/src/modules/analytics/analytics.repository.ts';
import { recountTotals } from '../server/src/modules/finance/finance.repository.ts';

/** The shared reference data set: 100 houses × 10 years of stays, the same on every run. */
const STAYS_MODULE = path.resolve(import.meta.dirname, '../../shared/bench/stays.mjs');
const BATCH = 400;

interface Stay {
  house: number;
  checkIn: string;
  checkOut: string;
  guestName: string;
  totalPrice: number;
}

export interface BenchData extends Record<string, unknown> {
  token: string;
  houseIds: string[];
  /** A sample of reservation ids spread over the data set. */
  reservationIds: string[];
  /** The default checklist's items (every house has a round open, its first item ticked). */
  checklistItemIds: string[];
  stays: number;
  /** Work orders written: 10 per house, 5 of them still to do. */
  workOrders: number;
  /** Ledger entries written: every stay paid, an advance and a balance each. */
  ledgerEntries: number;
}

async function api(baseUrl: string, route: string, body: unknown, token?: string) {
  const response = await fetch(`${baseUrl}${route}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${route} answered ${response.status}: ${await response.text()}`);
  return (await response.json()) as Record<string, unknown>;
}

/**
 * An account and its organization through the API (as a person would), then
 * the reference stays written straight into the database in large batches:
 * going through the API would take minutes and measure nothing useful. The
 * stays never overlap per house, so the occupied nights are written too.
 */
export async function generateData(baseUrl: string, database: DatabaseConfig): Promise<BenchData> {
  const session = await api(baseUrl, '/api/v1/auth/register', {
    email: `bench-${randomBytes(4).toString('hex')}@example.org`,
    password: 'a benchmark password',
    name: 'Bench',
  });
  const token = String(session.accessToken);
  const me = (await (
    await fetch(`${baseUrl}/api/v1/auth/me`, { headers: { authorization: `Bearer ${token}` } })
  ).json()) as {
    memberships: { organizationId: string }[];
  };
  const organizationId = me.memberships[0]?.organizationId;
  if (!organizationId) throw new Error('the bench account has no organization');

  const { stays, houseName, nightlyPrice } = (await import(pathToFileURL(STAYS_MODULE).href)) as {
    stays: () => Iterable<Stay>;
    houseName: (house: number) => string;
    nightlyPrice: (house: number) => number;
  };
  const { db, close, optimize } = await createDatabase(database);
  const now = new Date().toISOString();
  const houseIds = Array.from({ length: 100 }, () => newId());
  const reservationIds: string[] = [];
  let count = 0;
  let ledgerEntries = 0;
  try {
    await inTransaction(db, (tx) =>
      tx
        .insertInto('houses')
        .values(
          houseIds.map((id, house) => ({
            id,
            organization_id: organizationId,
            code: `villa-${String(house + 1).padStart(3, '0')}`,
            name: houseName(house),
            type: 'villa' as const,
            max_guests: 8,
            nightly_price_cents: nightlyPrice(house) * 100,
            timezone: 'Europe/Paris',
            created_at: now,
            updated_at: now,
          })),
        )
        .execute(),
    );

    let batch: Stay[] = [];
    const flush = async () => {
      const rows = batch.map((stay) => ({ stay, id: newId(), guestId: newId() }));
      batch = [];
      await inTransaction(db, async (tx) => {
        await tx
          .insertInto('guests')
          .values(
            rows.map(({ stay, guestId }) => ({
              id: guestId,
              organization_id: organizationId,
              name: stay.guestName,
              email: null,
              phone: null,
              created_at: now,
              updated_at: now,
            })),
          )
          .execute();
        await tx
          .insertInto('reservations')
          .values(
            rows.map(({ stay, id, guestId }) => ({
              id,
              organization_id: organizationId,
              house_id: houseIds[stay.house] ?? '',
              guest_id: guestId,
              guest_name: stay.guestName,
              check_in: stay.checkIn,
              check_out: stay.checkOut,
              guests: 2,
              status: 'confirmed' as const,
              source: 'direct' as const,
              external_ref: null,
              total_cents: stay.totalPrice * 100,
              // Every stay is paid in full: the advance and the balance below.
              advance_cents: stay.totalPrice * 100,
              notes: null,
              cancellation_reason: null,
              cancelled_at: null,
              created_by: null,
              created_at: now,
              updated_at: now,
            })),
          )
          .execute();
        const nights = rows.flatMap(({ stay, id }) =>
          eachNight(stay.checkIn, stay.checkOut).map((night) => ({
            house_id: houseIds[stay.house] ?? '',
            night,
            reservation_id: id,
            block_id: null,
          })),
        );
        for (let i = 0; i < nights.length; i += BATCH) {
          await tx
            .insertInto('occupied_nights')
            .values(nights.slice(i, i + BATCH))
            .execute();
        }
        const payments = rows.flatMap(({ stay, id }) =>
          stayPayments(stay, id, houseIds, organizationId, now),
        );
        for (let i = 0; i < payments.length; i += BATCH) {
          const slice = payments.slice(i, i + BATCH);
          await tx
            .insertInto('payments')
            .values(slice.map((payment) => payment.payment))
            .execute();
          await tx
            .insertInto('ledger_entries')
            .values(slice.map((payment) => payment.entry))
            .execute();
        }
        ledgerEntries += payments.length;
      });
      for (const { id } of rows)
        if (reservationIds.length < 1000 && Math.random() < 0.02) reservationIds.push(id);
    };
    for (const stay of stays()) {
      batch.push(stay);
      count += 1;
      if (batch.length === BATCH) await flush();
    }
    if (batch.length > 0) await flush();
    await insertWorkOrders(db, organizationId, houseIds, now);
    // Every owner's contract: 20 % of the accommodation, for the owner statements.
    await inTransaction(db, (tx) =>
      tx
        .insertInto('owner_contracts')
        .values(
          houseIds.map((houseId) => ({
            id: newId(),
            organization_id: organizationId,
            house_id: houseId,
            effective_from: '2000-01',
            accommodation_rate: 2000,
            income_rate: 0,
            note: null,
            created_at: now,
            created_by: null,
          })),
        )
        .execute(),
    );
    // The ledger's running totals, counted once from the entries written above.
    await inTransaction(db, (tx) => recountTotals(tx, organizationId, database.kind !== 'sqlite'));
    // Analytics' running monthly totals, counted once from the nights written above.
    await inTransaction(db, (tx) => recountOccupancy(tx, organizationId, database.kind !== 'sqlite'));
    // Fresh planner statistics, as a server that has been running has them: SQLite's
    // hourly optimize, PostgreSQL's autovacuum (which would take a while to notice).
    await optimize();
    if (database.kind !== 'sqlite') await sql`analyze`.execute(db);
  } finally {
    await close();
  }

  // Houses written straight into the database open no round (the service opens one with each house it
  // creates): each gets its round the way a cleaner starts one, with a first tick through the API.
  const template = (await (
    await fetch(`${baseUrl}/api/v1/checklist`, { headers: { authorization: `Bearer ${token}` } })
  ).json()) as { categories: { items: { id: string }[] }[] };
  const checklistItemIds = template.categories.flatMap((category) => category.items.map((item) => item.id));
  for (const houseId of houseIds) {
    const ticked = await fetch(`${baseUrl}/api/v1/houses/${houseId}/checklist/items/${checklistItemIds[0]}`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ completed: true }),
    });
    if (!ticked.ok) throw new Error(`the first tick answered ${ticked.status}: ${await ticked.text()}`);
  }
  return {
    token,
    houseIds,
    reservationIds,
    checklistItemIds,
    stays: count,
    workOrders: houseIds.length * WORK_ORDERS_PER_HOUSE,
    ledgerEntries,
  };
}

/**
 * A stay's two payments, as recording them through the API posts them: an
 * advance of 30 % a month before the arrival and the balance on the day, each
 * with its system ledger entry (rent income, keyed by the payment).
 */
function stayPayments(
  stay: Stay,
  reservationId: string,
  houseIds: string[],
  organizationId: string,
  now: string,
) {
  const totalCents = stay.totalPrice * 100;
  const advanceCents = Math.floor((totalCents * 3) / 10);
  const houseId = houseIds[stay.house] ?? '';
  return [
    { kind: 'advance' as const, date: addDays(stay.checkIn, -30), cents: advanceCents },
    { kind: 'balance' as const, date: stay.checkIn, cents: totalCents - advanceCents },
  ].map(({ kind, date, cents }) => {
    const paymentId = newId();
    return {
      payment: {
        id: paymentId,
        organization_id: organizationId,
        reservation_id: reservationId,
        house_id: houseId,
        date,
        kind,
        amount_cents: cents,
        method: 'bank_transfer' as const,
        note: null,
        created_at: now,
        created_by: null,
      },
      entry: {
        id: newId(),
        organization_id: organizationId,
        house_id: houseId,
        date,
        type: 'income' as const,
        category: 'rent' as const,
        description: `${kind === 'advance' ? 'Advance' : 'Balance'} · ${stay.guestName}`,
        amount_cents: cents,
        origin: 'reservation' as const,
        reservation_id: reservationId,
        maintenance_issue_id: null,
        payment_id: paymentId,
        adjusts_entry_id: null,
        system: true,
        held: false,
        source_id: paymentId,
        purpose: 'payment',
        created_at: now,
        created_by: null,
        updated_at: now,
      },
    };
  });
}

const WORK_ORDERS_PER_HOUSE = 10;
const WORK_ORDER_STATUSES = ['resolved', 'resolved', 'resolved', 'resolved', 'cancelled', 'on_hold'] as const;
const WORK_ORDER_TYPES = ['plumbing', 'electrical', 'pool', 'garden', 'appliance'] as const;
const WORK_ORDER_PRIORITIES = ['low', 'normal', 'normal', 'high', 'urgent'] as const;

/**
 * Ten work orders per house over the years, written straight into the
 * database: four resolved with a cost, one cancelled, one on hold and four
 * open or under way — a thousand in all, five hundred still to do.
 */
async function insertWorkOrders(db: Db, organizationId: string, houseIds: string[], now: string) {
  const rows = houseIds.flatMap((houseId, house) =>
    Array.from({ length: WORK_ORDERS_PER_HOUSE }, (_, index) => {
      const status: MaintenanceStatus =
        WORK_ORDER_STATUSES[index] ?? (index % 2 === 0 ? 'open' : 'in_progress');
      return {
        id: newId(),
        organization_id: organizationId,
        house_id: houseId,
        type: WORK_ORDER_TYPES[(house + index) % WORK_ORDER_TYPES.length] ?? 'other',
        title: `Work order ${index + 1} of house ${house + 1}`,
        description: 'Written by the benchmark data set.',
        priority: WORK_ORDER_PRIORITIES[(house * 3 + index) % WORK_ORDER_PRIORITIES.length] ?? 'normal',
        status,
        reported_at: now,
        reported_by: null,
        resolved_at: status === 'resolved' ? now : null,
        labor_cost: status === 'resolved' ? 8_000 + index * 500 : 0,
        materials_cost: status === 'resolved' ? 2_500 : 0,
        created_at: now,
        updated_at: now,
      };
    }),
  );
  await inTransaction(db, async (tx) => {
    for (let i = 0; i < rows.length; i += BATCH) {
      await tx
        .insertInto('maintenance_issues')
        .values(rows.slice(i, i + BATCH))
        .execute();
    }
  });
}
