import { expect, it } from 'vitest';
import { describeEachDatabase } from '../../test/databases.ts';
import { newId } from './ids.ts';
import { migrateTo, migrateToLatest } from './migrate.ts';

const BEFORE_CHANNELS = '2026-12-02T1700_calendar-versions';
const CHANNELS = '2026-12-03T0900_channels';

describeEachDatabase('migrations keep the data they rework', (get) => {
  it('gives blocks the kind `channel` without losing a block or a night it holds, and back', async () => {
    const { db } = get().database;
    await migrateTo(db, BEFORE_CHANNELS);
    const organizationId = newId();
    const houseId = newId();
    const blockId = newId();
    await db.insertInto('organizations').values({ id: organizationId, name: 'Migrated' }).execute();
    await db
      .insertInto('houses')
      .values({
        id: houseId,
        organization_id: organizationId,
        code: 'mig',
        name: 'Migrated house',
        type: 'villa',
        max_guests: 2,
        nightly_price_cents: null,
        timezone: 'Europe/Paris',
        site_id: null,
        location: null,
        notes: null,
      })
      .execute();
    await db
      .insertInto('blocks')
      .values({
        id: blockId,
        organization_id: organizationId,
        house_id: houseId,
        start_date: '2031-01-01',
        end_date: '2031-01-03',
        kind: 'owner',
        note: 'kept',
      })
      .execute();
    await db
      .insertInto('occupied_nights')
      .values([
        { house_id: houseId, night: '2031-01-01', reservation_id: null, block_id: blockId },
        { house_id: houseId, night: '2031-01-02', reservation_id: null, block_id: blockId },
      ])
      .execute();

    await migrateTo(db, CHANNELS);
    const nights = () =>
      db
        .selectFrom('occupied_nights')
        .select('night')
        .where('block_id', '=', blockId)
        .orderBy('night')
        .execute();
    expect(
      await db.selectFrom('blocks').select(['kind', 'note']).where('id', '=', blockId).execute(),
    ).toEqual([{ kind: 'owner', note: 'kept' }]);
    expect(await nights()).toEqual([{ night: '2031-01-01' }, { night: '2031-01-02' }]);
    await db.updateTable('blocks').set({ kind: 'channel' }).where('id', '=', blockId).execute();
    await db.updateTable('blocks').set({ kind: 'owner' }).where('id', '=', blockId).execute();
    await expect(
      db
        .updateTable('blocks')
        .set({ kind: 'holiday' as 'owner' })
        .where('id', '=', blockId)
        .execute(),
    ).rejects.toThrow();

    await migrateTo(db, BEFORE_CHANNELS);
    expect(await nights()).toHaveLength(2);
    await migrateToLatest(db);
    // The nights still follow their block: removing it frees them (the foreign key survived the rebuilds).
    await db.deleteFrom('blocks').where('id', '=', blockId).execute();
    expect(await nights()).toEqual([]);
  });
});
