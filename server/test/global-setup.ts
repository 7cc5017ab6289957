import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, PGliteDialect } from 'kysely';
import type { TestProject } from 'vitest/node';
import { migrateToLatest } from '../src/db/migrate.ts';
import type { Tables } from '../src/db/tables.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** PGlite data folders, dumped once for the whole run: a new cluster, and one migrated to the latest schema. */
    pgliteTemplates: { empty: string; migrated: string } | null;
  }
}

/**
 * Starting PGlite runs initdb, about 3 s on this project's machines, and the
 * suite opens a PGlite database for every describe block: each starts from
 * these dumps instead (0.5 s).
 */
export default async function setup(project: TestProject): Promise<() => void> {
  const chosen = process.env.TEST_DATABASES?.split(',').map((name) => name.trim());
  if (chosen && !chosen.includes('pglite')) {
    project.provide('pgliteTemplates', null);
    return () => {};
  }
  const dir = mkdtempSync(path.join(tmpdir(), 'staykeep-pglite-templates-'));
  const pglite = await PGlite.create();
  const empty = path.join(dir, 'empty.tar');
  writeFileSync(empty, Buffer.from(await (await pglite.dumpDataDir('none')).arrayBuffer()));
  const db = new Kysely<Tables>({ dialect: new PGliteDialect({ pglite }) });
  await migrateToLatest(db);
  const migrated = path.join(dir, 'migrated.tar');
  writeFileSync(migrated, Buffer.from(await (await pglite.dumpDataDir('none')).arrayBuffer()));
  await db.destroy();
  project.provide('pgliteTemplates', { empty, migrated });
  return () => rmSync(dir, { recursive: true, force: true });
}
