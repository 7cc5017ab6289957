import { type Db, inTransaction, type Tx } from '../../db/database.ts';
import { isUniqueViolation } from '../../db/errors.ts';
import { type AppError, badRequest, conflict, type FieldError } from '../../http/errors.ts';
import { fieldError } from '../../http/field-errors.ts';
import { isCalendarDate, nightsBetween } from '../../kernel/dates.ts';
import { firstOccupant } from './occupancy.repository.ts';

/** The longest stay or block, in nights. */
const MAX_NIGHTS = 366;

/** A half-open range of real dates, ending after it starts, of reasonable length; a 400 naming the field otherwise. */
export function checkRange(start: string, end: string, paths: { start: string; end: string }): void {
  const errors: FieldError[] = [];
  if (!isCalendarDate(start)) errors.push(fieldError(paths.start, 'invalid-date'));
  if (!isCalendarDate(end)) errors.push(fieldError(paths.end, 'invalid-date'));
  if (errors.length === 0 && end <= start)
    errors.push(fieldError(paths.end, 'before-start', { field: paths.start.split('.').at(-1) }));
  if (errors.length === 0 && nightsBetween(start, end) > MAX_NIGHTS) {
    errors.push(fieldError(paths.end, 'too-many-nights', { limit: MAX_NIGHTS }));
  }
  if (errors.length > 0) throw badRequest('The request is not valid.', errors);
}

/** A 409 naming what already holds a night: a stay or a block. */
export function overlap(occupant: {
  night: string;
  reservation_id: string | null;
  block_id: string | null;
}): AppError {
  return conflict(
    'overlap',
    occupant.reservation_id
      ? `The house is already reserved on the night of ${occupant.night}.`
      : `The house is blocked on the night of ${occupant.night}.`,
    occupant.reservation_id
      ? { conflictingReservationId: occupant.reservation_id }
      : { conflictingBlockId: occupant.block_id },
  );
}

/** Refuses nights of [start, end) already held in a house by anything but `except` (a reservation being moved). */
export async function ensureNightsFree(tx: Tx, houseId: string, start: string, end: string, except?: string) {
  const occupant = await firstOccupant(tx, houseId, start, end, except);
  if (occupant) throw overlap(occupant);
}

/**
 * Runs a write that takes nights of a house. The check above gives a clear
 * answer in the common case; the primary key of occupied_nights is the
 * guarantee when two writers race: the database refuses the second, the
 * transaction rolls back, and the answer names what holds the night.
 */
export async function writeWithNights<T>(
  db: Db,
  nights: { houseId: string; start: string; end: string; except?: string },
  work: (tx: Tx) => Promise<T>,
): Promise<T> {
  try {
    return await inTransaction(db, work);
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    const occupant = await firstOccupant(db, nights.houseId, nights.start, nights.end, nights.except);
    if (occupant) throw overlap(occupant);
    throw conflict('concurrent-change', 'Another change happened at the same moment: try again.');
  }
}
