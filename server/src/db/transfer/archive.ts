import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, open } from 'node:fs/promises';
import path from 'node:path';
import tar from 'tar-stream';
import type { Column, ColumnKind } from './catalog.ts';

/**
 * The export archive: a tar holding
 * - `tables/<table>.jsonl`: one JSON object per row, keys in name order,
 *   values as `encodeValue` writes them;
 * - `files/<path>`: each uploaded file, at its path under the uploads folder;
 * - `manifest.json`, last: what the archive holds, with a SHA-256 of every
 *   other entry, so an import can check them all before it writes anything.
 */
export const ARCHIVE_FORMAT = 'staykeep-export';
export const ARCHIVE_FORMAT_VERSION = 1;

export interface Manifest {
  format: typeof ARCHIVE_FORMAT;
  formatVersion: number;
  /** The last migration the exported database had applied. */
  schemaVersion: string;
  createdAt: string;
  /** The kind of database exported: sqlite, pglite or postgres. */
  source: string;
  tables: Record<string, { rows: number; bytes: number; sha256: string; columns: string[] }>;
  /** The highest number each table's numbered column (`seq`) had handed out. */
  counters: Record<string, number>;
  files: Record<string, { bytes: number; sha256: string }>;
}

export class ArchiveError extends Error {
  override name = 'ArchiveError';
}

/** JSON with object keys in order, at every depth: the same value always gives the same text. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const object = value as Record<string, unknown>;
  const fields = Object.keys(object)
    .sort()
    .filter((key) => object[key] !== undefined)
    .map((key) => `${JSON.stringify(key)}:${canonicalJson(object[key])}`);
  return `{${fields.join(',')}}`;
}

/**
 * A value as the connection read it (SQLite and PostgreSQL give the same types,
 * see database.ts), in the archive's database-neutral form.
 */
export function encodeValue(kind: ColumnKind, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  switch (kind) {
    case 'text':
      return value instanceof Date ? value.toISOString() : value;
    case 'integer':
      return Number(value);
    // Decimal text: a JSON number past 2^53 loses digits in most readers.
    case 'bigint':
      return String(value);
    case 'boolean':
      return Boolean(value);
    // Read as text (catalog.ts, rowsOf), kept as text: its JSON rewritten with keys in order, since
    // PostgreSQL's jsonb spaces and orders keys its own way. A JSON `null` is "null", SQL NULL null.
    case 'json':
      return canonicalJson(JSON.parse(value as string));
    case 'bytes':
      return Buffer.from(value as Uint8Array).toString('base64');
  }
}

/** One row as a line of its table's file. */
export function encodeRow(columns: Column[], row: Record<string, unknown>): string {
  const object: Record<string, unknown> = {};
  for (const column of columns) object[column.name] = encodeValue(column.kind, row[column.name]);
  return canonicalJson(object);
}

/** An archive value as a parameter for the target database. */
export function decodeValue(kind: ColumnKind, value: unknown, postgres: boolean): unknown {
  if (value === null || value === undefined) return null;
  switch (kind) {
    case 'text':
    case 'integer':
    case 'boolean':
      return value;
    case 'bigint':
      return postgres ? String(value) : BigInt(value as string);
    case 'json':
      return value;
    case 'bytes':
      return Buffer.from(value as string, 'base64');
  }
}

export interface PackedEntry {
  name: string;
  /** The file whose bytes the entry holds. */
  file: string;
  bytes: number;
}

/**
 * Writes the tar to `file`. The entries' files are hashed as they are
 * packed, and their digests handed to `manifest`, whose text is the last entry.
 */
export async function writeArchive(
  file: string,
  entries: PackedEntry[],
  manifest: (digests: Map<string, string>) => Manifest,
): Promise<void> {
  const pack = tar.pack();
  const output = createWriteStream(file, { flags: 'wx' });
  const written = new Promise<void>((resolve, reject) => {
    output.on('close', resolve);
    output.on('error', reject);
    pack.on('error', reject);
  });
  pack.pipe(output);
  const digests = new Map<string, string>();
  try {
    for (const entry of entries) digests.set(entry.name, await packFile(pack, entry));
    const text = `${JSON.stringify(manifest(digests), null, 2)}\n`;
    pack.entry({ name: 'manifest.json', mode: 0o644, mtime: new Date(0) }, text);
    pack.finalize();
  } catch (error) {
    pack.destroy(error as Error);
    await written.catch(() => undefined);
    throw error;
  }
  await written;
}

/** Adds one file to the tar; resolves with its SHA-256 once the tar holds it. */
function packFile(pack: tar.Pack, entry: PackedEntry): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256');
    const sink = pack.entry(
      { name: entry.name, size: entry.bytes, mode: 0o644, mtime: new Date(0) },
      (error) => (error ? reject(error) : resolve(hash.digest('hex'))),
    );
    const source = createReadStream(entry.file);
    source.on('data', (chunk) => hash.update(chunk));
    source.on('error', (error) => {
      sink.destroy(error);
      reject(error);
    });
    source.pipe(sink);
  });
}

const TABLE_ENTRY = /^tables\/([a-z_][a-z0-9_]*)\.jsonl$/;
const SAFE_SEGMENT = /^[A-Za-z0-9_][A-Za-z0-9._-]*$/;

/** The path an uploaded file has under the uploads folder, if `name` is a safe `files/…` entry. */
export function uploadPathOf(name: string): string | null {
  if (!name.startsWith('files/')) return null;
  const segments = name.slice('files/'.length).split('/');
  return segments.every((segment) => SAFE_SEGMENT.test(segment)) ? segments.join('/') : null;
}

export interface ExtractedArchive {
  manifest: Manifest;
  /** Where each table's file and each uploaded file was extracted to. */
  tables: Map<string, string>;
  files: Map<string, string>;
}

/**
 * Extracts the archive into `directory` (a new, private folder) and checks it
 * whole against its manifest: every entry named, present once, of its size
 * and digest, every table file of its row count. Throws an ArchiveError
 * naming the first difference.
 */
export async function extractArchive(file: string, directory: string): Promise<ExtractedArchive> {
  const found = new Map<string, { path: string; bytes: number; sha256: string; lines: number }>();
  let manifestText: string | null = null;
  const extract = tar.extract();
  const input = createReadStream(file);
  input.on('error', (error) => extract.destroy(error));
  input.pipe(extract);
  try {
    for await (const entry of extract) {
      const { name, type } = entry.header;
      if (type !== 'file') throw new ArchiveError(`The archive holds ${name}, which is not a file.`);
      if (found.has(name) || (name === 'manifest.json' && manifestText !== null)) {
        throw new ArchiveError(`The archive holds ${name} twice.`);
      }
      if (name === 'manifest.json') {
        const chunks: Buffer[] = [];
        for await (const chunk of entry as AsyncIterable<Buffer>) chunks.push(chunk);
        manifestText = Buffer.concat(chunks).toString('utf8');
        continue;
      }
      if (!TABLE_ENTRY.test(name) && uploadPathOf(name) === null) {
        throw new ArchiveError(`The archive holds ${name}, which is neither a table nor an uploaded file.`);
      }
      const target = path.join(directory, ...name.split('/'));
      await mkdir(path.dirname(target), { recursive: true });
      const hash = createHash('sha256');
      let bytes = 0;
      let lines = 0;
      const output = await open(target, 'wx');
      try {
        for await (const chunk of entry as AsyncIterable<Buffer>) {
          hash.update(chunk);
          bytes += chunk.length;
          for (let at = chunk.indexOf(10); at !== -1; at = chunk.indexOf(10, at + 1)) lines++;
          await output.write(chunk);
        }
      } finally {
        await output.close();
      }
      found.set(name, { path: target, bytes, sha256: hash.digest('hex'), lines });
    }
  } catch (error) {
    input.destroy();
    if (error instanceof ArchiveError) throw error;
    throw new ArchiveError(`${file} is not a readable archive: ${(error as Error).message}`);
  }
  if (manifestText === null) throw new ArchiveError(`${file} has no manifest.json: not a Staykeep export.`);
  let manifest: Manifest;
  try {
    manifest = JSON.parse(manifestText) as Manifest;
  } catch {
    throw new ArchiveError('The archive’s manifest.json is not valid JSON.');
  }
  if (manifest.format !== ARCHIVE_FORMAT || typeof manifest.schemaVersion !== 'string') {
    throw new ArchiveError(`${file} is not a Staykeep export (its manifest names no format).`);
  }
  if (manifest.formatVersion !== ARCHIVE_FORMAT_VERSION) {
    throw new ArchiveError(
      `The archive is in format ${manifest.formatVersion}; this release reads format ${ARCHIVE_FORMAT_VERSION}.`,
    );
  }
  const expected = new Map<string, { bytes: number; sha256: string; rows?: number }>();
  for (const [table, entry] of Object.entries(manifest.tables ?? {}))
    expected.set(`tables/${table}.jsonl`, entry);
  for (const [upload, entry] of Object.entries(manifest.files ?? {})) expected.set(`files/${upload}`, entry);
  for (const name of found.keys()) {
    if (!expected.has(name))
      throw new ArchiveError(`The archive holds ${name}, which its manifest does not list.`);
  }
  for (const [name, want] of expected) {
    const got = found.get(name);
    if (!got) throw new ArchiveError(`The archive lacks ${name}, which its manifest lists.`);
    if (got.bytes !== want.bytes || got.sha256 !== want.sha256) {
      throw new ArchiveError(`The archive is damaged: ${name} does not match its checksum.`);
    }
    if (want.rows !== undefined && got.lines !== want.rows) {
      throw new ArchiveError(
        `The archive is damaged: ${name} holds ${got.lines} rows, its manifest ${want.rows}.`,
      );
    }
  }
  const tables = new Map<string, string>();
  const files = new Map<string, string>();
  for (const [name, entry] of found) {
    const table = TABLE_ENTRY.exec(name)?.[1];
    if (table) tables.set(table, entry.path);
    else files.set(uploadPathOf(name) as string, entry.path);
  }
  return { manifest, tables, files };
}
