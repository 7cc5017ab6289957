import type { DbOrTx, Tx } from '../../db/database.ts';

/**
 * `occupied_nights`: one row per house and night held by a stay or a block,
 * (house, night) its primary key. This module is its only writer; stays and
 * blocks take and release their nights through it.
 */

/**
 * Takes the nights of a stay or a block. The primary key (house, night) makes
 * the database refuse a night already taken, inside the caller's transaction.
 */
export async function occupyNights(
  tx: Tx,
  houseId: string,
  nights: string[],
  holder: { reservationId: string } | { blockId: string },
): Promise<void> {
  if (nights.length === 0) return;
  await tx
    .insertInto('occupied_nights')
    .values(
      nights.map((night) => ({
        house_id: houseId,
        night,
        reservation_id: 'reservationId' in holder ? holder.reservationId : null,
        block_id: 'blockId' in holder ? holder.blockId : null,
      })),
    )
    .execute();
}

export async function releaseReservationNights(tx: Tx, reservationId: string): Promise<void> {
  await tx.deleteFrom('occupied_nights').where('reservation_id', '=', reservationId).execute();
}

/**
 * Who holds a night of [start, end) in a house, other than `except` (a
 * reservation being moved, by id, or the stay or block whose nights are
 * being checked again); undefined when all are free.
 */
export function firstOccupant(
  db: DbOrTx,
  houseId: string,
  start: string,
  end: string,
  except?: string | { reservationId?: string; blockId?: string },
) {
  const { reservationId, blockId } = typeof except === 'string' ? { reservationId: except } : (except ?? {});
  return db
    .selectFrom('occupied_nights')
    .select(['night', 'reservation_id', 'block_id'])
    .where('house_id', '=', houseId)
    .where('night', '>=', start)
    .where('night', '<', end)
    .$if(reservationId !== undefined, (q) =>
      q.where((eb) =>
        eb.or([eb('reservation_id', 'is', null), eb('reservation_id', '!=', reservationId ?? '')]),
      ),
    )
    .$if(blockId !== undefined, (q) =>
      q.where((eb) => eb.or([eb('block_id', 'is', null), eb('block_id', '!=', blockId ?? '')])),
    )
    .orderBy('night')
    .limit(1)
    .executeTakeFirst();
}

export async function releaseBlockNights(tx: Tx, blockId: string): Promise<void> {
  await tx.deleteFrom('occupied_nights').where('block_id', '=', blockId).execute();
}
