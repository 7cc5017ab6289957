import type { DomainEventBus } from '../../kernel/events.ts';
import type { FilesService } from './files.service.ts';

/** What is removed takes its files along, in the same transaction. */
export function filesReactions(events: DomainEventBus, files: FilesService): void {
  events.on('maintenance.recorded', async (tx, event) => {
    if (event.action !== 'delete') return;
    await files.removeAllOf(tx, event.organizationId, 'maintenance_issue', event.issueId);
  });
  events.on('ledger.entryDeleted', (tx, event) =>
    files.removeAllOf(tx, event.organizationId, 'ledger_entry', event.entryId),
  );
  events.on('house.deleted', async (tx, event) => {
    await files.removeAllOf(tx, event.organizationId, 'house', event.houseId);
    // The house's work orders went with it (a cascade in the database), without an event each.
    await files.removeOfDeletedIssues(tx, event.organizationId);
  });
}
