import type { DomainEventBus } from '../../kernel/events.ts';
import { insertDefaultChecklist } from './checklists.repository.ts';
import {
  openDepartureRound,
  openOpeningRound,
  reopenRoundSkippedAtCheckIn,
  skipRoundAtCheckIn,
  withdrawDepartureRound,
} from './checklists.service.ts';

/** A new organization's checklist, and what a stay's arrival and departure mean for its house's turnover. */
export function checklistsReactions(events: DomainEventBus, options: { postgres: boolean }): void {
  // A new organization starts with a housekeeping checklist in its language.
  events.on('organization.created', (tx, organization) =>
    insertDefaultChecklist(tx, organization.organizationId, organization.locale, organization.now),
  );
  // A new house is not ready until someone has prepared it for its first guests.
  events.on('house.created', (tx, house) => openOpeningRound(tx, house));
  // A round not done by now will not be: the guests are in.
  events.on('reservation.checkedIn', (tx, stay) => skipRoundAtCheckIn(tx, stay));
  // The guests have left: the house needs its turnover before the next arrival.
  events.on('reservation.departed', async (tx, stay) => {
    await openDepartureRound(tx, stay);
  });
  events.on('reservation.checkInUndone', (tx, stay) => reopenRoundSkippedAtCheckIn(tx, stay.reservationId));
  events.on('reservation.checkOutUndone', (tx, stay) =>
    withdrawDepartureRound(tx, stay.reservationId, { postgres: options.postgres }),
  );
}
