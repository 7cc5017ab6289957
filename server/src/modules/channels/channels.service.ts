import type { FastifyBaseLogger } from 'fastify';
import type { Static } from 'typebox';
import type { ChannelsConfig } from '../../config.ts';
import { type Db, type DbOrTx, inTransaction, type Tx } from '../../db/database.ts';
import { isUniqueViolation } from '../../db/errors.ts';
import { newId } from '../../db/ids.ts';
import { CHANNEL_SOURCES, type ChannelSource, type SyncErrorCode } from '../../db/tables.ts';
import { AppError, conflict, notFound } from '../../http/errors.ts';
import { versionMismatch } from '../../http/versions.ts';
import type { Member } from '../../kernel/access.ts';
import { addDays, localDate, nightsBetween } from '../../kernel/dates.ts';
import type { DomainEventBus } from '../../kernel/events.ts';
import { randomToken } from '../../kernel/secrets.ts';
import type { CalendarService } from '../calendar/calendar.service.ts';
import { emailLocale } from '../email/templates.ts';
import { findHouse } from '../houses/houses.repository.ts';
import { housesVisibleTo } from '../houses/houses.service.ts';
import { firstOccupant } from '../occupancy/occupancy.repository.ts';
import type { ReservationsService } from '../reservations/reservations.service.ts';
import {
  type ConflictRow,
  claimFeed,
  countFeedsInError,
  deleteEvent,
  deleteFeed,
  dueFeedIds,
  ensureExports,
  exportedNights,
  exportsOf,
  type FeedEventRow,
  type FeedRow,
  feedEvents,
  findExportByToken,
  findFeed,
  findFeedById,
  heldNights,
  insertEvent,
  insertFeed,
  insertSync,
  listConflicts,
  listFeeds,
  listSyncs,
  organizationLocale,
  orphanImportedStay,
  pruneSyncs,
  recordFeedOutcome,
  replaceExportToken,
  updateEvent,
  updateFeed,
} from './channels.repository.ts';
import type { ChannelCreateBody, ChannelUpdateBody } from './channels.schemas.ts';
import { buildExportFeed } from './export.ts';
import { FeedError, fetchFeed } from './feed.ts';
import { type FeedEvent, type ParsedFeed, parseFeed } from './ical.ts';

/** How long one sync may hold its feed before another process may take it (the fetch alone is bounded at 10 s). */
const SYNC_LEASE_MS = 5 * 60_000;
/** Entries of a feed's sync log kept. */
const SYNCS_KEPT = 200;
/** The exported feed starts this many days back: channels only care about what is to come. */
const EXPORT_DAYS_BACK = 60;

/** What a channel's guests are called when its feed gives no name (Airbnb and Booking.com never do). */
const SOURCE_LABELS: Record<ChannelSource, string> = {
  airbnb: 'Airbnb',
  booking: 'Booking.com',
  vrbo: 'Vrbo',
  other: 'Channel',
};

/** Where the channel sync queues its work: the job runner, seen through what it needs of it. */
export interface SyncQueue {
  enqueue(db: DbOrTx, kind: string, payload: unknown, options?: { key?: string }): Promise<void>;
}

export const SYNC_JOB = 'channel.sync';
/**
 * One sync of a feed pending at a time; a sync asked for because a conflict
 * may be resolved has a key of its own, so it is not lost while a periodic
 * one runs.
 */
export const syncJobKey = (feedId: string, why: 'due' | 'resolve' = 'due') =>
  why === 'due' ? `${SYNC_JOB}:${feedId}` : `${SYNC_JOB}:${feedId}:resolve`;

export interface SyncResult {
  status: 'ok' | 'error';
  fetchedAt: string;
  events: number;
  created: number;
  updated: number;
  cancelled: number;
  conflicts: number;
  error: string | null;
  errorCode: SyncErrorCode | null;
}

/** Why a sync changed nothing, as a code (for the web app's words) and a sentence (for the log). */
interface SyncError {
  code: SyncErrorCode;
  message: string;
}

const noSuchChannel = () => notFound('No such channel.');
const syncInProgress = () =>
  conflict('sync-in-progress', 'This channel is being synced right now: try again in a moment.');

function channelView(row: FeedRow & { conflicts?: number | string | bigint | null }) {
  return {
    id: row.id,
    houseId: row.house_id,
    name: row.name,
    source: row.source,
    url: row.url,
    status: row.status,
    lastError: row.last_error,
    lastErrorCode: row.last_error_code,
    lastSyncAt: row.last_sync_at,
    lastSuccessAt: row.last_success_at,
    nextSyncAt: row.next_sync_at,
    conflicts: Number(row.conflicts ?? 0),
    version: row.version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function conflictView(row: ConflictRow) {
  const other = row.conflict_reservation_id
    ? row.other_check_in && row.other_check_out && row.other_guest_name !== null && row.other_source
      ? {
          type: 'reservation' as const,
          id: row.conflict_reservation_id,
          guestName: row.other_guest_name,
          checkIn: row.other_check_in,
          checkOut: row.other_check_out,
          source: row.other_source,
        }
      : null
    : row.conflict_block_id && row.other_block_kind && row.other_block_start && row.other_block_end
      ? {
          type: 'block' as const,
          id: row.conflict_block_id,
          kind: row.other_block_kind,
          start: row.other_block_start,
          end: row.other_block_end,
        }
      : null;
  return {
    channelId: row.feed_id,
    channelName: row.feed_name,
    source: row.feed_source,
    houseId: row.house_id,
    uid: row.uid,
    kind: row.kind,
    start: row.start_date,
    end: row.end_date,
    guestName: row.guest_name,
    reservationId: row.reservation_id,
    since: row.conflict_since ?? '',
    other,
  };
}

/** The outcome of one event of a sync. */
type EventOutcome = 'created' | 'updated' | 'unchanged' | 'conflict' | 'new-conflict';

/** Thrown inside an event's transaction to roll it back: its nights are taken. */
class NightsTaken extends Error {}

interface SyncContext {
  feed: FeedRow;
  today: string;
  now: string;
}

/**
 * Channel sync (module 5): the iCal feeds each house imports from Airbnb,
 * Booking.com, Vrbo or any calendar, and the feeds it exports to them.
 *
 * A sync reads the whole feed, then applies it event by event, each in its
 * own transaction together with the row that remembers what the event
 * became: a stay, a block, or a conflict. A feed that cannot be read, or that
 * would empty the calendar, changes nothing. Two syncs of one feed never run
 * at once (a lease on the feed), whichever processes run them.
 */
export class ChannelsService {
  readonly #db: Db;
  readonly #now: () => Date;
  readonly #config: ChannelsConfig;
  readonly #publicUrl: string;
  readonly #version: string | undefined;
  readonly #reservations: ReservationsService;
  readonly #calendar: CalendarService;
  readonly #events: DomainEventBus;
  readonly #queue: SyncQueue;
  readonly #log: FastifyBaseLogger;
  /** Syncs this process ran (a feed read, or tried), and those that ended in error: the metrics' counters. */
  readonly #syncsRun = { total: 0, failed: 0 };

  constructor(options: {
    db: Db;
    now: () => Date;
    config: ChannelsConfig;
    publicUrl: string;
    version?: string;
    reservations: ReservationsService;
    calendar: CalendarService;
    events: DomainEventBus;
    queue: SyncQueue;
    log: FastifyBaseLogger;
  }) {
    this.#db = options.db;
    this.#now = options.now;
    this.#config = options.config;
    this.#publicUrl = options.publicUrl;
    this.#version = options.version;
    this.#reservations = options.reservations;
    this.#calendar = options.calendar;
    this.#events = options.events;
    this.#queue = options.queue;
    this.#log = options.log;
  }

  // --- feeds, as managers see them -------------------------------------------------------

  async #visibleHouse(member: Member, houseId: string) {
    const house = await findHouse(this.#db, member.organizationId, houseId);
    const visible = await housesVisibleTo(this.#db, member);
    if (!house || (visible && !visible.includes(house.id))) throw notFound('No such house.');
    return house;
  }

  async #visibleFeed(member: Member, feedId: string): Promise<FeedRow> {
    const feed = await findFeed(this.#db, member.organizationId, feedId);
    const visible = await housesVisibleTo(this.#db, member);
    if (!feed || (visible && !visible.includes(feed.house_id))) throw noSuchChannel();
    return feed;
  }

  async list(member: Member, houseId: string) {
    await this.#visibleHouse(member, houseId);
    const rows = await listFeeds(this.#db, member.organizationId, { houseId });
    return { items: rows.map(channelView) };
  }

  async get(member: Member, feedId: string) {
    await this.#visibleFeed(member, feedId);
    const [row] = await listFeeds(this.#db, member.organizationId, { feedId });
    if (!row) throw noSuchChannel();
    return channelView(row);
  }

  /** A calendar the house already imports, read twice, would take every event for a double booking. */
  async #refuseSecondCopy(organizationId: string, houseId: string, url: string): Promise<void> {
    const feeds = await listFeeds(this.#db, organizationId, { houseId });
    if (feeds.some((feed) => feed.url === url)) {
      throw conflict('duplicate-channel', 'This house already imports this calendar.');
    }
  }

  /** A new feed, synced at once (after commit, by the job runner). */
  async create(member: Member, houseId: string, input: Static<typeof ChannelCreateBody>) {
    const house = await this.#visibleHouse(member, houseId);
    await this.#refuseSecondCopy(member.organizationId, house.id, input.url);
    const id = newId();
    const now = this.#now().toISOString();
    await inTransaction(this.#db, async (tx) => {
      await insertFeed(tx, {
        id,
        organization_id: member.organizationId,
        house_id: house.id,
        name: input.name,
        source: input.source,
        url: input.url,
        status: 'pending',
        last_error: null,
        last_error_code: null,
        last_sync_at: null,
        last_success_at: null,
        next_sync_at: now,
        sync_lease_until: null,
        created_at: now,
        updated_at: now,
      });
      await this.#queue.enqueue(tx, SYNC_JOB, { feedId: id }, { key: syncJobKey(id) });
    });
    return this.get(member, id);
  }

  async update(member: Member, feedId: string, input: Static<typeof ChannelUpdateBody>, expected?: number) {
    const current = await this.#visibleFeed(member, feedId);
    if (expected !== undefined && expected !== current.version) throw versionMismatch(current.version);
    const now = this.#now().toISOString();
    const urlChanged = input.url !== undefined && input.url !== current.url;
    if (urlChanged) await this.#refuseSecondCopy(member.organizationId, current.house_id, input.url ?? '');
    await inTransaction(this.#db, async (tx) => {
      const key = { organizationId: member.organizationId, id: feedId, version: current.version };
      const changed = await updateFeed(tx, key, {
        ...(input.name !== undefined ? { name: input.name } : {}),
        ...(input.source !== undefined ? { source: input.source } : {}),
        ...(urlChanged ? { url: input.url, next_sync_at: now } : {}),
        updated_at: now,
      });
      if (!changed) throw versionMismatch(current.version);
      // A new address is read at once: the manager wants to know it works.
      if (urlChanged) await this.#queue.enqueue(tx, SYNC_JOB, { feedId }, { key: syncJobKey(feedId) });
    });
    return this.get(member, feedId);
  }

  /**
   * Removes a feed. The stays it brought stay (they are bookings, to cancel
   * on the channel); the blocks it brought that are still to come go, as
   * nothing would ever update them again.
   */
  async remove(member: Member, feedId: string, expected?: number): Promise<void> {
    const feed = await this.#visibleFeed(member, feedId);
    if (expected !== undefined && expected !== feed.version) throw versionMismatch(feed.version);
    const now = this.#now();
    const today = localDate(now, await this.#houseTimeZone(feed));
    await inTransaction(this.#db, async (tx) => {
      // Not under a sync: it would go on importing what this removes.
      const lease = new Date(now.getTime() + SYNC_LEASE_MS).toISOString();
      if (!(await claimFeed(tx, feed.id, now.toISOString(), lease))) throw syncInProgress();
      for (const row of await feedEvents(tx, feed.id)) {
        if (row.block_id && row.block_end && row.block_end > today) {
          await this.#calendar.moveBlock(tx, {
            organizationId: feed.organization_id,
            blockId: row.block_id,
            dates: null,
          });
        }
      }
      await deleteFeed(tx, member.organizationId, feed.id);
    });
  }

  async syncs(member: Member, feedId: string, limit: number) {
    await this.#visibleFeed(member, feedId);
    const rows = await listSyncs(this.#db, feedId, limit);
    return {
      items: rows.map((row) => ({
        id: row.id,
        startedAt: row.started_at,
        durationMs: row.duration_ms,
        status: row.status,
        httpStatus: row.http_status,
        events: row.events,
        created: row.created,
        updated: row.updated,
        cancelled: row.cancelled,
        conflicts: row.conflicts,
        error: row.error,
        errorCode: row.error_code,
      })),
      nextCursor: null,
    };
  }

  async conflicts(member: Member, query: { houseId?: string }) {
    if (query.houseId) await this.#visibleHouse(member, query.houseId);
    const rows = await listConflicts(this.#db, {
      organizationId: member.organizationId,
      houseIds: await housesVisibleTo(this.#db, member),
      houseId: query.houseId,
    });
    return { items: rows.map(conflictView) };
  }

  /** Syncs a feed now, for a manager who asked: 409 while another sync of it runs. */
  async syncNow(member: Member, feedId: string, options: { confirmCancellations?: boolean } = {}) {
    await this.#visibleFeed(member, feedId);
    const result = await this.sync(feedId, options);
    if (result === 'busy') throw syncInProgress();
    if (result === 'gone') throw noSuchChannel();
    return result;
  }

  // --- the sync ----------------------------------------------------------------------------

  /** Syncs run by this process since it started, and how many of them failed. */
  get syncCounts(): { total: number; failed: number } {
    return { ...this.#syncsRun };
  }

  /** Feeds whose last sync failed, in every organization. */
  feedsInError(): Promise<number> {
    return countFeedsInError(this.#db);
  }

  /** Queues a sync of every feed that is due; the job runner calls this every minute. */
  async queueDueSyncs(): Promise<number> {
    const due = await dueFeedIds(this.#db, this.#now().toISOString(), 1_000);
    for (const feedId of due) {
      await this.#queue.enqueue(this.#db, SYNC_JOB, { feedId }, { key: syncJobKey(feedId) });
    }
    return due.length;
  }

  /**
   * Reads a feed and applies it. `busy` when another sync holds the feed,
   * `gone` when the feed was removed meanwhile. `confirmCancellations`: a
   * manager confirmed the stays the feed drops are really cancelled, however
   * many (see #apply).
   */
  async sync(
    feedId: string,
    options: { confirmCancellations?: boolean } = {},
  ): Promise<SyncResult | 'busy' | 'gone'> {
    const started = this.#now();
    const startedAt = started.toISOString();
    const leaseUntil = new Date(started.getTime() + SYNC_LEASE_MS).toISOString();
    if (!(await claimFeed(this.#db, feedId, startedAt, leaseUntil))) {
      return (await findFeedById(this.#db, feedId)) ? 'busy' : 'gone';
    }
    const feed = await findFeedById(this.#db, feedId);
    if (!feed) return 'gone';
    const counts = { events: 0, created: 0, updated: 0, cancelled: 0, conflicts: 0 };
    let httpStatus: number | null = null;
    let error: SyncError | null = null;
    try {
      const fetched = await fetchFeed(feed.url, {
        allowPrivateAddresses: this.#config.allowPrivateAddresses,
        timeoutMs: this.#config.fetchTimeoutMs,
        version: this.#version,
      });
      httpStatus = fetched.httpStatus;
      const parsed = parseFeed(fetched.body);
      counts.events = parsed.events.length;
      const applied = await this.#apply(feed, parsed, options.confirmCancellations ?? false);
      Object.assign(counts, applied.counts);
      error = applied.refused;
    } catch (failure) {
      if (!(failure instanceof FeedError)) {
        this.#log.error({ err: failure, channelId: feed.id }, 'channel sync failed');
        error = { code: 'unexpected', message: 'The sync failed unexpectedly; it will be tried again.' };
      } else {
        error = { code: failure.reason, message: failure.message };
        httpStatus = failure.httpStatus ?? httpStatus;
      }
    }
    const finished = this.#now();
    const status: SyncResult['status'] = error === null ? 'ok' : 'error';
    this.#syncsRun.total += 1;
    if (error !== null) this.#syncsRun.failed += 1;
    if (error !== null) {
      this.#log.warn(
        { channelId: feed.id, houseId: feed.house_id, code: error.code, reason: error.message },
        'channel feed in error',
      );
    }
    counts.conflicts = (
      await listConflicts(this.#db, { organizationId: feed.organization_id, feedId })
    ).length;
    const nextSyncAt = new Date(finished.getTime() + this.#config.syncMinutes * 60_000).toISOString();
    const logged = await inTransaction(this.#db, async (tx) => {
      // Only while the lease is still this sync's: a feed removed meanwhile (or taken over after
      // an overlong sync) is no longer this sync's to write to.
      const outcome = { status, error, at: finished.toISOString(), nextSyncAt, lease: leaseUntil };
      if (!(await recordFeedOutcome(tx, feed.id, outcome))) return false;
      // A feed that goes into error is news once; the failed syncs after it, until it reads again, are not.
      if (error !== null && feed.status !== 'error') {
        await this.#events.publish(tx, 'channel.failed', {
          organizationId: feed.organization_id,
          houseId: feed.house_id,
          channelId: feed.id,
          channelName: feed.name,
          code: error.code,
        });
      }
      await insertSync(tx, {
        id: newId(),
        feed_id: feed.id,
        started_at: startedAt,
        duration_ms: Math.max(0, finished.getTime() - started.getTime()),
        status,
        http_status: httpStatus,
        ...counts,
        error: error?.message ?? null,
        error_code: error?.code ?? null,
      });
      return true;
    });
    if (!logged) return (await findFeedById(this.#db, feed.id)) ? 'busy' : 'gone';
    await pruneSyncs(this.#db, feed.id, SYNCS_KEPT);
    return {
      status,
      fetchedAt: startedAt,
      ...counts,
      error: error?.message ?? null,
      errorCode: error?.code ?? null,
    };
  }

  async #houseTimeZone(feed: FeedRow): Promise<string> {
    const house = await findHouse(this.#db, feed.organization_id, feed.house_id);
    return house?.timezone ?? 'UTC';
  }

  /**
   * Applies a feed's events; `refused` says why nothing was applied when the
   * feed would cancel too much to be believed.
   */
  async #apply(
    feed: FeedRow,
    parsed: ParsedFeed,
    confirmCancellations: boolean,
  ): Promise<{ counts: { created: number; updated: number; cancelled: number }; refused: SyncError | null }> {
    const { events } = parsed;
    const counts = { created: 0, updated: 0, cancelled: 0 };
    const now = this.#now().toISOString();
    const today = localDate(this.#now(), await this.#houseTimeZone(feed));
    const context: SyncContext = { feed, today, now };
    const known = new Map((await feedEvents(this.#db, feed.id)).map((row) => [row.uid, row]));
    // An event the feed still holds but that could not be read (broken dates) has not left it.
    const inFeed = new Set([...events.map((event) => event.uid), ...parsed.unreadable]);
    const refused = confirmCancellations ? null : tooManyLeaving(known, inFeed, today);
    if (refused) return { counts, refused };

    const newConflicts: FeedEvent[] = [];
    for (const event of events) {
      const row = known.get(event.uid);
      // Stays over before today are history: channels drop them, and importing them now would tell nothing.
      if (!row && event.end <= today) continue;
      const outcome = await this.#applyEvent(context, event, row);
      if (outcome === 'created') counts.created += 1;
      else if (outcome === 'updated') counts.updated += 1;
      else if (outcome === 'new-conflict') newConflicts.push(event);
    }
    for (const row of known.values()) {
      if (inFeed.has(row.uid)) continue;
      if (await this.#removeEvent(context, row)) counts.cancelled += 1;
    }
    if (newConflicts.length > 0) await this.#notifyConflicts(feed, newConflicts);
    return { counts, refused: null };
  }

  /** One event of the feed, in its own transaction with the row that remembers it. */
  async #applyEvent(
    context: SyncContext,
    event: FeedEvent,
    row: FeedEventRow | undefined,
  ): Promise<EventOutcome> {
    const { feed, now } = context;
    const applied = row ? appliedDates(row) : null;
    if (applied === 'left-alone') {
      // A manager cancelled the stay (or the guest is in): the feed no longer moves it, nor conflicts over it.
      if (row?.conflict_since) await updateEvent(this.#db, key(row), { ...noConflict, updated_at: now });
      return 'unchanged';
    }
    if (row && applied && row.kind === event.kind) {
      if (applied.start === event.start && applied.end === event.end) {
        if (row.conflict_since === null && row.guest_name === event.guestName) return 'unchanged';
        // The feed came back to the dates the stay has: its conflict is over.
        await updateEvent(this.#db, key(row), {
          start_date: event.start,
          end_date: event.end,
          guest_name: event.guestName,
          ...noConflict,
          updated_at: now,
        });
        return 'unchanged';
      }
      return this.#attempt(context, event, row, async (tx) => {
        const moved = row.reservation_id
          ? await this.#reservations.applyImportedChange(tx, {
              organizationId: feed.organization_id,
              reservationId: row.reservation_id,
              dates: { checkIn: event.start, checkOut: event.end },
              cancellationReason: '',
            })
          : await this.#calendar.moveBlock(tx, {
              organizationId: feed.organization_id,
              blockId: row.block_id ?? '',
              dates: { start: event.start, end: event.end },
            });
        if (!moved) return 'unchanged';
        await updateEvent(tx, key(row), {
          start_date: event.start,
          end_date: event.end,
          guest_name: event.guestName,
          ...noConflict,
          updated_at: now,
        });
        return 'updated';
      });
    }
    // Still the house's own export coming back (see #isEcho): still nothing to import.
    if (
      row?.echo &&
      row.kind === event.kind &&
      row.start_date === event.start &&
      row.end_date === event.end
    ) {
      return 'unchanged';
    }
    return this.#attempt(context, event, row, async (tx) => {
      // The same UID now says the other kind (a booking where dates were closed): the old one goes first.
      if (row && applied) await this.#withdraw(tx, feed, row);
      const adopted = event.kind === 'stay' ? await this.#adopt(tx, feed, event) : null;
      if (!adopted) {
        const taken = await firstOccupant(tx, feed.house_id, event.start, event.end);
        if (taken) throw new NightsTaken();
      }
      const ids = adopted
        ? { reservation_id: adopted, block_id: null }
        : event.kind === 'stay'
          ? {
              reservation_id: await this.#reservations.importStay(tx, {
                organizationId: feed.organization_id,
                houseId: feed.house_id,
                checkIn: event.start,
                checkOut: event.end,
                source: feed.source,
                externalRef: event.uid,
                guestName: event.guestName ?? guestPlaceholder(feed),
              }),
              block_id: null,
            }
          : {
              reservation_id: null,
              block_id: await this.#calendar.placeBlock(tx, {
                kind: 'channel',
                organizationId: feed.organization_id,
                houseId: feed.house_id,
                start: event.start,
                end: event.end,
                note: `${feed.name}: ${event.summary}`.slice(0, 2000),
              }),
            };
      const values = {
        kind: event.kind,
        start_date: event.start,
        end_date: event.end,
        guest_name: event.guestName,
        ...ids,
        ...noConflict,
        echo: false,
        updated_at: now,
      };
      if (row) await updateEvent(tx, key(row), values);
      else {
        await insertEvent(tx, {
          ...values,
          feed_id: feed.id,
          uid: event.uid,
          organization_id: feed.organization_id,
          house_id: feed.house_id,
          created_at: now,
        });
      }
      return adopted ? 'updated' : 'created';
    });
  }

  /**
   * A stay this channel brought before, through a feed since removed (or a
   * second feed of the same listing): the same house, source and UID, not
   * cancelled, and no feed's any more. It is taken back, moved to the
   * event's dates if they changed, rather than taken for a double booking.
   */
  async #adopt(tx: Tx, feed: FeedRow, event: FeedEvent): Promise<string | null> {
    const orphan = await orphanImportedStay(tx, feed.house_id, feed.source, event.uid);
    if (!orphan) return null;
    if (orphan.check_in !== event.start || orphan.check_out !== event.end) {
      await this.#reservations.applyImportedChange(tx, {
        organizationId: feed.organization_id,
        reservationId: orphan.id,
        dates: { checkIn: event.start, checkOut: event.end },
        cancellationReason: '',
      });
    }
    return orphan.id;
  }

  /**
   * Runs an event's change; when its nights are taken (seen first, or refused
   * by the database to a concurrent writer) it is recorded as a conflict
   * instead, naming what holds them, and whatever it became before stays.
   */
  async #attempt(
    context: SyncContext,
    event: FeedEvent,
    row: FeedEventRow | undefined,
    work: (tx: Tx) => Promise<EventOutcome>,
  ): Promise<EventOutcome> {
    try {
      return await inTransaction(this.#db, work);
    } catch (error) {
      const taken =
        error instanceof NightsTaken ||
        (error instanceof AppError && error.code === 'overlap') ||
        isUniqueViolation(error);
      if (!taken) throw error;
    }
    const { feed, now } = context;
    const self = { reservationId: row?.reservation_id ?? undefined, blockId: row?.block_id ?? undefined };
    const holder = await firstOccupant(this.#db, feed.house_id, event.start, event.end, self);
    // Freed meanwhile: the next sync applies it.
    if (!holder) return 'unchanged';
    const echo =
      event.kind === 'block' && !row?.reservation_id && !row?.block_id && (await this.#isEcho(feed, event));
    const fields = {
      start_date: event.start,
      end_date: event.end,
      guest_name: event.guestName,
      echo,
      ...(echo
        ? noConflict
        : {
            conflict_reservation_id: holder.reservation_id,
            conflict_block_id: holder.block_id,
            conflict_since: row?.conflict_since ?? now,
          }),
    };
    const sameAsBefore =
      row !== undefined &&
      row.start_date === fields.start_date &&
      row.end_date === fields.end_date &&
      row.guest_name === fields.guest_name &&
      row.echo === fields.echo &&
      row.conflict_reservation_id === fields.conflict_reservation_id &&
      row.conflict_block_id === fields.conflict_block_id &&
      (row.conflict_since === null) === (fields.conflict_since === null);
    if (row && !sameAsBefore) await updateEvent(this.#db, key(row), { ...fields, updated_at: now });
    if (!row) {
      await insertEvent(this.#db, {
        ...fields,
        feed_id: feed.id,
        uid: event.uid,
        organization_id: feed.organization_id,
        house_id: feed.house_id,
        kind: event.kind,
        reservation_id: null,
        block_id: null,
        created_at: now,
        updated_at: now,
      });
    }
    if (echo) return 'unchanged';
    const known = row?.conflict_since != null && row.start_date === event.start && row.end_date === event.end;
    return known ? 'conflict' : 'new-conflict';
  }

  /**
   * Whether closed dates are this house's own export coming back: every
   * night is already held here, by stays and blocks that were all exported
   * to this channel (none came from it). Channels that import a calendar
   * publish the nights it closed as "not available" in their own export;
   * taking those for conflicts would flag every stay sold elsewhere.
   */
  async #isEcho(feed: FeedRow, event: FeedEvent): Promise<boolean> {
    const nights = await heldNights(this.#db, feed.house_id, event.start, event.end, feed.source);
    return nights.held === nightsBetween(event.start, event.end) && nights.fromChannel === 0;
  }

  /**
   * An event no longer in the feed: an upcoming stay is cancelled and an
   * upcoming block removed; one under way or over is left as it is (channels
   * drop stays after check-out). True when something was cancelled.
   */
  async #removeEvent(context: SyncContext, row: FeedEventRow): Promise<boolean> {
    const { feed, today } = context;
    return inTransaction(this.#db, async (tx) => {
      const withdrawn = isUpcoming(row, today) ? await this.#withdraw(tx, feed, row) : false;
      // Its stay under way keeps its row, so the event coming back is not imported twice.
      const underWay =
        row.reservation_id !== null && row.stay_check_out !== null && row.stay_check_out > today;
      if (withdrawn || !underWay || row.stay_status === 'cancelled') await deleteEvent(tx, key(row));
      return withdrawn;
    });
  }

  /** Cancels the stay or removes the block an event became. */
  async #withdraw(tx: Tx, feed: FeedRow, row: FeedEventRow): Promise<boolean> {
    if (row.reservation_id) {
      return this.#reservations.applyImportedChange(tx, {
        organizationId: feed.organization_id,
        reservationId: row.reservation_id,
        dates: null,
        cancellationReason: `No longer in the ${SOURCE_LABELS[feed.source]} calendar (${feed.name}).`,
      });
    }
    if (row.block_id) {
      return this.#calendar.moveBlock(tx, {
        organizationId: feed.organization_id,
        blockId: row.block_id,
        dates: null,
      });
    }
    return false;
  }

  /** New conflicts are news for the managers: the notifications module tells them (in the app, by email). */
  async #notifyConflicts(feed: FeedRow, events: FeedEvent[]): Promise<void> {
    await inTransaction(this.#db, (tx) =>
      this.#events.publish(tx, 'channel.conflicted', {
        organizationId: feed.organization_id,
        houseId: feed.house_id,
        channelId: feed.id,
        channelName: feed.name,
        ranges: events.map((event) => ({ start: event.start, end: event.end })),
      }),
    );
  }

  // --- export ------------------------------------------------------------------------------

  /** A house's export URLs, one per channel; tokens are made the first time they are asked for. */
  async exports(member: Member, houseId: string) {
    const house = await this.#visibleHouse(member, houseId);
    const missing = CHANNEL_SOURCES.map((channel) => ({ channel, token: randomToken() }));
    // Made on first read, in a transaction like every write: the audit log records who made them.
    await inTransaction(this.#db, (tx) =>
      ensureExports(tx, { organizationId: member.organizationId, houseId: house.id }, missing),
    );
    const rows = await exportsOf(this.#db, house.id);
    return {
      items: rows.map((row) => ({ channel: row.channel, url: `${this.#publicUrl}/ical/${row.token}.ics` })),
    };
  }

  /** New secret URLs (all, or one channel's): whoever held the old ones reads nothing more. */
  async rotateExports(member: Member, houseId: string, channel?: ChannelSource) {
    const house = await this.#visibleHouse(member, houseId);
    const missing = CHANNEL_SOURCES.map((each) => ({ channel: each, token: randomToken() }));
    // One change: the links a first rotation makes are rotated in the same transaction.
    await inTransaction(this.#db, async (tx) => {
      await ensureExports(tx, { organizationId: member.organizationId, houseId: house.id }, missing);
      for (const each of channel ? [channel] : CHANNEL_SOURCES) {
        await replaceExportToken(tx, house.id, each, randomToken());
      }
    });
    return this.exports(member, houseId);
  }

  /**
   * The feed behind a secret URL: every stay and block to come, all day, as
   * "Reserved"; what was imported from the channel the URL was given to is
   * left out, so it does not come back to it as dates closed elsewhere.
   * Null for a token that is not (or no longer) one.
   */
  async exportFeed(token: string): Promise<string | null> {
    const target = await findExportByToken(this.#db, token);
    if (!target) return null;
    const house = await findHouse(this.#db, target.organization_id, target.house_id);
    if (!house) return null;
    const now = this.#now();
    const from = addDays(localDate(now, house.timezone), -EXPORT_DAYS_BACK);
    const { stays, blocks } = await exportedNights(this.#db, house.id, from);
    const summary =
      emailLocale(await organizationLocale(this.#db, target.organization_id)) === 'fr'
        ? 'Réservé'
        : 'Reserved';
    const events = [
      ...stays
        .filter((stay) => stay.channel !== target.channel)
        .map((stay) => ({ uid: `${stay.id}@staykeep`, start: stay.start, end: stay.end, summary })),
      ...blocks
        .filter((block) => block.channel !== target.channel)
        .map((block) => ({ uid: `${block.id}@staykeep`, start: block.start, end: block.end, summary })),
    ].sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
    return buildExportFeed({ name: `${house.name} (Staykeep)`, events, stamp: now });
  }
}

const noConflict = { conflict_reservation_id: null, conflict_block_id: null, conflict_since: null };

/**
 * Why a feed is not believed: it came back empty, or it drops more than half
 * of the stays (or of the closed dates) to come that came from it. A channel
 * that hiccups sends exactly that, and applying it would cancel real
 * bookings; a manager who knows the cancellations are real confirms them
 * (sync with `confirmCancellations`).
 */
function tooManyLeaving(
  known: Map<string, FeedEventRow>,
  inFeed: Set<string>,
  today: string,
): SyncError | null {
  const upcoming = [...known.values()].filter((row) => isUpcoming(row, today));
  const advice =
    'Nothing was changed; if they are really cancelled, sync again confirming the cancellations.';
  if (inFeed.size === 0 && upcoming.length > 0) {
    return {
      code: 'empty_feed',
      message: `The feed came back empty while ${upcoming.length} upcoming stays or closed dates came from it. ${advice}`,
    };
  }
  for (const [kind, noun] of [
    ['stay', 'stays'],
    ['block', 'closed dates'],
  ] as const) {
    const ofKind = upcoming.filter((row) => row.kind === kind);
    const leaving = ofKind.filter((row) => !inFeed.has(row.uid)).length;
    if (leaving * 2 > ofKind.length) {
      return {
        code: 'too_many_cancellations',
        message: `The feed would cancel ${leaving} of the ${ofKind.length} upcoming ${noun} that came from it. ${advice}`,
      };
    }
  }
  return null;
}

const key = (row: FeedEventRow) => ({ feedId: row.feed_id, uid: row.uid });

function guestPlaceholder(feed: FeedRow): string {
  return feed.source === 'other' ? `${feed.name} guest`.slice(0, 200) : `${SOURCE_LABELS[feed.source]} guest`;
}

/**
 * The dates of what an event became; null when it became nothing (a
 * conflict kept it out, or a manager deleted it), `left-alone` for a stay a
 * manager cancelled or the guest is in (the feed no longer moves it).
 */
function appliedDates(row: FeedEventRow): { start: string; end: string } | 'left-alone' | null {
  if (row.reservation_id) {
    if (row.stay_status !== 'pending' && row.stay_status !== 'confirmed') return 'left-alone';
    return row.stay_check_in && row.stay_check_out
      ? { start: row.stay_check_in, end: row.stay_check_out }
      : null;
  }
  if (row.block_id && row.block_start && row.block_end) return { start: row.block_start, end: row.block_end };
  return null;
}

/** Whether what an event became is still to come: a stay not begun, a block not over. */
function isUpcoming(row: FeedEventRow, today: string): boolean {
  if (row.reservation_id) {
    return (
      (row.stay_status === 'pending' || row.stay_status === 'confirmed') &&
      row.stay_check_in !== null &&
      row.stay_check_in >= today
    );
  }
  return row.block_id !== null && row.block_end !== null && row.block_end > today;
}
