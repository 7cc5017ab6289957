import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, inject } from 'vitest';
import type { DatabaseConfig } from '../src/config.ts';
import { createDatabase, type Database } from '../src/db/database.ts';
import { migrateToLatest } from '../src/db/migrate.ts';

export type TestDatabaseName = 'sqlite' | 'pglite' | 'postgres';

/**
 * The databases every integration test runs on: SQLite and PGlite always, a
 * real PostgreSQL server when TEST_DATABASE_URL names one. TEST_DATABASES
 * (e.g. `sqlite,postgres`) keeps some of them, for a second pass of some
 * tests (CI's other time zones).
 */
const chosen = process.env.TEST_DATABASES
  ? process.env.TEST_DATABASES.split(',').map((name) => name.trim())
  : undefined;
export const testDatabaseNames: TestDatabaseName[] = (
  [
    'sqlite',
    'pglite',
    ...(process.env.TEST_DATABASE_URL ? (['postgres'] as const) : []),
  ] as TestDatabaseName[]
).filter((name) => !chosen || chosen.includes(name));

export interface TestDatabase {
  name: TestDatabaseName;
  config: DatabaseConfig;
  database: Database;
  /** Removes what the database left behind (file, schema). */
  dispose(): Promise<void>;
}

/**
 * A fresh, empty, migrated database: a new SQLite file, a new in-memory
 * PGlite, or a new schema on the PostgreSQL server so test files running in
 * parallel never see each other's rows.
 */
export async function openTestDatabase(name: TestDatabaseName, options: { migrate?: boolean } = {}) {
  const migrate = options.migrate ?? true;
  const { config, cleanup } = await prepare(name);
  const templates = name === 'pglite' ? inject('pgliteTemplates') : null;
  const template = templates && (migrate ? templates.migrated : templates.empty);
  const database = await createDatabase(
    config,
    template ? { pgliteDataDirArchive: new Blob([readFileSync(template)]) } : {},
  );
  if (migrate) await migrateToLatest(database.db);
  return {
    name,
    config,
    database,
    dispose: async () => {
      await database.close();
      await cleanup();
    },
  } satisfies TestDatabase;
}

async function prepare(
  name: TestDatabaseName,
): Promise<{ config: DatabaseConfig; cleanup: () => Promise<void> }> {
  switch (name) {
    case 'sqlite': {
      const dir = mkdtempSync(path.join(tmpdir(), 'staykeep-test-'));
      return {
        config: { kind: 'sqlite', file: path.join(dir, 'test.db') },
        cleanup: async () => rmSync(dir, { recursive: true, force: true }),
      };
    }
    case 'pglite':
      return { config: { kind: 'pglite', dataDir: null }, cleanup: async () => {} };
    case 'postgres': {
      const url = process.env.TEST_DATABASE_URL;
      if (!url) throw new Error('TEST_DATABASE_URL is not set');
      const schema = `test_${randomBytes(6).toString('hex')}`;
      await onServer(url, `create schema ${schema}`);
      return {
        config: { kind: 'postgres', url, schema },
        cleanup: () => onServer(url, `drop schema ${schema} cascade`),
      };
    }
  }
}

/** One statement on the PostgreSQL server at `url`, on a connection of its own. */
export async function onServer(url: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

/**
 * Declares the same tests once per database. `get()` gives the current
 * database inside a test (it is opened in beforeAll).
 */
export function describeEachDatabase(title: string, define: (get: () => TestDatabase) => void): void {
  for (const name of testDatabaseNames) {
    describe(`${title} [${name}]`, () => {
      let current: TestDatabase | undefined;
      beforeAll(async () => {
        current = await openTestDatabase(name);
      });
      afterAll(async () => {
        await current?.dispose();
      });
      define(() => {
        if (!current) throw new Error('the test database is opened in beforeAll');
        return current;
      });
    });
  }
}
