import type { DomainEventBus } from '../../kernel/events.ts';
import { replaceNameInNotifications } from './notifications.repository.ts';
import type { NotificationsService } from './notifications.service.ts';

/**
 * The notifications the domain's changes make, in the transaction of each
 * change: a change rolled back tells nobody, and the code that makes the
 * change knows nothing of who hears of it.
 */
export function notificationsReactions(events: DomainEventBus, notifications: NotificationsService): void {
  events.on('reservation.recorded', (tx, event) => notifications.stayRecorded(tx, event));
  events.on('maintenance.recorded', (tx, event) => notifications.workOrderRecorded(tx, event));
  events.on('channel.conflicted', (tx, event) => notifications.channelConflicted(tx, event));
  events.on('channel.failed', (tx, event) => notifications.channelFailed(tx, event));
  // An erased guest is named in no notification any more (their stays' emails already left).
  events.on('guest.anonymized', (tx, event) =>
    replaceNameInNotifications(tx, event.organizationId, event.formerName, event.placeholder),
  );
}
