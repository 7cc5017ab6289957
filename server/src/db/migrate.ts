import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { type Kysely, sql } from 'kysely';
import { type Migration, type MigrationInfo, type MigrationResult, Migrator } from 'kysely/migration';
import { installAuditCapture, removeAuditCaptureForMigrations } from './audit-capture.ts';
import { isPostgres } from './migration-kit.ts';

const MIGRATIONS_DIR = path.join(import.meta.dirname, 'migrations');
// Dated names sort in the order they were written: 2026-11-22T0900_name.ts
const MIGRATION_FILE = /^\d{4}-\d{2}-\d{2}T\d{4}_[a-z0-9-]+\.(ts|js)$/;

async function loadMigrations(): Promise<Record<string, Migration>> {
  const files = (await readdir(MIGRATIONS_DIR)).filter((file) => MIGRATION_FILE.test(file)).sort();
  const migrations: Record<string, Migration> = {};
  for (const file of files) {
    migrations[file.replace(/\.(ts|js)$/, '')] = await import(
      pathToFileURL(path.join(MIGRATIONS_DIR, file)).href
    );
  }
  return migrations;
}

/** The names of the migrations this release has, in the order they apply. */
export async function knownMigrationNames(): Promise<string[]> {
  return Object.keys(await loadMigrations());
}

export class MigrationError extends Error {
  override name = 'MigrationError';
}

/**
 * On PostgreSQL, the schema this install creates its tables in: the first
 * schema of its search_path that exists. The migrator must be told: left to
 * itself it takes a `kysely_migration` table found in any schema of the
 * database for its own, so an install beside another one (in `public`, say)
 * either fails to migrate or believes the other's migrations are its own.
 */
// biome-ignore lint/suspicious/noExplicitAny: the migrator works on any schema.
async function tableSchema(db: Kysely<any>): Promise<string | undefined> {
  if (!isPostgres(db)) return undefined;
  const { rows } = await sql<{ schema: string | null; searchPath: string }>`
    select current_schema() as schema, current_setting('search_path') as "searchPath"`.execute(db);
  const schema = rows[0]?.schema;
  if (!schema) {
    throw new MigrationError(
      `No schema to create tables in: no schema of the search_path (${rows[0]?.searchPath}) exists. ` +
        'Create it first (create schema …) or name another in DATABASE_URL.',
    );
  }
  return schema;
}

// biome-ignore lint/suspicious/noExplicitAny: the migrator works on any schema.
async function migrator(db: Kysely<any>): Promise<Migrator> {
  return new Migrator({
    db,
    provider: { getMigrations: loadMigrations },
    migrationTableSchema: await tableSchema(db),
  });
}

/** Applies every pending migration; several processes may call it at once. */
// biome-ignore lint/suspicious/noExplicitAny: the migrator works on any schema.
export async function migrateToLatest(db: Kysely<any>): Promise<MigrationResult[]> {
  if ((await pendingMigrations(db)).length > 0) await removeAuditCaptureForMigrations(db);
  const { error, results } = await (await migrator(db)).migrateToLatest();
  if (error) {
    const failed = results?.find((result) => result.status === 'Error');
    // The log records again what the schema that stayed has (SQLite took its triggers off above).
    await installAuditCapture(db).catch(() => undefined);
    throw new MigrationError(`Migration ${failed?.migrationName ?? '(unknown)'} failed: ${String(error)}`, {
      cause: error,
    });
  }
  await installAuditCapture(db);
  return results ?? [];
}

/** Applies (or undoes) migrations until `name` is the last applied; to test what a migration does to data. */
// biome-ignore lint/suspicious/noExplicitAny: the migrator works on any schema.
export async function migrateTo(db: Kysely<any>, name: string): Promise<void> {
  await removeAuditCaptureForMigrations(db, { downgrade: true });
  const { error } = await (await migrator(db)).migrateTo(name);
  if (error) throw new MigrationError(`Migrating to ${name} failed: ${String(error)}`, { cause: error });
}

// biome-ignore lint/suspicious/noExplicitAny: the migrator works on any schema.
export async function pendingMigrations(db: Kysely<any>): Promise<MigrationInfo[]> {
  const migrations = await (await migrator(db)).getMigrations();
  return migrations.filter((migration) => migration.executedAt === undefined);
}
