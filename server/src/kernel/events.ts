import type { Tx } from '../db/database.ts';

/**
 * What happens in the domain, named and typed once. A service that writes
 * publishes on the transaction it holds; the subscribers, registered once in
 * services.ts by the modules that react, run in that same transaction, so a
 * reaction commits or rolls back with what caused it, and the module that
 * publishes needs to know nothing of those that react.
 */
export interface DomainEvents {
  'organization.created': { organizationId: string; locale: string; now: string };
  /** An account opened by signing in with a provider (Google, Microsoft…): the provider's identity is linked to it. */
  'user.registeredWithProvider': {
    userId: string;
    provider: string;
    subject: string;
    email: string;
    now: string;
  };
  'house.created': { organizationId: string; houseId: string; now: string };
  'house.changed': { organizationId: string; houseId: string };
  /**
   * A house about to be deleted, in the transaction that deletes it: a module
   * that keeps records of the house refuses with a 409 (the ledger keeps its entries).
   */
  'house.deleting': { organizationId: string; houseId: string };
  'house.deleted': { organizationId: string; houseId: string };
  /** Its houses leave it. */
  'site.deleted': { organizationId: string; siteId: string };
  /** A new name, or the placeholder of an anonymized guest: the stays that copy it follow. */
  'guest.renamed': { organizationId: string; guestId: string; name: string };
  /**
   * A guest's personal data erased (the right to erasure): what was recorded
   * of them goes too. `formerName` is what to look for, `placeholder` what
   * the guest is now called.
   */
  'guest.anonymized': { organizationId: string; guestId: string; formerName: string; placeholder: string };
  /** Any change to a stay, recorded in its history: what the change was is its `action`. */
  'reservation.recorded': {
    organizationId: string;
    reservationId: string;
    action: StayAction;
    /**
     * The nights the stay covered before the change and covers after it (none for what did not
     * exist). Every publisher sets it; absent only where an event is replayed by hand (a test).
     */
    spans?: NightSpan[];
    /** Who made the change: null for a channel's sync (no member), absent where an event is replayed by hand. */
    userId?: string | null;
    /** Where the change came from: a member, or a channel's feed (notifications tell the two apart). */
    origin?: 'member' | 'channel';
  };
  'reservation.checkedIn': StayEvent & { userId: string; now: string };
  'reservation.departed': StayEvent & { now: string };
  /**
   * What the guest has paid, changed on the stay itself (its form, or a
   * script's POST or PATCH) rather than as a payment: the ledger records the
   * difference as a payment (an advance, a balance or a refund), in this
   * transaction, so the amount paid is always what the ledger holds.
   */
  'reservation.paidChanged': StayEvent & {
    /** The change, in cents: positive when more is paid, negative for money given back. */
    paidCents: number;
    /** Whether the guest has arrived: money received then is the balance, before it an advance. */
    arrived: boolean;
    guestName: string;
    userId: string;
    now: string;
  };
  /** A block created, moved, or removed: the nights it held are free to others. */
  'block.recorded': {
    organizationId: string;
    houseId: string;
    blockId: string;
    action: BlockAction;
    /** The nights the block covered before the change and covers after it (none for what did not exist). */
    spans: NightSpan[];
  };
  /** A check-in or check-out taken back by a manager (a correction). */
  'reservation.checkInUndone': StayEvent;
  'reservation.checkOutUndone': StayEvent;
  /** Any change to a work order, recorded in its history; `delete` removes it and what hangs on it (its files). */
  'maintenance.recorded': {
    organizationId: string;
    houseId: string;
    issueId: string;
    action: MaintenanceAction;
    /** Who made the change (notifications leave the actor out); absent where an event is replayed by hand. */
    userId?: string;
    /** What the work order was before the change (none when created): what notifications compare. */
    before?: { status: string; priority: string; assigneeUserId: string | null } | null;
  };
  /** A channel's feed holds dates already taken in the house by another source: a double booking to settle. */
  'channel.conflicted': {
    organizationId: string;
    houseId: string;
    channelId: string;
    channelName: string;
    /** The feed's events newly in conflict, [start, end). */
    ranges: { start: string; end: string }[];
  };
  /** A channel's feed went from readable to in error (not every failed sync after that: once per outage). */
  'channel.failed': {
    organizationId: string;
    houseId: string;
    channelId: string;
    channelName: string;
    /** The sync error's code (channels' SyncErrorCode). */
    code: string;
  };
  /**
   * A work order resolved: what it cost (labor and materials, in cents), for
   * the ledger to post as one expense dated the day it was resolved.
   */
  'maintenance.resolved': MaintenanceCost;
  /** The cost of a resolved work order corrected: the ledger posts the difference, never an edit. */
  'maintenance.costChanged': MaintenanceCost & { previousCostCents: number };
  /** An entry made by hand deleted: what hangs on it (its receipts) goes with it. */
  'ledger.entryDeleted': { organizationId: string; entryId: string };
}

export type MaintenanceAction = 'create' | 'update' | 'status' | 'delete';

interface MaintenanceCost {
  organizationId: string;
  houseId: string;
  issueId: string;
  /** The work order's title, which the ledger entry repeats. */
  title: string;
  /** The work order's version after the change: one cost change, one posting. */
  version: number;
  /** The date the cost is booked on: the day the work order was resolved, in the house's time zone. */
  date: string;
  costCents: number;
  laborCents: number;
  materialsCents: number;
  userId: string;
  now: string;
}

/**
 * What a change did to a stay, as its history records it: created, changed
 * (dates, house, guest, money, notes), its status moved a step, cancelled, a
 * check-in or check-out undone, deleted.
 */
export type StayAction = 'create' | 'update' | 'status' | 'cancel' | 'undo' | 'delete';

export type BlockAction = 'create' | 'update' | 'delete';

/** Nights [start, end) of a house that a stay or a block covers: what a change may have touched. */
export interface NightSpan {
  houseId: string;
  start: string;
  end: string;
}

interface StayEvent {
  organizationId: string;
  houseId: string;
  reservationId: string;
}

export type EventName = keyof DomainEvents;
export type Subscriber<Name extends EventName> = (tx: Tx, event: DomainEvents[Name]) => Promise<void>;

/** Where events are published and subscribed to; one per application, built in services.ts. */
export class DomainEventBus {
  readonly #subscribers = new Map<EventName, Subscriber<EventName>[]>();

  /** Registers a reaction, at composition: in the order registered, each runs before the next. */
  on<Name extends EventName>(names: Name | readonly Name[], subscriber: Subscriber<Name>): void {
    for (const name of typeof names === 'string' ? [names] : names) {
      const list = this.#subscribers.get(name) ?? [];
      list.push(subscriber as Subscriber<EventName>);
      this.#subscribers.set(name, list);
    }
  }

  /** Runs every reaction in the publisher's transaction; one that fails fails the whole change. */
  async publish<Name extends EventName>(tx: Tx, name: Name, event: DomainEvents[Name]): Promise<void> {
    for (const subscriber of this.#subscribers.get(name) ?? []) await subscriber(tx, event);
  }
}
