import type { Tx } from '../../db/database.ts';
import type { DomainEventBus } from '../../kernel/events.ts';
import { feedsInConflictWith } from './channels.repository.ts';
import { SYNC_JOB, type SyncQueue, syncJobKey } from './channels.service.ts';

/**
 * A stay or block that changes (cancelled, moved, removed) may free the
 * nights a feed's event was kept out of: the feeds in conflict with it are
 * synced again once the change commits, and a conflict it resolved clears.
 */
export function channelsReactions(events: DomainEventBus, queue: SyncQueue): void {
  const resync = async (
    tx: Tx,
    change: { organizationId: string; reservationId?: string; blockId?: string },
  ) => {
    for (const feedId of await feedsInConflictWith(tx, change.organizationId, change)) {
      await queue.enqueue(tx, SYNC_JOB, { feedId }, { key: syncJobKey(feedId, 'resolve') });
    }
  };
  events.on('reservation.recorded', (tx, event) =>
    resync(tx, { organizationId: event.organizationId, reservationId: event.reservationId }),
  );
  events.on('block.recorded', (tx, event) =>
    resync(tx, { organizationId: event.organizationId, blockId: event.blockId }),
  );
}
