import type { DbOrTx } from '../../db/database.ts';

/** The organization's houses (or the given ones): names for the day's lists. */
export function houseNames(db: DbOrTx, organizationId: string, houseIds?: string[]) {
  return db
    .selectFrom('houses')
    .select(['id', 'code', 'name'])
    .where('organization_id', '=', organizationId)
    .$if(houseIds !== undefined, (query) => query.where('id', 'in', houseIds?.length ? houseIds : ['']))
    .orderBy('code')
    .execute();
}

/** Each house's next arrival on or after `date` (the deadline of its turnover), in one query. */
export async function nextArrivals(
  db: DbOrTx,
  organizationId: string,
  date: string,
): Promise<Map<string, { reservationId: string; checkIn: string }>> {
  const rows = await db
    .selectFrom('reservations as next')
    .select(['next.id', 'next.house_id', 'next.check_in'])
    .where('next.organization_id', '=', organizationId)
    .where('next.status', 'in', ['pending', 'confirmed'])
    .where('next.check_in', '>=', date)
    .where((eb) =>
      eb(
        'next.check_in',
        '=',
        eb
          .selectFrom('reservations as earlier')
          .select((inner) => inner.fn.min('earlier.check_in').as('first'))
          .whereRef('earlier.house_id', '=', 'next.house_id')
          .where('earlier.status', 'in', ['pending', 'confirmed'])
          .where('earlier.check_in', '>=', date),
      ),
    )
    .execute();
  return new Map(rows.map((row) => [row.house_id, { reservationId: row.id, checkIn: row.check_in }]));
}

/**
 * The houses occupied on `date`: a stay under way (arrived before the day,
 * leaving after it, not cancelled nor already checked out) or a guest checked
 * in who leaves after the day (checked in early, or arriving that day). A
 * departure day is not occupied: its turnover is that day's work.
 */
export async function occupiedHouses(db: DbOrTx, organizationId: string, date: string): Promise<Set<string>> {
  const rows = await db
    .selectFrom('reservations')
    .select('house_id')
    .distinct()
    .where('organization_id', '=', organizationId)
    .where('check_out', '>', date)
    .where((eb) =>
      eb.or([
        eb('status', '=', 'checked_in'),
        eb.and([eb('status', 'in', ['pending', 'confirmed']), eb('check_in', '<', date)]),
      ]),
    )
    .execute();
  return new Set(rows.map((row) => row.house_id));
}
