import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { Kysely, sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDatabase } from './database.ts';
import { createSqliteDialect, openSqlite } from './sqlite.ts';

// A second writer on the same file, in another thread: it takes the write
// lock, signals, holds the lock for a while, then commits.
const HOLD_WRITE_LOCK = `
const { workerData, parentPort } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file, { timeout: 5000 });
db.exec('begin immediate');
db.prepare('insert into counter (n) values (100)').run();
parentPort.postMessage('locked');
Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, workerData.holdMs);
db.exec('commit');
db.close();
parentPort.postMessage('committed');
`;

describe('SQLite connection', () => {
  let dir: string;
  let file: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'staykeep-sqlite-'));
    file = path.join(dir, 'test.db');
    const setup = openSqlite(file);
    setup.exec('create table counter (n integer not null)');
    setup.close();
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('opens the file in WAL mode with foreign keys and full sync', () => {
    const database = openSqlite(file);
    expect(database.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(database.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(database.pragma('synchronous', { simple: true })).toBe(2);
    database.close();
    // The operator's choice of faster commits (SQLITE_SYNC=normal).
    const faster = openSqlite(file, 'normal');
    expect(faster.pragma('synchronous', { simple: true })).toBe(1);
    faster.close();
  });

  it('makes a read-then-write transaction wait for another writer instead of failing', async () => {
    const db = new Kysely<{ counter: { n: number } }>({ dialect: createSqliteDialect(openSqlite(file)) });
    const worker = new Worker(HOLD_WRITE_LOCK, {
      eval: true,
      workerData: { file, holdMs: 300, driver: import.meta.resolve('better-sqlite3').replace('file://', '') },
    });
    const messages: string[] = [];
    const committed = new Promise<void>((resolve, reject) => {
      worker.on('message', (message: string) => {
        messages.push(message);
        if (message === 'committed') resolve();
      });
      worker.on('error', reject);
    });
    await new Promise<void>((resolve) => worker.once('message', () => resolve()));

    // With a deferred BEGIN this would read an old snapshot, then fail with
    // SQLITE_BUSY_SNAPSHOT at the write; BEGIN IMMEDIATE waits for the lock.
    const total = await db.transaction().execute(async (tx) => {
      const before = await tx
        .selectFrom('counter')
        .select((eb) => eb.fn.countAll<number>().as('rows'))
        .executeTakeFirstOrThrow();
      await tx.insertInto('counter').values({ n: before.rows }).execute();
      return before.rows;
    });
    await committed;
    expect(total).toBe(1);
    const rows = await sql<{ n: number }>`select n from counter order by rowid`.execute(db);
    expect(rows.rows.map((row) => row.n)).toEqual([100, 1]);
    await db.destroy();
  });

  it('keeps the planner averages but not its value samples after optimizing', async () => {
    const database = await createDatabase({ kind: 'sqlite', file, synchronous: 'full' });
    const { db } = database;
    await sql`create index counter_n_idx on counter (n)`.execute(db);
    // Enough rows, few distinct values: ANALYZE writes samples for the index.
    await sql`with recursive s(i) as (select 1 union all select i + 1 from s where i < 2000)
      insert into counter (n) select i % 7 from s`.execute(db);
    await sql`analyze`.execute(db);
    const count = async (table: string) =>
      (await sql<{ rows: number }>`select count(*) as rows from ${sql.table(table)}`.execute(db)).rows[0]
        ?.rows;
    expect(await count('sqlite_stat4')).toBeGreaterThan(0);

    await database.optimize();
    expect(await count('sqlite_stat1')).toBeGreaterThan(0);
    expect(await count('sqlite_stat4')).toBe(0);
    await database.close();
  });
});
