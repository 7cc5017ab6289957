/**
 * Writes server/test/fixtures/schemas/<migration>.json: a small database at
 * the schema of each milestone that landed, for the test that migrates old
 * databases to the current schema (server/src/db/schema-fixtures.test.ts).
 *
 *   node server/scripts/schema-fixture.ts            # every milestone missing a fixture
 *   node server/scripts/schema-fixture.ts <migration> # that one, again
 *
 * Run once per milestone, when the next one lands: a fixture is the data as
 * that release left it and must not change afterwards. The data is made
 * through the API of the release at hand (the only one there is), on SQLite,
 * then the schema is taken back down to the milestone's migration by the
 * migrations' own `down`, and the rows that are left are written out as
 * JSON: typed values that SQLite and PostgreSQL both take as bound
 * parameters (an SQL dump would need literals each database reads its own
 * way, booleans and blobs above all).
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { createDatabase } from '../src/db/database.ts';
import { migrateTo } from '../src/db/migrate.ts';
import type { AppInstance } from '../src/http/types.ts';

/** The last migration of each milestone that landed; the current schema needs no fixture. */
export const MILESTONES = [
  '2026-11-22T1800_reservations', // accounts, houses, stays without double booking
  '2026-11-29T2330_round-items-order-index', // housekeeping checklists
  '2026-12-02T1700_calendar-versions', // stay lifecycle, opening rounds, module boundaries
  '2026-12-03T0900_channels', // jobs and channel sync
  '2026-12-03T1100_maintenance', // work orders and attachments
  '2026-12-03T1400_finance', // ledger, payments, tourist tax
  '2026-12-03T1800_owner-statements', // analytics and owner statements
];

export const FIXTURES_DIR = path.resolve(import.meta.dirname, '../test/fixtures/schemas');

export interface SchemaFixture {
  /** The last migration applied when the rows were written. */
  version: string;
  /** Who can log in, and what the API must still say of one stay once migrated. */
  login: { email: string; password: string };
  expected: {
    reservations: number;
    stay: { id: string; guestName: string; totalPrice: string; advancePaid: string; balanceDue: string };
  };
  /** Every table (the database is these rows and no others), parents before children, each row's values in `columns` order. */
  tables: { name: string; columns: string[]; rows: unknown[][] }[];
}

const LOGIN = { email: 'fixture@example.org', password: 'an old schema, kept' };

async function call(app: AppInstance, token: string, method: 'POST' | 'PUT', url: string, payload: object) {
  const response = await app.inject({ method, url, headers: { authorization: `Bearer ${token}` }, payload });
  if (response.statusCode >= 300)
    throw new Error(`${method} ${url}: ${response.statusCode} ${response.body}`);
  return response.json();
}

/** A little of everything a user makes, through the API. */
async function fill(app: AppInstance): Promise<SchemaFixture['expected']> {
  const registered = await app.inject({
    method: 'POST',
    url: '/api/v1/auth/register',
    payload: { ...LOGIN, name: 'Fixture Owner', organizationName: 'Old Schema Rentals' },
  });
  const token = String(registered.json().accessToken);
  const site = await call(app, token, 'POST', '/api/v1/sites', { name: 'Seaside' });
  const villa = await call(app, token, 'POST', '/api/v1/houses', {
    code: 'villa',
    name: 'Villa Mar',
    type: 'villa',
    maxGuests: 6,
    nightlyPrice: '150.00',
    siteId: site.id,
  });
  const studio = await call(app, token, 'POST', '/api/v1/houses', {
    code: 'studio',
    name: 'Studio Sol',
    type: 'apartment',
    maxGuests: 2,
    nightlyPrice: '70.00',
  });
  const guest = await call(app, token, 'POST', '/api/v1/guests', {
    name: 'Ada Lovelace',
    email: 'ada@example.org',
    phone: '+33 6 12 34 56 78',
  });
  const stay = await call(app, token, 'POST', '/api/v1/reservations', {
    houseId: villa.id,
    guestId: guest.id,
    checkIn: '2041-07-01',
    checkOut: '2041-07-08',
    guests: 4,
    totalPrice: '1000.00',
    advancePaid: '300.00',
    notes: 'Late arrival; keys in the box',
  });
  await call(app, token, 'POST', '/api/v1/reservations', {
    houseId: studio.id,
    guestName: 'Grace Hopper',
    checkIn: '2041-07-03',
    checkOut: '2041-07-05',
    guests: 1,
  });
  const cancelled = await call(app, token, 'POST', '/api/v1/reservations', {
    houseId: studio.id,
    guestName: 'Alan Turing',
    checkIn: '2041-08-10',
    checkOut: '2041-08-12',
    guests: 2,
  });
  const cancel = await app.inject({
    method: 'PATCH',
    url: `/api/v1/reservations/${cancelled.id}`,
    headers: { authorization: `Bearer ${token}`, 'if-match': `"${cancelled.version}"` },
    payload: { status: 'cancelled', cancellationReason: 'Plans changed' },
  });
  if (cancel.statusCode !== 200) throw new Error(`cancel: ${cancel.statusCode} ${cancel.body}`);
  await call(app, token, 'POST', '/api/v1/blocks', {
    houseId: villa.id,
    start: '2041-09-01',
    end: '2041-09-05',
    kind: 'owner',
    note: 'The owners come',
  });
  // A new house opens its opening round: tick one item of it.
  const checklist = (
    await app.inject({
      method: 'GET',
      url: `/api/v1/houses/${studio.id}/checklist`,
      headers: { authorization: `Bearer ${token}` },
    })
  ).json() as { categories: { items: { id: string }[] }[] };
  const item = checklist.categories[0]?.items[0];
  if (item)
    await call(app, token, 'PUT', `/api/v1/houses/${studio.id}/checklist/items/${item.id}`, {
      completed: true,
    });
  await call(app, token, 'POST', '/api/v1/maintenance/issues', {
    houseId: studio.id,
    type: 'plumbing',
    title: 'Leaking tap in the kitchen',
  });
  await call(app, token, 'POST', '/api/v1/ledger', {
    date: '2041-07-02',
    type: 'expense',
    category: 'supplies',
    description: 'Soap and sponges',
    amount: '12.50',
    houseId: villa.id,
  });
  await call(app, token, 'POST', `/api/v1/reservations/${stay.id}/payments`, {
    date: '2041-07-08',
    amount: '200.00',
    kind: 'balance',
    method: 'card',
  });
  await call(app, token, 'POST', `/api/v1/houses/${villa.id}/owner-contracts`, {
    effectiveFrom: '2041-06',
    accommodationRate: '20',
    incomeRate: 0,
  });
  const read = (
    await app.inject({
      method: 'GET',
      url: `/api/v1/reservations/${stay.id}`,
      headers: { authorization: `Bearer ${token}` },
    })
  ).json();
  return {
    reservations: 3,
    stay: {
      id: stay.id,
      guestName: read.guestName,
      totalPrice: read.totalPrice,
      advancePaid: read.advancePaid,
      balanceDue: read.balanceDue,
    },
  };
}

/** The rows of every table but the migrator's, parents first (rowid order within a table keeps a parent before its child). */
function dump(file: string): SchemaFixture['tables'] {
  const db = new BetterSqlite3(file, { readonly: true });
  try {
    const names = db
      .prepare(
        "select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like 'kysely_%' order by name",
      )
      .pluck()
      .all() as string[];
    const parents = new Map(
      names.map((name) => [
        name,
        (db.prepare(`pragma foreign_key_list(${name})`).all() as { table: string }[])
          .map((key) => key.table)
          .filter((table) => table !== name),
      ]),
    );
    const ordered: string[] = [];
    const visit = (name: string, trail: string[]) => {
      if (ordered.includes(name)) return;
      if (trail.includes(name)) throw new Error(`foreign keys go round: ${[...trail, name].join(' → ')}`);
      for (const parent of parents.get(name) ?? []) visit(parent, [...trail, name]);
      ordered.push(name);
    };
    for (const name of names) visit(name, []);
    return ordered.map((name) => {
      const columns = db.prepare(`pragma table_info(${name})`).all() as {
        name: string;
        type: string;
        pk: number;
      }[];
      // A WITHOUT ROWID table has none: its primary key orders it instead.
      const withoutRowid =
        db.prepare('select wr from pragma_table_list where name = ?').pluck().get(name) === 1;
      const order = withoutRowid
        ? columns
            .filter((column) => column.pk > 0)
            .sort((a, b) => a.pk - b.pk)
            .map((column) => `"${column.name}"`)
            .join(', ')
        : 'rowid';
      const statement = db.prepare(`select * from ${name} order by ${order}`).raw(true);
      const rows = (statement.all() as unknown[][]).map((row) =>
        row.map((value, i) => {
          if (Buffer.isBuffer(value)) throw new Error(`${name} holds binary data: keep it out of fixtures`);
          // SQLite keeps booleans as 0/1; PostgreSQL wants true/false.
          return columns[i]?.type.toLowerCase() === 'boolean' && value !== null ? value === 1 : value;
        }),
      );
      return { name, columns: columns.map((column) => column.name), rows };
    });
  } finally {
    db.close();
  }
}

/** JSON with one line per row, so that a fixture reads (and diffs) table by table. */
function serialize(fixture: SchemaFixture): string {
  const tables = fixture.tables.map(
    (table) =>
      `  {\n   "name": ${JSON.stringify(table.name)},\n   "columns": ${JSON.stringify(table.columns)},\n   "rows": ` +
      (table.rows.length === 0
        ? '[]'
        : `[\n${table.rows.map((row) => `    ${JSON.stringify(row)}`).join(',\n')}\n   ]`) +
      '\n  }',
  );
  const head = JSON.stringify(
    { version: fixture.version, login: fixture.login, expected: fixture.expected },
    null,
    1,
  );
  return `${head.slice(0, -2)},\n "tables": [\n${tables.join(',\n')}\n ]\n}\n`;
}

async function write(version: string): Promise<string> {
  const dir = mkdtempSync(path.join(tmpdir(), 'staykeep-fixture-'));
  try {
    const file = path.join(dir, 'fixture.db');
    const config = loadConfig({
      NODE_ENV: 'test',
      DATA_DIR: dir,
      LOG_LEVEL: 'silent',
      SECRET_KEY: 'schema-fixture-secret-key-0123456789abcdef',
      JOBS_POLL_INTERVAL_MS: '600000',
    });
    const app = await buildApp({ ...config, database: { kind: 'sqlite', file } });
    let expected: SchemaFixture['expected'];
    try {
      expected = await fill(app);
    } finally {
      await app.close();
    }
    const database = await createDatabase({ kind: 'sqlite', file });
    try {
      await migrateTo(database.db, version);
    } finally {
      await database.close();
    }
    const tables = dump(file);
    // What the release of that schema showed: the stay's money as its row holds it.
    const reservations = tables.find((table) => table.name === 'reservations');
    const row = reservations?.rows.find(
      (values) => values[reservations.columns.indexOf('id')] === expected.stay.id,
    );
    if (!reservations || !row) throw new Error('the stay is not in the fixture');
    const cents = (column: string) => Number(row[reservations.columns.indexOf(column)]);
    const money = (value: number) => (value / 100).toFixed(2);
    expected.stay.totalPrice = money(cents('total_cents'));
    expected.stay.advancePaid = money(cents('advance_cents'));
    expected.stay.balanceDue = money(cents('total_cents') - cents('advance_cents'));
    const fixture: SchemaFixture = { version, login: LOGIN, expected, tables };
    const target = path.join(FIXTURES_DIR, `${version}.json`);
    writeFileSync(target, serialize(fixture));
    return target;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.main) {
  mkdirSync(FIXTURES_DIR, { recursive: true });
  const asked = process.argv.slice(2);
  const versions =
    asked.length > 0 ? asked : MILESTONES.filter((v) => !existsSync(path.join(FIXTURES_DIR, `${v}.json`)));
  for (const version of versions) console.log(`wrote ${await write(version)}`);
}
