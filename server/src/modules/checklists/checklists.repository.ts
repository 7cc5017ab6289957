import type { ExpressionBuilder, Selectable } from 'kysely';
import type { DbOrTx, Tx } from '../../db/database.ts';
import { newId } from '../../db/ids.ts';
import { everyColumn, preparedQuery } from '../../db/prepared.ts';
import type {
  ChecklistCategoriesTable,
  ChecklistItemsTable,
  ChecklistItemType,
  Tables,
  TurnoverRoundsTable,
} from '../../db/tables.ts';
import { DEFAULT_CHECKLISTS } from './defaults.ts';

export type CategoryRow = Selectable<ChecklistCategoriesTable>;
export type ItemRow = Selectable<ChecklistItemsTable>;
export type RoundRow = Selectable<TurnoverRoundsTable>;

// --- the template -------------------------------------------------------------------

export function listCategories(db: DbOrTx, organizationId: string): Promise<CategoryRow[]> {
  return db
    .selectFrom('checklist_categories')
    .selectAll()
    .where('organization_id', '=', organizationId)
    .orderBy('position')
    .orderBy('id')
    .execute();
}

export function listItems(db: DbOrTx, organizationId: string): Promise<ItemRow[]> {
  return db
    .selectFrom('checklist_items')
    .selectAll()
    .where('organization_id', '=', organizationId)
    .orderBy('category_id')
    .orderBy('step_number')
    .orderBy('id')
    .execute();
}

/** The houses each item of the organization is limited to (items that apply to all have none). */
export async function itemHouses(db: DbOrTx, organizationId: string): Promise<Map<string, string[]>> {
  const rows = await db
    .selectFrom('checklist_item_houses')
    .innerJoin('checklist_items', 'checklist_items.id', 'checklist_item_houses.item_id')
    .select(['checklist_item_houses.item_id as itemId', 'checklist_item_houses.house_id as houseId'])
    .where('checklist_items.organization_id', '=', organizationId)
    .orderBy('checklist_item_houses.house_id')
    .execute();
  const byItem = new Map<string, string[]>();
  for (const row of rows) byItem.set(row.itemId, [...(byItem.get(row.itemId) ?? []), row.houseId]);
  return byItem;
}

export function findCategory(db: DbOrTx, organizationId: string, categoryId: string) {
  return db
    .selectFrom('checklist_categories')
    .selectAll()
    .where('organization_id', '=', organizationId)
    .where('id', '=', categoryId)
    .executeTakeFirst();
}

export function findItem(db: DbOrTx, organizationId: string, itemId: string) {
  return db
    .selectFrom('checklist_items')
    .selectAll()
    .where('organization_id', '=', organizationId)
    .where('id', '=', itemId)
    .executeTakeFirst();
}

export async function nextCategoryPosition(tx: Tx, organizationId: string): Promise<number> {
  const row = await tx
    .selectFrom('checklist_categories')
    .select((eb) => eb.fn.max('position').as('last'))
    .where('organization_id', '=', organizationId)
    .executeTakeFirst();
  return Number(row?.last ?? 0) + 1;
}

export async function nextStepNumber(tx: Tx, categoryId: string): Promise<number> {
  const row = await tx
    .selectFrom('checklist_items')
    .select((eb) => eb.fn.max('step_number').as('last'))
    .where('category_id', '=', categoryId)
    .executeTakeFirst();
  return Number(row?.last ?? 0) + 1;
}

export async function insertCategory(
  tx: Tx,
  category: { id: string; organizationId: string; name: string; position: number; now: string },
): Promise<void> {
  await tx
    .insertInto('checklist_categories')
    .values({
      id: category.id,
      organization_id: category.organizationId,
      name: category.name,
      position: category.position,
      created_at: category.now,
      updated_at: category.now,
    })
    .execute();
}

/** Renames a category if it still has `version`; false when it moved on. */
export async function renameCategory(
  tx: Tx,
  key: { organizationId: string; id: string; version: number },
  name: string,
  now: string,
): Promise<boolean> {
  const result = await tx
    .updateTable('checklist_categories')
    .set((eb) => ({ name, updated_at: now, version: eb('version', '+', 1) }))
    .where('organization_id', '=', key.organizationId)
    .where('id', '=', key.id)
    .where('version', '=', key.version)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export async function deleteCategory(tx: Tx, key: { organizationId: string; id: string; version: number }) {
  const result = await tx
    .deleteFrom('checklist_categories')
    .where('organization_id', '=', key.organizationId)
    .where('id', '=', key.id)
    .where('version', '=', key.version)
    .executeTakeFirst();
  return result.numDeletedRows > 0n;
}

export async function countItemsInCategory(tx: Tx, categoryId: string): Promise<number> {
  const row = await tx
    .selectFrom('checklist_items')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('category_id', '=', categoryId)
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

/** Positions 1…n in the given order; every moved row's version moves on too. */
export async function setCategoryPositions(tx: Tx, organizationId: string, ids: string[], now: string) {
  for (const [index, id] of ids.entries()) {
    await tx
      .updateTable('checklist_categories')
      .set((eb) => ({ position: index + 1, updated_at: now, version: eb('version', '+', 1) }))
      .where('organization_id', '=', organizationId)
      .where('id', '=', id)
      .where('position', '!=', index + 1)
      .execute();
  }
}

export async function setStepNumbers(tx: Tx, categoryId: string, ids: string[], now: string) {
  for (const [index, id] of ids.entries()) {
    await tx
      .updateTable('checklist_items')
      .set((eb) => ({ step_number: index + 1, updated_at: now, version: eb('version', '+', 1) }))
      .where('category_id', '=', categoryId)
      .where('id', '=', id)
      .where('step_number', '!=', index + 1)
      .execute();
  }
}

type ItemValues = Pick<
  ItemRow,
  'category_id' | 'step_number' | 'description' | 'product_required' | 'type' | 'applies_to_all' | 'active'
>;

export async function insertItem(
  tx: Tx,
  item: ItemValues & { id: string; organization_id: string; now: string },
): Promise<void> {
  const { now, ...values } = item;
  await tx
    .insertInto('checklist_items')
    .values({ ...values, created_at: now, updated_at: now })
    .execute();
}

export async function updateItem(
  tx: Tx,
  key: { organizationId: string; id: string; version: number },
  changes: Partial<ItemValues>,
  now: string,
): Promise<boolean> {
  const result = await tx
    .updateTable('checklist_items')
    .set((eb) => ({ ...changes, updated_at: now, version: eb('version', '+', 1) }))
    .where('organization_id', '=', key.organizationId)
    .where('id', '=', key.id)
    .where('version', '=', key.version)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export async function deleteItem(tx: Tx, key: { organizationId: string; id: string; version: number }) {
  const result = await tx
    .deleteFrom('checklist_items')
    .where('organization_id', '=', key.organizationId)
    .where('id', '=', key.id)
    .where('version', '=', key.version)
    .executeTakeFirst();
  return result.numDeletedRows > 0n;
}

export async function replaceItemHouses(tx: Tx, itemId: string, houseIds: string[]): Promise<void> {
  await tx.deleteFrom('checklist_item_houses').where('item_id', '=', itemId).execute();
  if (houseIds.length === 0) return;
  await tx
    .insertInto('checklist_item_houses')
    .values(houseIds.map((houseId) => ({ item_id: itemId, house_id: houseId })))
    .execute();
}

/** The default checklist in the organization's language; two statements, whatever its size. */
export async function insertDefaultChecklist(
  tx: Tx,
  organizationId: string,
  locale: string,
  now: string,
): Promise<void> {
  const template = DEFAULT_CHECKLISTS[locale === 'fr' ? 'fr' : 'en'];
  const categories = template.map((entry, index) => ({ id: newId(), entry, position: index + 1 }));
  await tx
    .insertInto('checklist_categories')
    .values(
      categories.map(({ id, entry, position }) => ({
        id,
        organization_id: organizationId,
        name: entry.category,
        position,
        created_at: now,
        updated_at: now,
      })),
    )
    .execute();
  await tx
    .insertInto('checklist_items')
    .values(
      categories.flatMap(({ id, entry }) =>
        entry.items.map((item, index) => ({
          id: newId(),
          organization_id: organizationId,
          category_id: id,
          step_number: index + 1,
          description: item.description,
          product_required: item.product,
          type: item.type,
          created_at: now,
          updated_at: now,
        })),
      ),
    )
    .execute();
}

// --- rounds ---------------------------------------------------------------------------

/** The house's current round: the one no later departure replaced. */
export function currentRound(db: DbOrTx, houseId: string): Promise<RoundRow | undefined> {
  return currentRoundOfHouse.first(db, { houseId });
}

/** The house's most recently opened round, open or closed. */
export function latestRound(db: DbOrTx, houseId: string): Promise<RoundRow | undefined> {
  return db
    .selectFrom('turnover_rounds')
    .select(ROUND_COLUMNS)
    .where('house_id', '=', houseId)
    .orderBy('opened_at', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
}

const ROUND_COLUMNS = everyColumn<TurnoverRoundsTable>()([
  'id',
  'organization_id',
  'house_id',
  'reservation_id',
  'opened_at',
  'completed_at',
  'closed_at',
  'skipped_at',
  'skipped_by',
  'skipped_reservation_id',
]);

// Every checklist read and every tick starts here: prepared once.
const currentRoundOfHouse = preparedQuery((db, values: { houseId: string }) =>
  db
    .selectFrom('turnover_rounds')
    .select(ROUND_COLUMNS)
    .where('house_id', '=', values.houseId)
    .where('closed_at', 'is', null),
);

/** Who closed a round as skipped, by name (null when it was not skipped or the user is gone). */
const skippedByName = (eb: ExpressionBuilder<Tables, 'turnover_rounds'>) =>
  eb
    .selectFrom('users')
    .select('users.name')
    .whereRef('users.id', '=', 'turnover_rounds.skipped_by')
    .as('skippedByName');

export function findRound(
  db: DbOrTx,
  houseId: string,
  roundId: string,
): Promise<(RoundRow & { skippedByName: string | null }) | undefined> {
  return db
    .selectFrom('turnover_rounds')
    .selectAll()
    .select(skippedByName)
    .where('house_id', '=', houseId)
    .where('id', '=', roundId)
    .executeTakeFirst();
}

export async function roundExistsFor(tx: Tx, reservationId: string): Promise<boolean> {
  return (await departureRound(tx, reservationId)) !== undefined;
}

/** The round a stay's departure opened, if it did. */
export function departureRound(tx: Tx, reservationId: string): Promise<RoundRow | undefined> {
  return tx
    .selectFrom('turnover_rounds')
    .select(ROUND_COLUMNS)
    .where('reservation_id', '=', reservationId)
    .executeTakeFirst();
}

/**
 * Locks a round's items on PostgreSQL (SQLite runs one writer at a time): a
 * tick updates its item first, so a tick under way is waited for, and a tick
 * coming after finds the item gone, never its record deleted with the round.
 */
export async function lockRoundItems(tx: Tx, roundId: string, postgres: boolean): Promise<void> {
  if (!postgres) return;
  await tx
    .selectFrom('turnover_round_items')
    .select('item_id')
    .where('round_id', '=', roundId)
    .forUpdate()
    .execute();
}

/** Whether anyone ever ticked or unticked an item of the round. */
export async function roundWasTouched(tx: Tx, roundId: string): Promise<boolean> {
  const row = await tx
    .selectFrom('task_completion_logs')
    .select('id')
    .where('round_id', '=', roundId)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/** Removes a round and its items (a round nobody touched: it has no log). */
export async function deleteRound(tx: Tx, roundId: string): Promise<void> {
  await tx.deleteFrom('turnover_rounds').where('id', '=', roundId).execute();
}

/**
 * Closes the house's current round as skipped if it is not done: the next
 * guest checked in before it was. A finished round stays current (the house
 * is ready), and so does the round of this stay's own departure (the periodic
 * job opens it once the check-out date has passed, checked in or not). The
 * number of rounds closed, 0 or 1.
 */
export async function skipOpenRound(
  tx: Tx,
  skip: { houseId: string; reservationId: string; userId: string; now: string },
): Promise<number> {
  const result = await tx
    .updateTable('turnover_rounds')
    .set({
      closed_at: skip.now,
      skipped_at: skip.now,
      skipped_by: skip.userId,
      skipped_reservation_id: skip.reservationId,
    })
    .where('house_id', '=', skip.houseId)
    .where('closed_at', 'is', null)
    .where('completed_at', 'is', null)
    .where((eb) => eb.or([eb('reservation_id', 'is', null), eb('reservation_id', '!=', skip.reservationId)]))
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** The latest round a stay's check-in closed as skipped. */
export function roundSkippedBy(tx: Tx, reservationId: string): Promise<RoundRow | undefined> {
  return tx
    .selectFrom('turnover_rounds')
    .select(ROUND_COLUMNS)
    .where('skipped_reservation_id', '=', reservationId)
    .where('skipped_at', 'is not', null)
    .orderBy('skipped_at', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** Makes a closed round the house's current one again, no longer skipped. */
export async function reopenRound(tx: Tx, roundId: string): Promise<void> {
  await tx
    .updateTable('turnover_rounds')
    .set({ closed_at: null, skipped_at: null, skipped_by: null, skipped_reservation_id: null })
    .where('id', '=', roundId)
    .execute();
}

/**
 * The round a newer one replaced when it opened: `openRound` closes the
 * current round with the very instant it gives the new one as `opened_at`.
 * Skipped rounds were closed by a check-in, not replaced.
 */
export function roundReplacedAt(tx: Tx, houseId: string, instant: string): Promise<RoundRow | undefined> {
  return tx
    .selectFrom('turnover_rounds')
    .select(ROUND_COLUMNS)
    .where('house_id', '=', houseId)
    .where('closed_at', '=', instant)
    .where('skipped_at', 'is', null)
    .executeTakeFirst();
}

export async function closeCurrentRound(tx: Tx, houseId: string, now: string): Promise<void> {
  await tx
    .updateTable('turnover_rounds')
    .set({ closed_at: now })
    .where('house_id', '=', houseId)
    .where('closed_at', 'is', null)
    .execute();
}

export async function insertRound(
  tx: Tx,
  round: { id: string; organizationId: string; houseId: string; reservationId: string | null; now: string },
): Promise<void> {
  await tx
    .insertInto('turnover_rounds')
    .values({
      id: round.id,
      organization_id: round.organizationId,
      house_id: round.houseId,
      reservation_id: round.reservationId,
      opened_at: round.now,
    })
    .execute();
}

/** Whether a template item applies to the house of the round in the same query. */
function appliesToRoundHouse(eb: ExpressionBuilder<Tables, 'checklist_items' | 'turnover_rounds'>) {
  return eb.and([
    eb('checklist_items.active', '=', true),
    eb.or([
      eb('checklist_items.applies_to_all', '=', true),
      eb.exists(
        eb
          .selectFrom('checklist_item_houses')
          .select('checklist_item_houses.item_id')
          .whereRef('checklist_item_houses.item_id', '=', 'checklist_items.id')
          .whereRef('checklist_item_houses.house_id', '=', 'turnover_rounds.house_id'),
      ),
    ]),
  ]);
}

/** Rounds that still follow the template: current and not finished. */
function openRounds(db: DbOrTx, organizationId: string, roundId?: string) {
  return db
    .selectFrom('turnover_rounds')
    .select('turnover_rounds.id')
    .where('turnover_rounds.organization_id', '=', organizationId)
    .where('turnover_rounds.closed_at', 'is', null)
    .where('turnover_rounds.completed_at', 'is', null)
    .$if(roundId !== undefined, (query) => query.where('turnover_rounds.id', '=', roundId as string));
}

/**
 * Brings open rounds in line with the template: copies in the items that now
 * apply (with their category), drops those that no longer do, and refreshes
 * the wording of the rest. Finished rounds are never touched: they keep the
 * record of what was done. With `roundId`, only that round (a new one).
 */
export async function syncOpenRounds(tx: Tx, organizationId: string, roundId?: string): Promise<void> {
  await tx
    .insertInto('turnover_round_items')
    .columns([
      'round_id',
      'item_id',
      'category_id',
      'category_name',
      'category_position',
      'step_number',
      'description',
      'product_required',
      'type',
    ])
    .expression((eb) =>
      eb
        .selectFrom('turnover_rounds')
        .innerJoin('checklist_items', 'checklist_items.organization_id', 'turnover_rounds.organization_id')
        .innerJoin('checklist_categories', 'checklist_categories.id', 'checklist_items.category_id')
        .select([
          'turnover_rounds.id',
          'checklist_items.id',
          'checklist_categories.id',
          'checklist_categories.name',
          'checklist_categories.position',
          'checklist_items.step_number',
          'checklist_items.description',
          'checklist_items.product_required',
          'checklist_items.type',
        ])
        .where('turnover_rounds.id', 'in', openRounds(tx, organizationId, roundId))
        .where((inner) => appliesToRoundHouse(inner))
        .where((inner) =>
          inner.not(
            inner.exists(
              inner
                .selectFrom('turnover_round_items as present')
                .select('present.item_id')
                .whereRef('present.round_id', '=', 'turnover_rounds.id')
                .whereRef('present.item_id', '=', 'checklist_items.id'),
            ),
          ),
        ),
    )
    .execute();
  if (roundId !== undefined) return;

  await tx
    .deleteFrom('turnover_round_items')
    .where('round_id', 'in', openRounds(tx, organizationId))
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('checklist_items')
            .innerJoin('turnover_rounds', 'turnover_rounds.id', 'turnover_round_items.round_id')
            .select('checklist_items.id')
            .whereRef('checklist_items.id', '=', 'turnover_round_items.item_id')
            .where((inner) => appliesToRoundHouse(inner)),
        ),
      ),
    )
    .execute();

  await tx
    .updateTable('turnover_round_items')
    .from(['checklist_items', 'checklist_categories'])
    .set((eb) => ({
      category_id: eb.ref('checklist_categories.id'),
      category_name: eb.ref('checklist_categories.name'),
      category_position: eb.ref('checklist_categories.position'),
      step_number: eb.ref('checklist_items.step_number'),
      description: eb.ref('checklist_items.description'),
      product_required: eb.ref('checklist_items.product_required'),
      type: eb.ref('checklist_items.type'),
    }))
    .whereRef('checklist_items.id', '=', 'turnover_round_items.item_id')
    .whereRef('checklist_categories.id', '=', 'checklist_items.category_id')
    .where('turnover_round_items.round_id', 'in', openRounds(tx, organizationId))
    .execute();
}

/**
 * Marks the organization's open rounds finished when no item is left to do (a
 * round with no item is finished at once), and unfinished again when one is
 * unticked; the time a round became finished is kept while it stays so.
 */
export async function refreshCompletion(tx: Tx, organizationId: string, now: string): Promise<void> {
  await completionUpdate(tx, now).where('organization_id', '=', organizationId).execute();
}

/** The same for one round, after a tick: the round as it now is (undefined if it is closed). */
export function refreshRoundCompletion(tx: Tx, roundId: string, now: string): Promise<RoundRow | undefined> {
  return roundCompletion.first(tx, { roundId, now });
}

const roundCompletion = preparedQuery((db, values: { roundId: string; now: string }) =>
  completionUpdate(db, values.now).where('id', '=', values.roundId).returning(ROUND_COLUMNS),
);

function completionUpdate(db: DbOrTx, now: string) {
  return db
    .updateTable('turnover_rounds')
    .set((eb) => ({
      completed_at: eb
        .case()
        .when(
          eb.exists(
            eb
              .selectFrom('turnover_round_items')
              .select('turnover_round_items.item_id')
              .whereRef('turnover_round_items.round_id', '=', 'turnover_rounds.id')
              .where('turnover_round_items.completed', '=', false),
          ),
        )
        .then(null)
        .else(eb.fn.coalesce('turnover_rounds.completed_at', eb.val(now)))
        .end(),
    }))
    .where('closed_at', 'is', null);
}

export interface RoundItemRow {
  itemId: string;
  categoryId: string;
  categoryName: string;
  categoryPosition: number;
  stepNumber: number;
  description: string;
  productRequired: string | null;
  type: ChecklistItemType;
  completed: boolean;
  completedAt: string | null;
  completedById: string | null;
  completedByName: string | null;
}

/** A round's items in the order a cleaner walks the house, with who ticked each. */
export function roundItems(db: DbOrTx, roundId: string): Promise<RoundItemRow[]> {
  return itemsOfRound.all(db, { roundId });
}

// The name by a scalar subquery, not a join: SQLite re-prepares a join at every run, not this.
const itemsOfRound = preparedQuery((db, values: { roundId: string }) =>
  db
    .selectFrom('turnover_round_items')
    .select((eb) => [
      eb
        .selectFrom('users')
        .select('users.name')
        .whereRef('users.id', '=', 'turnover_round_items.completed_by')
        .as('completedByName'),
      'turnover_round_items.item_id as itemId',
      'turnover_round_items.category_id as categoryId',
      'turnover_round_items.category_name as categoryName',
      'turnover_round_items.category_position as categoryPosition',
      'turnover_round_items.step_number as stepNumber',
      'turnover_round_items.description as description',
      'turnover_round_items.product_required as productRequired',
      'turnover_round_items.type as type',
      'turnover_round_items.completed as completed',
      'turnover_round_items.completed_at as completedAt',
      'turnover_round_items.completed_by as completedById',
    ])
    .where('turnover_round_items.round_id', '=', values.roundId)
    .orderBy('turnover_round_items.category_position')
    .orderBy('turnover_round_items.step_number')
    .orderBy('turnover_round_items.item_id'),
);

/**
 * Ticks or unticks one item of a round, only if it is not already in that
 * state: 1 when it changed, 0 when it was already so (an idempotent repeat)
 * or is not in the round.
 */
export async function setItemCompleted(
  tx: Tx,
  change: { roundId: string; itemId: string; completed: boolean; userId: string; now: string },
): Promise<number> {
  return itemCompletion.affected(tx, {
    roundId: change.roundId,
    itemId: change.itemId,
    completed: change.completed,
    completedAt: change.completed ? change.now : null,
    completedBy: change.completed ? change.userId : null,
  });
}

const itemCompletion = preparedQuery(
  (
    db,
    values: {
      roundId: string;
      itemId: string;
      completed: boolean;
      completedAt: string | null;
      completedBy: string | null;
    },
  ) =>
    db
      .updateTable('turnover_round_items')
      .set({
        completed: values.completed,
        completed_at: values.completedAt,
        completed_by: values.completedBy,
      })
      .where('round_id', '=', values.roundId)
      .where('item_id', '=', values.itemId)
      // Only an item not already in that state: a repeat changes nothing.
      .where('completed', '!=', values.completed),
);

export async function roundHasItem(tx: Tx, roundId: string, itemId: string): Promise<boolean> {
  const row = await tx
    .selectFrom('turnover_round_items')
    .select('item_id')
    .where('round_id', '=', roundId)
    .where('item_id', '=', itemId)
    .executeTakeFirst();
  return row !== undefined;
}

/** One tick or untick, as the log keeps it. */
interface CompletionLogEntry {
  organizationId: string;
  houseId: string;
  roundId: string;
  itemId: string;
  userId: string;
  completed: boolean;
  now: string;
}

export async function insertCompletionLog(tx: Tx, entry: CompletionLogEntry): Promise<void> {
  await completionLogInsert.affected(tx, { id: newId(), ...entry });
}

const completionLogInsert = preparedQuery((db, values: CompletionLogEntry & { id: string }) =>
  db.insertInto('task_completion_logs').values({
    id: values.id,
    organization_id: values.organizationId,
    house_id: values.houseId,
    round_id: values.roundId,
    item_id: values.itemId,
    user_id: values.userId,
    completed: values.completed,
    at: values.now,
  }),
);

export function roundLog(db: DbOrTx, roundId: string) {
  return db
    .selectFrom('task_completion_logs')
    .leftJoin('users', 'users.id', 'task_completion_logs.user_id')
    .leftJoin('turnover_round_items', (join) =>
      join
        .onRef('turnover_round_items.round_id', '=', 'task_completion_logs.round_id')
        .onRef('turnover_round_items.item_id', '=', 'task_completion_logs.item_id'),
    )
    .select([
      'task_completion_logs.id as id',
      'task_completion_logs.item_id as itemId',
      'turnover_round_items.description as description',
      'task_completion_logs.completed as completed',
      'task_completion_logs.at as at',
      'task_completion_logs.user_id as userId',
      'users.name as userName',
    ])
    .where('task_completion_logs.round_id', '=', roundId)
    .orderBy('task_completion_logs.at')
    .orderBy('task_completion_logs.id')
    .execute();
}

export interface RoundSummaryRow extends RoundRow {
  done: number;
  total: number;
  skippedByName: string | null;
}

const progress = (db: DbOrTx) =>
  db
    .selectFrom('turnover_rounds')
    .selectAll('turnover_rounds')
    .select((eb) => [
      skippedByName(eb),
      eb
        .selectFrom('turnover_round_items')
        .select(eb.fn.countAll<number>().as('count'))
        .whereRef('turnover_round_items.round_id', '=', 'turnover_rounds.id')
        .where('turnover_round_items.completed', '=', true)
        .as('done'),
      eb
        .selectFrom('turnover_round_items')
        .select(eb.fn.countAll<number>().as('count'))
        .whereRef('turnover_round_items.round_id', '=', 'turnover_rounds.id')
        .as('total'),
    ]);

/** A house's rounds, latest first. */
export async function listRounds(
  db: DbOrTx,
  houseId: string,
  options: { before?: [string, string]; limit: number },
): Promise<RoundSummaryRow[]> {
  const rows = await progress(db)
    .where('turnover_rounds.house_id', '=', houseId)
    .$if(options.before !== undefined, (query) =>
      query.where((eb) =>
        eb(
          eb.refTuple('turnover_rounds.opened_at', 'turnover_rounds.id'),
          '<',
          eb.tuple(...(options.before as [string, string])),
        ),
      ),
    )
    .orderBy('turnover_rounds.opened_at', 'desc')
    .orderBy('turnover_rounds.id', 'desc')
    .limit(options.limit)
    .execute();
  return rows.map((row) => ({ ...row, done: Number(row.done), total: Number(row.total) }));
}

/**
 * Each of the organization's houses' (or the given ones') round with its
 * progress: the open one, or, when a check-in closed it as skipped and
 * nobody has started the next, that latest one.
 */
export async function latestRounds(
  db: DbOrTx,
  organizationId: string,
  houseIds?: string[],
): Promise<RoundSummaryRow[]> {
  const rows = await progress(db)
    .where('turnover_rounds.organization_id', '=', organizationId)
    .where((eb) =>
      eb.or([
        eb('turnover_rounds.closed_at', 'is', null),
        eb.and([
          eb.not(
            eb.exists(
              eb
                .selectFrom('turnover_rounds as open')
                .select('open.id')
                .whereRef('open.house_id', '=', 'turnover_rounds.house_id')
                .where('open.closed_at', 'is', null),
            ),
          ),
          eb.not(
            eb.exists(
              eb
                .selectFrom('turnover_rounds as later')
                .select('later.id')
                .whereRef('later.house_id', '=', 'turnover_rounds.house_id')
                .whereRef('later.opened_at', '>', 'turnover_rounds.opened_at'),
            ),
          ),
        ]),
      ]),
    )
    .$if(houseIds !== undefined, (query) =>
      query.where('turnover_rounds.house_id', 'in', houseIds?.length ? houseIds : ['']),
    )
    .execute();
  return rows.map((row) => ({ ...row, done: Number(row.done), total: Number(row.total) }));
}

// --- departures -----------------------------------------------------------------------

export interface DepartureRow {
  reservationId: string;
  organizationId: string;
  houseId: string;
  checkOut: string;
  checkOutTime: string;
  timezone: string;
  hasRound: boolean;
  currentRoundOpenedAt: string | null;
}

/** Stays that end in [from, to] and were lived (not cancelled, not left pending), latest first per house. */
export async function departuresBetween(db: DbOrTx, from: string, to: string): Promise<DepartureRow[]> {
  const rows = await db
    .selectFrom('reservations')
    .innerJoin('houses', 'houses.id', 'reservations.house_id')
    .select((eb) => [
      'reservations.id as reservationId',
      'reservations.organization_id as organizationId',
      'reservations.house_id as houseId',
      'reservations.check_out as checkOut',
      'houses.check_out_time as checkOutTime',
      'houses.timezone as timezone',
      eb
        .exists(
          eb
            .selectFrom('turnover_rounds')
            .select('turnover_rounds.id')
            .whereRef('turnover_rounds.reservation_id', '=', 'reservations.id'),
        )
        .as('hasRound'),
      eb
        .selectFrom('turnover_rounds')
        .select('turnover_rounds.opened_at')
        .whereRef('turnover_rounds.house_id', '=', 'reservations.house_id')
        .where('turnover_rounds.closed_at', 'is', null)
        .as('currentRoundOpenedAt'),
    ])
    .where('reservations.check_out', '>=', from)
    .where('reservations.check_out', '<=', to)
    .where('reservations.status', 'in', ['confirmed', 'checked_in', 'checked_out'])
    .orderBy('reservations.house_id')
    .orderBy('reservations.check_out', 'desc')
    .execute();
  return rows.map((row) => ({ ...row, hasRound: Boolean(row.hasRound) }));
}

/** The next stay to arrive in a house from `date` on: the deadline of its turnover. */
export function nextArrival(db: DbOrTx, houseId: string, date: string) {
  return nextArrivalInHouse.first(db, { houseId, date });
}

const nextArrivalInHouse = preparedQuery((db, values: { houseId: string; date: string }) =>
  db
    .selectFrom('reservations')
    .select(['id', 'check_in as checkIn'])
    .where('house_id', '=', values.houseId)
    .where('check_in', '>=', values.date)
    .where('status', 'in', ['pending', 'confirmed'])
    .orderBy('check_in')
    .limit(1),
);
