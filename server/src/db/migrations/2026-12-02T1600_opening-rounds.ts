import { type Kysely, sql } from 'kysely';
import { newId } from '../ids.ts';

/**
 * Every house has a round from the moment it exists: a house created from
 * now on opens its opening round in the same transaction. The houses that
 * have never had one (no departure and no tick yet) get theirs here, not
 * done: nobody has confirmed they are clean, so they say "not ready" rather
 * than a "ready" with nothing ticked. Their items are the template's items
 * that apply to the house, as a round opened today would copy them.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen and typed against no schema.
export async function up(db: Kysely<any>): Promise<void> {
  const now = new Date().toISOString();
  const houses: { id: string; organization_id: string }[] = await db
    .selectFrom('houses')
    .select(['houses.id', 'houses.organization_id'])
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('turnover_rounds')
            .select('turnover_rounds.id')
            .whereRef('turnover_rounds.house_id', '=', 'houses.id'),
        ),
      ),
    )
    .execute();
  for (const house of houses) {
    const roundId = newId();
    await db
      .insertInto('turnover_rounds')
      .values({ id: roundId, organization_id: house.organization_id, house_id: house.id, opened_at: now })
      .execute();
    await db
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
          .selectFrom('checklist_items')
          .innerJoin('checklist_categories', 'checklist_categories.id', 'checklist_items.category_id')
          .select([
            sql.lit(roundId).as('round_id'),
            'checklist_items.id',
            'checklist_categories.id',
            'checklist_categories.name',
            'checklist_categories.position',
            'checklist_items.step_number',
            'checklist_items.description',
            'checklist_items.product_required',
            'checklist_items.type',
          ])
          .where('checklist_items.organization_id', '=', house.organization_id)
          .where('checklist_items.active', '=', true)
          .where((inner) =>
            inner.or([
              inner('checklist_items.applies_to_all', '=', true),
              inner.exists(
                inner
                  .selectFrom('checklist_item_houses')
                  .select('checklist_item_houses.item_id')
                  .whereRef('checklist_item_houses.item_id', '=', 'checklist_items.id')
                  .where('checklist_item_houses.house_id', '=', house.id),
              ),
            ]),
          ),
      )
      .execute();
    // A house whose checklist applies nothing to it has nothing to do: its round is done.
    await db
      .updateTable('turnover_rounds')
      .set({ completed_at: now })
      .where('id', '=', roundId)
      .where((eb) =>
        eb.not(
          eb.exists(
            eb
              .selectFrom('turnover_round_items')
              .select('turnover_round_items.item_id')
              .where('turnover_round_items.round_id', '=', roundId),
          ),
        ),
      )
      .execute();
  }
}

/** The opening rounds stay: they are history like any other round. */
// biome-ignore lint/suspicious/noExplicitAny: see up().
export async function down(_db: Kysely<any>): Promise<void> {}
