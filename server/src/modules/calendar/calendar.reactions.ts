import type { DomainEventBus } from '../../kernel/events.ts';
import { touchCalendar } from './calendar.repository.ts';

/**
 * The calendar's version (its ETag and cache key) moves with everything it
 * shows: the houses and their sites, the stays and the names on them.
 */
export function calendarReactions(events: DomainEventBus): void {
  events.on(
    [
      'house.created',
      'house.changed',
      'house.deleted',
      'site.deleted',
      'guest.renamed',
      'reservation.recorded',
    ],
    (tx, event) => touchCalendar(tx, event.organizationId),
  );
}
