import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { type CompiledQuery, Kysely, type LogEvent, PostgresAdapter, sql, type Transaction } from 'kysely';
import pg from 'pg';
import type { DatabaseConfig } from '../config.ts';
import {
  currentChangeContext,
  NO_CHANGE_CONTEXT,
  runInTransactionContext,
  runWithChangeContext,
} from './change-context.ts';
import { newId } from './ids.ts';
import { StaykeepPGliteDialect, StaykeepPostgresDialect } from './introspection.ts';
import { runPreparedQueriesIfFree, statementName } from './prepared.ts';
import { createSqliteDialect, openSqlite, type RunIfFree } from './sqlite.ts';
import type { Tables } from './tables.ts';

export type Db = Kysely<Tables>;
export type Tx = Transaction<Tables>;
/** A repository function that reads may run inside or outside a transaction. */
export type DbOrTx = Db | Tx;

export interface Database {
  db: Db;
  kind: DatabaseConfig['kind'];
  /**
   * Refreshes the planner's statistics where they are stale. SQLite has no
   * autovacuum: without statistics it may pick an index that reads a whole
   * organization's stays to find one house's month.
   */
  optimize(): Promise<void>;
  /** Calls `listener` after every query from now on, with how long it took (the metrics); returns what stops it. */
  observeQueries(listener: QueryListener): () => void;
  /** The PostgreSQL server's connection pool as it is now; null on SQLite and PGlite, which have one connection. */
  poolUse(): PoolUse | null;
  close(): Promise<void>;
}

export interface QueryTiming {
  operation: 'select' | 'insert' | 'update' | 'delete' | 'other';
  seconds: number;
  failed: boolean;
}

export type QueryListener = (timing: QueryTiming) => void;

export interface PoolUse {
  /** Connections open, idle or in use. */
  total: number;
  idle: number;
  /** Queries waiting for a connection: all of them are in use and the pool is at its size. */
  waiting: number;
}

const OPERATIONS: Record<string, QueryTiming['operation']> = {
  SelectQueryNode: 'select',
  InsertQueryNode: 'insert',
  UpdateQueryNode: 'update',
  DeleteQueryNode: 'delete',
};

/**
 * Times queries for whoever listens (each app built on the database adds its
 * metrics). Kysely times what it runs through its `log` option; SQLite's
 * prepared queries that skip Kysely (prepared.ts) are timed here.
 */
class QueryTimings {
  readonly #listeners = new Set<QueryListener>();

  observe(listener: QueryListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  readonly log = (event: LogEvent): void => {
    this.#report(event.query, event.queryDurationMillis, event.level === 'error');
  };

  timed(run: RunIfFree): RunIfFree {
    return (query) => {
      if (this.#listeners.size === 0) return run(query);
      const started = performance.now();
      try {
        const result = run(query);
        // Undefined: the connection was busy and the query goes through Kysely, which times it.
        if (result !== undefined) this.#report(query, performance.now() - started, false);
        return result;
      } catch (error) {
        this.#report(query, performance.now() - started, true);
        throw error;
      }
    };
  }

  #report(query: CompiledQuery, milliseconds: number, failed: boolean): void {
    if (this.#listeners.size === 0) return;
    const timing = {
      operation: OPERATIONS[query.query.kind] ?? 'other',
      seconds: milliseconds / 1000,
      failed,
    };
    for (const listener of this.#listeners) listener(timing);
  }
}

// PostgreSQL type OIDs whose default JavaScript mapping differs from SQLite's.
const PG_INT8 = 20;
const PG_NUMERIC = 1700;
const PG_DATE = 1082;
const PG_TIMESTAMP = 1114;
const PG_TIMESTAMPTZ = 1184;

/**
 * Make PostgreSQL (server and PGlite) return what SQLite returns:
 * - `date` stays the `YYYY-MM-DD` text: parsing it as local midnight shifts
 *   days in time zones east or west of UTC;
 * - instants come back as ISO 8601 UTC strings, the form they are written in;
 * - `bigint` (counts, cents) and `numeric` (sums and averages of them) come
 *   back as numbers, not strings; amounts are integer cents, far below 2^53.
 */
const pgParsers: Record<number, (value: string) => unknown> = {
  [PG_INT8]: (value) => Number(value),
  [PG_NUMERIC]: (value) => Number(value),
  [PG_DATE]: (value) => value,
  [PG_TIMESTAMP]: (value) => new Date(`${value.replace(' ', 'T')}Z`).toISOString(),
  [PG_TIMESTAMPTZ]: (value) => new Date(value).toISOString(),
};

/**
 * A pg client that runs prepared queries (prepared.ts) as named statements:
 * each connection parses and plans one the first time, then only binds new
 * values, which gave about 1.5 times the reservation reads, checklist reads
 * and ticks per second. Any other SQL stays an unnamed statement, so what a
 * connection keeps is the small, fixed set of prepared queries.
 */
class PreparingClient extends pg.Client {
  // One implementation behind pg's many overloads of query().
  // @ts-expect-error: the overloads cannot be restated one by one here
  override query(config: unknown, values?: unknown, callback?: unknown) {
    const name = typeof config === 'string' ? statementName(config) : undefined;
    if (name && (values === undefined || Array.isArray(values))) {
      return super.query(
        { name, text: config as string, values: values as unknown[] | undefined },
        callback as never,
      );
    }
    return super.query(config as never, values as never, callback as never);
  }
}

export interface CreateOptions {
  /**
   * A PGlite data folder as `dumpDataDir()` wrote it, to start from instead of
   * an empty cluster: tests open dozens of PGlite databases, and initdb is
   * most of the cost of each (3 s against 0.5 s).
   */
  pgliteDataDirArchive?: Blob;
}

export async function createDatabase(config: DatabaseConfig, options: CreateOptions = {}): Promise<Database> {
  const timings = new QueryTimings();
  const observeQueries = (listener: QueryListener) => timings.observe(listener);
  switch (config.kind) {
    case 'sqlite': {
      if (config.file !== ':memory:') mkdirSync(path.dirname(config.file), { recursive: true });
      const dialect = createSqliteDialect(openSqlite(config.file, config.synchronous));
      const db = new Kysely<Tables>({ dialect, log: timings.log });
      runPreparedQueriesIfFree(db, timings.timed(dialect.runIfFree));
      return {
        db,
        kind: 'sqlite',
        observeQueries,
        poolUse: () => null,
        optimize: async () => {
          // 0x10002: analyze tables that need it, without a time limit on this explicit call.
          await sql`pragma optimize=0x10002`.execute(db);
          // Keep the per-index averages (sqlite_stat1), drop the value samples
          // (sqlite_stat4): with samples, SQLite compiles a statement again on
          // every run whose parameter meets a sampled column (a house's rounds,
          // a round's items), which costs more than the lookup. Our reads find
          // rows by key, where the averages choose the same plans.
          const samples = await sql`select 1 from sqlite_schema where name = 'sqlite_stat4'`.execute(db);
          if (samples.rows.length > 0) {
            await sql`delete from sqlite_stat4`.execute(db);
            await sql`analyze sqlite_schema`.execute(db);
          }
        },
        close: () => db.destroy(),
      };
    }
    case 'pglite': {
      if (config.dataDir) mkdirSync(config.dataDir, { recursive: true });
      const pglite = await PGlite.create(config.dataDir ?? undefined, {
        parsers: pgParsers,
        ...(options.pgliteDataDirArchive ? { loadDataDir: options.pgliteDataDirArchive } : {}),
      });
      const db = new Kysely<Tables>({ dialect: new StaykeepPGliteDialect({ pglite }), log: timings.log });
      return {
        db,
        kind: 'pglite',
        optimize: async () => {},
        observeQueries,
        poolUse: () => null,
        close: () => db.destroy(),
      };
    }
    case 'postgres': {
      const pool = new pg.Pool({
        Client: PreparingClient as typeof pg.Client,
        connectionString: config.url,
        max: 10,
        types: { getTypeParser: (oid, format) => pgParsers[oid] ?? pg.types.getTypeParser(oid, format) },
        // Tests give each file its own schema; an install names its own in
        // DATABASE_URL (options=-c search_path=…), or uses the default.
        ...(config.schema ? { options: `-c search_path=${config.schema}` } : {}),
      });
      const db = new Kysely<Tables>({ dialect: new StaykeepPostgresDialect({ pool }), log: timings.log });
      return {
        db,
        kind: 'postgres',
        // The server's autovacuum keeps statistics fresh.
        optimize: async () => {},
        observeQueries,
        poolUse: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }),
        close: () => db.destroy(),
      };
    }
  }
}

/** What each open transaction runs once it has committed. */
const committedWork = new WeakMap<Tx, (() => void)[]>();

/**
 * Runs `work` in one transaction; on SQLite it holds the write lock from the
 * start. The audit log's triggers record who makes the change (the change
 * context): on PostgreSQL it is handed over as settings local to the
 * transaction, on SQLite the triggers read it while the work runs.
 */
export async function inTransaction<T>(db: Db, work: (tx: Tx) => Promise<T>): Promise<T> {
  const afterwards: (() => void)[] = [];
  const result = await runInTransactionContext(newId(), () =>
    db.transaction().execute(async (tx) => {
      committedWork.set(tx, afterwards);
      if (tx.getExecutor().adapter instanceof PostgresAdapter) await handOverChangeContext(tx);
      return work(tx);
    }),
  );
  for (const next of afterwards) {
    try {
      // What follows the change (an email sent, the job runner woken) is no part of it: whatever it
      // writes later is the system's, not the actor's of this change.
      runWithChangeContext(NO_CHANGE_CONTEXT, next);
    } catch (error) {
      // The change is committed and its caller gets its answer: what followed it only warns.
      process.emitWarning(error instanceof Error ? error : new Error(String(error)));
    }
  }
  return result;
}

async function handOverChangeContext(tx: Tx): Promise<void> {
  const { actorId, organizationId, requestId } = currentChangeContext();
  if (actorId === null && organizationId === null && requestId === null) return;
  await sql`select set_config('staykeep.actor_id', ${actorId ?? ''}, true),
    set_config('staykeep.organization_id', ${organizationId ?? ''}, true),
    set_config('staykeep.request_id', ${requestId ?? ''}, true)`.execute(tx);
}

/**
 * Runs `work` once what `db` writes is committed: after the transaction
 * commits (never if it rolls back), or at once outside a transaction. For
 * what must not happen before the change is durable and visible, such as
 * sending an email or a notification; `work` starts it without awaiting it.
 */
export function afterCommit(db: DbOrTx, work: () => void): void {
  if (!db.isTransaction) {
    work();
    return;
  }
  const afterwards = committedWork.get(db as Tx);
  if (!afterwards) throw new Error('afterCommit needs a transaction opened by inTransaction.');
  afterwards.push(work);
}

export async function pingDatabase(db: Db): Promise<void> {
  await sql`select 1`.execute(db);
}
