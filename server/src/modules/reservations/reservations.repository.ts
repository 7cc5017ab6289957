import type { ExpressionBuilder, Selectable } from 'kysely';
import type { DbOrTx, Tx } from '../../db/database.ts';
import { everyColumn, preparedQuery } from '../../db/prepared.ts';
import type { ReservationStatus, ReservationsTable, Tables } from '../../db/tables.ts';
import { addDays } from '../../kernel/dates.ts';

export type ReservationRecord = Selectable<ReservationsTable>;

/** A reservation with its guest's contact details, as every read returns it. */
export interface ReservationRow extends ReservationRecord {
  guest_email: string | null;
  guest_phone: string | null;
}

const RESERVATION_COLUMNS = everyColumn<ReservationsTable>()([
  'id',
  'organization_id',
  'house_id',
  'guest_id',
  'guest_name',
  'check_in',
  'check_out',
  'guests',
  'status',
  'source',
  'external_ref',
  'total_cents',
  'advance_cents',
  'notes',
  'cancellation_reason',
  'cancelled_at',
  'created_by',
  'version',
  'created_at',
  'updated_at',
]);

/**
 * The guest's details are read by subqueries rather than a join: SQLite
 * re-prepares a join on every run as soon as a parameter is bound (a new plan
 * for each value), which costs several times the lookup itself. The name is
 * the reservation's own column.
 */
function reservationsWithGuests(db: DbOrTx, organizationId: string) {
  const guest = <C extends 'email' | 'phone'>(eb: ExpressionBuilder<Tables, 'reservations'>, column: C) =>
    eb.selectFrom('guests').select(column).whereRef('guests.id', '=', 'reservations.guest_id').$asScalar();
  return db
    .selectFrom('reservations')
    .select(RESERVATION_COLUMNS)
    .select((eb) => [guest(eb, 'email').as('guest_email'), guest(eb, 'phone').as('guest_phone')])
    .where('reservations.organization_id', '=', organizationId);
}

export function findReservation(
  db: DbOrTx,
  organizationId: string,
  id: string,
): Promise<ReservationRow | undefined> {
  return reservationById.first(db, { organizationId, id });
}

const reservationById = preparedQuery((db, values: { organizationId: string; id: string }) =>
  reservationsWithGuests(db, values.organizationId).where('reservations.id', '=', values.id),
);

export function listReservations(
  db: DbOrTx,
  filter: {
    organizationId: string;
    houseIds?: string[];
    houseId?: string;
    siteId?: string;
    status?: ReservationStatus;
    source?: string;
    guestId?: string;
    /** Stays overlapping [from, to). */
    from?: string;
    to?: string;
    after?: [string, string];
    limit: number;
  },
): Promise<ReservationRow[]> {
  return reservationsWithGuests(db, filter.organizationId)
    .$if(filter.houseIds !== undefined, (q) =>
      q.where('reservations.house_id', 'in', filter.houseIds?.length ? filter.houseIds : ['']),
    )
    .$if(filter.houseId !== undefined, (q) => q.where('reservations.house_id', '=', filter.houseId ?? ''))
    .$if(filter.siteId !== undefined, (q) =>
      q.where('reservations.house_id', 'in', (eb) =>
        eb
          .selectFrom('houses')
          .select('houses.id')
          .where('houses.site_id', '=', filter.siteId ?? ''),
      ),
    )
    .$if(filter.status !== undefined, (q) => q.where('reservations.status', '=', filter.status ?? 'pending'))
    .$if(filter.source !== undefined, (q) => q.where('reservations.source', '=', filter.source as never))
    .$if(filter.guestId !== undefined, (q) => q.where('reservations.guest_id', '=', filter.guestId ?? ''))
    .$if(filter.to !== undefined, (q) => q.where('reservations.check_in', '<', filter.to ?? ''))
    .$if(filter.from !== undefined, (q) =>
      q
        .where('reservations.check_out', '>', filter.from ?? '')
        // No stay lasts more than 366 nights: this bound lets the (house, check-in) index stop early.
        .where('reservations.check_in', '>=', addDays(filter.from ?? '', -366)),
    )
    .$if(filter.after !== undefined, (q) =>
      q.where((eb) =>
        eb.or([
          eb('reservations.check_in', '>', filter.after?.[0] ?? ''),
          eb.and([
            eb('reservations.check_in', '=', filter.after?.[0] ?? ''),
            eb('reservations.id', '>', filter.after?.[1] ?? ''),
          ]),
        ]),
      ),
    )
    .orderBy('reservations.check_in')
    .orderBy('reservations.id')
    .limit(filter.limit)
    .execute();
}

export async function insertReservation(tx: Tx, row: Omit<ReservationRecord, 'version'>): Promise<void> {
  await tx.insertInto('reservations').values(row).execute();
}

export async function updateReservation(
  tx: Tx,
  key: { organizationId: string; id: string; version: number },
  changes: Partial<
    Omit<ReservationRecord, 'id' | 'organization_id' | 'version' | 'created_at' | 'created_by'>
  >,
): Promise<boolean> {
  const result = await tx
    .updateTable('reservations')
    .set((eb) => ({ ...changes, version: eb('version', '+', 1) }))
    .where('organization_id', '=', key.organizationId)
    .where('id', '=', key.id)
    .where('version', '=', key.version)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/**
 * A guest's new name (or the anonymized one) on all their stays, in the
 * transaction that renames the guest. The stays themselves did not change:
 * their version and updated_at stay, so an edit in progress is not refused.
 */
export async function renameGuestOnReservations(
  tx: Tx,
  organizationId: string,
  guestId: string,
  name: string,
): Promise<void> {
  await tx
    .updateTable('reservations')
    .set({ guest_name: name })
    .where('organization_id', '=', organizationId)
    .where('guest_id', '=', guestId)
    .execute();
}

/**
 * Holds a stay's row until the transaction ends (PostgreSQL; SQLite has one
 * writer at a time), as the first thing a delete does: what is written for
 * the stay meanwhile (a payment holds the stay, then moves the calendar's
 * version) is waited for and then seen, never crossed in opposite order.
 */
export async function lockReservation(
  tx: Tx,
  organizationId: string,
  id: string,
  postgres: boolean,
): Promise<void> {
  if (!postgres) return;
  await tx
    .selectFrom('reservations')
    .select('id')
    .where('organization_id', '=', organizationId)
    .where('id', '=', id)
    .forUpdate()
    .execute();
}

export async function deleteReservation(tx: Tx, organizationId: string, id: string): Promise<void> {
  await tx
    .deleteFrom('reservations')
    .where('organization_id', '=', organizationId)
    .where('id', '=', id)
    .execute();
}
