import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testConfig } from '../../test/app.ts';
import { callServer, type ServerProcess, startServerProcess } from '../../test/server-process.ts';
import { buildApp } from '../app.ts';
import type { DatabaseConfig } from '../config.ts';
import type { AppInstance } from '../http/types.ts';
import { createDatabase } from './database.ts';
import { migrateToLatest } from './migrate.ts';

const url = process.env.TEST_DATABASE_URL;

/** DATABASE_URL with a search_path, the way `npm run bench -- --database-url` starts its server. */
function withSearchPath(searchPath: string): string {
  const address = new URL(url ?? '');
  address.searchParams.set('options', `-c search_path=${searchPath}`);
  return address.href;
}

async function onServer<Row>(statement: string, values: unknown[] = []): Promise<Row[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(statement, values)).rows as Row[];
  } finally {
    await client.end();
  }
}

// Only a PostgreSQL server has schemas to share a database with: SQLite and
// PGlite give each install a database of its own.
describe.skipIf(!url)('installs in PostgreSQL schemas of their own, in one database', () => {
  const suffix = randomBytes(4).toString('hex');
  const schemas = { first: `first_${suffix}`, second: `second_${suffix}`, third: `third_${suffix}` };
  const apps: AppInstance[] = [];
  const servers: ServerProcess[] = [];

  async function inProcess(database: DatabaseConfig): Promise<string> {
    const app = await buildApp(testConfig({ database }));
    apps.push(app);
    await app.listen({ host: '127.0.0.1', port: 0 });
    const address = app.server.address();
    return `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  }

  /** A `staykeep serve` process, stopped after the tests like the apps. */
  async function inChildProcess(env: Record<string, string>): Promise<string> {
    const server = await startServerProcess(env);
    servers.push(server);
    return server.baseUrl;
  }

  beforeAll(async () => {
    for (const schema of Object.values(schemas)) await onServer(`create schema ${schema}`);
  });

  afterAll(async () => {
    await Promise.all(servers.map((server) => server.stop()));
    await Promise.all(apps.map((app) => app.close()));
    for (const schema of Object.values(schemas)) await onServer(`drop schema if exists ${schema} cascade`);
  });

  it('migrates and serves each install in its own schema, migration tables included', async () => {
    if (!url) return;
    const installs = {
      // The configuration's own schema, as the tests and the bench's in-process side use.
      first: await inProcess({ kind: 'postgres', url, schema: schemas.first }),
      // A search_path naming only its schema, while the first install's
      // migration tables exist elsewhere in the database.
      second: await inChildProcess({ DATABASE_URL: withSearchPath(schemas.second), DATA_DIR: '/tmp' }),
      // A search_path that falls back on the first install's schema, as
      // `search_path=mine, public` does beside an install in public.
      third: await inProcess({ kind: 'postgres', url: withSearchPath(`${schemas.third},${schemas.first}`) }),
    };

    // The same person registers on each: the first account of each install is
    // its administrator, and each install has its own house of the same code.
    for (const [name, base] of Object.entries(installs)) {
      const registered = await callServer(base, '/api/v1/auth/register', {
        body: { email: 'owner@example.org', password: 'a schema of my own', name },
      });
      expect(registered.status, `register on ${name}`).toBe(201);
      const token = String(registered.body.accessToken);
      expect((registered.body.user as { instanceAdmin: boolean }).instanceAdmin).toBe(true);
      const house = await callServer(base, '/api/v1/houses', {
        token,
        body: { code: 'villa', name: `Villa of ${name}`, type: 'villa', maxGuests: 4 },
      });
      expect(house.status, `house on ${name}`).toBe(201);
    }
    for (const [name, base] of Object.entries(installs)) {
      const login = await callServer(base, '/api/v1/auth/login', {
        body: { email: 'owner@example.org', password: 'a schema of my own' },
      });
      const houses = await callServer(base, '/api/v1/houses', { token: String(login.body.accessToken) });
      expect((houses.body.items as { name: string }[]).map((house) => house.name)).toEqual([
        `Villa of ${name}`,
      ]);
    }

    // Every table, migration bookkeeping included, lives in each install's schema.
    const tables = await onServer<{ schema: string; tables: string[] }>(
      `select table_schema as schema, array_agg(table_name::text order by table_name) as tables
         from information_schema.tables where table_schema = any($1) group by table_schema`,
      [Object.values(schemas)],
    );
    const bySchema = Object.fromEntries(tables.map((row) => [row.schema, row.tables]));
    const firstTables = bySchema[schemas.first] ?? [];
    expect(firstTables).toEqual(
      expect.arrayContaining(['kysely_migration', 'kysely_migration_lock', 'users']),
    );
    expect(bySchema[schemas.second]).toEqual(firstTables);
    expect(bySchema[schemas.third]).toEqual(firstTables);
  });

  it('migrates while other schemas of the database are created and dropped', async () => {
    // Kysely's own introspector read every schema's tables, and failed on one dropped meanwhile
    // ("schema … does not exist"): a test file finishing beside another one's migrations.
    let churning = true;
    const churn = (async () => {
      for (let round = 0; churning; round++) {
        const other = `churn_${suffix}_${round}`;
        await onServer(`create schema ${other}; create table ${other}.t (a int, b text, c date)`);
        await onServer(`drop schema ${other} cascade`);
      }
    })();
    try {
      for (let round = 0; round < 8; round++) {
        const schema = `fourth_${suffix}_${round}`;
        await onServer(`create schema ${schema}`);
        const database = await createDatabase({ kind: 'postgres', url: url as string, schema });
        try {
          await migrateToLatest(database.db);
          await migrateToLatest(database.db);
        } finally {
          await database.close();
          await onServer(`drop schema ${schema} cascade`);
        }
      }
    } finally {
      churning = false;
      await churn;
    }
  }, 120_000);

  it('names the search_path when none of its schemas exists', async () => {
    const database = await createDatabase({ kind: 'postgres', url: withSearchPath(`missing_${suffix}`) });
    try {
      await expect(migrateToLatest(database.db)).rejects.toThrow(
        `No schema to create tables in: no schema of the search_path (missing_${suffix}) exists`,
      );
    } finally {
      await database.close();
    }
  });
});
