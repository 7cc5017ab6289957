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
import type { DomainEventBus } from '../../kernel/events.ts';
import { normalizeEmail } from '../../kernel/secrets.ts';
import { insertAuditEntry, listAuditEntries } from '../audit/audit.repository.ts';
import { findGuest, findGuestByEmail, insertGuest } from '../guests/guests.repository.ts';
import { findHouse } from '../houses/houses.repository.ts';
import { housesVisibleTo } from '../houses/houses.service.ts';
import { checkRange, ensureNightsFree, writeWithNights } from './occupancy.ts';
import {
  deleteReservation,
  findReservation,
  insertReservation,
  listReservations,
  occupyNights,
  type ReservationRow,
  releaseReservationNights,
  updateReservation,
} from './reservations.repository.ts';
import type {
  ReservationCreateBody,
  ReservationListQuery,
  ReservationUpdateBody,
} from './reservations.schemas.ts';

/** The only status changes there are; anything else is a 409. */
const TRANSITIONS: Record<ReservationStatus, ReservationStatus[]> = {
  pending: ['confirmed', 'cancelled'],
  confirmed: ['checked_in', 'cancelled'],
  // Back to the status before: undoing a mistaken check-in or check-out (see UNDOES).
  checked_in: ['checked_out', 'confirmed'],
  checked_out: ['checked_in'],
  cancelled: [],
};

/** The transitions that undo a check-in or a check-out: managers' corrections, recorded as such. */
const UNDOES: Partial<Record<ReservationStatus, ReservationStatus>> = {
  checked_in: 'confirmed',
  checked_out: 'checked_in',
};

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
      status: query.status as ReservationStatus | undefined,
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
          source: (input.source ?? 'direct') as ReservationSource,
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
        const created = await findReservation(tx, member.organizationId, id);
        await this.#record(tx, member, id, 'create', null, created ? snapshot(created) : null, now);
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

  async update(
    member: Member,
    reservationId: string,
    input: Static<typeof ReservationUpdateBody>,
    expected?: number,
  ) {
    const now = this.#now().toISOString();
    const current = await this.#visible(member, reservationId);
    const houseId = input.houseId ?? current.house_id;
    const checkIn = input.checkIn ?? current.check_in;
    const checkOut = input.checkOut ?? current.check_out;

    await writeWithNights(
      this.#db,
      { houseId, start: checkIn, end: checkOut, except: reservationId },
      async (tx) => {
        const before = await findReservation(tx, member.organizationId, reservationId);
        if (!before) throw noSuchReservation();
        if (expected !== undefined && expected !== before.version) throw versionMismatch(before.version);

        const status = (input.status ?? before.status) as ReservationStatus;
        if (status !== before.status && !TRANSITIONS[before.status].includes(status)) {
          throw conflict('invalid-transition', `A ${before.status} reservation cannot become ${status}.`, {
            currentStatus: before.status,
          });
        }
        const undoing = status !== before.status && UNDOES[before.status] === status;
        // The route admits managers only today; the rule belongs to the undo, whoever may write stays.
        if (undoing && !MANAGERS.includes(member.role)) {
          throw new AppError(403, 'forbidden', 'Only a manager can undo a check-in or a check-out.');
        }
        const stayGiven =
          input.houseId !== undefined || input.checkIn !== undefined || input.checkOut !== undefined;
        const stayChanged =
          (input.houseId ?? before.house_id) !== before.house_id ||
          checkIn !== before.check_in ||
          checkOut !== before.check_out;
        if (stayGiven) checkRange(checkIn, checkOut, { start: 'body.checkIn', end: 'body.checkOut' });
        if (
          (stayChanged || input.guests !== undefined) &&
          (before.status === 'cancelled' || status === 'cancelled')
        ) {
          throw conflict('reservation-cancelled', 'A cancelled reservation keeps its dates.');
        }

        const totalCents =
          input.totalPrice === undefined ? before.total_cents : toCents(input.totalPrice, 'body.totalPrice');
        const advanceCents =
          input.advancePaid === undefined
            ? before.advance_cents
            : toCents(input.advancePaid, 'body.advancePaid');
        checkMoney(totalCents, advanceCents);

        const house = await findHouse(tx, member.organizationId, houseId);
        if (!house) throw notFound('No such house.');
        const guests = input.guests ?? before.guests;
        if (guests > house.max_guests) {
          throw invalid([fieldError('body.guests', 'too-many-guests', { limit: house.max_guests })]);
        }
        // Only a new guest's name is written: the current one may be renamed by another transaction meanwhile.
        let newGuest: { guest_id: string; guest_name: string } | undefined;
        if (input.guestId !== undefined && input.guestId !== before.guest_id) {
          const guest = await findGuest(tx, member.organizationId, input.guestId, this.#postgres);
          if (!guest) throw notFound('No such guest.');
          newGuest = { guest_id: guest.id, guest_name: guest.name };
        }

        if (status === 'cancelled' && before.status !== 'cancelled') {
          await releaseReservationNights(tx, reservationId);
        } else if (stayChanged) {
          if (house.status !== 'active' && house.id !== before.house_id) {
            throw conflict('house-inactive', 'This house is inactive: reactivate it first.');
          }
          await releaseReservationNights(tx, reservationId);
          await ensureNightsFree(tx, house.id, checkIn, checkOut, reservationId);
          await occupyNights(tx, house.id, eachNight(checkIn, checkOut), { reservationId });
        }

        const changes = {
          house_id: house.id,
          ...newGuest,
          check_in: checkIn,
          check_out: checkOut,
          guests,
          status,
          source: (input.source ?? before.source) as ReservationSource,
          external_ref: input.externalRef === undefined ? before.external_ref : input.externalRef,
          total_cents: totalCents,
          advance_cents: advanceCents,
          notes: input.notes === undefined ? before.notes : input.notes,
          cancellation_reason:
            input.cancellationReason === undefined ? before.cancellation_reason : input.cancellationReason,
          cancelled_at: status === 'cancelled' && before.status !== 'cancelled' ? now : before.cancelled_at,
          updated_at: now,
        };
        const key = { organizationId: member.organizationId, id: reservationId, version: before.version };
        if (!(await updateReservation(tx, key, changes))) throw versionMismatch(before.version);
        const after = await findReservation(tx, member.organizationId, reservationId);
        const action =
          status === 'cancelled' && before.status !== 'cancelled'
            ? 'cancel'
            : undoing
              ? 'undo'
              : status !== before.status
                ? 'status'
                : 'update';
        await this.#record(
          tx,
          member,
          reservationId,
          action,
          snapshot(before),
          after ? snapshot(after) : null,
          now,
        );
        // An arrival or a departure (or one taken back): the house's turnover follows, in this transaction.
        const stay = { organizationId: member.organizationId, houseId: house.id, reservationId };
        if (before.status === 'confirmed' && status === 'checked_in') {
          await this.#events.publish(tx, 'reservation.checkedIn', { ...stay, userId: member.userId, now });
        } else if (before.status === 'checked_in' && status === 'checked_out') {
          await this.#events.publish(tx, 'reservation.departed', { ...stay, now });
        } else if (undoing && status === 'confirmed') {
          await this.#events.publish(tx, 'reservation.checkInUndone', stay);
        } else if (undoing && status === 'checked_in') {
          await this.#events.publish(tx, 'reservation.checkOutUndone', stay);
        }
      },
    );
    return this.get(member, reservationId);
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
    const now = this.#now().toISOString();
    await inTransaction(this.#db, async (tx) => {
      const before = await findReservation(tx, member.organizationId, reservationId);
      if (!before) throw noSuchReservation();
      if (expected !== undefined && expected !== before.version) throw versionMismatch(before.version);
      await deleteReservation(tx, member.organizationId, reservationId);
      await this.#record(tx, member, reservationId, 'delete', snapshot(before), null, now);
    });
  }

  async history(member: Member, reservationId: string) {
    await this.#visible(member, reservationId);
    const entries = await listAuditEntries(this.#db, member.organizationId, 'reservation', reservationId);
    // Staff and owners see when and who, not the money or contact details the snapshots hold.
    const limited = !seesFullReservation(member.role);
    return {
      items: entries.map((entry) => ({
        ...entry,
        before: limited ? null : (entry.before as Record<string, unknown> | null),
        after: limited ? null : (entry.after as Record<string, unknown> | null),
      })),
    };
  }

  async #record(
    tx: Tx,
    member: Member,
    reservationId: string,
    action: string,
    before: unknown,
    after: unknown,
    at: string,
  ): Promise<void> {
    await this.#events.publish(tx, 'reservation.recorded', {
      organizationId: member.organizationId,
      reservationId,
      action,
    });
    await insertAuditEntry(tx, {
      id: newId(),
      organizationId: member.organizationId,
      entity: 'reservation',
      entityId: reservationId,
      action,
      actorId: member.userId,
      at,
      before,
      after,
    });
  }
}
