import type { DomainEventBus } from '../../kernel/events.ts';
import type { FinanceService } from './finance.service.ts';

/**
 * What the ledger posts for what happens elsewhere, in the transaction of
 * what caused it: a work order's cost, money paid through a stay's own
 * fields, a cancelled stay's reversal; and the houses and stays it names,
 * which it keeps from being deleted.
 */
export function financeReactions(events: DomainEventBus, finance: FinanceService): void {
  events.on('maintenance.resolved', (tx, event) => finance.postMaintenanceCost(tx, event));
  events.on('maintenance.costChanged', (tx, event) => finance.postMaintenanceCostChange(tx, event));
  events.on('reservation.paidChanged', (tx, event) => finance.recordPaidChange(tx, event));
  events.on('reservation.recorded', async (tx, event) => {
    if (event.action === 'cancel')
      await finance.reverseReservation(tx, event.organizationId, event.reservationId);
    if (event.action === 'delete') {
      await finance.refuseDeletion(tx, event.organizationId, { reservationId: event.reservationId });
    }
  });
  events.on('house.deleting', (tx, event) =>
    finance.refuseDeletion(tx, event.organizationId, { houseId: event.houseId }),
  );
}
