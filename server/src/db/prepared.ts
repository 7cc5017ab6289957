import type { Compilable, CompiledQuery, DialectAdapter, QueryExecutor, QueryResult } from 'kysely';
import type { Db, DbOrTx } from './database.ts';
import type { RunIfFree } from './sqlite.ts';

/** Stands in for a value while the query is built; no real value starts with a NUL. */
const PLACEHOLDER = '\u0000staykeep-placeholder:';

/** Databases whose prepared queries may skip Kysely's executor when their connection is free (SQLite). */
const runsIfFree = new WeakMap<QueryExecutor, RunIfFree>();

/**
 * Lets prepared queries on `db` itself, not in a transaction, run through
 * `run` at once when it can; they go through Kysely when it returns undefined.
 */
export function runPreparedQueriesIfFree(db: Db, run: RunIfFree): void {
  runsIfFree.set(db.getExecutor(), run);
}

/**
 * A name for each prepared query's SQL, so a PostgreSQL connection keeps its
 * statement (see database.ts): the server then parses and plans it once per
 * connection instead of on every run.
 */
const statementNames = new Map<string, string>();

/** The name of a prepared query's SQL; undefined for any other SQL. */
export function statementName(sql: string): string | undefined {
  return statementNames.get(sql);
}

/**
 * A kept statement stops working when a newer instance's migration adds a
 * column to a table it reads with `*` (PostgreSQL refuses to change a kept
 * statement's result type), so prepared queries list their columns.
 */
const STAR = /(^|[\s,])("[^"]+"\.)?\*(?=[\s,]|$)/;

/**
 * Every column of a table, for a prepared query's select or returning list
 * instead of `*`. The type refuses a list that misses one.
 */
export function everyColumn<Table>() {
  return <const Columns extends readonly (keyof Table & string)[]>(
    columns: Columns &
      ([Exclude<keyof Table & string, Columns[number]>] extends [never]
        ? unknown
        : { missing: Exclude<keyof Table & string, Columns[number]> }),
  ): Columns => columns;
}

/** Where each parameter of the compiled SQL comes from: a value given at run time, or a constant of the query. */
type Slot = { name: string } | { constant: unknown };

interface Compiled<Row> {
  query: CompiledQuery<Row>;
  slots: Slot[];
}

/**
 * A query Kysely builds and compiles once per database, then runs with new
 * values. Building and compiling a query costs Kysely 20 to 40 µs, several
 * times what SQLite takes to find a row by its key; the requests every page
 * and every tick make (who is calling, the reservation, the checklist) are
 * prepared this way.
 *
 * `build` gets placeholders in place of the values. Each one may be used as a
 * single value (`where(column, '=', value)`, `set({ column: value })`,
 * `values({ … })`, `eb.val(value)`), never in a list (`in`), in `sql.raw`
 * or `sql.lit`, or to decide the query's shape (`$if`, `? :`): the same SQL
 * must serve every value. Preparing a query that breaks this rule throws.
 */
export function preparedQuery<Values extends object, Row>(
  build: (db: DbOrTx, values: Values) => Compilable<Row>,
) {
  // The SQL differs between SQLite and PostgreSQL; a transaction shares its database's adapter.
  const compiledFor = new WeakMap<DialectAdapter, Compiled<Row>>();

  function compiled(db: DbOrTx, executor: QueryExecutor): Compiled<Row> {
    let entry = compiledFor.get(executor.adapter);
    if (!entry) {
      entry = compile(db, build);
      compiledFor.set(executor.adapter, entry);
    }
    return entry;
  }

  function execute(db: DbOrTx, values: Values): Promise<QueryResult<Row>> {
    const executor = db.getExecutor();
    const { query, slots } = compiled(db, executor);
    const parameters = slots.map((slot) =>
      'name' in slot ? values[slot.name as keyof Values] : slot.constant,
    );
    const ready = { ...query, parameters };
    // A transaction has an executor of its own, so its queries never take this path.
    const done = runsIfFree.get(executor)?.(ready);
    return done ? Promise.resolve(done as QueryResult<Row>) : db.executeQuery<Row>(ready);
  }

  return {
    /** Every row. */
    async all(db: DbOrTx, values: Values): Promise<Row[]> {
      return (await execute(db, values)).rows;
    },
    /** The first row, if any. */
    async first(db: DbOrTx, values: Values): Promise<Row | undefined> {
      return (await execute(db, values)).rows[0];
    },
    /** How many rows a write changed. */
    async affected(db: DbOrTx, values: Values): Promise<number> {
      return Number((await execute(db, values)).numAffectedRows ?? 0);
    },
  };
}

function compile<Values extends object, Row>(
  db: DbOrTx,
  build: (db: DbOrTx, values: Values) => Compilable<Row>,
): Compiled<Row> {
  const placeholders = new Proxy({} as Values, {
    get: (_target, name) => (typeof name === 'string' ? `${PLACEHOLDER}${name}` : undefined),
  });
  const query = build(db, placeholders).compile();
  if (query.sql.includes(PLACEHOLDER)) {
    throw new Error(`a prepared query wrote a value into its SQL instead of a parameter: ${query.sql}`);
  }
  if (STAR.test(query.sql)) {
    throw new Error(`a prepared query must list its columns, not use *: ${query.sql}`);
  }
  if (!statementNames.has(query.sql)) statementNames.set(query.sql, `staykeep_${statementNames.size + 1}`);
  const slots = query.parameters.map((parameter): Slot => {
    if (typeof parameter === 'string' && parameter.startsWith(PLACEHOLDER)) {
      return { name: parameter.slice(PLACEHOLDER.length) };
    }
    if (typeof parameter === 'string' && parameter.includes(PLACEHOLDER)) {
      throw new Error(`a prepared query changed a value while building: ${query.sql}`);
    }
    return { constant: parameter };
  });
  return { query, slots };
}
