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

const STATEMENT_CACHE_SIZE = 200;
const BUSY_TIMEOUT_MS = 5_000;

/**
 * Opens a SQLite file the way Staykeep needs it: WAL so readers never wait for
 * the writer, FULL sync so a committed reservation survives a power cut,
 * foreign keys on, and a busy timeout so a second process waits for the write
 * lock instead of failing.
 */
export function openSqlite(file: string): BetterSqlite3.Database {
  const database = new BetterSqlite3(file, { timeout: BUSY_TIMEOUT_MS });
  if (file !== ':memory:') database.pragma('journal_mode = WAL');
  database.pragma('synchronous = FULL');
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
type ColumnConverter = [column: string, convert: (value: unknown) => unknown];

interface CachedStatement {
  statement: BetterSqlite3.Statement;
  converters: ColumnConverter[];
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
    const { statement, converters } = this.#cached(sql);
    return {
      reader: statement.reader,
      all: (parameters) => convertRows(statement.all(...bindable(parameters)) as Row[], converters),
      run: (parameters) => statement.run(...bindable(parameters)),
      iterate: (parameters) => convertIterator(statement.iterate(...bindable(parameters)), converters),
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
    const converters = statement.reader ? columnConverters(statement.columns()) : [];
    const entry = { statement, converters };
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

function columnConverters(columns: BetterSqlite3.ColumnDefinition[]): ColumnConverter[] {
  const converters: ColumnConverter[] = [];
  for (const column of columns) {
    const declared = column.type?.toLowerCase();
    if (declared === 'boolean') converters.push([column.name, toBoolean]);
    else if (declared === 'json' || declared === 'jsonb') converters.push([column.name, parseJson]);
  }
  return converters;
}

function toBoolean(value: unknown): unknown {
  return value === null ? null : Boolean(value);
}

function parseJson(value: unknown): unknown {
  return typeof value === 'string' ? JSON.parse(value) : value;
}

function convertRow(row: Row, converters: ColumnConverter[]): Row {
  for (const [column, convert] of converters) {
    if (column in row) row[column] = convert(row[column]);
  }
  return row;
}

function convertRows(rows: Row[], converters: ColumnConverter[]): Row[] {
  if (converters.length > 0) for (const row of rows) convertRow(row, converters);
  return rows;
}

function* convertIterator(
  rows: IterableIterator<unknown>,
  converters: ColumnConverter[],
): IterableIterator<Row> {
  for (const row of rows) yield convertRow(row as Row, converters);
}

function bindable(parameters: ReadonlyArray<unknown>): unknown[] {
  return parameters.map((value) => {
    if (typeof value === 'boolean') return value ? 1 : 0;
    if (value instanceof Date) return value.toISOString();
    return value;
  });
}
