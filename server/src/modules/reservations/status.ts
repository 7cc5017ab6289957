import type { ReservationStatus } from '../../db/tables.ts';

/**
 * A stay's status machine, declared once: the service enforces it, and the
 * OpenAPI document publishes it on the `ReservationStatus` schema
 * (`x-steps`, `x-undo`), from which the web app's client is generated.
 */

/** The steps forward: anything else is a 409. */
export const STATUS_STEPS = {
  pending: ['confirmed', 'cancelled'],
  confirmed: ['checked_in', 'cancelled'],
  checked_in: ['checked_out'],
  checked_out: [],
  cancelled: [],
} as const satisfies Record<ReservationStatus, readonly ReservationStatus[]>;

/** The way back from a mistaken check-in or check-out: a manager's correction, recorded as such. */
export const STATUS_UNDO = {
  checked_in: 'confirmed',
  checked_out: 'checked_in',
} as const satisfies Partial<Record<ReservationStatus, ReservationStatus>>;

/** What moving a stay from one status to another is: nothing, a step, an undo, or not allowed. */
export function statusMove(
  from: ReservationStatus,
  to: ReservationStatus,
): 'none' | 'step' | 'undo' | 'refused' {
  if (from === to) return 'none';
  if ((STATUS_STEPS[from] as readonly ReservationStatus[]).includes(to)) return 'step';
  if ((STATUS_UNDO as Partial<Record<ReservationStatus, ReservationStatus>>)[from] === to) return 'undo';
  return 'refused';
}
