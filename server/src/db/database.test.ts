import { type Kysely, sql } from 'kysely';
import { beforeEach, expect, it } from 'vitest';
import { describeEachDatabase } from '../../test/databases.ts';
import { afterCommit, inTransaction } from './database.ts';
import { migrateToLatest, pendingMigrations } from './migrate.ts';
import { columnTypes } from './migration-kit.ts';

interface ProbeTable {
  id: string;
  active: boolean;
  settings: unknown;
  stay_date: string;
  created_at: string;
  amount_cents: number;
}

describeEachDatabase('database layer', (get) => {
  // biome-ignore lint/suspicious/noExplicitAny: a table that exists only in this test.
  const probeDb = () => get().database.db as unknown as Kysely<{ probe: ProbeTable } & Record<string, any>>;

  /** A table made with the migration kit's types, holding two rows, fresh for each test. */
  beforeEach(async () => {
    const db = probeDb();
    await db.schema.dropTable('probe').ifExists().execute();
    const type = columnTypes(db);
    await db.schema
      .createTable('probe')
      .addColumn('id', type.id, (column) => column.primaryKey())
      .addColumn('active', type.boolean, (column) => column.notNull())
      .addColumn('settings', type.json, (column) => column.notNull())
      .addColumn('stay_date', type.date, (column) => column.notNull())
      .addColumn('created_at', type.instant, (column) => column.notNull())
      .addColumn('amount_cents', type.cents, (column) => column.notNull())
      .execute();

    await db
      .insertInto('probe')
      .values([
        {
          id: 'a',
          active: true,
          settings: JSON.stringify({ locale: 'fr', tags: ['sea'] }),
          stay_date: '2026-12-31',
          created_at: '2026-11-22T10:15:30.123Z',
          amount_cents: 15_000,
        },
        {
          id: 'b',
          active: false,
          settings: JSON.stringify([1, 2]),
          stay_date: '2027-01-01',
          created_at: '2026-11-22T23:59:59.000Z',
          amount_cents: 9_007_199_254_740,
        },
      ])
      .execute();
  });

  it('creates a table with the migration kit types and returns the same JavaScript types', async () => {
    const db = probeDb();
    const rows = await db.selectFrom('probe').selectAll().orderBy('id').execute();
    expect(rows).toEqual([
      {
        id: 'a',
        active: true,
        settings: { locale: 'fr', tags: ['sea'] },
        stay_date: '2026-12-31',
        created_at: '2026-11-22T10:15:30.123Z',
        amount_cents: 15_000,
      },
      {
        id: 'b',
        active: false,
        settings: [1, 2],
        stay_date: '2027-01-01',
        created_at: '2026-11-22T23:59:59.000Z',
        amount_cents: 9_007_199_254_740,
      },
    ]);
  });

  it('binds booleans and returns counts and sums as numbers', async () => {
    const db = probeDb();
    const active = await db.selectFrom('probe').select('id').where('active', '=', true).execute();
    expect(active).toEqual([{ id: 'a' }]);
    const totals = await db
      .selectFrom('probe')
      .select((eb) => [eb.fn.countAll<number>().as('count'), eb.fn.sum<number>('amount_cents').as('sum')])
      .executeTakeFirstOrThrow();
    expect(totals).toEqual({ count: 2, sum: 9_007_199_269_740 });
  });

  it('compares dates as calendar dates, whatever the process time zone', async () => {
    const db = probeDb();
    const rows = await db
      .selectFrom('probe')
      .select('id')
      .where('stay_date', '>=', '2027-01-01')
      .where('stay_date', '<', '2027-01-02')
      .execute();
    expect(rows).toEqual([{ id: 'b' }]);
  });

  it('rolls a failed transaction back completely', async () => {
    const db = probeDb();
    await expect(
      inTransaction(get().database.db, async (tx) => {
        const probeTx = tx as unknown as typeof db;
        await probeTx
          .insertInto('probe')
          .values({
            id: 'c',
            active: true,
            settings: '{}',
            stay_date: '2027-02-01',
            created_at: '2026-11-22T00:00:00.000Z',
            amount_cents: 1,
          })
          .execute();
        // Same primary key: the database refuses, the first insert must vanish too.
        await probeTx
          .insertInto('probe')
          .values({
            id: 'c',
            active: true,
            settings: '{}',
            stay_date: '2027-02-01',
            created_at: '2026-11-22T00:00:00.000Z',
            amount_cents: 1,
          })
          .execute();
      }),
    ).rejects.toThrow();
    const count = await db
      .selectFrom('probe')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(count.n).toBe(2);
  });

  it('runs what follows a commit after it, never after a rollback, and at once outside a transaction', async () => {
    const db = probeDb();
    const seen: string[] = [];
    const rowCount = async () =>
      (
        await db
          .selectFrom('probe')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n;
    await inTransaction(get().database.db, async (tx) => {
      await (tx as unknown as typeof db).deleteFrom('probe').where('id', '=', 'a').execute();
      afterCommit(tx, () => seen.push('committed'));
      seen.push('inside');
    });
    expect(seen).toEqual(['inside', 'committed']);
    expect(await rowCount()).toBe(1);

    await expect(
      inTransaction(get().database.db, async (tx) => {
        await (tx as unknown as typeof db).deleteFrom('probe').execute();
        afterCommit(tx, () => seen.push('rolled back'));
        throw new Error('refused');
      }),
    ).rejects.toThrow('refused');
    expect(seen).toEqual(['inside', 'committed']);
    expect(await rowCount()).toBe(1);

    afterCommit(get().database.db, () => seen.push('no transaction'));
    expect(seen).toEqual(['inside', 'committed', 'no transaction']);
  });

  it('applies migrations once: a second run finds nothing to do', async () => {
    const { db } = get().database;
    expect(await pendingMigrations(db)).toEqual([]);
    expect(await migrateToLatest(db)).toEqual([]);
    const tables = await sql<{ n: number }>`select count(*) as n from instance_settings`.execute(db);
    expect(Number(tables.rows[0]?.n)).toBe(1);
  });
});
