import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Kysely } from 'kysely';
import { type Migration, type MigrationInfo, type MigrationResult, Migrator } from 'kysely/migration';

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

// biome-ignore lint/suspicious/noExplicitAny: the migrator works on any schema.
function migrator(db: Kysely<any>): Migrator {
  return new Migrator({ db, provider: { getMigrations: loadMigrations } });
}

export class MigrationError extends Error {
  override name = 'MigrationError';
}

/** Applies every pending migration; several processes may call it at once. */
// biome-ignore lint/suspicious/noExplicitAny: the migrator works on any schema.
export async function migrateToLatest(db: Kysely<any>): Promise<MigrationResult[]> {
  const { error, results } = await migrator(db).migrateToLatest();
  if (error) {
    const failed = results?.find((result) => result.status === 'Error');
    throw new MigrationError(`Migration ${failed?.migrationName ?? '(unknown)'} failed: ${String(error)}`, {
      cause: error,
    });
  }
  return results ?? [];
}

// biome-ignore lint/suspicious/noExplicitAny: the migrator works on any schema.
export async function pendingMigrations(db: Kysely<any>): Promise<MigrationInfo[]> {
  const migrations = await migrator(db).getMigrations();
  return migrations.filter((migration) => migration.executedAt === undefined);
}
