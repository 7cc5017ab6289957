import BetterSqlite3 from 'better-sqlite3';
import {
  CompiledQuery,
  type DatabaseConnection,
  type Dialect,
  type QueryResult,
  SqliteAdapter,
  type SqliteDatabase,
  SqliteDialect,
  SqliteDriver,
  type SqliteStatement,
} from 'kysely';
import type { SqliteSync } from '../config.ts';
import { registerAuditFunctions } from './audit-capture.ts';

const STATEMENT_CACHE_SIZE = 200;
const BUSY_TIMEOUT_MS = 5_000;

/**
 * Opens a SQLite file the way Staykeep needs it: WAL so readers never wait for
 * the writer, FULL sync (unless the operator chose NORMAL, see SqliteSync) so
 * a committed reservation survives a power cut, foreign keys on, and a busy
 * timeout so a second process waits for the write lock instead of failing.
 */
export function openSqlite(file: string, synchronous: SqliteSync = 'full'): BetterSqlite3.Database {
  const database = new BetterSqlite3(file, { timeout: BUSY_TIMEOUT_MS });
  if (file !== ':memory:') database.pragma('journal_mode = WAL');
  database.pragma(`synchronous = ${synchronous === 'normal' ? 'NORMAL' : 'FULL'}`);
  database.pragma('foreign_keys = ON');
  registerAuditFunctions(database);
  return database;
}

/** Runs a query at once, without yielding, when the connection is free; undefined while a transaction holds it. */
export type RunIfFree = (query: CompiledQuery) => QueryResult<unknown> | undefined;

/**
 * The SQLite dialect, with two changes to Kysely's:
 * - Kysely opens transactions with a plain BEGIN, which takes the write lock
 *   only at the first write: two processes that both read then write would
 *   then fail with SQLITE_BUSY instead of queueing. BEGIN IMMEDIATE takes the
 *   lock up front, so the busy timeout applies and the second writer waits.
 * - `runIfFree` runs a query synchronously when no transaction holds the one
 *   connection (see prepared.ts). Kysely's path to the connection is about
 *   eight promises long, which cost more than the row lookups most requests
 *   make; the driver guards its connection itself so it knows when it is free.
 */
export function createSqliteDialect(database: BetterSqlite3.Database): Dialect & { runIfFree: RunIfFree } {
  const normalizing = new NormalizingSqliteDatabase(database);
  const base = new SqliteDialect({ database: normalizing });
  const driver = new GuardedSqliteDriver({ database: normalizing });
  return {
    createAdapter: () => new SelfGuardedSqliteAdapter(),
    createDriver: () => driver,
    createQueryCompiler: () => base.createQueryCompiler(),
    createIntrospector: (db) => base.createIntrospector(db),
    runIfFree: (query) => (driver.free ? normalizing.run(query) : undefined),
  };
}

/**
 * Kysely puts its own lock in front of a driver that cannot take several
 * connections; this driver has its lock, so Kysely must not add a second.
 */
class SelfGuardedSqliteAdapter extends SqliteAdapter {
  override get supportsMultipleConnections(): boolean {
    return true;
  }
}

/** Kysely's SQLite driver, with BEGIN IMMEDIATE and one user of the connection at a time, first come first served. */
class GuardedSqliteDriver extends SqliteDriver {
  #held = false;
  readonly #waiting: (() => void)[] = [];

  get free(): boolean {
    return !this.#held;
  }

  override async acquireConnection(): Promise<DatabaseConnection> {
    if (this.#held) {
      // The releasing user hands the connection over: it stays held.
      await new Promise<void>((resolve) => this.#waiting.push(resolve));
    } else {
      this.#held = true;
    }
    return super.acquireConnection();
  }

  override async releaseConnection(): Promise<void> {
    const next = this.#waiting.shift();
    if (next) next();
    else this.#held = false;
  }

  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
}

type Row = Record<string, unknown>;

interface CachedStatement {
  statement: BetterSqlite3.Statement;
  /** Names and converts one row of a reading statement's values; null for writes. */
  toRow: RowBuilder | null;
}

type RowBuilder = (values: unknown[]) => Row;

/**
 * Sits between Kysely and better-sqlite3 and makes SQLite hand repositories
 * the same JavaScript types as PostgreSQL:
 * - columns declared `boolean` come back as true/false (SQLite stores 0/1),
 * - columns declared `json`/`jsonb` come back parsed,
 * - booleans and Dates are bound as 1/0 and ISO strings (better-sqlite3
 *   refuses both).
 * It also keeps prepared statements: Kysely prepares every query anew, which
 * costs about as much as running a small read.
 *
 * Rows are read as arrays and named here, by a function compiled once per
 * kept statement (rowBuilder). better-sqlite3 would compile its own again
 * each time SQLite re-prepares a statement, which SQLite does on every run
 * whose parameters may change the plan when value samples are present (see
 * `optimize` in database.ts), and that cost more than the query itself.
 */
class NormalizingSqliteDatabase implements SqliteDatabase {
  readonly #database: BetterSqlite3.Database;
  readonly #statements = new Map<string, CachedStatement>();

  constructor(database: BetterSqlite3.Database) {
    this.#database = database;
  }

  close(): void {
    this.#statements.clear();
    this.#database.close();
  }

  prepare(sql: string): SqliteStatement {
    const entry = this.#cached(sql);
    const { statement, toRow } = entry;
    return {
      reader: statement.reader,
      all: (parameters) => readRows(entry, parameters),
      run: (parameters) => statement.run(...bindable(parameters)),
      iterate: (parameters) => {
        const rows = statement.iterate(...bindable(parameters)) as IterableIterator<unknown[]>;
        return toRow ? rowIterator(rows, toRow) : rows;
      },
    };
  }

  /** Runs a query as Kysely's SQLite connection would. */
  run(query: CompiledQuery): QueryResult<unknown> {
    const entry = this.#cached(query.sql);
    if (entry.statement.reader) return { rows: readRows(entry, query.parameters) };
    const { changes, lastInsertRowid } = entry.statement.run(...bindable(query.parameters));
    return {
      rows: [],
      numAffectedRows: BigInt(changes),
      ...(lastInsertRowid == null ? {} : { insertId: BigInt(lastInsertRowid) }),
    };
  }

  #cached(sql: string): CachedStatement {
    const hit = this.#statements.get(sql);
    if (hit) {
      // Re-insert so the Map's order is least-recently-used first.
      this.#statements.delete(sql);
      this.#statements.set(sql, hit);
      return hit;
    }
    const statement = this.#database.prepare(sql);
    const toRow = statement.reader ? rowBuilder(statement.raw(true).columns()) : null;
    const entry = { statement, toRow };
    // Statements that change the schema must not outlive it.
    if (/^\s*(create|alter|drop)\b/i.test(sql)) return entry;
    this.#statements.set(sql, entry);
    if (this.#statements.size > STATEMENT_CACHE_SIZE) {
      const oldest = this.#statements.keys().next().value;
      if (oldest !== undefined) this.#statements.delete(oldest);
    }
    return entry;
  }
}

/**
 * A function that turns a statement's row of values into a named row, as
 * better-sqlite3 would (the last of two same names wins). It is compiled
 * once per statement into a single object literal: every row of a statement
 * then has one shape, built in one step, where naming the values one by one
 * was a slow, shape-changing store per column on every row read.
 */
function rowBuilder(columns: BetterSqlite3.ColumnDefinition[]): RowBuilder {
  const converters = columns.map((column) => converterFor(column.type));
  // Names are SQL aliases written in our code; JSON.stringify makes each a safe literal key.
  // `__proto__` as a literal key would set the prototype instead of a column.
  if (columns.some((column) => column.name === '__proto__')) {
    throw new Error('A column named __proto__ cannot be read');
  }
  const fields = columns.map((column, i) => {
    const value = converters[i] ? `convert[${i}](values[${i}])` : `values[${i}]`;
    return `${JSON.stringify(column.name)}: ${value}`;
  });
  const build = new Function('convert', `return (values) => ({ ${fields.join(', ')} });`);
  return build(converters) as RowBuilder;
}

function converterFor(declaredType: string | null): ((value: unknown) => unknown) | null {
  const declared = declaredType?.toLowerCase();
  if (declared === 'boolean') return toBoolean;
  if (declared === 'json' || declared === 'jsonb') return parseJson;
  return null;
}

function toBoolean(value: unknown): unknown {
  return value === null ? null : Boolean(value);
}

function parseJson(value: unknown): unknown {
  return typeof value === 'string' ? JSON.parse(value) : value;
}

/** Every row a reading statement returns, named. */
function readRows({ statement, toRow }: CachedStatement, parameters: ReadonlyArray<unknown>): unknown[] {
  const rows = statement.all(...bindable(parameters)) as unknown[][];
  return toRow ? rows.map(toRow) : rows;
}

function* rowIterator(rows: IterableIterator<unknown[]>, toRow: RowBuilder): IterableIterator<Row> {
  for (const values of rows) yield toRow(values);
}

function bindable(parameters: ReadonlyArray<unknown>): unknown[] {
  return parameters.map((value) => {
    if (typeof value === 'boolean') return value ? 1 : 0;
    if (value instanceof Date) return value.toISOString();
    return value;
  });
}
