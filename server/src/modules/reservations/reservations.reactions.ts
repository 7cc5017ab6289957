import type { DomainEventBus } from '../../kernel/events.ts';
import { renameGuestOnReservations } from './reservations.repository.ts';

/** A stay keeps a copy of its guest's name (what the calendar shows): it follows the guest's file. */
export function reservationsReactions(events: DomainEventBus): void {
  events.on('guest.renamed', (tx, guest) =>
    renameGuestOnReservations(tx, guest.organizationId, guest.guestId, guest.name),
  );
}
