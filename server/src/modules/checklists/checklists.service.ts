import type { Static } from 'typebox';
import { type Db, type DbOrTx, inTransaction, type Tx } from '../../db/database.ts';
import { isUniqueViolation } from '../../db/errors.ts';
import { newId } from '../../db/ids.ts';
import { conflict, notFound } from '../../http/errors.ts';
import { decodeCursor, page } from '../../http/pagination.ts';
import { versionMismatch } from '../../http/versions.ts';
import type { Member } from '../../kernel/access.ts';
import { addDays, localDate, wallClock } from '../../kernel/dates.ts';
import { findHouse, housesOfOrganization } from '../houses/houses.repository.ts';
import { housesVisibleTo } from '../houses/houses.service.ts';
import { findOrganization } from '../organizations/organizations.repository.ts';
import {
  type CategoryRow,
  closeCurrentRound,
  countItemsInCategory,
  currentRound,
  deleteCategory,
  deleteItem,
  deleteRound,
  departureRound,
  departuresBetween,
  findCategory,
  findItem,
  findRound,
  type ItemRow,
  insertCategory,
  insertCompletionLog,
  insertDefaultChecklist,
  insertItem,
  insertRound,
  itemHouses,
  latestRound,
  latestRounds,
  listCategories,
  listItems,
  listRounds,
  lockRoundItems,
  nextArrival,
  nextCategoryPosition,
  nextStepNumber,
  type RoundItemRow,
  type RoundRow,
  type RoundSummaryRow,
  refreshCompletion,
  refreshRoundCompletion,
  renameCategory,
  reopenRound,
  replaceItemHouses,
  roundExistsFor,
  roundHasItem,
  roundItems,
  roundLog,
  roundReplacedAt,
  roundSkippedBy,
  roundWasTouched,
  setCategoryPositions,
  setItemCompleted,
  setStepNumbers,
  skipOpenRound,
  syncOpenRounds,
  updateItem,
} from './checklists.repository.ts';
import type { ItemCreateBody, ItemUpdateBody, RoundListQuery } from './checklists.schemas.ts';

/** How far back the departure job looks: older departures are not turned into rounds. */
const DEPARTURE_LOOKBACK_DAYS = 14;

const noSuchHouse = () => notFound('No such house.');
const noSuchCategory = () => notFound('No such checklist category.');
const noSuchItem = () => notFound('No such checklist item.');

const toRound = (row: RoundSummaryRow) => ({
  id: row.id,
  reservationId: row.reservation_id,
  openedAt: row.opened_at,
  completedAt: row.completed_at,
  closedAt: row.closed_at,
  skipped: row.skipped_at
    ? {
        at: row.skipped_at,
        by: row.skipped_by ? { id: row.skipped_by, name: row.skippedByName ?? '' } : null,
        reservationId: row.skipped_reservation_id,
      }
    : null,
  done: row.done,
  total: row.total,
});

/** Round items grouped by category, in order, with each category's progress and readiness. */
function categoriesOf(items: RoundItemRow[]) {
  const categories: {
    id: string;
    name: string;
    done: number;
    total: number;
    ready: boolean;
    readyAt: string | null;
    items: ReturnType<typeof toItem>[];
  }[] = [];
  for (const item of items) {
    let category = categories.at(-1);
    if (category?.id !== item.categoryId) {
      category = {
        id: item.categoryId,
        name: item.categoryName,
        done: 0,
        total: 0,
        ready: false,
        readyAt: null,
        items: [],
      };
      categories.push(category);
    }
    category.items.push(toItem(item));
    category.total += 1;
    if (item.completed) {
      category.done += 1;
      if (item.completedAt && (!category.readyAt || item.completedAt > category.readyAt)) {
        category.readyAt = item.completedAt;
      }
    }
  }
  for (const category of categories) {
    category.ready = category.done === category.total;
    if (!category.ready) category.readyAt = null;
  }
  return categories;
}

function toItem(item: RoundItemRow) {
  return {
    id: item.itemId,
    stepNumber: item.stepNumber,
    description: item.description,
    productRequired: item.productRequired,
    type: item.type,
    completed: item.completed,
    completedAt: item.completedAt,
    completedBy: item.completedById ? { id: item.completedById, name: item.completedByName ?? '' } : null,
  };
}

/**
 * Opens a fresh round for a house (the previous current one is closed and
 * keeps its record), with a copy of the items that apply to the house.
 */
async function openRound(
  tx: Tx,
  round: { organizationId: string; houseId: string; reservationId: string | null; now: string },
): Promise<string> {
  const id = newId();
  await closeCurrentRound(tx, round.houseId, round.now);
  await insertRound(tx, { id, ...round });
  await syncOpenRounds(tx, round.organizationId, id);
  await refreshRoundCompletion(tx, id, round.now);
  return id;
}

/** A new house's first round, in the transaction that creates the house. */
export async function openOpeningRound(
  tx: Tx,
  house: { organizationId: string; houseId: string; now: string },
): Promise<void> {
  await openRound(tx, { ...house, reservationId: null });
}

/**
 * A departure opens its house's next round, once: a second call for the same
 * stay (a status change after the job saw the date pass, or two job runners
 * at the same moment) changes nothing. Runs inside the caller's transaction.
 */
export async function openDepartureRound(
  tx: Tx,
  departure: { organizationId: string; houseId: string; reservationId: string; now: string },
): Promise<boolean> {
  if (await roundExistsFor(tx, departure.reservationId)) return false;
  await openRound(tx, departure);
  return true;
}

/**
 * A guest checks in: the house's round, if it is not done, is closed as
 * skipped (when, by whom, for which stay), in the check-in's transaction. The
 * next departure opens a fresh one; nobody is sent to clean an occupied house.
 */
export async function skipRoundAtCheckIn(
  tx: Tx,
  arrival: { houseId: string; reservationId: string; userId: string; now: string },
): Promise<void> {
  await skipOpenRound(tx, arrival);
}

/**
 * A check-in is undone: the round it closed as skipped is the house's current
 * round again, unless the house has had another one since (someone started
 * one by ticking an item), which then stays current.
 */
export async function reopenRoundSkippedAtCheckIn(tx: Tx, reservationId: string): Promise<void> {
  const skipped = await roundSkippedBy(tx, reservationId);
  if (!skipped || (await currentRound(tx, skipped.house_id))) return;
  await reopenRound(tx, skipped.id);
}

/**
 * A check-out is undone: the round its departure opened is removed if nobody
 * has ticked or unticked anything in it, and the round it replaced is current
 * again, as before the check-out. A round somebody has worked on is kept as
 * the house's current round: its ticks are real work, and when the guest
 * checks out again it is still that departure's round (no second one opens).
 * A round already closed (a later arrival or departure) is history, untouched.
 */
export async function withdrawDepartureRound(
  tx: Tx,
  reservationId: string,
  options: { postgres: boolean },
): Promise<void> {
  const round = await departureRound(tx, reservationId);
  if (!round || round.closed_at !== null) return;
  await lockRoundItems(tx, round.id, options.postgres);
  if (await roundWasTouched(tx, round.id)) return;
  await deleteRound(tx, round.id);
  const replaced = await roundReplacedAt(tx, round.house_id, round.opened_at);
  if (replaced) await reopenRound(tx, replaced.id);
}

function templateItem(row: ItemRow, houseIds: string[]) {
  return {
    id: row.id,
    categoryId: row.category_id,
    stepNumber: row.step_number,
    description: row.description,
    productRequired: row.product_required,
    type: row.type,
    appliesToAll: row.applies_to_all,
    houseIds,
    active: row.active,
    version: row.version,
  };
}

const sameSet = (a: string[], b: string[]) =>
  a.length === b.length && new Set(a).size === a.length && a.every((id) => b.includes(id));

export class ChecklistsService {
  readonly #db: Db;
  readonly #now: () => Date;

  constructor(options: { db: Db; now: () => Date }) {
    this.#db = options.db;
    this.#now = options.now;
  }

  // --- template ---------------------------------------------------------------------

  async template(member: Member) {
    const [categories, items, houses] = await Promise.all([
      listCategories(this.#db, member.organizationId),
      listItems(this.#db, member.organizationId),
      itemHouses(this.#db, member.organizationId),
    ]);
    return {
      categories: categories.map((category) => ({
        id: category.id,
        name: category.name,
        position: category.position,
        version: category.version,
        items: items
          .filter((item) => item.category_id === category.id)
          .map((item) => templateItem(item, houses.get(item.id) ?? [])),
      })),
    };
  }

  async category(member: Member, categoryId: string) {
    const found = (await this.template(member)).categories.find((category) => category.id === categoryId);
    if (!found) throw noSuchCategory();
    return found;
  }

  async item(member: Member, itemId: string) {
    const row = await findItem(this.#db, member.organizationId, itemId);
    if (!row) throw noSuchItem();
    return templateItem(row, (await itemHouses(this.#db, member.organizationId)).get(itemId) ?? []);
  }

  /** Template edits, then open rounds brought in line, in one transaction. */
  #edit<T>(member: Member, work: (tx: Tx, now: string) => Promise<T>): Promise<T> {
    const now = this.#now().toISOString();
    return this.#unique(() =>
      inTransaction(this.#db, async (tx) => {
        const result = await work(tx, now);
        await syncOpenRounds(tx, member.organizationId);
        await refreshCompletion(tx, member.organizationId, now);
        return result;
      }),
    );
  }

  /** A category name is unique in the organization: a 409 rather than the database's refusal. */
  async #unique<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (isUniqueViolation(error)) {
        throw conflict('category-name-taken', 'Another checklist category already has this name.');
      }
      throw error;
    }
  }

  async createCategory(member: Member, name: string) {
    const id = newId();
    await this.#edit(member, async (tx, now) =>
      insertCategory(tx, {
        id,
        organizationId: member.organizationId,
        name: name.trim(),
        position: await nextCategoryPosition(tx, member.organizationId),
        now,
      }),
    );
    return this.category(member, id);
  }

  async renameCategory(member: Member, categoryId: string, name: string, expected?: number) {
    await this.#edit(member, async (tx, now) => {
      const current = await this.#categoryIn(tx, member, categoryId, expected);
      const key = { organizationId: member.organizationId, id: categoryId, version: current.version };
      if (!(await renameCategory(tx, key, name.trim(), now))) throw versionMismatch(current.version);
    });
    return this.category(member, categoryId);
  }

  async deleteCategory(member: Member, categoryId: string, expected?: number): Promise<void> {
    await this.#edit(member, async (tx) => {
      const current = await this.#categoryIn(tx, member, categoryId, expected);
      if ((await countItemsInCategory(tx, categoryId)) > 0) {
        throw conflict('category-not-empty', 'Move or delete its items first.');
      }
      const key = { organizationId: member.organizationId, id: categoryId, version: current.version };
      if (!(await deleteCategory(tx, key))) throw versionMismatch(current.version);
    });
  }

  async orderCategories(member: Member, categoryIds: string[]) {
    await this.#edit(member, async (tx, now) => {
      const current = await listCategories(tx, member.organizationId);
      if (
        !sameSet(
          categoryIds,
          current.map((category) => category.id),
        )
      )
        throw staleOrder();
      await setCategoryPositions(tx, member.organizationId, categoryIds, now);
    });
    return this.template(member);
  }

  async orderItems(member: Member, categoryId: string, itemIds: string[]) {
    await this.#edit(member, async (tx, now) => {
      await this.#categoryIn(tx, member, categoryId);
      const current = (await listItems(tx, member.organizationId)).filter(
        (item) => item.category_id === categoryId,
      );
      if (
        !sameSet(
          itemIds,
          current.map((item) => item.id),
        )
      )
        throw staleOrder();
      await setStepNumbers(tx, categoryId, itemIds, now);
    });
    return this.category(member, categoryId);
  }

  async createItem(member: Member, input: Static<typeof ItemCreateBody>) {
    const id = newId();
    await this.#edit(member, async (tx, now) => {
      await this.#categoryIn(tx, member, input.categoryId);
      const houseIds = await this.#housesIn(tx, member, input.houseIds ?? []);
      await insertItem(tx, {
        id,
        organization_id: member.organizationId,
        category_id: input.categoryId,
        step_number: await nextStepNumber(tx, input.categoryId),
        description: input.description.trim(),
        product_required: input.productRequired?.trim() || null,
        type: input.type,
        applies_to_all: input.appliesToAll ?? true,
        active: input.active ?? true,
        now,
      });
      await replaceItemHouses(tx, id, houseIds);
    });
    return this.item(member, id);
  }

  async updateItem(member: Member, itemId: string, input: Static<typeof ItemUpdateBody>, expected?: number) {
    await this.#edit(member, async (tx, now) => {
      const current = await findItem(tx, member.organizationId, itemId);
      if (!current) throw noSuchItem();
      if (expected !== undefined && expected !== current.version) throw versionMismatch(current.version);
      const moving = input.categoryId !== undefined && input.categoryId !== current.category_id;
      if (moving) await this.#categoryIn(tx, member, input.categoryId as string);
      const changes = {
        ...(moving
          ? {
              category_id: input.categoryId,
              step_number: await nextStepNumber(tx, input.categoryId as string),
            }
          : {}),
        ...(input.description !== undefined ? { description: input.description.trim() } : {}),
        ...(input.productRequired !== undefined
          ? { product_required: input.productRequired?.trim() || null }
          : {}),
        ...(input.type !== undefined ? { type: input.type } : {}),
        ...(input.appliesToAll !== undefined ? { applies_to_all: input.appliesToAll } : {}),
        ...(input.active !== undefined ? { active: input.active } : {}),
      };
      const key = { organizationId: member.organizationId, id: itemId, version: current.version };
      if (!(await updateItem(tx, key, changes, now))) throw versionMismatch(current.version);
      if (input.houseIds !== undefined) {
        await replaceItemHouses(tx, itemId, await this.#housesIn(tx, member, input.houseIds));
      }
    });
    return this.item(member, itemId);
  }

  async deleteItem(member: Member, itemId: string, expected?: number): Promise<void> {
    await this.#edit(member, async (tx) => {
      const current = await findItem(tx, member.organizationId, itemId);
      if (!current) throw noSuchItem();
      if (expected !== undefined && expected !== current.version) throw versionMismatch(current.version);
      const key = { organizationId: member.organizationId, id: itemId, version: current.version };
      if (!(await deleteItem(tx, key))) throw versionMismatch(current.version);
    });
  }

  /** The default checklist in the organization's language, for a template still empty. */
  async addDefaults(member: Member) {
    await this.#edit(member, async (tx, now) => {
      if ((await listCategories(tx, member.organizationId)).length > 0) {
        throw conflict('checklist-not-empty', 'The checklist already has categories.');
      }
      const organization = await findOrganization(tx, member.organizationId);
      await insertDefaultChecklist(tx, member.organizationId, organization?.locale ?? 'en', now);
    });
    return this.template(member);
  }

  async #categoryIn(tx: Tx, member: Member, categoryId: string, expected?: number): Promise<CategoryRow> {
    const category = await findCategory(tx, member.organizationId, categoryId);
    if (!category) throw noSuchCategory();
    if (expected !== undefined && expected !== category.version) throw versionMismatch(category.version);
    return category;
  }

  async #housesIn(tx: Tx, member: Member, houseIds: string[]): Promise<string[]> {
    const wanted = [...new Set(houseIds)];
    const known = await housesOfOrganization(tx, member.organizationId, wanted);
    if (known.length !== wanted.length) throw noSuchHouse();
    return wanted;
  }

  // --- a house's rounds -------------------------------------------------------------

  /** The house if the member may see it (owners: their houses only). */
  async #house(db: DbOrTx, member: Member, houseId: string) {
    const house = await findHouse(db, member.organizationId, houseId);
    if (!house) throw noSuchHouse();
    const visible = await housesVisibleTo(db, member);
    if (visible && !visible.includes(houseId)) throw noSuchHouse();
    return house;
  }

  async checklist(member: Member, houseId: string) {
    return this.#checklist(this.#db, await this.#house(this.#db, member, houseId));
  }

  /**
   * One index lookup for the round (none when the caller just wrote it), one
   * read of its items: progress and readiness are counted here.
   */
  async #checklist(db: DbOrTx, house: { id: string; name: string; timezone: string }, known?: RoundRow) {
    const today = localDate(this.#now(), house.timezone);
    // The open round; when a check-in closed it as skipped, that round, until someone starts the next.
    const round = known ?? (await currentRound(db, house.id)) ?? (await latestRound(db, house.id));
    if (!round) throw new Error(`House ${house.id} has no round: every house opens one when it is created.`);
    const [items, arrival] = await Promise.all([roundItems(db, round.id), nextArrival(db, house.id, today)]);
    const done = items.filter((item) => item.completed).length;
    const categories = categoriesOf(items);
    return {
      houseId: house.id,
      houseName: house.name,
      // Exactly when every category is: a round's completion is set when its last item is ticked.
      ready: round.completed_at !== null,
      readySince: round.completed_at,
      round: toRound({ ...round, done, total: items.length, skippedByName: null }),
      nextArrival: arrival ? { reservationId: arrival.id, checkIn: arrival.checkIn } : null,
      done,
      total: items.length,
      categories,
    };
  }

  /**
   * Ticks or unticks an item of the house's current round (a house without one
   * gets one). The same call twice changes nothing and is logged once.
   *
   * Everything, the checks and the checklist sent back, happens in the one
   * transaction: the answer is the checklist exactly as this tick left it,
   * and a tick waits its turn for the database connection once, not four times.
   */
  async toggle(member: Member, houseId: string, itemId: string, completed: boolean) {
    const now = this.#now().toISOString();
    const attempt = () =>
      inTransaction(this.#db, async (tx) => {
        const house = await this.#house(tx, member, houseId);
        const current = await currentRound(tx, houseId);
        const roundId =
          current?.id ??
          (await openRound(tx, { organizationId: member.organizationId, houseId, reservationId: null, now }));
        const changed = await setItemCompleted(tx, {
          roundId,
          itemId,
          completed,
          userId: member.userId,
          now,
        });
        if (changed === 0) {
          if (!(await roundHasItem(tx, roundId, itemId))) throw noSuchItem();
          return this.#checklist(tx, house, current);
        }
        await insertCompletionLog(tx, {
          organizationId: member.organizationId,
          houseId,
          roundId,
          itemId,
          userId: member.userId,
          completed,
          now,
        });
        const round = await refreshRoundCompletion(tx, roundId, now);
        return this.#checklist(tx, house, round);
      });
    try {
      return await attempt();
    } catch (error) {
      // Two first ticks on a house without a round both opened one: the second finds it now.
      if (!isUniqueViolation(error)) throw error;
      return attempt();
    }
  }

  async rounds(member: Member, houseId: string, query: Static<typeof RoundListQuery>) {
    await this.#house(this.#db, member, houseId);
    const before = decodeCursor(query.cursor, ['instant', 'id']) as [string, string] | undefined;
    const rows = await listRounds(this.#db, houseId, { before, limit: query.limit + 1 });
    return page(rows.map(toRound), query.limit, (round) => [round.openedAt, round.id]);
  }

  async round(member: Member, houseId: string, roundId: string) {
    await this.#house(this.#db, member, houseId);
    const round = await findRound(this.#db, houseId, roundId);
    if (!round) throw notFound('No such round.');
    const [items, log] = await Promise.all([roundItems(this.#db, roundId), roundLog(this.#db, roundId)]);
    return {
      round: toRound({ ...round, done: items.filter((item) => item.completed).length, total: items.length }),
      categories: categoriesOf(items),
      log: log.map((entry) => ({
        id: entry.id,
        itemId: entry.itemId,
        description: entry.description,
        completed: entry.completed,
        at: entry.at,
        user: entry.userId ? { id: entry.userId, name: entry.userName ?? '' } : null,
      })),
    };
  }

  /** Each visible house's readiness, for badges on lists and the calendar. */
  async readiness(member: Member) {
    const visible = await housesVisibleTo(this.#db, member);
    const rounds = await latestRounds(this.#db, member.organizationId, visible);
    return {
      items: rounds.map((round) => ({
        houseId: round.house_id,
        ready: round.completed_at !== null,
        readySince: round.completed_at,
        roundId: round.id,
        done: round.done,
        total: round.total,
      })),
    };
  }

  /**
   * The periodic job: each house whose latest stay has checked out (its
   * check-out date and time passed, in the house's time zone) gets the round
   * that departure opens, unless it already has it. Safe to run in several
   * processes at once: a round per departure is unique in the database.
   */
  async openDueRounds(): Promise<number> {
    const instant = this.#now();
    const today = instant.toISOString().slice(0, 10);
    const candidates = await departuresBetween(
      this.#db,
      addDays(today, -DEPARTURE_LOOKBACK_DAYS),
      addDays(today, 1),
    );
    let opened = 0;
    const seen = new Set<string>();
    for (const departure of candidates) {
      if (seen.has(departure.houseId)) continue;
      const localNow = wallClock(instant, departure.timezone);
      if (`${departure.checkOut}T${departure.checkOutTime}` > localNow) continue;
      // The house's latest departure: earlier ones are history.
      seen.add(departure.houseId);
      if (departure.hasRound) continue;
      // A round opened by hand after this departure already covers it.
      if (
        departure.currentRoundOpenedAt &&
        wallClock(new Date(departure.currentRoundOpenedAt), departure.timezone) >=
          `${departure.checkOut}T${departure.checkOutTime}`
      ) {
        continue;
      }
      try {
        const done = await inTransaction(this.#db, (tx) =>
          openDepartureRound(tx, { ...departure, now: instant.toISOString() }),
        );
        if (done) opened += 1;
      } catch (error) {
        // Another process opened it at the same moment.
        if (!isUniqueViolation(error)) throw error;
      }
    }
    return opened;
  }
}

const staleOrder = () =>
  conflict('stale-order', 'The list changed since you read it: reload and order it again.');
