import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Kysely } from 'kysely';
import { describe, expect, it } from 'vitest';
import { FIXTURES_DIR, MILESTONES, type SchemaFixture } from '../../scripts/schema-fixture.ts';
import { testConfig } from '../../test/app.ts';
import { openTestDatabase, testDatabaseNames } from '../../test/databases.ts';
import { buildApp } from '../app.ts';
import { migrateTo, migrateToLatest } from './migrate.ts';

const fixtures = readdirSync(FIXTURES_DIR)
  .filter((file) => file.endsWith('.json'))
  .sort()
  .map((file) => JSON.parse(readFileSync(path.join(FIXTURES_DIR, file), 'utf8')) as SchemaFixture);

/** Tables that migrations or a starting server add rows to; every other table keeps its count exactly. */
const GROWING = new Set([
  'jobs',
  'turnover_rounds',
  'turnover_round_items',
  'audit_log',
  'instance_settings',
]);

it('keeps a fixture of every milestone', () => {
  expect(fixtures.map((fixture) => fixture.version)).toEqual(MILESTONES);
});

/**
 * Every fixture on SQLite; on PGlite and the PostgreSQL server the oldest and
 * the newest, unless FIXTURES_FULL=1 (each takes seconds: a migration from
 * scratch, the fixture's rows, the rest of the migrations, an app).
 */
const sampled = (name: string) =>
  name === 'sqlite' || process.env.FIXTURES_FULL === '1'
    ? fixtures
    : fixtures.filter((_, at) => at === 0 || at === fixtures.length - 1);

for (const name of testDatabaseNames) {
  describe(`a database saved at an earlier schema migrates to the current one [${name}]`, () => {
    for (const fixture of sampled(name)) {
      it(`from ${fixture.version}`, async () => {
        const test = await openTestDatabase(name, { migrate: false });
        try {
          // biome-ignore lint/suspicious/noExplicitAny: the rows are of an older schema than Tables.
          const db = test.database.db as unknown as Kysely<any>;
          await migrateTo(db, fixture.version);
          // What the migrations themselves wrote is in the fixture too: the database is its rows only.
          for (const table of [...fixture.tables].reverse()) await db.deleteFrom(table.name).execute();
          for (const table of fixture.tables) {
            for (let start = 0; start < table.rows.length; start += 100) {
              const rows = table.rows
                .slice(start, start + 100)
                .map((row) => Object.fromEntries(table.columns.map((column, i) => [column, row[i]])));
              await db.insertInto(table.name).values(rows).execute();
            }
          }
          await migrateToLatest(db);

          const existing = new Set((await db.introspection.getTables()).map((table) => table.name));
          for (const table of fixture.tables) {
            if (!existing.has(table.name)) continue;
            const { n } = await db
              .selectFrom(table.name)
              .select((eb) => eb.fn.countAll().as('n'))
              .executeTakeFirstOrThrow();
            const expected = table.rows.length;
            if (GROWING.has(table.name)) expect(Number(n), table.name).toBeGreaterThanOrEqual(expected);
            else expect(Number(n), table.name).toBe(expected);
          }

          // The current code reads the old data: a login, the stays, a stay's money.
          const app = await buildApp(testConfig({ database: test.config }), { database: test.database });
          try {
            const login = await app.inject({
              method: 'POST',
              url: '/api/v1/auth/login',
              payload: fixture.login,
            });
            expect(login.statusCode, login.body).toBe(200);
            const headers = { authorization: `Bearer ${login.json().accessToken}` };
            const list = await app.inject({ method: 'GET', url: '/api/v1/reservations?limit=200', headers });
            expect(list.statusCode, list.body).toBe(200);
            expect(list.json().items).toHaveLength(fixture.expected.reservations);
            const { id, ...money } = fixture.expected.stay;
            const stay = await app.inject({ method: 'GET', url: `/api/v1/reservations/${id}`, headers });
            expect(stay.statusCode, stay.body).toBe(200);
            expect(stay.json()).toMatchObject({ id, ...money });
          } finally {
            await app.close();
          }
        } finally {
          await test.dispose();
        }
      });
    }
  });
}
