import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { copyFile, mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import type { FastifyBaseLogger } from 'fastify';
import { afterCommit, type DbOrTx } from '../../db/database.ts';
import type { AttachmentStorage } from '../../db/tables.ts';
import { deleteContents, findContent, insertContent } from './files.repository.ts';

/** Bytes to store: in memory (a re-encoded image), or a file on this machine (a PDF as uploaded). */
export type FileSource = Uint8Array | { path: string };

/** Stored bytes, ready to send: a stream (disk) or a buffer (database), and how many there are. */
export interface FileContent {
  body: Readable | Buffer;
  size: number;
}

/**
 * Where attachments' bytes are kept, under keys the server generates (never a
 * name a user gave). Each attachment row names the storage that holds its
 * bytes, so files written under one setting are still read after the setting
 * changes.
 */
export interface FileStorage {
  readonly kind: AttachmentStorage;
  /**
   * Whether `put` writes in the transaction it is given, so the bytes commit
   * or roll back with the attachment row (the database); otherwise `put`
   * writes at once, before the row's transaction, and what it wrote is
   * removed if that transaction fails (the disk).
   */
  readonly transactional: boolean;
  put(db: DbOrTx, key: string, source: FileSource): Promise<void>;
  /** The bytes under `key`, or null when there are none. */
  open(db: DbOrTx, key: string): Promise<FileContent | null>;
  /**
   * Forgets keys as part of `db`'s transaction: rows go with it; files are
   * unlinked once it has committed, best effort (a file left behind is
   * harmless, a row pointing at nothing is not). Outside a transaction, at once.
   */
  remove(db: DbOrTx, keys: readonly string[]): Promise<void>;
}

/** What every generated key looks like; anything else never reaches a path. */
const KEY = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}(\.thumb)?\.[a-z0-9]{2,5}$/;

/**
 * Files under the uploads directory, 256 subfolders by the first two
 * characters of their (random) key. A file is written under a temporary name
 * in its final folder, flushed, then renamed: a reader or a crash never sees
 * half of it.
 */
export class DiskStorage implements FileStorage {
  readonly kind = 'disk';
  readonly transactional = false;
  readonly #directory: string;
  readonly #log: FastifyBaseLogger;

  constructor(options: { directory: string; log: FastifyBaseLogger }) {
    this.#directory = path.resolve(options.directory);
    this.#log = options.log;
  }

  /** The file of a key: always inside the uploads directory, whatever the key. */
  pathOf(key: string): string {
    if (!KEY.test(key)) throw new Error(`not a storage key: ${JSON.stringify(key)}`);
    return path.join(this.#directory, key.slice(0, 2), key);
  }

  async put(_db: DbOrTx, key: string, source: FileSource): Promise<void> {
    const target = this.pathOf(key);
    await mkdir(path.dirname(target), { recursive: true });
    const temporary = path.join(path.dirname(target), `.${key}.${randomBytes(6).toString('hex')}.tmp`);
    try {
      if (source instanceof Uint8Array) {
        const handle = await open(temporary, 'wx');
        try {
          await handle.writeFile(source);
          await handle.datasync();
        } finally {
          await handle.close();
        }
      } else {
        await copyFile(source.path, temporary, constants.COPYFILE_EXCL);
        const handle = await open(temporary, 'r+');
        try {
          await handle.datasync();
        } finally {
          await handle.close();
        }
      }
      await rename(temporary, target);
    } catch (error) {
      await rm(temporary, { force: true });
      throw error;
    }
  }

  async open(_db: DbOrTx, key: string): Promise<FileContent | null> {
    let handle: Awaited<ReturnType<typeof open>>;
    try {
      handle = await open(this.pathOf(key), 'r');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
    try {
      const { size } = await handle.stat();
      // The stream closes the handle when it ends or is destroyed (a client that went away).
      return { body: handle.createReadStream(), size };
    } catch (error) {
      await handle.close();
      throw error;
    }
  }

  async remove(db: DbOrTx, keys: readonly string[]): Promise<void> {
    if (keys.length === 0) return;
    if (db.isTransaction) {
      afterCommit(db, () => {
        void this.#unlink(keys);
      });
    } else {
      await this.#unlink(keys);
    }
  }

  async #unlink(keys: readonly string[]): Promise<void> {
    for (const key of keys) {
      try {
        await rm(this.pathOf(key), { force: true });
      } catch (error) {
        this.#log.warn({ err: error, key }, 'an attachment file could not be removed; it is left behind');
      }
    }
  }
}

/**
 * Bytes in the `attachment_contents` table, for instances that share a
 * PostgreSQL database and no disk: written and removed in the transaction of
 * the attachment row.
 */
export class DatabaseStorage implements FileStorage {
  readonly kind = 'database';
  readonly transactional = true;
  readonly #now: () => Date;

  constructor(options: { now: () => Date }) {
    this.#now = options.now;
  }

  async put(db: DbOrTx, key: string, source: FileSource): Promise<void> {
    const bytes = source instanceof Uint8Array ? source : await readFile(source.path);
    await insertContent(db, key, bytes, this.#now().toISOString());
  }

  async open(db: DbOrTx, key: string): Promise<FileContent | null> {
    const bytes = await findContent(db, key);
    if (bytes === undefined) return null;
    // SQLite and pg answer a Buffer, PGlite a Uint8Array: a view of the same memory either way.
    const body = Buffer.isBuffer(bytes)
      ? bytes
      : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    return { body, size: body.length };
  }

  async remove(db: DbOrTx, keys: readonly string[]): Promise<void> {
    await deleteContents(db, keys);
  }
}
