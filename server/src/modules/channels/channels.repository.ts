import type { Insertable, Selectable, Updateable } from 'kysely';
import type { DbOrTx, Tx } from '../../db/database.ts';
import type {
  ChannelEventsTable,
  ChannelFeedsTable,
  ChannelSource,
  ChannelSyncsTable,
  SyncErrorCode,
} from '../../db/tables.ts';

export type FeedRow = Selectable<ChannelFeedsTable>;
export type SyncRow = Selectable<ChannelSyncsTable>;

// --- feeds ----------------------------------------------------------------------------

/** A house's feeds (or one feed), each with its open conflicts counted. */
export function listFeeds(db: DbOrTx, organizationId: string, scope: { houseId?: string; feedId?: string }) {
  return db
    .selectFrom('channel_feeds')
    .selectAll('channel_feeds')
    .select((eb) =>
      eb
        .selectFrom('channel_events')
        .select(eb.fn.countAll<number>().as('count'))
        .whereRef('channel_events.feed_id', '=', 'channel_feeds.id')
        .where('channel_events.conflict_since', 'is not', null)
        .as('conflicts'),
    )
    .where('channel_feeds.organization_id', '=', organizationId)
    .$if(scope.houseId !== undefined, (q) => q.where('channel_feeds.house_id', '=', scope.houseId ?? ''))
    .$if(scope.feedId !== undefined, (q) => q.where('channel_feeds.id', '=', scope.feedId ?? ''))
    .orderBy('channel_feeds.created_at')
    .orderBy('channel_feeds.id')
    .execute();
}

export function findFeed(db: DbOrTx, organizationId: string, feedId: string) {
  return db
    .selectFrom('channel_feeds')
    .selectAll()
    .where('organization_id', '=', organizationId)
    .where('id', '=', feedId)
    .executeTakeFirst();
}

/** A feed by id alone, for the background sync (which acts for no member). */
export function findFeedById(db: DbOrTx, feedId: string) {
  return db.selectFrom('channel_feeds').selectAll().where('id', '=', feedId).executeTakeFirst();
}

export async function insertFeed(db: DbOrTx, feed: Insertable<ChannelFeedsTable>): Promise<void> {
  await db.insertInto('channel_feeds').values(feed).execute();
}

export async function updateFeed(
  db: DbOrTx,
  key: { organizationId: string; id: string; version: number },
  changes: Pick<Updateable<ChannelFeedsTable>, 'name' | 'source' | 'url' | 'next_sync_at' | 'updated_at'>,
): Promise<boolean> {
  const result = await db
    .updateTable('channel_feeds')
    .set((eb) => ({ ...changes, version: eb('version', '+', 1) }))
    .where('organization_id', '=', key.organizationId)
    .where('id', '=', key.id)
    .where('version', '=', key.version)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export async function deleteFeed(tx: Tx, organizationId: string, feedId: string): Promise<void> {
  await tx
    .deleteFrom('channel_feeds')
    .where('organization_id', '=', organizationId)
    .where('id', '=', feedId)
    .execute();
}

/** Feeds whose last sync failed, in every organization (the readiness report). */
export async function countFeedsInError(db: DbOrTx): Promise<number> {
  const row = await db
    .selectFrom('channel_feeds')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('status', '=', 'error')
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

/** The feeds whose next sync is due, soonest first. */
export async function dueFeedIds(db: DbOrTx, now: string, limit: number): Promise<string[]> {
  const rows = await db
    .selectFrom('channel_feeds')
    .select('id')
    .where('next_sync_at', '<=', now)
    .orderBy('next_sync_at')
    .limit(limit)
    .execute();
  return rows.map((row) => row.id);
}

/**
 * Takes the feed for one sync, until `leaseUntil`: false when another
 * process (or request) holds it. Two syncs of a feed never interleave, so an
 * event is never applied twice.
 */
export async function claimFeed(
  db: DbOrTx,
  feedId: string,
  now: string,
  leaseUntil: string,
): Promise<boolean> {
  const result = await db
    .updateTable('channel_feeds')
    .set({ sync_lease_until: leaseUntil })
    .where('id', '=', feedId)
    .where((eb) => eb.or([eb('sync_lease_until', 'is', null), eb('sync_lease_until', '<', now)]))
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/**
 * The outcome of a sync on its feed, releasing the lease; false (nothing
 * written) when the lease is no longer the one this sync took.
 */
export async function recordFeedOutcome(
  db: DbOrTx,
  feedId: string,
  outcome: {
    status: 'ok' | 'error';
    error: { code: SyncErrorCode; message: string } | null;
    at: string;
    nextSyncAt: string;
    lease: string;
  },
): Promise<boolean> {
  const result = await db
    .updateTable('channel_feeds')
    .set({
      status: outcome.status,
      last_error: outcome.error?.message ?? null,
      last_error_code: outcome.error?.code ?? null,
      last_sync_at: outcome.at,
      next_sync_at: outcome.nextSyncAt,
      sync_lease_until: null,
      ...(outcome.status === 'ok' ? { last_success_at: outcome.at } : {}),
    })
    .where('id', '=', feedId)
    .where('sync_lease_until', '=', outcome.lease)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

// --- the sync log ---------------------------------------------------------------------

export async function insertSync(db: DbOrTx, sync: SyncRow): Promise<void> {
  await db.insertInto('channel_syncs').values(sync).execute();
}

export function listSyncs(db: DbOrTx, feedId: string, limit: number) {
  return db
    .selectFrom('channel_syncs')
    .selectAll()
    .where('feed_id', '=', feedId)
    .orderBy('started_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}

/** Keeps the newest `keep` entries of a feed's log. */
export async function pruneSyncs(db: DbOrTx, feedId: string, keep: number): Promise<void> {
  const oldest = await db
    .selectFrom('channel_syncs')
    .select(['started_at', 'id'])
    .where('feed_id', '=', feedId)
    .orderBy('started_at', 'desc')
    .orderBy('id', 'desc')
    .offset(keep)
    .limit(1)
    .executeTakeFirst();
  if (!oldest) return;
  await db
    .deleteFrom('channel_syncs')
    .where('feed_id', '=', feedId)
    .where((eb) => eb(eb.refTuple('started_at', 'id'), '<=', eb.tuple(oldest.started_at, oldest.id)))
    .execute();
}

// --- what each feed event became ------------------------------------------------------

/** A feed's events, with the current dates and status of the stay or block each became. */
export function feedEvents(db: DbOrTx, feedId: string) {
  return db
    .selectFrom('channel_events')
    .leftJoin('reservations', 'reservations.id', 'channel_events.reservation_id')
    .leftJoin('blocks', 'blocks.id', 'channel_events.block_id')
    .selectAll('channel_events')
    .select([
      'reservations.check_in as stay_check_in',
      'reservations.check_out as stay_check_out',
      'reservations.status as stay_status',
      'blocks.start_date as block_start',
      'blocks.end_date as block_end',
    ])
    .where('channel_events.feed_id', '=', feedId)
    .execute();
}

export type FeedEventRow = Awaited<ReturnType<typeof feedEvents>>[number];

export async function insertEvent(tx: DbOrTx, event: Insertable<ChannelEventsTable>): Promise<void> {
  await tx.insertInto('channel_events').values(event).execute();
}

export async function updateEvent(
  tx: DbOrTx,
  key: { feedId: string; uid: string },
  changes: Updateable<ChannelEventsTable>,
): Promise<void> {
  await tx
    .updateTable('channel_events')
    .set(changes)
    .where('feed_id', '=', key.feedId)
    .where('uid', '=', key.uid)
    .execute();
}

export async function deleteEvent(tx: DbOrTx, key: { feedId: string; uid: string }): Promise<void> {
  await tx
    .deleteFrom('channel_events')
    .where('feed_id', '=', key.feedId)
    .where('uid', '=', key.uid)
    .execute();
}

/**
 * A stay imported from a channel of `source` under this UID that no feed
 * holds any more (its feed was removed), not cancelled: one to take back.
 */
export function orphanImportedStay(db: DbOrTx, houseId: string, source: ChannelSource, uid: string) {
  return db
    .selectFrom('reservations')
    .select(['id', 'check_in', 'check_out'])
    .where('house_id', '=', houseId)
    .where('source', '=', source)
    .where('external_ref', '=', uid)
    .where('status', 'in', ['pending', 'confirmed'])
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('channel_events')
            .select('channel_events.uid')
            .whereRef('channel_events.reservation_id', '=', 'reservations.id'),
        ),
      ),
    )
    .executeTakeFirst();
}

// --- conflicts ------------------------------------------------------------------------

/** Open conflicts, both sides named: the feed's event and the stay or block it overlaps. */
export function listConflicts(
  db: DbOrTx,
  scope: { organizationId: string; houseIds?: string[]; houseId?: string; feedId?: string },
) {
  return db
    .selectFrom('channel_events')
    .innerJoin('channel_feeds', 'channel_feeds.id', 'channel_events.feed_id')
    .leftJoin('reservations as other_stay', 'other_stay.id', 'channel_events.conflict_reservation_id')
    .leftJoin('blocks as other_block', 'other_block.id', 'channel_events.conflict_block_id')
    .select([
      'channel_events.feed_id',
      'channel_events.uid',
      'channel_events.house_id',
      'channel_events.kind',
      'channel_events.start_date',
      'channel_events.end_date',
      'channel_events.guest_name',
      'channel_events.reservation_id',
      'channel_events.conflict_since',
      'channel_feeds.name as feed_name',
      'channel_feeds.source as feed_source',
      'channel_events.conflict_reservation_id',
      'other_stay.guest_name as other_guest_name',
      'other_stay.check_in as other_check_in',
      'other_stay.check_out as other_check_out',
      'other_stay.source as other_source',
      'other_stay.status as other_status',
      'channel_events.conflict_block_id',
      'other_block.kind as other_block_kind',
      'other_block.start_date as other_block_start',
      'other_block.end_date as other_block_end',
    ])
    .where('channel_events.organization_id', '=', scope.organizationId)
    .where('channel_events.conflict_since', 'is not', null)
    .$if(scope.houseIds !== undefined, (q) =>
      q.where('channel_events.house_id', 'in', scope.houseIds?.length ? scope.houseIds : ['']),
    )
    .$if(scope.houseId !== undefined, (q) => q.where('channel_events.house_id', '=', scope.houseId ?? ''))
    .$if(scope.feedId !== undefined, (q) => q.where('channel_events.feed_id', '=', scope.feedId ?? ''))
    .orderBy('channel_events.start_date')
    .orderBy('channel_events.uid')
    .execute();
}

export type ConflictRow = Awaited<ReturnType<typeof listConflicts>>[number];

/** The feeds with a conflict against this stay or block: a change to it may resolve them. */
export async function feedsInConflictWith(
  db: DbOrTx,
  organizationId: string,
  other: { reservationId?: string; blockId?: string },
): Promise<string[]> {
  const rows = await db
    .selectFrom('channel_events')
    .select('feed_id')
    .distinct()
    .where('organization_id', '=', organizationId)
    .where('conflict_since', 'is not', null)
    // Either side of the conflict: the one in the way, or the feed's own stay or block kept on its old dates.
    .where((eb) =>
      other.reservationId
        ? eb.or([
            eb('conflict_reservation_id', '=', other.reservationId),
            eb('reservation_id', '=', other.reservationId),
          ])
        : eb.or([
            eb('conflict_block_id', '=', other.blockId ?? ''),
            eb('block_id', '=', other.blockId ?? ''),
          ]),
    )
    .execute();
  return rows.map((row) => row.feed_id);
}

/**
 * Of the nights of [start, end) in a house, how many are held, and how many
 * of those by a stay or block that came from a channel of `source` (what the
 * export given to that channel leaves out).
 */
export async function heldNights(
  db: DbOrTx,
  houseId: string,
  start: string,
  end: string,
  source: ChannelSource,
): Promise<{ held: number; fromChannel: number }> {
  const row = await db
    .selectFrom('occupied_nights')
    .leftJoin('reservations', 'reservations.id', 'occupied_nights.reservation_id')
    .leftJoin('channel_events', 'channel_events.block_id', 'occupied_nights.block_id')
    .leftJoin('channel_feeds', 'channel_feeds.id', 'channel_events.feed_id')
    .select((eb) => [
      eb.fn.countAll<number>().as('held'),
      eb.fn
        .count<number>('occupied_nights.night')
        .filterWhere((inner) =>
          inner.or([inner('reservations.source', '=', source), inner('channel_feeds.source', '=', source)]),
        )
        .as('fromChannel'),
    ])
    .where('occupied_nights.house_id', '=', houseId)
    .where('occupied_nights.night', '>=', start)
    .where('occupied_nights.night', '<', end)
    .executeTakeFirst();
  return { held: Number(row?.held ?? 0), fromChannel: Number(row?.fromChannel ?? 0) };
}

export async function organizationLocale(db: DbOrTx, organizationId: string): Promise<string | null> {
  const row = await db
    .selectFrom('organizations')
    .select('locale')
    .where('id', '=', organizationId)
    .executeTakeFirst();
  return row?.locale ?? null;
}

// --- export ---------------------------------------------------------------------------

export function exportsOf(db: DbOrTx, houseId: string) {
  return db
    .selectFrom('ical_exports')
    .select(['channel', 'token'])
    .where('house_id', '=', houseId)
    .orderBy('channel')
    .execute();
}

/** Gives a house an export token per channel it lacks (concurrent callers agree on one). */
export async function ensureExports(
  db: DbOrTx,
  house: { organizationId: string; houseId: string },
  tokens: { channel: ChannelSource; token: string }[],
): Promise<void> {
  await db
    .insertInto('ical_exports')
    .values(
      tokens.map((entry) => ({
        house_id: house.houseId,
        organization_id: house.organizationId,
        channel: entry.channel,
        token: entry.token,
      })),
    )
    .onConflict((oc) => oc.columns(['house_id', 'channel']).doNothing())
    .execute();
}

export async function replaceExportToken(
  tx: Tx,
  houseId: string,
  channel: ChannelSource,
  token: string,
): Promise<void> {
  await tx
    .updateTable('ical_exports')
    .set({ token })
    .where('house_id', '=', houseId)
    .where('channel', '=', channel)
    .execute();
}

export function findExportByToken(db: DbOrTx, token: string) {
  return db
    .selectFrom('ical_exports')
    .innerJoin('houses', 'houses.id', 'ical_exports.house_id')
    .select(['ical_exports.house_id', 'ical_exports.channel', 'ical_exports.organization_id'])
    .where('ical_exports.token', '=', token)
    .executeTakeFirst();
}

/**
 * What a house's export feed holds from `from` on: its non-cancelled stays
 * and its blocks, each with the channel it was imported from (if any), so
 * the feed given to a channel can leave out what came from it.
 */
export async function exportedNights(db: DbOrTx, houseId: string, from: string) {
  const stays = await db
    .selectFrom('reservations')
    .leftJoin('channel_events', 'channel_events.reservation_id', 'reservations.id')
    .leftJoin('channel_feeds', 'channel_feeds.id', 'channel_events.feed_id')
    .select([
      'reservations.id',
      'reservations.check_in as start',
      'reservations.check_out as end',
      'channel_feeds.source as channel',
    ])
    .where('reservations.house_id', '=', houseId)
    .where('reservations.status', '!=', 'cancelled')
    .where('reservations.check_out', '>', from)
    .orderBy('reservations.check_in')
    .execute();
  const blocks = await db
    .selectFrom('blocks')
    .leftJoin('channel_events', 'channel_events.block_id', 'blocks.id')
    .leftJoin('channel_feeds', 'channel_feeds.id', 'channel_events.feed_id')
    .select([
      'blocks.id',
      'blocks.start_date as start',
      'blocks.end_date as end',
      'channel_feeds.source as channel',
    ])
    .where('blocks.house_id', '=', houseId)
    .where('blocks.end_date', '>', from)
    .orderBy('blocks.start_date')
    .execute();
  return { stays, blocks };
}
