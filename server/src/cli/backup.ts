import { randomBytes } from 'node:crypto';
import { existsSync, statSync } from 'node:fs';
import { cp, readdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { openSqlite } from '../db/sqlite.ts';

export class BackupError extends Error {
  override name = 'BackupError';
}

export interface BackupResult {
  file: string;
  bytes: number;
  /** Where the uploaded files were copied, and how many; null when there was no uploads folder. */
  uploads: { directory: string; files: number } | null;
}

/** Where the uploads of the backup `target` are copied: a folder beside it. */
export const uploadsBackupOf = (target: string) => `${target}.uploads`;

/**
 * Copies a live SQLite database with VACUUM INTO: it reads one consistent
 * snapshot (WAL lets the server keep writing meanwhile) and writes a compact
 * file. The online backup API would restart on every concurrent write, so it
 * may never finish on a busy server; VACUUM INTO does not.
 *
 * The uploaded files on disk (`uploadsDirectory`) are copied next, to
 * `<target>.uploads/`: a file is written before the row that names it, so
 * every attachment of the snapshot already has its file when the copy
 * starts (only one deleted in the few moments between may be missing).
 * Either both are written or neither is.
 */
export async function backupSqlite(
  source: string,
  target: string,
  options: { uploadsDirectory?: string } = {},
): Promise<BackupResult> {
  if (!existsSync(source)) throw new BackupError(`No database at ${source}.`);
  if (existsSync(target)) throw new BackupError(`${target} already exists; choose a new file name.`);
  const uploadsTarget = uploadsBackupOf(target);
  const uploads = options.uploadsDirectory;
  const copyUploads = uploads !== undefined && existsSync(uploads);
  if (copyUploads && existsSync(uploadsTarget)) {
    throw new BackupError(`${uploadsTarget} already exists; choose a new file name.`);
  }
  const database = openSqlite(source);
  try {
    database.prepare('VACUUM INTO ?').run(target);
  } finally {
    database.close();
  }
  try {
    const copy = new BetterSqlite3(target, { readonly: true });
    try {
      const result = copy.pragma('integrity_check', { simple: true });
      if (result !== 'ok') throw new BackupError(`The copy failed its integrity check: ${String(result)}`);
    } finally {
      copy.close();
    }
    return {
      file: target,
      bytes: statSync(target).size,
      uploads: copyUploads ? await copyFolder(uploads, uploadsTarget) : null,
    };
  } catch (error) {
    await rm(target, { force: true });
    throw error;
  }
}

/** Copies a folder under a temporary name, then renames it: no half copy is ever left under the final name. */
async function copyFolder(source: string, target: string): Promise<{ directory: string; files: number }> {
  const temporary = `${target}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    await cp(source, temporary, {
      recursive: true,
      errorOnExist: true,
      force: false,
      preserveTimestamps: true,
      // Files still being written (`.<key>.<random>.tmp`) are not uploads yet.
      filter: (file) => !/^\..*\.tmp$/.test(path.basename(file)),
    });
    await rename(temporary, target);
  } catch (error) {
    await rm(temporary, { recursive: true, force: true });
    throw new BackupError(
      `The uploaded files could not be copied from ${source}: ${(error as Error).message}`,
    );
  }
  const entries = await readdir(target, { recursive: true, withFileTypes: true });
  return { directory: target, files: entries.filter((entry) => entry.isFile()).length };
}
