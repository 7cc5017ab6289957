import { type Kysely, type RawBuilder, sql, type Transaction } from 'kysely';
import { isPostgres } from '../migration-kit.ts';

/**
 * The SQL of export and import: what tables and columns a database has, its
 * rows, and the counters behind its numbered columns. It reads the database's
 * own catalog rather than a list kept by hand, so a table a migration adds
 * travels without a change here.
 */
// biome-ignore lint/suspicious/noExplicitAny: export and import work on whatever schema version the database is at.
export type AnyDb = Kysely<any>;
// biome-ignore lint/suspicious/noExplicitAny: see AnyDb.
export type AnyTx = Transaction<any>;

/**
 * How a column's values are written in an archive, whichever database holds
 * them: `text` also covers dates and instants (SQLite stores them as text,
 * PostgreSQL's `date` and `timestamptz` are read back as the same text),
 * `bigint` (cents, sequence numbers) as decimal strings.
 */
export type ColumnKind = 'text' | 'integer' | 'bigint' | 'boolean' | 'json' | 'bytes';

export interface Column {
  name: string;
  kind: ColumnKind;
  /** PostgreSQL `generated always as identity`: inserting a value needs `overriding system value`. */
  identity: boolean;
}

export interface ForeignKey {
  column: string;
  references: string;
  referencedColumn: string;
}

/** Migration bookkeeping, and the audit triggers' fingerprint (remade by the target after an import). */
const NOT_DATA = new Set(['kysely_migration', 'kysely_migration_lock', 'audit_capture']);

/** Tables the migrations fill on a new database: an empty target has their rows, which the archive's replace. */
export const REFERENCE_TABLES = new Set(['instance_settings', 'auth_providers']);

const KINDS: Record<string, ColumnKind> = {
  text: 'text',
  date: 'text',
  'timestamp with time zone': 'text',
  integer: 'integer',
  bigint: 'bigint',
  boolean: 'boolean',
  json: 'json',
  jsonb: 'json',
  blob: 'bytes',
  bytea: 'bytes',
};

export async function dataTables(db: AnyDb): Promise<string[]> {
  const { rows } = isPostgres(db)
    ? await sql<{ name: string }>`select table_name as name from information_schema.tables
        where table_schema = current_schema() and table_type = 'BASE TABLE'`.execute(db)
    : await sql<{ name: string }>`select name from sqlite_schema
        where type = 'table' and name not like 'sqlite\\_%' escape '\\'`.execute(db);
  return rows
    .map((row) => row.name)
    .filter((name) => !NOT_DATA.has(name))
    .sort();
}

export async function columnsOf(db: AnyDb, table: string): Promise<Column[]> {
  const { rows } = isPostgres(db)
    ? await sql<{ name: string; type: string; identity: string }>`select column_name as name,
        data_type as type, is_identity as identity from information_schema.columns
        where table_schema = current_schema() and table_name = ${table} order by ordinal_position`.execute(db)
    : await sql<{ name: string; type: string; identity: string }>`select name, lower(type) as type,
        'NO' as identity from pragma_table_info(${table}) order by cid`.execute(db);
  return rows.map((row) => {
    const identity = row.identity === 'YES';
    // A numbered column is SQLite's `integer primary key autoincrement` and PostgreSQL's bigint
    // identity: one kind on both sides, so the same row is the same line whichever database wrote it.
    const kind = identity ? 'integer' : KINDS[row.type];
    if (!kind) throw new Error(`${table}.${row.name} has a column type export does not know: ${row.type}`);
    return { name: row.name, kind, identity };
  });
}

export async function foreignKeysOf(db: AnyDb, table: string): Promise<ForeignKey[]> {
  const { rows } = isPostgres(db)
    ? await sql<ForeignKey>`select a.attname as "column", r.relname as "references",
          ra.attname as "referencedColumn"
        from pg_constraint c
        join pg_class t on t.oid = c.conrelid
        join pg_namespace n on n.oid = t.relnamespace
        join pg_class r on r.oid = c.confrelid
        join pg_attribute a on a.attrelid = c.conrelid and a.attnum = c.conkey[1]
        join pg_attribute ra on ra.attrelid = c.confrelid and ra.attnum = c.confkey[1]
        where c.contype = 'f' and n.nspname = current_schema() and t.relname = ${table}`.execute(db)
    : await sql<ForeignKey>`select "from" as "column", "table" as "references", "to" as "referencedColumn"
        from pragma_foreign_key_list(${table})`.execute(db);
  return rows;
}

/** The name of the last migration applied; null before any. */
export async function schemaVersion(db: AnyDb): Promise<string | null> {
  const { rows } = await sql<{ name: string }>`select name from kysely_migration
    order by name desc limit 1`.execute(db);
  return rows[0]?.name ?? null;
}

/** The columns of `table`'s primary key, in the key's order; empty when it has none. */
export async function primaryKeyOf(db: AnyDb, table: string): Promise<string[]> {
  const { rows } = isPostgres(db)
    ? await sql<{ name: string }>`select a.attname as name
        from pg_index i
        join pg_class t on t.oid = i.indrelid
        join pg_namespace n on n.oid = t.relnamespace
        cross join lateral unnest(i.indkey) with ordinality as k(attnum, position)
        join pg_attribute a on a.attrelid = t.oid and a.attnum = k.attnum
        where i.indisprimary and n.nspname = current_schema() and t.relname = ${table}
        order by k.position`.execute(db)
    : await sql<{ name: string }>`select name from pragma_table_info(${table})
        where pk > 0 order by pk`.execute(db);
  return rows.map((row) => row.name);
}

/**
 * Every row of `table`, as the connection reads it (see database.ts: both
 * databases give the same types), but JSON columns as their text: parsed,
 * the JSON `null` a column holds (a job without payload) and SQL NULL would
 * both be null. Read in pages along the primary key, so the largest table
 * (the audit log) is never held whole; a table without one is read at once.
 */
export async function* rowPages(
  db: AnyDb,
  table: string,
  columns: Column[],
  pageSize = 10_000,
): AsyncGenerator<Record<string, unknown>[]> {
  const selected = sql.join(
    columns.map((column) =>
      column.kind === 'json'
        ? sql`cast(${sql.ref(column.name)} as text) as ${sql.ref(column.name)}`
        : sql.ref(column.name),
    ),
  );
  const key = await primaryKeyOf(db, table);
  if (key.length === 0) {
    yield (await sql<Record<string, unknown>>`select ${selected} from ${sql.table(table)}`.execute(db)).rows;
    return;
  }
  const keyColumns = sql.join(key.map((name) => sql.ref(name)));
  let after: unknown[] | null = null;
  while (true) {
    const { rows }: { rows: Record<string, unknown>[] } = await sql<
      Record<string, unknown>
    >`select ${selected}
      from ${sql.table(table)}
      ${after ? sql`where (${keyColumns}) > (${sql.join(after)})` : sql``}
      order by ${keyColumns} limit ${pageSize}`.execute(db);
    if (rows.length > 0) yield rows;
    if (rows.length < pageSize) return;
    const last = rows[rows.length - 1] as Record<string, unknown>;
    after = key.map((name) => last[name]);
  }
}

export async function hasRows(db: AnyDb, table: string): Promise<boolean> {
  const { rows } = await sql`select 1 from ${sql.table(table)} limit 1`.execute(db);
  return rows.length > 0;
}

/**
 * The highest number each numbered column has handed out (SQLite AUTOINCREMENT,
 * PostgreSQL identity), by table. It may be above the highest still in the
 * table (the newest rows were deleted); readers that follow `seq` must never
 * see a number again.
 */
export async function counters(db: AnyDb): Promise<Record<string, number>> {
  if (!isPostgres(db)) {
    const present = await sql`select 1 from sqlite_schema where name = 'sqlite_sequence'`.execute(db);
    if (present.rows.length === 0) return {};
    const { rows } = await sql<{ name: string; seq: number }>`select name, seq from sqlite_sequence`.execute(
      db,
    );
    return Object.fromEntries(rows.map((row) => [row.name, Number(row.seq)]));
  }
  const { rows } = await sql<{ name: string; seq: number | null }>`select table_name as name,
      pg_sequence_last_value(pg_get_serial_sequence(quote_ident(table_name), column_name)) as seq
    from information_schema.columns
    where table_schema = current_schema() and is_identity = 'YES'`.execute(db);
  return Object.fromEntries(rows.filter((row) => row.seq !== null).map((row) => [row.name, Number(row.seq)]));
}

/** Sets the counter of `table`'s numbered column so the next row gets more than `atLeast` and than any row. */
export async function raiseCounter(tx: AnyTx, table: string, column: string, atLeast: number): Promise<void> {
  if (isPostgres(tx)) {
    await sql`select setval(pg_get_serial_sequence(${sql.lit(table)}, ${sql.lit(column)}),
        greatest(${atLeast}::bigint, (select max(${sql.ref(column)}) from ${sql.table(table)})))
      where greatest(${atLeast}::bigint, (select max(${sql.ref(column)}) from ${sql.table(table)})) > 0`.execute(
      tx,
    );
    return;
  }
  // SQLite raises sqlite_sequence itself on an insert of a higher number; only a counter above every row is left.
  const raised =
    await sql`update sqlite_sequence set seq = ${atLeast} where name = ${table} and seq < ${atLeast}`.execute(
      tx,
    );
  if (Number(raised.numAffectedRows ?? 0n) === 0 && atLeast > 0) {
    await sql`insert into sqlite_sequence (name, seq)
      select ${table}, ${atLeast} where not exists (select 1 from sqlite_sequence where name = ${table})`.execute(
      tx,
    );
  }
}

export async function insertRows(
  tx: AnyTx,
  table: string,
  columns: Column[],
  rows: unknown[][],
): Promise<void> {
  if (rows.length === 0) return;
  const overriding = isPostgres(tx) && columns.some((column) => column.identity);
  const values: RawBuilder<unknown>[] = rows.map((row) => sql`(${sql.join(row)})`);
  await sql`insert into ${sql.table(table)} (${sql.join(columns.map((column) => sql.ref(column.name)))})
    ${overriding ? sql`overriding system value` : sql``} values ${sql.join(values)}`.execute(tx);
}

export async function deleteRows(tx: AnyTx, table: string): Promise<void> {
  await sql`delete from ${sql.table(table)}`.execute(tx);
}

/** The audit triggers of PostgreSQL's tables, by table (installed by audit-capture.ts). */
export async function postgresAuditTriggers(tx: AnyTx): Promise<{ trigger: string; table: string }[]> {
  const { rows } = await sql<{
    trigger: string;
    table: string;
  }>`select t.tgname as trigger, c.relname as table
    from pg_trigger t join pg_class c on c.oid = t.tgrelid join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = current_schema() and left(t.tgname, 6) = 'audit_'`.execute(tx);
  return rows;
}

export async function setTrigger(tx: AnyTx, table: string, trigger: string, enabled: boolean): Promise<void> {
  await sql`alter table ${sql.table(table)} ${enabled ? sql`enable` : sql`disable`} trigger ${sql.id(trigger)}`.execute(
    tx,
  );
}

/** Opens the read-only snapshot export reads in: every table as of one instant, while the server writes. */
export async function inSnapshot<T>(db: AnyDb, work: (db: AnyDb) => Promise<T>): Promise<T> {
  if (isPostgres(db)) {
    return db
      .transaction()
      .setIsolationLevel('repeatable read')
      .execute(async (tx) => {
        await sql`set transaction read only`.execute(tx);
        return work(tx);
      });
  }
  // A deferred transaction: its first read fixes the snapshot, and it takes no write lock (Kysely's
  // transaction on this dialect is BEGIN IMMEDIATE, which would stop the server's writes meanwhile).
  return db.connection().execute(async (connection) => {
    await sql`begin`.execute(connection);
    try {
      return await work(connection);
    } finally {
      await sql`rollback`.execute(connection);
    }
  });
}
