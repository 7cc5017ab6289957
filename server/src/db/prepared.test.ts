import { type Kysely, sql } from 'kysely';
import { beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '../../test/databases.ts';
import { type DbOrTx, inTransaction } from './database.ts';
import { columnTypes } from './migration-kit.ts';
import { preparedQuery } from './prepared.ts';

interface ItemTable {
  id: string;
  house: string;
  done: boolean;
  done_at: string | null;
}
type ItemDb = Kysely<{ item: ItemTable }>;
const itemDb = (db: DbOrTx) => db as unknown as ItemDb;

// Module-level like in the repositories: one query object serves every database of this file.
const itemsOfHouse = preparedQuery((db, values: { house: string; done: boolean }) =>
  itemDb(db)
    .selectFrom('item')
    .select(['id', 'done', 'done_at'])
    .where('house', '=', values.house)
    .where('done', '=', values.done)
    .where('id', 'in', ['a', 'b', 'c'])
    .orderBy('id'),
);
const itemTick = preparedQuery((db, values: { id: string; doneAt: string | null }) =>
  itemDb(db)
    .updateTable('item')
    .set({ done: true, done_at: values.doneAt })
    .where('id', '=', values.id)
    .where('done', '=', false),
);
const draftById = preparedQuery((db, values: { id: string }) =>
  (db as unknown as Kysely<{ draft: { id: string } }>)
    .selectFrom('draft')
    .select('id')
    .where('id', '=', values.id),
);
const everyItemColumn = preparedQuery((db, values: { id: string }) =>
  itemDb(db).selectFrom('item').selectAll().where('id', '=', values.id),
);
const valueInSql = preparedQuery((db, values: { id: string }) =>
  itemDb(db).selectFrom('item').select('id').where('id', '=', sql.lit(values.id)),
);

describeEachDatabase('prepared queries', (get) => {
  // The table the item queries read, empty; only the first test writes to it.
  beforeAll(async () => {
    const { db } = get().database;
    const type = columnTypes(db);
    await db.schema
      .createTable('item')
      .addColumn('id', type.id, (column) => column.primaryKey())
      .addColumn('house', type.id, (column) => column.notNull())
      .addColumn('done', type.boolean, (column) => column.notNull())
      .addColumn('done_at', type.instant)
      .execute();
  });

  it('runs one compiled query with new values each time, inside and outside a transaction', async () => {
    const { db } = get().database;
    await itemDb(db)
      .insertInto('item')
      .values([
        { id: 'a', house: 'h1', done: false, done_at: null },
        { id: 'b', house: 'h1', done: false, done_at: null },
        { id: 'c', house: 'h2', done: false, done_at: null },
        { id: 'd', house: 'h1', done: false, done_at: null },
      ])
      .execute();

    expect(await itemsOfHouse.all(db, { house: 'h1', done: false })).toEqual([
      { id: 'a', done: false, done_at: null },
      { id: 'b', done: false, done_at: null },
    ]);
    expect(await itemsOfHouse.first(db, { house: 'h2', done: false })).toEqual({
      id: 'c',
      done: false,
      done_at: null,
    });

    const changed = await inTransaction(db, async (tx) => [
      await itemTick.affected(tx, { id: 'a', doneAt: '2026-11-29T10:00:00.000Z' }),
      await itemTick.affected(tx, { id: 'a', doneAt: '2026-11-29T11:00:00.000Z' }),
      await itemTick.affected(tx, { id: 'b', doneAt: null }),
    ]);
    expect(changed).toEqual([1, 0, 1]);
    expect(await itemsOfHouse.all(db, { house: 'h1', done: true })).toEqual([
      { id: 'a', done: true, done_at: '2026-11-29T10:00:00.000Z' },
      { id: 'b', done: true, done_at: null },
    ]);
    expect(await itemsOfHouse.first(db, { house: 'h3', done: false })).toBeUndefined();
  });

  it("never shows a read outside a transaction another transaction's uncommitted write", async () => {
    const { db } = get().database;
    const drafts = db as unknown as Kysely<{ draft: { id: string } }>;
    await drafts.schema
      .createTable('draft')
      .addColumn('id', columnTypes(db).id, (column) => column.primaryKey())
      .execute();
    let wrote!: () => void;
    const written = new Promise<void>((resolve) => {
      wrote = resolve;
    });
    let finish!: () => void;
    const finished = new Promise<void>((resolve) => {
      finish = resolve;
    });
    const transaction = inTransaction(db, async (tx) => {
      await (tx as unknown as Kysely<{ draft: { id: string } }>)
        .insertInto('draft')
        .values({ id: 'x' })
        .execute();
      wrote();
      await finished;
      throw new Error('roll back');
    }).catch((error: Error) => error.message);
    await written;
    // SQLite has one connection: the read must wait for the transaction, not run inside it.
    const read = draftById.first(db, { id: 'x' });
    finish();
    expect(await read).toBeUndefined();
    expect(await transaction).toBe('roll back');
    expect(await draftById.first(db, { id: 'x' })).toBeUndefined();
  });

  it('keeps a prepared query as a named statement on a PostgreSQL server connection', async (context) => {
    const { db } = get().database;
    if (get().database.kind !== 'postgres') context.skip();
    const kept = await inTransaction(db, async (tx) => {
      await itemsOfHouse.all(tx, { house: 'h1', done: true });
      await itemsOfHouse.all(tx, { house: 'h2', done: false });
      return sql<{ statement: string }>`select statement from pg_prepared_statements`.execute(tx);
    });
    const statements = kept.rows.map((row) => row.statement);
    // Once, however often it ran on this connection; the transaction's own BEGIN and COMMIT are not kept.
    // (Other tests may have prepared the tick on the same pooled connection: only this query counts.)
    expect(
      statements.filter((statement) => statement.includes('"item"') && statement.includes('"house"')),
    ).toHaveLength(1);
    expect(statements.some((statement) => /^(begin|commit)/i.test(statement))).toBe(false);
  });

  it('refuses a query that reads * instead of listing its columns', async () => {
    await expect(everyItemColumn.first(get().database.db, { id: 'a' })).rejects.toThrow(/list its columns/);
  });

  it('refuses a query that writes a value into its SQL', async () => {
    await expect(valueInSql.all(get().database.db, { id: 'a' })).rejects.toThrow(/into its SQL/);
  });
});
