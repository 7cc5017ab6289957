import type { FastifyBaseLogger } from 'fastify';
import type { LiveConfig } from '../../config.ts';
import type { Db } from '../../db/database.ts';
import type { Member } from '../../kernel/access.ts';
import {
  type ChangeRow,
  changesBetween,
  type NotificationRow,
  newestSeqs,
  notificationsBetween,
  oldestSeqs,
  rowsAfter,
  type SnapshotInfo,
} from './live.repository.ts';

/**
 * Live updates: `GET /api/v1/events` streams to each member the changes of
 * their organization (read from the audit log, which the database writes in
 * the transaction of every change) and their own notifications (the
 * notifications table). Both are tables, so a change made through any
 * instance sharing the database reaches a stream on any other.
 *
 * One poller per instance reads the rows after its cursors while at least one
 * stream is open and hands them to the open streams in memory: a thousand
 * streams cost one query per interval, not a thousand.
 */

/** Where a stream is in each table: the `seq` of the last row it was sent, or would have been. */
export interface Cursor {
  changes: number;
  notifications: number;
}

/** What a stream writes to: the HTTP response, kept out of this module's types. */
export interface StreamSink {
  write(text: string): void;
  end(): void;
  /** Bytes written but not yet taken by the client. */
  buffered(): number;
}

export interface LiveStream {
  close(): void;
}

/**
 * Entities whose mere id staff should not be told changed: money. The stream
 * carries ids only, never data, but staff never see money, so they are not
 * told a payment moved either.
 */
const MONEY_ENTITIES = new Set([
  'payment',
  'ledger_entry',
  'finance_closing',
  'tourist_tax_rule',
  'stay_tourist_tax',
  'owner_contract',
]);

/**
 * Who is told an entity changed. Owners are told nothing: what they may see
 * depends on the houses assigned to them, which an id alone does not say (a
 * stay's id does not name its house), and telling them of a stay in a house
 * not theirs would say that it exists. They still get their notifications.
 */
export function seesChange(role: Member['role'], entityType: string): boolean {
  if (role === 'owner') return false;
  if (role === 'staff') return !MONEY_ENTITIES.has(entityType);
  return true;
}

/** The most rows read of each table per poll; a full batch is followed at once by the next. */
const BATCH = 500;
/**
 * On PostgreSQL the poller starts this many rows back, so the holes left by
 * transactions running at its start are waited for like any other (below).
 */
const START_LOOKBACK = 1000;
/** A reconnecting stream replays at most this many events; further behind, it starts again from now. */
export const MAX_REPLAY = 1000;
/** A client this far behind in reading (bytes) is dropped; it reconnects and replays what it missed. */
const MAX_BUFFERED_BYTES = 1_048_576;

/**
 * A cursor over one table's `seq` that hands out rows in `seq` order and
 * never jumps over a row that may still appear.
 *
 * SQLite writes one transaction at a time, so a row's `seq` is its commit
 * order: a hole in what is visible never fills, and is passed at once.
 *
 * On PostgreSQL a `seq` is taken when the row is inserted, not when its
 * transaction commits: a transaction that took 10 may commit after one that
 * took 11. A cursor that moved past 10 when 11 appeared would lose 10. So the
 * cursor stops below a hole until the hole is known to stay empty: every
 * transaction that could fill it has ended. A hole below a visible row was
 * taken before that row's transaction committed, so before the snapshot that
 * showed the row, by a transaction that had already written (the triggers and
 * the notifications write their row after the change itself, which is when a
 * transaction gets its id): it is one of the transactions the snapshot lists
 * as running. At the hole's second sighting (a poll later, which also covers
 * the instant between a row's `seq` being drawn and its transaction getting
 * an id) the newest running transaction is noted; once the oldest running
 * transaction (`xmin`) is past it, all have ended, and the hole (a rolled-back
 * change, an entry merged away) is passed. A transaction holding a hole for
 * longer than `gapWaitMs` is passed too, so one stuck session cannot stop
 * every stream; what it commits after that is not streamed (a client sees it
 * at its next read).
 */
export class SeqFollower {
  /** Every row up to here has been handed out (or was before the streams' time). */
  horizon = 0;
  readonly #holes = new Map<number, { poll: number; at: number; watch: bigint | null | undefined }>();
  readonly #gapWaitMs: number;

  constructor(gapWaitMs: number) {
    this.#gapWaitMs = gapWaitMs;
  }

  reset(horizon: number): void {
    this.horizon = horizon;
    this.#holes.clear();
  }

  /** The rows of `rows` (read after the horizon, in `seq` order) that may be handed out now. */
  take<T extends { seq: number }>(rows: T[], snapshot: SnapshotInfo | null, poll: number, now: number): T[] {
    const taken: T[] = [];
    for (const row of rows) {
      if (row.seq <= this.horizon) continue;
      if (row.seq > this.horizon + 1 && !this.#passable(this.horizon + 1, snapshot, poll, now)) break;
      taken.push(row);
      this.horizon = row.seq;
    }
    for (const seq of this.#holes.keys()) if (seq <= this.horizon) this.#holes.delete(seq);
    return taken;
  }

  /** Whether the hole starting at `seq` will stay empty. */
  #passable(seq: number, snapshot: SnapshotInfo | null, poll: number, now: number): boolean {
    if (snapshot === null) return true;
    const hole = this.#holes.get(seq);
    if (!hole) {
      this.#holes.set(seq, { poll, at: now, watch: undefined });
      return false;
    }
    if (now - hole.at >= this.#gapWaitMs) return true;
    if (poll === hole.poll) return false;
    if (hole.watch === undefined) hole.watch = snapshot.newestRunning;
    return hole.watch === null || snapshot.xmin > hole.watch;
  }
}

/** `<audit seq>.<notification seq>`: one id for both cursors, usable as `Last-Event-ID`. */
export function formatEventId(cursor: Cursor): string {
  return `${cursor.changes}.${cursor.notifications}`;
}

export function parseEventId(id: string): Cursor | null {
  const match = /^(\d{1,15})\.(\d{1,15})$/.exec(id);
  if (!match?.[1] || !match[2]) return null;
  return { changes: Number(match[1]), notifications: Number(match[2]) };
}

function serverSentEvent(event: string, id: string, data: unknown): string {
  return `id: ${id}\nevent: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
}

function notificationOf(row: NotificationRow) {
  return {
    id: row.id,
    kind: row.kind,
    title: row.title,
    body: row.body,
    entityType: row.entityType,
    entityId: row.entityId,
    url: row.url,
    createdAt: row.createdAt,
    readAt: row.readAt,
  };
}

class Stream implements LiveStream {
  readonly member: Member;
  cursor: Cursor;
  readonly openedAt: number;
  /** Live rows that arrive while the stream replays what it missed: sent after the replay. */
  #queued: (() => void)[] | null = [];
  #closed = false;
  readonly #sink: StreamSink;
  readonly #onClose: (stream: Stream) => void;

  constructor(
    member: Member,
    cursor: Cursor,
    sink: StreamSink,
    openedAt: number,
    onClose: (stream: Stream) => void,
  ) {
    this.member = member;
    this.cursor = cursor;
    this.#sink = sink;
    this.openedAt = openedAt;
    this.#onClose = onClose;
  }

  get closed(): boolean {
    return this.#closed;
  }

  change(row: ChangeRow): void {
    if (this.#queued) this.#queued.push(() => this.sendChange(row));
    else this.sendChange(row);
  }

  notification(row: NotificationRow): void {
    if (this.#queued) this.#queued.push(() => this.sendNotification(row));
    else this.sendNotification(row);
  }

  /** Sends a change now, queue or not: the replay's rows come before what was queued meanwhile. */
  sendChange(row: ChangeRow): void {
    if (row.seq <= this.cursor.changes) return;
    this.cursor = { ...this.cursor, changes: row.seq };
    if (!seesChange(this.member.role, row.entityType)) return;
    this.write(
      serverSentEvent('change', formatEventId(this.cursor), {
        entityType: row.entityType,
        entityId: row.entityId,
        action: row.action,
      }),
    );
  }

  sendNotification(row: NotificationRow): void {
    if (row.seq <= this.cursor.notifications) return;
    this.cursor = { ...this.cursor, notifications: row.seq };
    this.write(serverSentEvent('notification', formatEventId(this.cursor), notificationOf(row)));
  }

  /** The stream's missed events were too many or are gone: it starts again from `cursor`. */
  reset(cursor: Cursor, reason: 'expired' | 'too-many' | 'malformed'): void {
    this.cursor = cursor;
    this.write(serverSentEvent('reset', formatEventId(cursor), { reason }));
  }

  /** Ends the replay: what arrived meanwhile is sent now, in order. */
  live(): void {
    const queued = this.#queued ?? [];
    this.#queued = null;
    for (const send of queued) send();
  }

  write(text: string): void {
    if (this.#closed) return;
    this.#sink.write(text);
    // A client that stopped reading would hold memory without end.
    if (this.#sink.buffered() > MAX_BUFFERED_BYTES) this.close();
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#onClose(this);
    this.#sink.end();
  }
}

export class LiveService {
  readonly #db: Db;
  readonly #postgres: boolean;
  readonly #config: LiveConfig;
  readonly #log: FastifyBaseLogger;
  /** How long a stream lives: its access token's lifetime, after which the client reconnects with a fresh one. */
  readonly #maxStreamMs: number;
  readonly #byOrganization = new Map<string, Set<Stream>>();
  #open = 0;

  readonly #changes: SeqFollower;
  readonly #notifications: SeqFollower;
  /** The newest rows when the poller started: a stream opened now begins at least there. */
  #floor: Cursor = { changes: 0, notifications: 0 };
  #running = false;
  #starting: Promise<void> | null = null;
  /** Moves on each stop, so a poll that was under way then hands nothing out. */
  #generation = 0;
  #polls = 0;
  #timer: NodeJS.Timeout | null = null;
  #heartbeat: NodeJS.Timeout | null = null;
  #inFlight: Promise<void> | null = null;
  #closing = false;

  constructor(options: {
    db: Db;
    postgres: boolean;
    config: LiveConfig;
    log: FastifyBaseLogger;
    maxStreamSeconds: number;
  }) {
    this.#db = options.db;
    this.#postgres = options.postgres;
    this.#config = options.config;
    this.#log = options.log;
    this.#maxStreamMs = options.maxStreamSeconds * 1000;
    this.#changes = new SeqFollower(options.config.gapWaitMs);
    this.#notifications = new SeqFollower(options.config.gapWaitMs);
  }

  /** The streams open on this instance (the `staykeep_event_streams_open` gauge). */
  streamsOpen(): number {
    return this.#open;
  }

  /**
   * Opens a stream for `member`: the opening comment at once, then, with a
   * `Last-Event-ID`, what they missed since it, then what happens. An id that
   * cannot be replayed (malformed, from rows already purged, or too far
   * behind) is answered with a `reset` event and the stream starts from now.
   */
  async open(member: Member, lastEventId: string | null, sink: StreamSink): Promise<LiveStream> {
    // A stream that closed meanwhile may have stopped the poller: start it again before registering.
    while (!this.#running && !this.#closing) await this.#start();
    if (this.#closing) {
      sink.end();
      return { close: () => {} };
    }
    const stream = new Stream(member, this.#now(), sink, Date.now(), (closed) => this.#remove(closed));
    // Registered before anything is awaited again: from here every row the poller hands out is queued.
    const upTo: Cursor = { changes: this.#changes.horizon, notifications: this.#notifications.horizon };
    this.#add(stream);
    stream.write(`: live\nretry: 3000\n\n`);
    try {
      if (lastEventId !== null) await this.#replay(stream, lastEventId, upTo);
    } catch (error) {
      this.#log.warn({ err: error }, 'live: replay failed');
      stream.reset(this.#now(), 'expired');
    }
    stream.live();
    return stream;
  }

  async #replay(stream: Stream, lastEventId: string, upTo: Cursor): Promise<void> {
    const from = parseEventId(lastEventId);
    if (!from) {
      stream.reset(stream.cursor, 'malformed');
      return;
    }
    const [oldest, newest] = await Promise.all([oldestSeqs(this.#db), newestSeqs(this.#db)]);
    // Rows after the id were purged (the audit log's retention), or the id is from another database.
    const gone = (after: number, oldestKept: number | null, newestKept: number) =>
      after > newestKept || (oldestKept !== null && after + 1 < oldestKept);
    if (
      gone(from.changes, oldest.changes, newest.changes) ||
      gone(from.notifications, oldest.notifications, newest.notifications)
    ) {
      stream.reset(stream.cursor, 'expired');
      return;
    }
    // So far behind that the replay would be refused anyway: not worth reading the log to find out.
    if (
      upTo.changes - from.changes > 100 * MAX_REPLAY ||
      upTo.notifications - from.notifications > 100 * MAX_REPLAY
    ) {
      stream.reset(stream.cursor, 'too-many');
      return;
    }
    const [changes, notifications] = await Promise.all([
      changesBetween(this.#db, stream.member.organizationId, from.changes, upTo.changes, MAX_REPLAY + 1),
      notificationsBetween(this.#db, stream.member, from.notifications, upTo.notifications, MAX_REPLAY + 1),
    ]);
    if (changes.length + notifications.length > MAX_REPLAY) {
      stream.reset(stream.cursor, 'too-many');
      return;
    }
    // From the id on, whatever this instance's poller has reached: the id may come from an instance further on.
    stream.cursor = from;
    for (const row of changes) stream.sendChange(row);
    for (const row of notifications) stream.sendNotification(row);
  }

  /** Starts the poller if no stream runs it yet: its first read, before a stream is answered. */
  async ready(): Promise<void> {
    await this.#start();
  }

  /** Ends every stream and stops polling: the server is closing. */
  async close(): Promise<void> {
    this.#closing = true;
    for (const streams of [...this.#byOrganization.values()])
      for (const stream of [...streams]) stream.close();
    this.#stop();
    await this.#starting?.catch(() => {});
    await this.#inFlight;
  }

  /** Where a stream that starts now begins: nothing before it is sent. */
  #now(): Cursor {
    return {
      changes: Math.max(this.#changes.horizon, this.#floor.changes),
      notifications: Math.max(this.#notifications.horizon, this.#floor.notifications),
    };
  }

  #add(stream: Stream): void {
    const organization = stream.member.organizationId;
    let streams = this.#byOrganization.get(organization);
    if (!streams) {
      streams = new Set();
      this.#byOrganization.set(organization, streams);
    }
    streams.add(stream);
    this.#open += 1;
  }

  #remove(stream: Stream): void {
    const streams = this.#byOrganization.get(stream.member.organizationId);
    if (!streams?.delete(stream)) return;
    if (streams.size === 0) this.#byOrganization.delete(stream.member.organizationId);
    this.#open -= 1;
    if (this.#open === 0) this.#stop();
  }

  async #start(): Promise<void> {
    if (this.#running) return;
    if (!this.#starting) {
      this.#starting = (async () => {
        const newest = await newestSeqs(this.#db);
        this.#floor = newest;
        // SQLite: nothing below the newest row can still appear. PostgreSQL: see SeqFollower.
        const back = this.#postgres ? START_LOOKBACK : 0;
        this.#changes.reset(Math.max(0, newest.changes - back));
        this.#notifications.reset(Math.max(0, newest.notifications - back));
        this.#running = true;
        this.#schedule(this.#config.pollIntervalMs);
        this.#heartbeat = setInterval(() => this.#beat(), this.#config.heartbeatMs);
        this.#heartbeat.unref();
      })().finally(() => {
        this.#starting = null;
      });
    }
    await this.#starting;
  }

  #stop(): void {
    if (!this.#running) return;
    this.#running = false;
    this.#generation += 1;
    if (this.#timer) clearTimeout(this.#timer);
    if (this.#heartbeat) clearInterval(this.#heartbeat);
    this.#timer = null;
    this.#heartbeat = null;
  }

  #schedule(delayMs: number): void {
    this.#timer = setTimeout(() => {
      this.#timer = null;
      this.#inFlight = this.#poll().finally(() => {
        this.#inFlight = null;
      });
    }, delayMs);
    this.#timer.unref();
  }

  async #poll(): Promise<void> {
    const generation = this.#generation;
    let again = this.#config.pollIntervalMs;
    try {
      const batch = await rowsAfter(
        this.#db,
        this.#postgres,
        { changes: this.#changes.horizon, notifications: this.#notifications.horizon },
        BATCH,
      );
      if (generation !== this.#generation) return;
      this.#polls += 1;
      const now = Date.now();
      const changes = this.#changes.take(batch.changes, batch.snapshot, this.#polls, now);
      const notifications = this.#notifications.take(batch.notifications, batch.snapshot, this.#polls, now);
      for (const row of changes) {
        for (const stream of this.#byOrganization.get(row.organizationId) ?? []) stream.change(row);
      }
      for (const row of notifications) {
        for (const stream of this.#byOrganization.get(row.organizationId) ?? []) {
          if (stream.member.userId === row.userId) stream.notification(row);
        }
      }
      // A full batch handed out whole: more are waiting.
      const full = (read: number, taken: number) => read === BATCH && taken === read;
      if (
        full(batch.changes.length, changes.length) ||
        full(batch.notifications.length, notifications.length)
      ) {
        again = 0;
      }
    } catch (error) {
      if (generation !== this.#generation) return;
      this.#log.warn({ err: error }, 'live: reading new changes failed; trying again');
    }
    if (generation === this.#generation && this.#running) this.#schedule(again);
  }

  /** A comment on every stream: proxies and load balancers close a connection that stays silent. */
  #beat(): void {
    const now = Date.now();
    for (const streams of [...this.#byOrganization.values()]) {
      for (const stream of [...streams]) {
        // The member's access token has expired by now: the client reconnects with a fresh one,
        // and a member removed or given another role meanwhile is answered as such.
        if (now - stream.openedAt >= this.#maxStreamMs) stream.close();
        else stream.write(': heartbeat\n\n');
      }
    }
  }
}
