import type { ExpressionBuilder, Selectable } from 'kysely';
import type { DbOrTx, Tx } from '../../db/database.ts';
import type { BlocksTable, Tables } from '../../db/tables.ts';

export type BlockRow = Selectable<BlocksTable>;

interface Scope {
  organizationId: string;
  /** Only these houses (an owner's); undefined for all. */
  houseIds?: string[];
  houseId?: string;
  siteId?: string;
}

/** The houses of a calendar, by code. */
export function calendarHouses(db: DbOrTx, scope: Scope) {
  return db
    .selectFrom('houses')
    .select(['id', 'code', 'name', 'status'])
    .where('organization_id', '=', scope.organizationId)
    .$if(scope.houseIds !== undefined, (q) =>
      q.where('id', 'in', scope.houseIds?.length ? scope.houseIds : ['']),
    )
    .$if(scope.houseId !== undefined, (q) => q.where('id', '=', scope.houseId ?? ''))
    .$if(scope.siteId !== undefined, (q) => q.where('site_id', '=', scope.siteId ?? ''))
    .orderBy('code')
    .execute();
}

/**
 * The houses a calendar covers: the ones listed, or (undefined) every house of
 * the organization. Naming them by a subquery spares SQLite binding a hundred
 * ids, which makes it plan the query anew on every run.
 */
function inHouses(
  eb: ExpressionBuilder<Tables, 'reservations' | 'blocks' | 'occupied_nights'>,
  column: 'reservations.house_id' | 'blocks.house_id' | 'occupied_nights.house_id',
  organizationId: string,
  houseIds: string[] | undefined,
) {
  return houseIds
    ? eb(column, 'in', houseIds)
    : eb(
        column,
        'in',
        eb.selectFrom('houses').select('houses.id').where('houses.organization_id', '=', organizationId),
      );
}

/**
 * Non-cancelled stays overlapping [from, to), by check-in: those that begin in
 * it, read by check-in from an index, and the one per house that began before
 * and still holds the first night, read from the occupied nights. Stays of a
 * house never overlap, so there is at most one of the latter per house.
 *
 * For every house of the organization the first read needs no house filter:
 * the organization's index by check-in holds every column it returns, so
 * neither SQLite nor PostgreSQL opens a reservation row.
 */
export async function staysOverlapping(
  db: DbOrTx,
  organizationId: string,
  houseIds: string[] | undefined,
  from: string,
  to: string,
) {
  if (houseIds?.length === 0) return [];
  const stays = () =>
    db
      .selectFrom('reservations')
      .select([
        'reservations.id as id',
        'reservations.house_id as houseId',
        'reservations.guest_name as guestName',
        'reservations.check_in as checkIn',
        'reservations.check_out as checkOut',
        'reservations.status as status',
        'reservations.guests as guests',
        'reservations.source as source',
      ])
      .where('reservations.organization_id', '=', organizationId);
  const [beginning, holdingFirstNight] = await Promise.all([
    stays()
      .$if(houseIds !== undefined, (q) => q.where('reservations.house_id', 'in', houseIds ?? []))
      .where('reservations.check_in', '>=', from)
      .where('reservations.check_in', '<', to)
      .where('reservations.status', '!=', 'cancelled')
      .execute(),
    // Read only through the nights: a `check_in < from` condition here would
    // tempt the planner into the organization's whole past. The stay that
    // begins on the first night is kept from the query above.
    stays()
      .where('reservations.id', 'in', (eb) =>
        eb
          .selectFrom('occupied_nights')
          .select('occupied_nights.reservation_id')
          .where((eb) => inHouses(eb, 'occupied_nights.house_id', organizationId, houseIds))
          .where('occupied_nights.night', '=', from)
          .where('occupied_nights.reservation_id', 'is not', null),
      )
      .execute(),
  ]);
  const begunBefore = holdingFirstNight.filter((stay) => stay.checkIn < from);
  return [...begunBefore, ...beginning].sort(byCheckIn);
}

function byCheckIn(a: { checkIn: string }, b: { checkIn: string }): number {
  if (a.checkIn === b.checkIn) return 0;
  return a.checkIn < b.checkIn ? -1 : 1;
}

export function blocksOverlapping(
  db: DbOrTx,
  organizationId: string,
  houseIds: string[] | undefined,
  from: string,
  to: string,
) {
  if (houseIds?.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('blocks')
    .selectAll()
    .where('organization_id', '=', organizationId)
    .where((eb) => inHouses(eb, 'blocks.house_id', organizationId, houseIds))
    .where('start_date', '<', to)
    .where('end_date', '>', from)
    .orderBy('start_date')
    .execute();
}

/** Occupied nights of the given houses in [from, to): the per-day availability. */
export function occupiedNights(db: DbOrTx, houseIds: string[], from: string, to: string) {
  if (houseIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('occupied_nights')
    .select(['house_id', 'night', 'reservation_id', 'block_id'])
    .where('house_id', 'in', houseIds)
    .where('night', '>=', from)
    .where('night', '<', to)
    .execute();
}

/** Active houses of an organization that hold enough guests and have no taken night in [from, to). */
export function freeHouses(
  db: DbOrTx,
  organizationId: string,
  from: string,
  to: string,
  guests: number,
  houseIds?: string[],
) {
  return db
    .selectFrom('houses')
    .selectAll()
    .where('organization_id', '=', organizationId)
    .where('status', '=', 'active')
    .where('max_guests', '>=', guests)
    .$if(houseIds !== undefined, (q) => q.where('id', 'in', houseIds?.length ? houseIds : ['']))
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('occupied_nights')
            .select('occupied_nights.night')
            .whereRef('occupied_nights.house_id', '=', 'houses.id')
            .where('occupied_nights.night', '>=', from)
            .where('occupied_nights.night', '<', to),
        ),
      ),
    )
    .orderBy('code')
    .execute();
}

// --- blocks -------------------------------------------------------------------------

export function findBlock(db: DbOrTx, organizationId: string, id: string): Promise<BlockRow | undefined> {
  return db
    .selectFrom('blocks')
    .selectAll()
    .where('organization_id', '=', organizationId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function insertBlock(tx: Tx, block: Omit<BlockRow, 'version'>): Promise<void> {
  await tx.insertInto('blocks').values(block).execute();
}

export async function updateBlock(
  tx: Tx,
  key: { organizationId: string; id: string; version: number },
  changes: Partial<Pick<BlockRow, 'start_date' | 'end_date' | 'kind' | 'note' | 'updated_at'>>,
): Promise<boolean> {
  const result = await tx
    .updateTable('blocks')
    .set((eb) => ({ ...changes, version: eb('version', '+', 1) }))
    .where('organization_id', '=', key.organizationId)
    .where('id', '=', key.id)
    .where('version', '=', key.version)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export async function deleteBlock(tx: Tx, organizationId: string, id: string): Promise<void> {
  await tx.deleteFrom('blocks').where('organization_id', '=', organizationId).where('id', '=', id).execute();
}

// --- the calendar's version -----------------------------------------------------------

export async function calendarVersion(db: DbOrTx, organizationId: string): Promise<number> {
  const row = await db
    .selectFrom('calendar_versions')
    .select('version')
    .where('organization_id', '=', organizationId)
    .executeTakeFirst();
  return row?.version ?? 0;
}

/**
 * Moves the organization's calendar version on: every write the calendar
 * shows calls it inside its own transaction, so a calendar cached for the old
 * value is never served after the change is visible.
 */
export async function touchCalendar(tx: Tx, organizationId: string): Promise<void> {
  await tx
    .insertInto('calendar_versions')
    .values({ organization_id: organizationId, version: 1 })
    .onConflict((conflict) =>
      conflict
        .column('organization_id')
        .doUpdateSet((eb) => ({ version: eb(eb.ref('calendar_versions.version'), '+', 1) })),
    )
    .execute();
}
