import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { copyFile, cp, mkdir, open, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { knownMigrationNames } from '../db/migrate.ts';
import { uploadsBackupOf } from './backup.ts';

export class RestoreError extends Error {
  override name = 'RestoreError';
}

export interface RestoreResult {
  database: string;
  /** Where the database that was replaced now is; null when there was none. */
  previous: string | null;
  /** The last migration the backup has, and how many newer ones the server applies when it starts. */
  schema: { version: string; pending: number };
  /** The uploads folder restored and where the one it replaced went; null when the backup has none. */
  uploads: { directory: string; previous: string | null } | null;
}

// An idle server holds its SHARED lock for good: the probe gives up after this.
const LOCK_TIMEOUT_MS = 1_000;

/**
 * Puts a backup made by `staykeep backup` in place of the SQLite database
 * `target`, and its `.uploads/` folder in place of `uploadsDirectory`.
 *
 * Everything that can refuse runs before anything changes: the backup must
 * pass its integrity check and carry only migrations this release knows; no
 * other process may have the database open (see lockOut); the copies are
 * written under temporary names beside their destinations and fsynced. Then
 * renames swap them in, the replaced database and uploads kept as
 * `….before-restore-<time>`.
 */
export async function restoreSqlite(
  backup: string,
  target: string,
  options: { uploadsDirectory?: string; now?: Date } = {},
): Promise<RestoreResult> {
  if (!existsSync(backup)) throw new RestoreError(`No backup at ${backup}.`);
  const schema = await checkBackup(backup);
  const stamp = (options.now ?? new Date())
    .toISOString()
    .replace(/\.\d+Z$/, 'Z')
    .replaceAll(':', '');
  const previous = `${target}.before-restore-${stamp}`;
  const uploadsSource = uploadsBackupOf(backup);
  const uploads =
    options.uploadsDirectory !== undefined && existsSync(uploadsSource)
      ? options.uploadsDirectory
      : undefined;
  const previousUploads = uploads === undefined ? undefined : `${uploads}.before-restore-${stamp}`;
  for (const name of [previous, previousUploads]) {
    if (name !== undefined && existsSync(name))
      throw new RestoreError(`${name} already exists; try again in a second.`);
  }

  await mkdir(path.dirname(target), { recursive: true });
  const lock = existsSync(target) ? lockOut(target) : null;
  const suffix = `.restore-${randomBytes(6).toString('hex')}.tmp`;
  const databaseCopy = `${target}${suffix}`;
  const uploadsCopy = uploads === undefined ? undefined : `${uploads}${suffix}`;
  try {
    try {
      await copyFile(backup, databaseCopy);
      await fsync(databaseCopy);
      if (uploads !== undefined && uploadsCopy !== undefined) {
        await mkdir(path.dirname(uploads), { recursive: true });
        await cp(uploadsSource, uploadsCopy, {
          recursive: true,
          errorOnExist: true,
          force: false,
          preserveTimestamps: true,
        });
      }
    } catch (error) {
      await rm(databaseCopy, { force: true });
      if (uploadsCopy !== undefined) await rm(uploadsCopy, { recursive: true, force: true });
      throw new RestoreError(`The backup could not be copied beside ${target}: ${(error as Error).message}`);
    }

    if (lock) {
      // The replaced file keeps everything it had: its WAL is folded in, and
      // it leaves WAL mode so it is one self-contained file (and so closing
      // this connection later touches no -wal file under the restored name).
      lock.pragma('wal_checkpoint(TRUNCATE)');
      lock.pragma('journal_mode = DELETE');
      await rename(target, previous);
    }
    try {
      await rename(databaseCopy, target);
    } catch (error) {
      if (lock) await rename(previous, target);
      throw error;
    }
    // The restored file starts without a log of its own: -wal or -shm left
    // by the replaced database would be read as the restored one's.
    await rm(`${target}-wal`, { force: true });
    await rm(`${target}-shm`, { force: true });
    await fsync(path.dirname(target));

    if (uploads !== undefined && uploadsCopy !== undefined && previousUploads !== undefined) {
      const hadUploads = existsSync(uploads);
      try {
        if (hadUploads) await rename(uploads, previousUploads);
        await rename(uploadsCopy, uploads);
      } catch (error) {
        // Both or neither: the database goes back too.
        if (hadUploads && !existsSync(uploads)) await rename(previousUploads, uploads);
        if (lock) await rename(previous, target);
        else await rm(target, { force: true });
        throw error;
      }
      await fsync(path.dirname(uploads));
      return {
        database: target,
        previous: lock ? previous : null,
        schema,
        uploads: { directory: uploads, previous: hadUploads ? previousUploads : null },
      };
    }
    return { database: target, previous: lock ? previous : null, schema, uploads: null };
  } catch (error) {
    if (error instanceof RestoreError) throw error;
    throw new RestoreError(`The restore failed and was undone: ${(error as Error).message}`);
  } finally {
    lock?.close();
    await rm(databaseCopy, { force: true });
    if (uploadsCopy !== undefined) await rm(uploadsCopy, { recursive: true, force: true });
  }
}

/** The backup is a whole SQLite file of a Staykeep schema this release can migrate. */
async function checkBackup(backup: string): Promise<{ version: string; pending: number }> {
  let copy: BetterSqlite3.Database;
  try {
    copy = new BetterSqlite3(backup, { readonly: true, fileMustExist: true });
  } catch (error) {
    throw new RestoreError(`${backup} cannot be opened: ${(error as Error).message}`);
  }
  try {
    let integrity: unknown;
    try {
      integrity = copy.pragma('integrity_check', { simple: true });
    } catch (error) {
      throw new RestoreError(`${backup} is not a readable SQLite database: ${(error as Error).message}`);
    }
    if (integrity !== 'ok') {
      throw new RestoreError(
        `${backup} failed its integrity check (${String(integrity)}); nothing was restored.`,
      );
    }
    const hasMigrations = copy
      .prepare("select 1 from sqlite_master where type = 'table' and name = 'kysely_migration'")
      .get();
    const applied = hasMigrations
      ? (copy.prepare('select name from kysely_migration order by name').pluck().all() as string[])
      : [];
    const known = await knownMigrationNames();
    if (applied.length === 0 || applied[0] !== known[0]) {
      throw new RestoreError(`${backup} is not a Staykeep database (it has no Staykeep migrations).`);
    }
    const unknown = applied.filter((name) => !known.includes(name));
    if (unknown.length > 0) {
      throw new RestoreError(
        `${backup} was written by a newer Staykeep (migration ${unknown.at(-1)} is unknown to this release); restore it with that release.`,
      );
    }
    return { version: applied.at(-1) ?? '', pending: known.length - applied.length };
  } finally {
    copy.close();
  }
}

/**
 * Proves that no other process has `file` open, and keeps it that way until
 * the returned connection closes.
 *
 * In WAL mode every connection holds a SHARED lock on the database file from
 * its first read until it closes, idle or not, and a server reads it as soon
 * as it starts (its migrations). A connection in EXCLUSIVE locking mode must
 * take an EXCLUSIVE lock on the file itself to begin (WAL mode's shared-memory
 * index would otherwise let others in), which every SHARED lock refuses. A
 * plain BEGIN EXCLUSIVE would not do: in WAL mode it only takes the write
 * lock, which an idle server does not hold.
 */
function lockOut(file: string): BetterSqlite3.Database {
  const connection = new BetterSqlite3(file, { timeout: LOCK_TIMEOUT_MS, fileMustExist: true });
  try {
    connection.pragma('locking_mode = EXCLUSIVE');
    connection.exec('begin exclusive');
    connection.exec('commit');
    return connection;
  } catch (error) {
    connection.close();
    if ((error as { code?: string }).code === 'SQLITE_BUSY') {
      throw new RestoreError(
        `${file} is in use: stop the server (and any other staykeep command) before restoring; nothing was changed.`,
      );
    }
    throw new RestoreError(`${file} cannot be locked for the restore: ${(error as Error).message}`);
  }
}

/** Flushes a file, or a folder's entries, to the disk. */
async function fsync(file: string): Promise<void> {
  const handle = await open(file, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
