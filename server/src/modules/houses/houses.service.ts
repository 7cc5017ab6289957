import type { Static } from 'typebox';
import { type Db, type DbOrTx, inTransaction } from '../../db/database.ts';
import { isUniqueViolation } from '../../db/errors.ts';
import { newId } from '../../db/ids.ts';
import type { Role } from '../../db/tables.ts';
import { conflict, notFound } from '../../http/errors.ts';
import { fromCents, toCents } from '../../http/money.ts';
import { decodeCursor, page } from '../../http/pagination.ts';
import { versionMismatch } from '../../http/versions.ts';
import type { Member } from '../../kernel/access.ts';
import type { DomainEventBus } from '../../kernel/events.ts';
import { findOrganizationSettings } from '../organizations/organizations.repository.ts';
import {
  assignedHouseIds,
  deleteHouse,
  deleteSite,
  findHouse,
  findHouseByCode,
  findSite,
  type HouseRow,
  houseHasHistory,
  insertHouse,
  insertSite,
  listHouses,
  listSites,
  type SiteWithCount,
  updateHouse,
  updateSite,
} from './houses.repository.ts';
import type {
  HouseCreateBody,
  HouseListQuery,
  HouseUpdateBody,
  SiteCreateBody,
  SiteUpdateBody,
} from './houses.schemas.ts';

const noSuchHouse = () => notFound('No such house.');
const noSuchSite = () => notFound('No such site.');
const codeTaken = (code: string) =>
  conflict('house-code-taken', `Another house already has the code ${code}.`);

/**
 * What a member may see of a house. Staff get a view built without the money
 * fields (not a copy with fields deleted), so a new money field is never
 * shown to them by accident.
 */
function houseView(row: HouseRow, role: Role) {
  const base = {
    id: row.id,
    code: row.code,
    name: row.name,
    type: row.type,
    siteId: row.site_id,
    location: row.location,
    maxGuests: row.max_guests,
    timezone: row.timezone,
    checkInTime: row.check_in_time,
    checkOutTime: row.check_out_time,
    status: row.status,
    notes: row.notes,
    version: row.version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
  if (role === 'staff') return base;
  return {
    ...base,
    nightlyPrice: row.nightly_price_cents === null ? null : fromCents(row.nightly_price_cents),
  };
}

function siteView(row: SiteWithCount) {
  return {
    id: row.id,
    name: row.name,
    address: row.address,
    notes: row.notes,
    houseCount: row.house_count,
    version: row.version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** The houses a member may see: every house (undefined), or an owner's assigned ones. */
export function housesVisibleTo(db: DbOrTx, member: Member): Promise<string[] | undefined> {
  return member.role === 'owner'
    ? assignedHouseIds(db, member.organizationId, member.userId)
    : Promise.resolve(undefined);
}

export class HousesService {
  readonly #db: Db;
  readonly #now: () => Date;

  readonly #events: DomainEventBus;

  constructor(options: { db: Db; now: () => Date; events: DomainEventBus }) {
    this.#db = options.db;
    this.#now = options.now;
    this.#events = options.events;
  }

  async list(member: Member, query: Static<typeof HouseListQuery>) {
    const after = decodeCursor(query.cursor, ['text']);
    const rows = await listHouses(this.#db, {
      organizationId: member.organizationId,
      siteId: query.siteId,
      status: query.status,
      search: query.search,
      houseIds: await housesVisibleTo(this.#db, member),
      afterCode: after?.[0] === undefined ? undefined : String(after[0]),
      limit: query.limit + 1,
    });
    const result = page(rows, query.limit, (row) => [row.code]);
    return { items: result.items.map((row) => houseView(row, member.role)), nextCursor: result.nextCursor };
  }

  async get(member: Member, houseId: string) {
    const row = await findHouse(this.#db, member.organizationId, houseId);
    const visible = await housesVisibleTo(this.#db, member);
    if (!row || (visible && !visible.includes(row.id))) throw noSuchHouse();
    return houseView(row, member.role);
  }

  async create(member: Member, input: Static<typeof HouseCreateBody>) {
    const id = newId();
    const now = this.#now().toISOString();
    try {
      await inTransaction(this.#db, async (tx) => {
        if (await findHouseByCode(tx, member.organizationId, input.code)) throw codeTaken(input.code);
        if (input.siteId && !(await findSite(tx, member.organizationId, input.siteId))) throw noSuchSite();
        // What is not given comes from the organization's settings.
        const organization = await findOrganizationSettings(tx, member.organizationId);
        const timezone = input.timezone ?? organization?.timezone ?? 'UTC';
        await insertHouse(tx, {
          id,
          organization_id: member.organizationId,
          code: input.code,
          name: input.name,
          type: input.type,
          site_id: input.siteId ?? null,
          location: input.location ?? null,
          max_guests: input.maxGuests,
          nightly_price_cents:
            input.nightlyPrice === undefined || input.nightlyPrice === null
              ? null
              : toCents(input.nightlyPrice, 'body.nightlyPrice'),
          timezone,
          check_in_time: input.checkInTime ?? organization?.check_in_time ?? '16:00',
          check_out_time: input.checkOutTime ?? organization?.check_out_time ?? '10:00',
          status: input.status ?? 'active',
          notes: input.notes ?? null,
          now,
        });
        await this.#events.publish(tx, 'house.created', {
          organizationId: member.organizationId,
          houseId: id,
          now,
        });
      });
    } catch (error) {
      // Two creates with one code at the same moment: the database decides.
      if (isUniqueViolation(error)) throw codeTaken(input.code);
      throw error;
    }
    return this.get(member, id);
  }

  async update(member: Member, houseId: string, input: Static<typeof HouseUpdateBody>, expected?: number) {
    const now = this.#now().toISOString();
    try {
      await inTransaction(this.#db, async (tx) => {
        const current = await findHouse(tx, member.organizationId, houseId);
        if (!current) throw noSuchHouse();
        if (expected !== undefined && expected !== current.version) throw versionMismatch(current.version);
        if (
          input.code &&
          input.code !== current.code &&
          (await findHouseByCode(tx, member.organizationId, input.code))
        ) {
          throw codeTaken(input.code);
        }
        if (input.siteId && !(await findSite(tx, member.organizationId, input.siteId))) throw noSuchSite();
        const changes = {
          ...(input.code !== undefined ? { code: input.code } : {}),
          ...(input.name !== undefined ? { name: input.name } : {}),
          ...(input.type !== undefined ? { type: input.type } : {}),
          ...(input.siteId !== undefined ? { site_id: input.siteId } : {}),
          ...(input.location !== undefined ? { location: input.location } : {}),
          ...(input.maxGuests !== undefined ? { max_guests: input.maxGuests } : {}),
          ...(input.nightlyPrice !== undefined
            ? {
                nightly_price_cents:
                  input.nightlyPrice === null ? null : toCents(input.nightlyPrice, 'body.nightlyPrice'),
              }
            : {}),
          ...(input.timezone !== undefined ? { timezone: input.timezone } : {}),
          ...(input.checkInTime !== undefined ? { check_in_time: input.checkInTime } : {}),
          ...(input.checkOutTime !== undefined ? { check_out_time: input.checkOutTime } : {}),
          ...(input.status !== undefined ? { status: input.status } : {}),
          ...(input.notes !== undefined ? { notes: input.notes } : {}),
        };
        const key = { organizationId: member.organizationId, houseId, version: current.version };
        if (!(await updateHouse(tx, key, changes, now))) throw versionMismatch(current.version);
        await this.#events.publish(tx, 'house.changed', { organizationId: member.organizationId, houseId });
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw codeTaken(input.code ?? '');
      throw error;
    }
    return this.get(member, houseId);
  }

  async delete(member: Member, houseId: string, expected?: number): Promise<void> {
    await inTransaction(this.#db, async (tx) => {
      const current = await findHouse(tx, member.organizationId, houseId);
      if (!current) throw noSuchHouse();
      if (expected !== undefined && expected !== current.version) throw versionMismatch(current.version);
      if (await houseHasHistory(tx, houseId)) {
        throw conflict(
          'house-has-reservations',
          'This house has reservations: deactivate it instead of deleting it.',
        );
      }
      await this.#events.publish(tx, 'house.deleting', { organizationId: member.organizationId, houseId });
      if (!(await deleteHouse(tx, member.organizationId, houseId, current.version))) {
        throw versionMismatch(current.version);
      }
      await this.#events.publish(tx, 'house.deleted', { organizationId: member.organizationId, houseId });
    });
  }

  // --- sites ------------------------------------------------------------------------

  async listSites(member: Member, query: { limit: number; cursor?: string }) {
    const after = decodeCursor(query.cursor, ['text', 'id']);
    const rows = await listSites(this.#db, {
      organizationId: member.organizationId,
      after: after ? [String(after[0]), String(after[1])] : undefined,
      limit: query.limit + 1,
    });
    const result = page(rows, query.limit, (row) => [row.name, row.id]);
    return { items: result.items.map(siteView), nextCursor: result.nextCursor };
  }

  async getSite(member: Member, siteId: string) {
    const row = await findSite(this.#db, member.organizationId, siteId);
    if (!row) throw noSuchSite();
    return siteView(row);
  }

  async createSite(member: Member, input: Static<typeof SiteCreateBody>) {
    const id = newId();
    try {
      await inTransaction(this.#db, (tx) =>
        insertSite(tx, {
          id,
          organizationId: member.organizationId,
          name: input.name,
          address: input.address ?? null,
          notes: input.notes ?? null,
          now: this.#now().toISOString(),
        }),
      );
    } catch (error) {
      if (isUniqueViolation(error))
        throw conflict('site-name-taken', `Another site is already named ${input.name}.`);
      throw error;
    }
    return this.getSite(member, id);
  }

  async updateSite(member: Member, siteId: string, input: Static<typeof SiteUpdateBody>, expected?: number) {
    try {
      await inTransaction(this.#db, async (tx) => {
        const current = await findSite(tx, member.organizationId, siteId);
        if (!current) throw noSuchSite();
        if (expected !== undefined && expected !== current.version) throw versionMismatch(current.version);
        const changes = { ...input, ...(input.name !== undefined ? { name: input.name } : {}) };
        const key = { organizationId: member.organizationId, siteId, version: current.version };
        if (!(await updateSite(tx, key, changes, this.#now().toISOString())))
          throw versionMismatch(current.version);
      });
    } catch (error) {
      if (isUniqueViolation(error))
        throw conflict('site-name-taken', `Another site is already named ${input.name}.`);
      throw error;
    }
    return this.getSite(member, siteId);
  }

  /** Deleting a site keeps its houses: they simply belong to no site any more. */
  async deleteSite(member: Member, siteId: string, expected?: number): Promise<void> {
    await inTransaction(this.#db, async (tx) => {
      const current = await findSite(tx, member.organizationId, siteId);
      if (!current) throw noSuchSite();
      if (expected !== undefined && expected !== current.version) throw versionMismatch(current.version);
      if (!(await deleteSite(tx, member.organizationId, siteId, current.version)))
        throw versionMismatch(current.version);
      await this.#events.publish(tx, 'site.deleted', { organizationId: member.organizationId, siteId });
    });
  }
}
