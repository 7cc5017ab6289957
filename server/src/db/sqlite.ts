import BetterSqlite3 from 'better-sqlite3';
import {
  CompiledQuery,
  type DatabaseConnection,
  type Dialect,
  type SqliteDatabase,
  SqliteDialect,
  SqliteDriver,
  type SqliteStatement,
} from 'kysely';
import type { SqliteSync } from '../config.ts';

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
  return database;
}

/**
 * Kysely opens SQLite transactions with a plain BEGIN, which takes the write
 * lock only at the first write: two processes that both read then write would
 * then fail with SQLITE_BUSY instead of queueing. BEGIN IMMEDIATE takes the
 * lock up front, so the busy timeout applies and the second writer waits.
 */
export function createSqliteDialect(database: BetterSqlite3.Database): Dialect {
  const config = { database: new NormalizingSqliteDatabase(database) };
  const base = new SqliteDialect(config);
  return {
    createAdapter: () => base.createAdapter(),
    createDriver: () => new ImmediateTransactionSqliteDriver(config),
    createQueryCompiler: () => base.createQueryCompiler(),
    createIntrospector: (db) => base.createIntrospector(db),
  };
}

class ImmediateTransactionSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
}

type Row = Record<string, unknown>;

interface ResultColumn {
  name: string;
  convert: ((value: unknown) => unknown) | null;
}

interface CachedStatement {
  statement: BetterSqlite3.Statement;
  /** The columns a reading statement returns, each with its conversion; empty for writes. */
  columns: ResultColumn[];
}

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
 * Rows are read as arrays and named here. SQLite re-prepares a statement
 * whenever a new value is bound to a parameter that may change its plan
 * (joins, ranges, ORDER BY, LIMIT ?: most of our reads), and better-sqlite3
 * then compiles a new row-building function with `Function()` on every run,
 * which costs more than the query itself.
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
    const { statement, columns } = this.#cached(sql);
    return {
      reader: statement.reader,
      all: (parameters) =>
        (statement.all(...bindable(parameters)) as unknown[][]).map((values) => toRow(values, columns)),
      run: (parameters) => statement.run(...bindable(parameters)),
      iterate: (parameters) => rowIterator(statement.iterate(...bindable(parameters)), columns),
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
    const columns = statement.reader ? resultColumns(statement.raw(true).columns()) : [];
    const entry = { statement, columns };
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

function resultColumns(columns: BetterSqlite3.ColumnDefinition[]): ResultColumn[] {
  return columns.map((column) => ({ name: column.name, convert: converterFor(column.type) }));
}

function converterFor(declaredType: string | null): ResultColumn['convert'] {
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

/** A row as better-sqlite3 would build it: named by column, the last of two same names winning. */
function toRow(values: unknown[], columns: ResultColumn[]): Row {
  const row: Row = {};
  for (let i = 0; i < columns.length; i++) {
    const column = columns[i] as ResultColumn;
    row[column.name] = column.convert ? column.convert(values[i]) : values[i];
  }
  return row;
}

function* rowIterator(rows: IterableIterator<unknown>, columns: ResultColumn[]): IterableIterator<Row> {
  for (const values of rows) yield toRow(values as unknown[], columns);
}

function bindable(parameters: ReadonlyArray<unknown>): unknown[] {
  return parameters.map((value) => {
    if (typeof value === 'boolean') return value ? 1 : 0;
    if (value instanceof Date) return value.toISOString();
    return value;
  });
}
