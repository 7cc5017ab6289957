import { type ColumnDataType, type Expression, type Kysely, PostgresAdapter, sql } from 'kysely';

/**
 * The few column types that are spelled differently on SQLite and
 * PostgreSQL, for migrations. Migrations are frozen once they land and depend
 * on this file, so it only ever grows: never change what an existing helper
 * returns.
 *
 * - `boolean` and `json` keep those declared names on SQLite too: the SQLite
 *   connection reads the declared type to return true/false and parsed JSON.
 * - Instants are ISO 8601 UTC text on SQLite (they sort as text) and
 *   `timestamptz` on PostgreSQL; dates are `YYYY-MM-DD` text and `date`.
 * - Money is integer cents in a `bigint`.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are typed against no schema, by design.
type AnyDb = Kysely<any>;

export function isPostgres(db: AnyDb): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

export function columnTypes(db: AnyDb) {
  const postgres = isPostgres(db);
  return {
    id: 'text',
    text: 'text',
    integer: 'integer',
    boolean: 'boolean',
    cents: 'bigint',
    date: postgres ? 'date' : 'text',
    instant: postgres ? 'timestamptz' : 'text',
    json: postgres ? 'jsonb' : 'json',
    bytes: postgres ? 'bytea' : 'blob',
  } satisfies Record<string, ColumnDataType>;
}

/** The current instant as a column default, in the form the application writes. */
export function nowDefault(db: AnyDb): Expression<string> {
  return isPostgres(db) ? sql`now()` : sql`(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`;
}

/** A CHECK constraint expression: `column in ('a', 'b', …)`. */
export function oneOf(column: string, values: readonly string[]): Expression<boolean> {
  return sql<boolean>`${sql.ref(column)} in (${sql.join(values.map((value) => sql.lit(value)))})`;
}
