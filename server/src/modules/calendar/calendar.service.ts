import type { Static } from 'typebox';
import type { Db, Tx } from '../../db/database.ts';
import { inTransaction } from '../../db/database.ts';
import { newId } from '../../db/ids.ts';
import type { BlockKind } from '../../db/tables.ts';
import { badRequest, notFound } from '../../http/errors.ts';
import { fieldError } from '../../http/field-errors.ts';
import { versionMismatch } from '../../http/versions.ts';
import type { Member } from '../../kernel/access.ts';
import { eachNight, nightsBetween } from '../../kernel/dates.ts';
import type { BlockAction, DomainEventBus } from '../../kernel/events.ts';
import { findHouse } from '../houses/houses.repository.ts';
import { type HousesService, housesVisibleTo } from '../houses/houses.service.ts';
import { occupyNights, releaseBlockNights } from '../occupancy/occupancy.repository.ts';
import { checkRange, ensureNightsFree, writeWithNights } from '../occupancy/occupancy.ts';
import {
  type BlockRow,
  blocksOverlapping,
  calendarHouses,
  calendarVersion,
  deleteBlock,
  findBlock,
  freeHouses,
  insertBlock,
  occupiedNights,
  staysOverlapping,
  touchCalendar,
  updateBlock,
} from './calendar.repository.ts';
import type {
  AvailabilityQuery,
  BlockCreateBody,
  BlockUpdateBody,
  CalendarQuery,
} from './calendar.schemas.ts';

/** The longest calendar one request may ask for. */
const MAX_CALENDAR_DAYS = 366;
/** Calendars kept ready to send, per process: the months people are looking at. */
const CACHED_CALENDARS = 200;

const noSuchBlock = () => notFound('No such block.');

function blockView(row: BlockRow) {
  return {
    id: row.id,
    houseId: row.house_id,
    start: row.start_date,
    end: row.end_date,
    kind: row.kind,
    note: row.note,
    version: row.version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const group = groups.get(key(item));
    if (group) group.push(item);
    else groups.set(key(item), [item]);
  }
  return groups;
}

function checkWindow(from: string, to: string): void {
  checkRange(from, to, { start: 'querystring.from', end: 'querystring.to' });
  if (nightsBetween(from, to) > MAX_CALENDAR_DAYS) {
    throw badRequest('The request is not valid.', [
      fieldError('querystring.to', 'too-many-days', { limit: MAX_CALENDAR_DAYS }),
    ]);
  }
}

export class CalendarService {
  readonly #db: Db;
  readonly #now: () => Date;
  readonly #houses: HousesService;
  readonly #events: DomainEventBus;
  /** Serialized calendars by organization, calendar version and query, the least recently used first. */
  readonly #cache = new Map<string, string>();

  constructor(options: { db: Db; now: () => Date; houses: HousesService; events: DomainEventBus }) {
    this.#db = options.db;
    this.#now = options.now;
    this.#houses = options.houses;
    this.#events = options.events;
  }

  /** Every change to a block moves the calendar and is published (a channel conflict may be resolved by it). */
  async #recorded(
    tx: Tx,
    block: { organizationId: string; houseId: string; blockId: string },
    action: BlockAction,
    before: BlockRow | null,
  ) {
    await touchCalendar(tx, block.organizationId);
    // The nights before and after the change: a reaction (analytics) recounts the months they touch.
    const after = action === 'delete' ? undefined : await findBlock(tx, block.organizationId, block.blockId);
    const spans = [before, after ?? null].flatMap((row) =>
      row ? [{ houseId: row.house_id, start: row.start_date, end: row.end_date }] : [],
    );
    await this.#events.publish(tx, 'block.recorded', { ...block, action, spans });
  }

  /**
   * For each house, the stays and blocks overlapping [from, to), or with
   * `format=days` one entry per day: free, reserved or blocked.
   */
  async calendar(member: Member, query: Static<typeof CalendarQuery>) {
    checkWindow(query.from, query.to);
    const visible = await housesVisibleTo(this.#db, member);
    const houses = await calendarHouses(this.#db, {
      organizationId: member.organizationId,
      houseIds: visible,
      houseId: query.houseId,
      siteId: query.siteId,
    });
    const ids = houses.map((house) => house.id);
    if (query.format === 'days') {
      const nights = await occupiedNights(this.#db, ids, query.from, query.to);
      const taken = new Map(nights.map((night) => [`${night.house_id} ${night.night}`, night]));
      const dates = eachNight(query.from, query.to);
      return {
        from: query.from,
        to: query.to,
        houses: houses.map((house) => ({
          houseId: house.id,
          code: house.code,
          name: house.name,
          days: dates.map((date) => {
            const night = taken.get(`${house.id} ${date}`);
            if (!night) return { date, status: 'free' as const };
            return night.reservation_id
              ? { date, status: 'reserved' as const, reservationId: night.reservation_id }
              : { date, status: 'blocked' as const, blockId: night.block_id ?? '' };
          }),
        })),
      };
    }
    // Every house of the organization: the queries name them by a subquery rather than by their ids.
    const houseIds =
      visible === undefined && query.houseId === undefined && query.siteId === undefined ? undefined : ids;
    const [stays, blocks] = await Promise.all([
      staysOverlapping(this.#db, member.organizationId, houseIds, query.from, query.to),
      blocksOverlapping(this.#db, member.organizationId, houseIds, query.from, query.to),
    ]);
    const staysOf = groupBy(stays, (stay) => stay.houseId);
    const blocksOf = groupBy(blocks, (block) => block.house_id);
    return {
      from: query.from,
      to: query.to,
      houses: houses.map((house) => ({
        houseId: house.id,
        code: house.code,
        name: house.name,
        reservations: (staysOf.get(house.id) ?? []).map(({ houseId: _, ...stay }) => stay),
        blocks: (blocksOf.get(house.id) ?? []).map(blockView),
      })),
    };
  }

  /**
   * The calendar as JSON text, built once per calendar version: the version
   * moves in the transaction of every change the calendar shows (see
   * touchCalendar), so a text built before a change is never sent after it,
   * by this process or another. Owners, whose houses depend on their
   * assignment, are not cached.
   */
  async calendarJson(
    member: Member,
    query: Static<typeof CalendarQuery>,
    serialize: (calendar: Awaited<ReturnType<CalendarService['calendar']>>) => string,
  ): Promise<string> {
    // calendar() checks the window: only a valid query ever reaches the cache.
    if (member.role === 'owner') return serialize(await this.calendar(member, query));
    const version = await calendarVersion(this.#db, member.organizationId);
    const key = [
      member.organizationId,
      version,
      query.from,
      query.to,
      query.houseId,
      query.siteId,
      query.format,
    ].join('|');
    const cached = this.#cache.get(key);
    if (cached !== undefined) {
      this.#cache.delete(key);
      this.#cache.set(key, cached);
      return cached;
    }
    const text = serialize(await this.calendar(member, query));
    this.#cache.set(key, text);
    if (this.#cache.size > CACHED_CALENDARS) this.#cache.delete(this.#cache.keys().next().value as string);
    return text;
  }

  /** Active houses free for every night of the stay and large enough. */
  async availability(member: Member, query: Static<typeof AvailabilityQuery>) {
    checkRange(query.checkIn, query.checkOut, { start: 'querystring.checkIn', end: 'querystring.checkOut' });
    const rows = await freeHouses(
      this.#db,
      member.organizationId,
      query.checkIn,
      query.checkOut,
      query.guests,
      await housesVisibleTo(this.#db, member),
    );
    return {
      items: await Promise.all(rows.map((row) => this.#houses.get(member, row.id))),
      nextCursor: null,
    };
  }

  /** Whether any night of [start, end) of a house is held by a stay or a block. */
  async isTaken(member: Member, houseId: string, start: string, end: string): Promise<boolean> {
    const nights = await occupiedNights(this.#db, [houseId], start, end);
    const house = await findHouse(this.#db, member.organizationId, houseId);
    return !house || nights.length > 0;
  }

  // --- blocks -------------------------------------------------------------------------

  async listBlocks(member: Member, query: { from: string; to: string; houseId?: string }) {
    checkWindow(query.from, query.to);
    const houses = await calendarHouses(this.#db, {
      organizationId: member.organizationId,
      houseIds: await housesVisibleTo(this.#db, member),
      houseId: query.houseId,
    });
    const rows = await blocksOverlapping(
      this.#db,
      member.organizationId,
      houses.map((house) => house.id),
      query.from,
      query.to,
    );
    return { items: rows.map(blockView), nextCursor: null };
  }

  async #visibleBlock(member: Member, blockId: string): Promise<BlockRow> {
    const row = await findBlock(this.#db, member.organizationId, blockId);
    const visible = await housesVisibleTo(this.#db, member);
    if (!row || (visible && !visible.includes(row.house_id))) throw noSuchBlock();
    return row;
  }

  async getBlock(member: Member, blockId: string) {
    return blockView(await this.#visibleBlock(member, blockId));
  }

  async createBlock(member: Member, input: Static<typeof BlockCreateBody>) {
    checkRange(input.start, input.end, { start: 'body.start', end: 'body.end' });
    const id = newId();
    const now = this.#now().toISOString();
    await writeWithNights(
      this.#db,
      { houseId: input.houseId, start: input.start, end: input.end },
      async (tx) => {
        const house = await findHouse(tx, member.organizationId, input.houseId);
        if (!house) throw notFound('No such house.');
        await ensureNightsFree(tx, house.id, input.start, input.end);
        await insertBlock(tx, {
          id,
          organization_id: member.organizationId,
          house_id: house.id,
          start_date: input.start,
          end_date: input.end,
          kind: input.kind,
          note: input.note ?? null,
          created_at: now,
          updated_at: now,
        });
        await occupyNights(tx, house.id, eachNight(input.start, input.end), { blockId: id });
        const block = { organizationId: member.organizationId, houseId: house.id, blockId: id };
        await this.#recorded(tx, block, 'create', null);
      },
    );
    return this.getBlock(member, id);
  }

  async updateBlock(
    member: Member,
    blockId: string,
    input: Static<typeof BlockUpdateBody>,
    expected?: number,
  ) {
    const current = await this.#visibleBlock(member, blockId);
    const start = input.start ?? current.start_date;
    const end = input.end ?? current.end_date;
    checkRange(start, end, { start: 'body.start', end: 'body.end' });
    await writeWithNights(this.#db, { houseId: current.house_id, start, end }, async (tx) => {
      const before = await findBlock(tx, member.organizationId, blockId);
      if (!before) throw noSuchBlock();
      if (expected !== undefined && expected !== before.version) throw versionMismatch(before.version);
      if (start !== before.start_date || end !== before.end_date) {
        await releaseBlockNights(tx, blockId);
        await ensureNightsFree(tx, before.house_id, start, end);
        await occupyNights(tx, before.house_id, eachNight(start, end), { blockId });
      }
      const changes = {
        start_date: start,
        end_date: end,
        ...(input.kind !== undefined ? { kind: input.kind } : {}),
        ...(input.note !== undefined ? { note: input.note } : {}),
        updated_at: this.#now().toISOString(),
      };
      const key = { organizationId: member.organizationId, id: blockId, version: before.version };
      if (!(await updateBlock(tx, key, changes))) throw versionMismatch(before.version);
      const block = { organizationId: member.organizationId, houseId: before.house_id, blockId };
      await this.#recorded(tx, block, 'update', before);
    });
    return this.getBlock(member, blockId);
  }

  async deleteBlock(member: Member, blockId: string, expected?: number): Promise<void> {
    await this.#visibleBlock(member, blockId);
    await inTransaction(this.#db, async (tx) => {
      const before = await findBlock(tx, member.organizationId, blockId);
      if (!before) throw noSuchBlock();
      if (expected !== undefined && expected !== before.version) throw versionMismatch(before.version);
      await releaseBlockNights(tx, blockId);
      await deleteBlock(tx, member.organizationId, blockId);
      const block = { organizationId: member.organizationId, houseId: before.house_id, blockId };
      await this.#recorded(tx, block, 'delete', before);
    });
  }

  /**
   * A block another module places in the transaction it holds: dates a
   * channel's feed closes (`channel`), a work order that makes the house
   * unusable (`maintenance`). The nights must be free: the caller may check
   * first, and the database refuses them anyway (a 409 naming what holds them).
   */
  async placeBlock(
    tx: Tx,
    block: {
      organizationId: string;
      houseId: string;
      start: string;
      end: string;
      kind: BlockKind;
      note: string | null;
    },
  ): Promise<string> {
    const id = newId();
    const now = this.#now().toISOString();
    await ensureNightsFree(tx, block.houseId, block.start, block.end);
    await insertBlock(tx, {
      id,
      organization_id: block.organizationId,
      house_id: block.houseId,
      start_date: block.start,
      end_date: block.end,
      kind: block.kind,
      note: block.note,
      created_at: now,
      updated_at: now,
    });
    await occupyNights(tx, block.houseId, eachNight(block.start, block.end), { blockId: id });
    await this.#recorded(
      tx,
      { organizationId: block.organizationId, houseId: block.houseId, blockId: id },
      'create',
      null,
    );
    return id;
  }

  /** The dates of a block, for a module that placed it; undefined when it is gone. */
  async blockDates(tx: Tx, organizationId: string, blockId: string) {
    const block = await findBlock(tx, organizationId, blockId);
    return block ? { start: block.start_date, end: block.end_date } : undefined;
  }

  /** Moves a block another module placed to new dates, or removes it (`dates` null); false when it is gone. */
  async moveBlock(
    tx: Tx,
    change: { organizationId: string; blockId: string; dates: { start: string; end: string } | null },
  ): Promise<boolean> {
    const before = await findBlock(tx, change.organizationId, change.blockId);
    if (!before) return false;
    const block = { organizationId: change.organizationId, houseId: before.house_id, blockId: before.id };
    await releaseBlockNights(tx, before.id);
    const { dates } = change;
    if (!dates) {
      await deleteBlock(tx, change.organizationId, before.id);
      await this.#recorded(tx, block, 'delete', before);
      return true;
    }
    await ensureNightsFree(tx, before.house_id, dates.start, dates.end);
    await occupyNights(tx, before.house_id, eachNight(dates.start, dates.end), { blockId: before.id });
    const key = { organizationId: change.organizationId, id: before.id, version: before.version };
    const changes = { start_date: dates.start, end_date: dates.end, updated_at: this.#now().toISOString() };
    if (!(await updateBlock(tx, key, changes))) throw versionMismatch(before.version);
    await this.#recorded(tx, block, 'update', before);
    return true;
  }
}
