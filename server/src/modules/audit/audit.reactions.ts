import type { DomainEventBus } from '../../kernel/events.ts';
import type { AuditService } from './audit.service.ts';

/** An erased guest leaves no personal data in what the log recorded of them, in the erasure's transaction. */
export function auditReactions(events: DomainEventBus, audit: AuditService): void {
  events.on('guest.anonymized', (tx, event) =>
    audit.eraseGuest(tx, event.organizationId, event.guestId, event.placeholder),
  );
}
