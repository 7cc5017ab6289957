import { existsSync, statSync } from 'node:fs';
import BetterSqlite3 from 'better-sqlite3';
import { openSqlite } from '../db/sqlite.ts';

export class BackupError extends Error {
  override name = 'BackupError';
}

/**
 * Copies a live SQLite database with VACUUM INTO: it reads one consistent
 * snapshot (WAL lets the server keep writing meanwhile) and writes a compact
 * file. The online backup API would restart on every concurrent write, so it
 * may never finish on a busy server; VACUUM INTO does not.
 */
export async function backupSqlite(source: string, target: string): Promise<{ file: string; bytes: number }> {
  if (!existsSync(source)) throw new BackupError(`No database at ${source}.`);
  if (existsSync(target)) throw new BackupError(`${target} already exists; choose a new file name.`);
  const database = openSqlite(source);
  try {
    database.prepare('VACUUM INTO ?').run(target);
  } finally {
    database.close();
  }
  const copy = new BetterSqlite3(target, { readonly: true });
  try {
    const result = copy.pragma('integrity_check', { simple: true });
    if (result !== 'ok') throw new BackupError(`The copy failed its integrity check: ${String(result)}`);
  } finally {
    copy.close();
  }
  return { file: target, bytes: statSync(target).size };
}
