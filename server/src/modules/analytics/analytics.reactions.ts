import type { DomainEventBus } from '../../kernel/events.ts';
import type { AnalyticsService } from './analytics.service.ts';

/**
 * The running monthly totals follow every change to a stay or a block, in
 * its transaction: the months of the nights it held before and holds after
 * are counted again. A stay being deleted still holds its nights when the
 * change is published: it is left out of the count.
 */
export function analyticsReactions(events: DomainEventBus, analytics: AnalyticsService): void {
  events.on('reservation.recorded', (tx, event) =>
    analytics.recount(
      tx,
      event.organizationId,
      event.spans ?? [],
      event.action === 'delete' ? event.reservationId : undefined,
    ),
  );
  events.on('block.recorded', (tx, event) => analytics.recount(tx, event.organizationId, event.spans ?? []));
  // A house's time zone is the day its stays were booked on, which lead times count from.
  events.on('house.changed', (tx, event) => analytics.recountHouse(tx, event.organizationId, event.houseId));
}
