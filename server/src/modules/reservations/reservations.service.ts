import type { Static } from 'typebox';
import { type Db, inTransaction, type Tx } from '../../db/database.ts';
import { newId } from '../../db/ids.ts';
import type { ReservationSource, ReservationStatus, Role } from '../../db/tables.ts';
import { AppError, badRequest, conflict, type FieldError, notFound } from '../../http/errors.ts';
import { fieldError } from '../../http/field-errors.ts';
import { fromCents, toCents } from '../../http/money.ts';
import { decodeCursor, page } from '../../http/pagination.ts';
import { versionMismatch } from '../../http/versions.ts';
import type { Member } from '../../kernel/access.ts';
import { MANAGERS } from '../../kernel/access.ts';
import { eachNight, nightsBetween } from '../../kernel/dates.ts';
import type { DomainEventBus, StayAction } from '../../kernel/events.ts';
import { normalizeEmail } from '../../kernel/secrets.ts';
import { listAuditEntries } from '../audit/audit.repository.ts';
import { historyItems } from '../audit/history.ts';
import { findGuest, findGuestByEmail, insertGuest } from '../guests/guests.repository.ts';
import { findHouse } from '../houses/houses.repository.ts';
import { housesVisibleTo } from '../houses/houses.service.ts';
import { occupyNights, releaseReservationNights } from '../occupancy/occupancy.repository.ts';
import { checkRange, ensureNightsFree, writeWithNights } from '../occupancy/occupancy.ts';
import {
  deleteReservation,
  findReservation,
  insertReservation,
  listReservations,
  lockReservation,
  type ReservationRow,
  updateReservation,
} from './reservations.repository.ts';
import type {
  ReservationCreateBody,
  ReservationListQuery,
  ReservationUpdateBody,
} from './reservations.schemas.ts';
import { statusMove } from './status.ts';

const noSuchReservation = () => notFound('No such reservation.');
const invalid = (errors: FieldError[]) => badRequest('The request is not valid.', errors);

/** Whether a role sees a guest's contact details and the money of a stay: staff and owners do not. */
export function seesFullReservation(role: Role): boolean {
  return role !== 'staff' && role !== 'owner';
}

/** What a member sees of a reservation: managers everything, staff and owners no contact details and no money. */
function reservationView(row: ReservationRow, role: Role) {
  const limited = {
    id: row.id,
    houseId: row.house_id,
    guestId: row.guest_id,
    guestName: row.guest_name,
    checkIn: row.check_in,
    checkOut: row.check_out,
    nights: nightsBetween(row.check_in, row.check_out),
    guests: row.guests,
    status: row.status,
    source: row.source,
    externalRef: row.external_ref,
    notes: row.notes,
    cancellationReason: row.cancellation_reason,
    cancelledAt: row.cancelled_at,
    version: row.version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
  if (!seesFullReservation(role)) return limited;
  return {
    ...limited,
    guestEmail: row.guest_email,
    guestPhone: row.guest_phone,
    totalPrice: fromCents(row.total_cents),
    advancePaid: fromCents(row.advance_cents),
    balanceDue: fromCents(row.total_cents - row.advance_cents),
  };
}

/** The record kept in the history: every field, as managers see them. */
const snapshot = (row: ReservationRow) => reservationView(row, 'admin');

/**
 * The price of a stay given none: its nights at the house's nightly price. A
 * house without one cannot price it, so the field is required there; an
 * explicit 0 is a free stay, chosen.
 */
function priceFromHouse(house: { nightly_price_cents: number | null }, checkIn: string, checkOut: string) {
  if (house.nightly_price_cents === null) {
    // Required here: this house has no nightly price to count from.
    throw invalid([fieldError('body.totalPrice', 'required')]);
  }
  return house.nightly_price_cents * nightsBetween(checkIn, checkOut);
}

/** Amounts are never negative (their schema says so); an advance is at most the price. */
function checkMoney(totalCents: number, advanceCents: number): void {
  if (advanceCents > totalCents) throw invalid([fieldError('body.advancePaid', 'more-than-total')]);
}

/**
 * The status a change asks for, checked against the status machine: a step,
 * an undo (managers only: a correction), or no move; anything else is a 409.
 */
function checkedStatusMove(member: Member, from: ReservationStatus, to: ReservationStatus) {
  const kind = statusMove(from, to);
  if (kind === 'refused') {
    throw conflict('invalid-transition', `A ${from} reservation cannot become ${to}.`, {
      currentStatus: from,
    });
  }
  // The route admits managers only today; the rule belongs to the undo, whoever may write stays.
  if (kind === 'undo' && !MANAGERS.includes(member.role)) {
    throw new AppError(403, 'forbidden', 'Only a manager can undo a check-in or a check-out.');
  }
  return { kind, status: to };
}

/** Whether the change moves the stay (house or dates), after checking the dates it asks for; a cancelled stay keeps its own. */
function checkedStayChange(
  before: ReservationRow,
  input: Static<typeof ReservationUpdateBody>,
  wanted: { houseId: string; checkIn: string; checkOut: string },
  status: ReservationStatus,
): boolean {
  const given = input.houseId !== undefined || input.checkIn !== undefined || input.checkOut !== undefined;
  const changed =
    wanted.houseId !== before.house_id ||
    wanted.checkIn !== before.check_in ||
    wanted.checkOut !== before.check_out;
  if (given) checkRange(wanted.checkIn, wanted.checkOut, { start: 'body.checkIn', end: 'body.checkOut' });
  if ((changed || input.guests !== undefined) && (before.status === 'cancelled' || status === 'cancelled')) {
    throw conflict('reservation-cancelled', 'A cancelled reservation keeps its dates.');
  }
  return changed;
}

/** The price and advance after the change, in cents, checked. */
function checkedMoney(before: ReservationRow, input: Static<typeof ReservationUpdateBody>) {
  const totalCents =
    input.totalPrice === undefined ? before.total_cents : toCents(input.totalPrice, 'body.totalPrice');
  if (input.advancePaid === undefined) {
    // The price alone, lowered below what is paid already: said of the price, the field that moved.
    if (totalCents < before.advance_cents) throw invalid([fieldError('body.totalPrice', 'less-than-paid')]);
    return { totalCents, advanceCents: before.advance_cents };
  }
  const advanceCents = toCents(input.advancePaid, 'body.advancePaid');
  checkMoney(totalCents, advanceCents);
  return { totalCents, advanceCents };
}

export class ReservationsService {
  readonly #db: Db;
  readonly #now: () => Date;
  /** Whether guests read for a stay are locked against a concurrent rename (see findGuest). */
  readonly #postgres: boolean;
  readonly #events: DomainEventBus;

  constructor(options: { db: Db; now: () => Date; postgres: boolean; events: DomainEventBus }) {
    this.#db = options.db;
    this.#now = options.now;
    this.#postgres = options.postgres;
    this.#events = options.events;
  }

  async #visible(member: Member, reservationId: string): Promise<ReservationRow> {
    const row = await findReservation(this.#db, member.organizationId, reservationId);
    const visible = await housesVisibleTo(this.#db, member);
    if (!row || (visible && !visible.includes(row.house_id))) throw noSuchReservation();
    return row;
  }

  async get(member: Member, reservationId: string) {
    return reservationView(await this.#visible(member, reservationId), member.role);
  }

  async list(member: Member, query: Static<typeof ReservationListQuery>) {
    // An empty window (from = to) lists nothing; one that ends before it starts is a mistake, as everywhere.
    if (query.from !== undefined && query.to !== undefined && query.to < query.from) {
      throw invalid([fieldError('querystring.to', 'before-start', { field: 'from' })]);
    }
    const after = decodeCursor(query.cursor, ['calendar-date', 'id']);
    const rows = await listReservations(this.#db, {
      organizationId: member.organizationId,
      houseIds: await housesVisibleTo(this.#db, member),
      houseId: query.houseId,
      siteId: query.siteId,
      status: query.status,
      source: query.source as string | undefined,
      guestId: query.guestId,
      from: query.from,
      to: query.to,
      after: after ? [String(after[0]), String(after[1])] : undefined,
      limit: query.limit + 1,
    });
    const result = page(rows, query.limit, (row) => [row.check_in, row.id]);
    return {
      items: result.items.map((row) => reservationView(row, member.role)),
      nextCursor: result.nextCursor,
    };
  }

  async create(member: Member, input: Static<typeof ReservationCreateBody>) {
    checkRange(input.checkIn, input.checkOut, { start: 'body.checkIn', end: 'body.checkOut' });
    const givenTotal =
      input.totalPrice === undefined ? undefined : toCents(input.totalPrice, 'body.totalPrice');
    const advanceCents = input.advancePaid === undefined ? 0 : toCents(input.advancePaid, 'body.advancePaid');
    if (givenTotal !== undefined) checkMoney(givenTotal, advanceCents);
    if (!input.guestId && !input.guestName?.trim()) {
      throw invalid([fieldError('body.guestName', 'required')]);
    }
    const id = newId();
    const now = this.#now().toISOString();

    await writeWithNights(
      this.#db,
      { houseId: input.houseId, start: input.checkIn, end: input.checkOut },
      async (tx) => {
        const house = await findHouse(tx, member.organizationId, input.houseId);
        if (!house) throw notFound('No such house.');
        if (house.status !== 'active')
          throw conflict('house-inactive', 'This house is inactive: reactivate it first.');
        if (input.guests > house.max_guests) {
          throw invalid([fieldError('body.guests', 'too-many-guests', { limit: house.max_guests })]);
        }
        const totalCents = givenTotal ?? priceFromHouse(house, input.checkIn, input.checkOut);
        checkMoney(totalCents, advanceCents);
        const guest = await this.#guestFor(tx, member.organizationId, input, now);
        await ensureNightsFree(tx, house.id, input.checkIn, input.checkOut);
        await insertReservation(tx, {
          id,
          organization_id: member.organizationId,
          house_id: house.id,
          guest_id: guest.id,
          guest_name: guest.name,
          check_in: input.checkIn,
          check_out: input.checkOut,
          guests: input.guests,
          status: input.status ?? 'pending',
          source: input.source ?? 'direct',
          external_ref: input.externalRef ?? null,
          total_cents: totalCents,
          advance_cents: advanceCents,
          notes: input.notes ?? null,
          cancellation_reason: null,
          cancelled_at: null,
          created_by: member.userId,
          created_at: now,
          updated_at: now,
        });
        await occupyNights(tx, house.id, eachNight(input.checkIn, input.checkOut), { reservationId: id });
        await this.#publishPaidChange(tx, member, {
          houseId: house.id,
          reservationId: id,
          paidCents: advanceCents,
          status: input.status ?? 'pending',
          guestName: guest.name,
          now,
        });
        const created = await findReservation(tx, member.organizationId, id);
        await this.#record(tx, member, id, 'create', null, created ? snapshot(created) : null);
      },
    );
    return this.get(member, id);
  }

  /** The guest of a new reservation: the one named, the known guest with that email, or a new one. */
  async #guestFor(
    tx: Tx,
    organizationId: string,
    input: Static<typeof ReservationCreateBody>,
    now: string,
  ): Promise<{ id: string; name: string }> {
    if (input.guestId) {
      const guest = await findGuest(tx, organizationId, input.guestId, this.#postgres);
      if (!guest) throw notFound('No such guest.');
      return guest;
    }
    const email = input.guestEmail ? normalizeEmail(input.guestEmail) : null;
    if (email) {
      const known = await findGuestByEmail(tx, organizationId, email, this.#postgres);
      if (known) return known;
    }
    const guest = { id: newId(), name: input.guestName?.trim() ?? '' };
    await insertGuest(tx, {
      ...guest,
      organizationId,
      email,
      phone: input.guestPhone?.trim() || null,
      now,
    });
    return guest;
  }

  /**
   * Changes a stay, in one transaction holding its nights: the status move
   * is checked, then the dates, the money, the house and the guest; the
   * nights follow; the row is written, recorded in the history, and what the
   * change means for the house's turnover is published.
   */
  async update(
    member: Member,
    reservationId: string,
    input: Static<typeof ReservationUpdateBody>,
    expected?: number,
  ) {
    const now = this.#now().toISOString();
    const current = await this.#visible(member, reservationId);
    const wanted = {
      houseId: input.houseId ?? current.house_id,
      checkIn: input.checkIn ?? current.check_in,
      checkOut: input.checkOut ?? current.check_out,
    };

    await writeWithNights(
      this.#db,
      { houseId: wanted.houseId, start: wanted.checkIn, end: wanted.checkOut, except: reservationId },
      async (tx) => {
        const before = await findReservation(tx, member.organizationId, reservationId);
        if (!before) throw noSuchReservation();
        if (expected !== undefined && expected !== before.version) throw versionMismatch(before.version);

        const move = checkedStatusMove(member, before.status, input.status ?? before.status);
        const stayChanged = checkedStayChange(before, input, wanted, move.status);
        const money = checkedMoney(before, input);
        const paidCents = money.advanceCents - before.advance_cents;
        if (paidCents !== 0 && (before.status === 'cancelled' || move.status === 'cancelled')) {
          throw conflict(
            'reservation-cancelled',
            'A cancelled reservation keeps what was paid: its payments were reversed with it.',
          );
        }
        const house = await findHouse(tx, member.organizationId, wanted.houseId);
        if (!house) throw notFound('No such house.');
        const guests = input.guests ?? before.guests;
        if (guests > house.max_guests) {
          throw invalid([fieldError('body.guests', 'too-many-guests', { limit: house.max_guests })]);
        }
        const newGuest = await this.#newGuest(tx, member, before, input.guestId);

        if (move.status === 'cancelled' && before.status !== 'cancelled') {
          await releaseReservationNights(tx, reservationId);
        } else if (stayChanged) {
          if (house.status !== 'active' && house.id !== before.house_id) {
            throw conflict('house-inactive', 'This house is inactive: reactivate it first.');
          }
          await releaseReservationNights(tx, reservationId);
          await ensureNightsFree(tx, house.id, wanted.checkIn, wanted.checkOut, reservationId);
          await occupyNights(tx, house.id, eachNight(wanted.checkIn, wanted.checkOut), { reservationId });
        }

        const cancelling = move.status === 'cancelled' && before.status !== 'cancelled';
        const changes = {
          house_id: house.id,
          ...newGuest,
          check_in: wanted.checkIn,
          check_out: wanted.checkOut,
          guests,
          status: move.status,
          source: input.source ?? before.source,
          external_ref: input.externalRef === undefined ? before.external_ref : input.externalRef,
          total_cents: money.totalCents,
          advance_cents: money.advanceCents,
          notes: input.notes === undefined ? before.notes : input.notes,
          cancellation_reason:
            input.cancellationReason === undefined ? before.cancellation_reason : input.cancellationReason,
          cancelled_at: cancelling ? now : before.cancelled_at,
          updated_at: now,
        };
        const key = { organizationId: member.organizationId, id: reservationId, version: before.version };
        if (!(await updateReservation(tx, key, changes))) throw versionMismatch(before.version);
        await this.#publishPaidChange(tx, member, {
          houseId: house.id,
          reservationId,
          paidCents,
          status: move.status,
          guestName: newGuest?.guest_name ?? before.guest_name,
          now,
        });
        const after = await findReservation(tx, member.organizationId, reservationId);
        const action = cancelling
          ? 'cancel'
          : move.kind === 'none'
            ? 'update'
            : move.kind === 'undo'
              ? 'undo'
              : 'status';
        await this.#record(
          tx,
          member,
          reservationId,
          action,
          snapshot(before),
          after ? snapshot(after) : null,
        );
        await this.#publishStatusMove(tx, member, {
          houseId: house.id,
          reservationId,
          from: before.status,
          move,
          now,
        });
      },
    );
    return this.get(member, reservationId);
  }

  /** The guest a change moves the stay to, with the name the stay copies; nothing when it stays with its guest. */
  async #newGuest(tx: Tx, member: Member, before: ReservationRow, guestId: string | undefined) {
    // Only a new guest's name is written: the current one may be renamed by another transaction meanwhile.
    if (guestId === undefined || guestId === before.guest_id) return undefined;
    const guest = await findGuest(tx, member.organizationId, guestId, this.#postgres);
    if (!guest) throw notFound('No such guest.');
    return { guest_id: guest.id, guest_name: guest.name };
  }

  /** Money paid or given back through the stay's own fields: the ledger records it as a payment. */
  async #publishPaidChange(
    tx: Tx,
    member: Member,
    change: {
      houseId: string;
      reservationId: string;
      paidCents: number;
      status: ReservationStatus;
      guestName: string;
      now: string;
    },
  ): Promise<void> {
    if (change.paidCents === 0) return;
    await this.#events.publish(tx, 'reservation.paidChanged', {
      organizationId: member.organizationId,
      houseId: change.houseId,
      reservationId: change.reservationId,
      paidCents: change.paidCents,
      arrived: change.status === 'checked_in' || change.status === 'checked_out',
      guestName: change.guestName,
      userId: member.userId,
      now: change.now,
    });
  }

  /** An arrival or a departure (or one taken back): the house's turnover follows, in this transaction. */
  async #publishStatusMove(
    tx: Tx,
    member: Member,
    change: {
      houseId: string;
      reservationId: string;
      from: ReservationStatus;
      move: ReturnType<typeof checkedStatusMove>;
      now: string;
    },
  ): Promise<void> {
    const { from, move, now } = change;
    const stay = {
      organizationId: member.organizationId,
      houseId: change.houseId,
      reservationId: change.reservationId,
    };
    if (move.kind === 'step' && from === 'confirmed' && move.status === 'checked_in') {
      await this.#events.publish(tx, 'reservation.checkedIn', { ...stay, userId: member.userId, now });
    } else if (move.kind === 'step' && move.status === 'checked_out') {
      await this.#events.publish(tx, 'reservation.departed', { ...stay, now });
    } else if (move.kind === 'undo' && move.status === 'confirmed') {
      await this.#events.publish(tx, 'reservation.checkInUndone', stay);
    } else if (move.kind === 'undo' && move.status === 'checked_in') {
      await this.#events.publish(tx, 'reservation.checkOutUndone', stay);
    }
  }

  /** Every stay of a guest, as the caller may see each (the guest's export). */
  async ofGuest(member: Member, guestId: string) {
    const rows = await listReservations(this.#db, {
      organizationId: member.organizationId,
      guestId,
      limit: 10_000,
    });
    return Promise.all(rows.map((row) => this.get(member, row.id)));
  }

  async delete(member: Member, reservationId: string, expected?: number): Promise<void> {
    await this.#visible(member, reservationId);
    await inTransaction(this.#db, async (tx) => {
      // Held first, before the record below moves the calendar's version: a payment holds the stay and
      // then moves that version, so taking them the other way round would deadlock with one.
      await lockReservation(tx, member.organizationId, reservationId, this.#postgres);
      const before = await findReservation(tx, member.organizationId, reservationId);
      if (!before) throw noSuchReservation();
      if (expected !== undefined && expected !== before.version) throw versionMismatch(before.version);
      // Recorded before the row goes: a module that keeps records of the stay (the ledger) refuses then.
      await this.#record(tx, member, reservationId, 'delete', snapshot(before), null);
      await releaseReservationNights(tx, reservationId);
      await deleteReservation(tx, member.organizationId, reservationId);
    });
  }

  async history(member: Member, reservationId: string) {
    await this.#visible(member, reservationId);
    const entries = await listAuditEntries(this.#db, member.organizationId, 'reservation', reservationId);
    // Staff and owners see when and who, not the money or contact details the records hold.
    return { items: historyItems(entries, seesFullReservation(member.role) ? snapshot : null) };
  }

  /**
   * What the guest has paid towards the price moves by `paidCents` (negative
   * for a refund): a payment recorded by the finance module, in the
   * transaction that posts it to the ledger. The finance module checks the
   * amount first and says what is wrong; this refuses anything that would
   * take the amount paid below nothing or above the price all the same.
   */
  async applyPayment(
    tx: Tx,
    payment: {
      organizationId: string;
      reservationId: string;
      paidCents: number;
      userId: string;
      now: string;
    },
  ): Promise<void> {
    const before = await findReservation(tx, payment.organizationId, payment.reservationId);
    if (!before) throw noSuchReservation();
    const advanceCents = before.advance_cents + payment.paidCents;
    if (advanceCents < 0 || advanceCents > before.total_cents) {
      throw conflict('payment-out-of-range', 'This payment would take the amount paid outside the price.');
    }
    const key = { organizationId: payment.organizationId, id: before.id, version: before.version };
    const changes = { advance_cents: advanceCents, updated_at: payment.now };
    if (!(await updateReservation(tx, key, changes))) throw versionMismatch(before.version);
    const after = await findReservation(tx, payment.organizationId, before.id);
    const actor = { organizationId: payment.organizationId, userId: payment.userId };
    await this.#record(tx, actor, before.id, 'update', snapshot(before), after ? snapshot(after) : null);
  }

  /**
   * A stay a channel's feed holds, written by the channel sync in the
   * transaction it holds for that event, by no member. The nights must be
   * free: the caller checks first and records a conflict otherwise (the
   * database refuses them anyway, if another writer took them meanwhile).
   */
  async importStay(
    tx: Tx,
    stay: {
      organizationId: string;
      houseId: string;
      checkIn: string;
      checkOut: string;
      source: ReservationSource;
      externalRef: string;
      guestName: string;
    },
  ): Promise<string> {
    const id = newId();
    const now = this.#now().toISOString();
    const guest = { id: newId(), name: stay.guestName };
    await insertGuest(tx, { ...guest, organizationId: stay.organizationId, email: null, phone: null, now });
    await ensureNightsFree(tx, stay.houseId, stay.checkIn, stay.checkOut);
    await insertReservation(tx, {
      id,
      organization_id: stay.organizationId,
      house_id: stay.houseId,
      guest_id: guest.id,
      guest_name: guest.name,
      check_in: stay.checkIn,
      check_out: stay.checkOut,
      // A feed says neither how many come nor what they paid: the manager completes the stay.
      guests: 1,
      status: 'confirmed',
      source: stay.source,
      external_ref: stay.externalRef,
      total_cents: 0,
      advance_cents: 0,
      notes: null,
      cancellation_reason: null,
      cancelled_at: null,
      created_by: null,
      created_at: now,
      updated_at: now,
    });
    await occupyNights(tx, stay.houseId, eachNight(stay.checkIn, stay.checkOut), { reservationId: id });
    const created = await findReservation(tx, stay.organizationId, id);
    const actor = { organizationId: stay.organizationId, userId: null };
    await this.#record(tx, actor, id, 'create', null, created ? snapshot(created) : null);
    return id;
  }

  /**
   * Moves an imported stay to the dates its feed now gives, or cancels it
   * (`dates` null) when it left the feed. False when there is nothing to do:
   * the stay is gone, already cancelled, or has begun (a stay the guest is in
   * is the manager's to change).
   */
  async applyImportedChange(
    tx: Tx,
    change: {
      organizationId: string;
      reservationId: string;
      dates: { checkIn: string; checkOut: string } | null;
      cancellationReason: string;
    },
  ): Promise<boolean> {
    const before = await findReservation(tx, change.organizationId, change.reservationId);
    if (!before || (before.status !== 'pending' && before.status !== 'confirmed')) return false;
    const now = this.#now().toISOString();
    const { dates } = change;
    if (dates) {
      await releaseReservationNights(tx, before.id);
      await ensureNightsFree(tx, before.house_id, dates.checkIn, dates.checkOut, before.id);
      await occupyNights(tx, before.house_id, eachNight(dates.checkIn, dates.checkOut), {
        reservationId: before.id,
      });
    } else {
      await releaseReservationNights(tx, before.id);
    }
    const changes = dates
      ? { check_in: dates.checkIn, check_out: dates.checkOut, updated_at: now }
      : {
          status: 'cancelled' as const,
          cancellation_reason: change.cancellationReason,
          cancelled_at: now,
          updated_at: now,
        };
    const key = { organizationId: change.organizationId, id: before.id, version: before.version };
    if (!(await updateReservation(tx, key, changes))) throw versionMismatch(before.version);
    const after = await findReservation(tx, change.organizationId, before.id);
    const actor = { organizationId: change.organizationId, userId: null };
    const action = dates ? 'update' : 'cancel';
    await this.#record(tx, actor, before.id, action, snapshot(before), after ? snapshot(after) : null);
    return true;
  }

  async #record(
    tx: Tx,
    member: { organizationId: string; userId: string | null },
    reservationId: string,
    action: StayAction,
    before: ReturnType<typeof snapshot> | null,
    after: ReturnType<typeof snapshot> | null,
  ): Promise<void> {
    // The nights before and after the change: a reaction (analytics) recounts the months they touch.
    const spans = [before, after].flatMap((stay) =>
      stay ? [{ houseId: stay.houseId, start: stay.checkIn, end: stay.checkOut }] : [],
    );
    await this.#events.publish(tx, 'reservation.recorded', {
      organizationId: member.organizationId,
      reservationId,
      action,
      spans,
      userId: member.userId,
      // Only a channel's sync writes a stay with no member behind it.
      origin: member.userId === null ? 'channel' : 'member',
    });
  }
}
