import type { DomainEventBus } from '../../kernel/events.ts';
import { insertDefaultTypes } from './maintenance.repository.ts';

/** A new organization starts with the usual kinds of maintenance work. */
export function maintenanceReactions(events: DomainEventBus): void {
  events.on('organization.created', (tx, organization) =>
    insertDefaultTypes(tx, organization.organizationId),
  );
}
