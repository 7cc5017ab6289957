import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, existsSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, open, readdir, rename, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import type { DatabaseConfig } from '../../config.ts';
import { removeAuditCaptureForMigrations } from '../audit-capture.ts';
import { createDatabase, type Database } from '../database.ts';
import { knownMigrationNames, migrateTo, migrateToLatest } from '../migrate.ts';
import { isPostgres } from '../migration-kit.ts';
import {
  ARCHIVE_FORMAT,
  ARCHIVE_FORMAT_VERSION,
  ArchiveError,
  decodeValue,
  encodeRow,
  extractArchive,
  type Manifest,
  type PackedEntry,
  writeArchive,
} from './archive.ts';
import {
  type AnyDb,
  type AnyTx,
  type Column,
  columnsOf,
  counters,
  dataTables,
  deleteRows,
  foreignKeysOf,
  hasRows,
  inSnapshot,
  insertRows,
  postgresAuditTriggers,
  REFERENCE_TABLES,
  raiseCounter,
  rowPages,
  schemaVersion,
  setTrigger,
} from './catalog.ts';

/** Moving an install's data between databases: `staykeep export`, `import` and `migrate --to`. */
export class TransferError extends Error {
  override name = 'TransferError';
}

export interface ExportResult {
  file: string;
  bytes: number;
  rows: number;
  tables: number;
  files: number;
}

/**
 * Writes the whole state of the database (every table but the migrations'
 * bookkeeping) and the uploaded files on disk into one archive (archive.ts).
 * The tables are read in one read-only snapshot, so the archive is
 * consistent while the server keeps writing; the files are read after it:
 * a file is written before the row that names it, so every file the snapshot
 * names is there (only one deleted meanwhile may be missing, which loses that
 * file alone). Written under a temporary name and renamed: an existing file is
 * refused, and a failure leaves nothing.
 */
export async function exportArchive(
  database: Database,
  target: string,
  uploadsDirectory: string,
): Promise<ExportResult> {
  if (existsSync(target)) throw new TransferError(`${target} already exists; choose a new file name.`);
  const work = await mkdtemp(path.join(tmpdir(), 'staykeep-export-'));
  const temporary = `${target}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    const snapshot = await inSnapshot(database.db, (db) => writeTables(db, work));
    const uploads = await listUploads(uploadsDirectory);
    const entries: PackedEntry[] = [
      ...snapshot.tables.map((table) => ({
        name: `tables/${table.name}.jsonl`,
        file: table.file,
        bytes: table.bytes,
      })),
      ...uploads.map((upload) => ({ name: `files/${upload.name}`, file: upload.file, bytes: upload.bytes })),
    ];
    await writeArchive(temporary, entries, (digests) => ({
      format: ARCHIVE_FORMAT,
      formatVersion: ARCHIVE_FORMAT_VERSION,
      schemaVersion: snapshot.schemaVersion,
      createdAt: new Date().toISOString(),
      source: database.kind,
      tables: Object.fromEntries(
        snapshot.tables.map((table) => [
          table.name,
          { rows: table.rows, bytes: table.bytes, sha256: table.sha256, columns: table.columns },
        ]),
      ),
      counters: snapshot.counters,
      files: Object.fromEntries(
        uploads.map((upload) => [
          upload.name,
          { bytes: upload.bytes, sha256: digests.get(`files/${upload.name}`) as string },
        ]),
      ),
    }));
    if (existsSync(target)) throw new TransferError(`${target} already exists; choose a new file name.`);
    await rename(temporary, target);
    return {
      file: target,
      bytes: (await stat(target)).size,
      rows: snapshot.tables.reduce((sum, table) => sum + table.rows, 0),
      tables: snapshot.tables.length,
      files: uploads.length,
    };
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

interface WrittenTable {
  name: string;
  file: string;
  rows: number;
  bytes: number;
  sha256: string;
  columns: string[];
}

async function writeTables(
  db: AnyDb,
  directory: string,
): Promise<{ schemaVersion: string; counters: Record<string, number>; tables: WrittenTable[] }> {
  const version = await schemaVersion(db);
  if (!version) throw new TransferError('The database has no migration applied: there is nothing to export.');
  const tables: WrittenTable[] = [];
  for (const name of await dataTables(db)) {
    const columns = await columnsOf(db, name);
    const file = path.join(directory, `${name}.jsonl`);
    const hash = createHash('sha256');
    const handle = await open(file, 'wx');
    let bytes = 0;
    let rows = 0;
    try {
      for await (const page of rowPages(db, name, columns)) {
        let chunk = '';
        for (const row of page) chunk += `${encodeRow(columns, row)}\n`;
        rows += page.length;
        bytes += await writeChunk(handle, hash, chunk);
      }
    } finally {
      await handle.close();
    }
    tables.push({
      name,
      file,
      rows,
      bytes,
      sha256: hash.digest('hex'),
      columns: columns.map((column) => column.name).sort(),
    });
  }
  return { schemaVersion: version, counters: await counters(db), tables };
}

async function writeChunk(
  handle: Awaited<ReturnType<typeof open>>,
  hash: ReturnType<typeof createHash>,
  chunk: string,
): Promise<number> {
  if (chunk === '') return 0;
  const buffer = Buffer.from(chunk, 'utf8');
  hash.update(buffer);
  await handle.write(buffer);
  return buffer.length;
}

/** The uploaded files, by path under the folder; files still being written (`.<name>.tmp`) are not uploads yet. */
async function listUploads(directory: string): Promise<{ name: string; file: string; bytes: number }[]> {
  if (!existsSync(directory)) return [];
  const entries = await readdir(directory, { recursive: true, withFileTypes: true });
  const uploads: { name: string; file: string; bytes: number }[] = [];
  for (const entry of entries) {
    if (!entry.isFile() || /^\..*\.tmp$/.test(entry.name)) continue;
    const file = path.join(entry.parentPath, entry.name);
    const name = path.relative(directory, file).split(path.sep).join('/');
    uploads.push({ name, file, bytes: (await stat(file)).size });
  }
  return uploads.sort((a, b) => (a.name < b.name ? -1 : 1));
}

export interface ImportResult {
  schemaVersion: string;
  rows: number;
  tables: number;
  files: number;
}

/**
 * Loads an archive into an empty database (no row in any table but those the
 * migrations fill) and its uploads folder. Checks every entry against the
 * manifest before writing anything; migrates the target to the archive's
 * schema version, inserts every row in one transaction, then migrates on to
 * this release's latest. Refused, with nothing written, when the target is not
 * empty, the archive is damaged, or its schema is unknown to this release.
 */
export async function importArchive(
  database: Database,
  archive: string,
  uploadsDirectory: string,
): Promise<ImportResult> {
  if (!existsSync(archive)) throw new TransferError(`No archive at ${archive}.`);
  const work = await mkdtemp(path.join(tmpdir(), 'staykeep-import-'));
  try {
    const extracted = await extractArchive(archive, work).catch((error: unknown) => {
      throw error instanceof ArchiveError
        ? new TransferError(`${error.message} Nothing was written.`)
        : error;
    });
    const { manifest } = extracted;
    const known = await knownMigrationNames();
    if (!known.includes(manifest.schemaVersion)) {
      throw new TransferError(
        `The archive's schema version ${manifest.schemaVersion} is unknown to this release (newer, or not Staykeep's): upgrade Staykeep first. Nothing was written.`,
      );
    }
    await refuseUnlessEmpty(database.db);
    const copied = await placeUploads(extracted.files, uploadsDirectory);
    try {
      if (manifest.schemaVersion === known.at(-1)) await migrateToLatest(database.db);
      else await migrateTo(database.db, manifest.schemaVersion);
      await insertArchive(database.db, manifest, extracted.tables);
    } catch (error) {
      for (const file of copied) await rm(file, { force: true });
      throw error;
    }
    // On to this release's schema; also puts back the audit triggers SQLite's import took off.
    await migrateToLatest(database.db);
    return {
      schemaVersion: manifest.schemaVersion,
      rows: Object.values(manifest.tables).reduce((sum, table) => sum + table.rows, 0),
      tables: Object.keys(manifest.tables).length,
      files: extracted.files.size,
    };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

async function refuseUnlessEmpty(db: AnyDb): Promise<void> {
  for (const table of await dataTables(db)) {
    if (!REFERENCE_TABLES.has(table) && (await hasRows(db, table))) {
      throw new TransferError(
        `The target database is not empty (${table} has rows): import needs an empty database. Nothing was written.`,
      );
    }
  }
}

/**
 * Copies the archive's files into the uploads folder, each under a temporary
 * name then renamed, and returns those it made. A file already there with the
 * same bytes is left (`migrate --to` keeps the same folder); one with other
 * bytes is refused before anything is copied.
 */
async function placeUploads(files: Map<string, string>, directory: string): Promise<string[]> {
  const toCopy: [string, string][] = [];
  for (const [name, source] of files) {
    const target = path.join(directory, ...name.split('/'));
    if (!existsSync(target)) toCopy.push([source, target]);
    else if ((await sha256Of(target)) !== (await sha256Of(source))) {
      throw new TransferError(
        `${target} already exists with other content: import needs an empty uploads folder. Nothing was written.`,
      );
    }
  }
  const copied: string[] = [];
  try {
    for (const [source, target] of toCopy) {
      await mkdir(path.dirname(target), { recursive: true });
      const temporary = path.join(
        path.dirname(target),
        `.${path.basename(target)}.${randomBytes(6).toString('hex')}.tmp`,
      );
      await copyFile(source, temporary);
      await rename(temporary, target);
      copied.push(target);
    }
  } catch (error) {
    for (const file of copied) await rm(file, { force: true });
    throw error;
  }
  return copied;
}

async function sha256Of(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk);
  return hash.digest('hex');
}

/** Rows per insert statement: under SQLite's 32,766 and PostgreSQL's 65,535 parameters. */
const PARAMETERS_PER_INSERT = 30_000;

async function insertArchive(db: AnyDb, manifest: Manifest, files: Map<string, string>): Promise<void> {
  const postgres = isPostgres(db);
  const targetTables = await dataTables(db);
  const archived = Object.keys(manifest.tables).sort();
  if (targetTables.join() !== archived.join()) {
    throw new TransferError(
      `The archive's tables differ from schema ${manifest.schemaVersion}'s: not a Staykeep export of it. Nothing was written.`,
    );
  }
  const order = await insertionOrder(db, targetTables);
  await db.transaction().execute(async (tx) => {
    const triggers = await suspendAuditCapture(tx);
    for (const { table, selfReferences } of order) {
      const columns = await columnsOf(tx, table);
      const listed = manifest.tables[table]?.columns ?? [];
      if (
        columns
          .map((column) => column.name)
          .sort()
          .join() !== [...listed].sort().join()
      ) {
        throw new TransferError(
          `The archive's columns of ${table} differ from the database's. Nothing was written.`,
        );
      }
      if (REFERENCE_TABLES.has(table)) await deleteRows(tx, table);
      const batch = Math.max(1, Math.min(1000, Math.floor(PARAMETERS_PER_INSERT / columns.length)));
      const rows = readRows(files.get(table) as string, columns, postgres, fromPostgres(manifest), batch);
      if (selfReferences.length > 0) {
        // A row naming another of its table goes after it: such tables are read whole to order them.
        const all: unknown[][] = [];
        for await (const read of rows) all.push(...read);
        const ordered = parentsFirst(all, columns, selfReferences);
        for (let at = 0; at < ordered.length; at += batch)
          await insertRows(tx, table, columns, ordered.slice(at, at + batch));
      } else {
        for await (const read of rows) await insertRows(tx, table, columns, read);
      }
      const numbered = columns.find((column) => column.name === 'seq');
      if (numbered) await raiseCounter(tx, table, numbered.name, manifest.counters?.[table] ?? 0);
    }
    for (const { table, trigger } of triggers) await setTrigger(tx, table, trigger, true);
  });
}

/**
 * The audit log's triggers must not record the import as changes made now by
 * nobody: the archive holds the log as it was. On PostgreSQL each audit trigger
 * is disabled for this transaction and enabled again before it commits (ALTER
 * TABLE … DISABLE TRIGGER needs the table's owner, the install's own user, not
 * a superuser as `session_replication_role` would; the foreign keys stay
 * checked). SQLite cannot disable a trigger: they are dropped inside the
 * transaction (a failure brings them back with the rollback) and installed
 * again by the migrateToLatest that follows the commit.
 */
async function suspendAuditCapture(tx: AnyTx): Promise<{ table: string; trigger: string }[]> {
  if (!isPostgres(tx)) {
    await removeAuditCaptureForMigrations(tx);
    return [];
  }
  const triggers = await postgresAuditTriggers(tx);
  for (const { table, trigger } of triggers) await setTrigger(tx, table, trigger, false);
  return triggers;
}

const fromPostgres = (manifest: Manifest) => manifest.source !== 'sqlite';

/** The rows of a table's file, decoded for the target, `batch` at a time: a table is never held whole. */
async function* readRows(
  file: string,
  columns: Column[],
  postgres: boolean,
  sourcePostgres: boolean,
  batch: number,
): AsyncGenerator<unknown[][]> {
  const lines = createInterface({
    input: createReadStream(file, 'utf8'),
    crlfDelay: Number.POSITIVE_INFINITY,
  });
  let rows: unknown[][] = [];
  let read = 0;
  for await (const line of lines) {
    read++;
    let object: Record<string, unknown>;
    try {
      object = JSON.parse(line);
    } catch {
      throw new TransferError(`${path.basename(file)}: row ${read} is not JSON. Nothing was written.`);
    }
    rows.push(
      columns.map((column) => {
        const value = decodeValue(column.kind, object[column.name], postgres);
        // `tx` names the transaction that wrote an audit entry or a notification; on PostgreSQL
        // it is a transaction id, which the target server hands out again one day: an import
        // keeping it would merge that day's change into an old entry. Marked, they never meet.
        return sourcePostgres && column.name === 'tx' && typeof value === 'string' && /^\d+$/.test(value)
          ? `imported:${value}`
          : value;
      }),
    );
    if (rows.length === batch) {
      yield rows;
      rows = [];
    }
  }
  if (rows.length > 0) yield rows;
}

interface TableOrder {
  table: string;
  /** Columns naming another row of the same table, with the column they name. */
  selfReferences: { column: string; referencedColumn: string }[];
}

/** Tables in an order where each comes after those its foreign keys name. */
async function insertionOrder(db: AnyDb, tables: string[]): Promise<TableOrder[]> {
  const keys = new Map(
    await Promise.all(tables.map(async (table) => [table, await foreignKeysOf(db, table)] as const)),
  );
  const order: TableOrder[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (table: string) => {
    if (state.get(table) === 'done') return;
    if (state.get(table) === 'visiting') throw new Error(`foreign keys make a cycle through ${table}`);
    state.set(table, 'visiting');
    const foreign = keys.get(table) ?? [];
    for (const key of foreign) if (key.references !== table) visit(key.references);
    state.set(table, 'done');
    order.push({
      table,
      selfReferences: foreign
        .filter((key) => key.references === table)
        .map((key) => ({ column: key.column, referencedColumn: key.referencedColumn })),
    });
  };
  for (const table of tables) visit(table);
  return order;
}

/** Rows ordered so a row comes after the rows of its table it names (a ledger entry after the one it adjusts). */
function parentsFirst(
  rows: unknown[][],
  columns: Column[],
  references: { column: string; referencedColumn: string }[],
): unknown[][] {
  const index = (name: string) => columns.findIndex((column) => column.name === name);
  const links = references.map((reference) => ({
    from: index(reference.column),
    to: index(reference.referencedColumn),
  }));
  const byKey = links.map((link) => new Map(rows.map((row) => [row[link.to], row])));
  const placed = new Set<unknown[]>();
  const ordered: unknown[][] = [];
  const place = (row: unknown[]) => {
    if (placed.has(row)) return;
    placed.add(row);
    links.forEach((link, i) => {
      const parent = row[link.from] === null ? undefined : byKey[i]?.get(row[link.from]);
      if (parent) place(parent);
    });
    ordered.push(row);
  };
  for (const row of rows) place(row);
  return ordered;
}

export interface MoveResult {
  tables: { name: string; rows: number }[];
  files: number;
  milliseconds: number;
}

/**
 * Moves a SQLite install to PostgreSQL: an export to a temporary archive, an
 * import into the target, then a check that each table has the same rows on
 * both sides (its count, and a digest of its rows in the archive's form, in
 * one order).
 */
export async function moveDatabase(
  source: Database,
  target: DatabaseConfig,
  uploadsDirectory: string,
): Promise<MoveResult> {
  const started = performance.now();
  const work = await mkdtemp(path.join(tmpdir(), 'staykeep-move-'));
  try {
    const archive = path.join(work, 'staykeep.tar');
    const exported = await exportArchive(source, archive, uploadsDirectory);
    const destination = await createDatabase(target);
    try {
      await importArchive(destination, archive, uploadsDirectory);
      const before = await tableDigests(source.db);
      const after = await tableDigests(destination.db);
      for (const [name, digest] of before) {
        const moved = after.get(name);
        if (!moved || moved.rows !== digest.rows || moved.digest !== digest.digest) {
          throw new TransferError(
            `The check after the move failed: ${name} has ${digest.rows} rows here and ${moved?.rows ?? 0} there${moved?.rows === digest.rows ? ', with other values' : ''}. The source is unchanged.`,
          );
        }
      }
      return {
        tables: [...after].map(([name, digest]) => ({ name, rows: digest.rows })),
        files: exported.files,
        milliseconds: Math.round(performance.now() - started),
      };
    } finally {
      await destination.close();
    }
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

/**
 * Each table's row count and a digest of its rows in the archive's form that
 * does not depend on their order (the databases may order text keys apart):
 * the sum of the rows' SHA-256s, modulo 2^256, read a page at a time.
 */
export async function tableDigests(db: AnyDb): Promise<Map<string, { rows: number; digest: string }>> {
  return inSnapshot(db, async (snapshot) => {
    const digests = new Map<string, { rows: number; digest: string }>();
    for (const table of await dataTables(snapshot)) {
      const columns = await columnsOf(snapshot, table);
      let rows = 0;
      let sum = 0n;
      for await (const page of rowPages(snapshot, table, columns)) {
        for (const row of page) {
          const line = createHash('sha256')
            .update(`${encodeRow(columns, row)}\n`)
            .digest('hex');
          sum = (sum + BigInt(`0x${line}`)) & DIGEST_MASK;
        }
        rows += page.length;
      }
      digests.set(table, { rows, digest: sum.toString(16).padStart(64, '0') });
    }
    return digests;
  });
}

const DIGEST_MASK = (1n << 256n) - 1n;
