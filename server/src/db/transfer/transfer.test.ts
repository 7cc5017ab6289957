import { createHash, randomBytes } from 'node:crypto';
import {
  createReadStream,
  createWriteStream,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import tar from 'tar-stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testConfig } from '../../../test/app.ts';
import { onServer, openTestDatabase, type TestDatabase, testDatabaseNames } from '../../../test/databases.ts';
import {
  bearer,
  createHouse,
  createReservation,
  registerUser,
  type TestSession,
} from '../../../test/factories.ts';
import { runCommand } from '../../../test/server-process.ts';
import { fileUpload, jpeg } from '../../../test/upload-files.ts';
import { buildApp } from '../../app.ts';
import { seedDemo } from '../../cli/seed.ts';
import type { Config } from '../../config.ts';
import type { AppInstance } from '../../http/types.ts';
import { columnsOf, dataTables, hasRows, primaryKeyOf, rowPages } from './catalog.ts';
import { exportArchive, importArchive, moveDatabase, tableDigests } from './transfer.ts';

const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');

/** Every file under `directory`, by path, as its SHA-256. */
function filesOf(directory: string): Record<string, string> {
  if (!existsSync(directory)) return {};
  const files: Record<string, string> = {};
  for (const entry of readdirSync(directory, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath, entry.name);
    files[path.relative(directory, file)] = sha256(readFileSync(file));
  }
  return files;
}

function configFor(database: TestDatabase['config'], uploads: string): Config {
  const base = testConfig();
  return testConfig({ database, uploads: { ...base.uploads, storage: 'disk', directory: uploads } });
}

/** Tables with rows, beyond the ones the migrations fill: none in an empty database. */
async function tablesWithRows(target: TestDatabase): Promise<string[]> {
  const found: string[] = [];
  for (const table of await dataTables(target.database.db)) {
    if (
      table !== 'instance_settings' &&
      table !== 'auth_providers' &&
      (await hasRows(target.database.db, table))
    )
      found.push(table);
  }
  return found;
}

/** Each table read in pages of 7 rows gives the rows a single read gives, in the same order. */
async function expectPagedAsWhole(db: TestDatabase['database']['db']): Promise<void> {
  const keyed: string[] = [];
  for (const table of await dataTables(db)) {
    const columns = await columnsOf(db, table);
    if ((await primaryKeyOf(db, table)).length > 1) keyed.push(table);
    const whole: string[] = [];
    for await (const page of rowPages(db, table, columns, 1_000_000))
      whole.push(...page.map((row) => JSON.stringify(row)));
    const paged: string[] = [];
    for await (const page of rowPages(db, table, columns, 7)) {
      expect(page.length).toBeLessThanOrEqual(7);
      paged.push(...page.map((row) => JSON.stringify(row)));
    }
    expect(paged, table).toEqual(whole);
  }
  // Composite keys (a member's organization and user) are paged too.
  expect(keyed.length).toBeGreaterThan(0);
}

const work = mkdtempSync(path.join(tmpdir(), 'staykeep-transfer-'));
let source: TestDatabase;
let sourceUploads: string;
let sourceApp: AppInstance;
let session: TestSession;
let stayId: string;
let archive: string;
let digests: Awaited<ReturnType<typeof tableDigests>>;
const attachmentIds: string[] = [];

/** Signs in on `app` as the source's user, with the password it had before the move. */
async function signIn(app: AppInstance): Promise<{ accessToken: string }> {
  const login = await app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { email: session.email, password: session.password },
  });
  expect(login.statusCode, login.body).toBe(200);
  return { accessToken: login.json().accessToken as string };
}

/** Changes the stay's notes through the API, as of its current version: an audited change. */
async function changeNotes(app: AppInstance, actor: { accessToken: string }, notes: string) {
  const stay = await app.inject({
    method: 'GET',
    url: `/api/v1/reservations/${stayId}`,
    headers: bearer(actor),
  });
  const change = await app.inject({
    method: 'PATCH',
    url: `/api/v1/reservations/${stayId}`,
    headers: { ...bearer(actor), 'if-match': stay.headers.etag as string },
    payload: { notes },
  });
  expect(change.statusCode, change.body).toBe(200);
  return change;
}

/** The transaction named by the stay's latest audit entry. */
async function latestStayTx(db: TestDatabase['database']['db']): Promise<string | null> {
  const entry = await db
    .selectFrom('audit_log')
    .select('tx')
    .where('entity_id', '=', stayId)
    .orderBy('seq', 'desc')
    .executeTakeFirstOrThrow();
  return entry.tx;
}

beforeAll(async () => {
  source = await openTestDatabase('sqlite');
  sourceUploads = path.join(work, 'source-uploads');
  const config = configFor(source.config, sourceUploads);
  // The demo's photos go to the attachment_contents table (its binary column travels as base64).
  await seedDemo(source.database, { ...config, uploads: { ...config.uploads, storage: 'database' } }, 'en');
  sourceApp = await buildApp(config, { database: source.database });
  session = await registerUser(sourceApp);
  const house = await createHouse(sourceApp, session);
  stayId = (await createReservation(sourceApp, session, { houseId: house.id, notes: 'Late arrival' })).id;
  for (const [width, fileName] of [
    [64, 'kitchen.jpg'],
    [96, 'terrace.jpg'],
  ] as const) {
    const body = fileUpload(await jpeg(width, 48), { fileName });
    const response = await sourceApp.inject({
      method: 'POST',
      url: `/api/v1/houses/${house.id}/attachments`,
      headers: { ...bearer(session), ...body.headers },
      payload: body.payload,
    });
    expect(response.statusCode, response.body).toBe(201);
    attachmentIds.push(response.json().id);
  }
  // A job without payload: its JSON `null` is a value, not SQL NULL (the column is NOT NULL).
  await sourceApp.jobs.enqueue(sourceApp.db, 'jobs.prune', null, { runAt: new Date('2099-01-01') });
  digests = await tableDigests(source.database.db);
  archive = path.join(work, 'staykeep.tar');
  await exportArchive(source.database, archive, sourceUploads);
}, 60_000);

afterAll(async () => {
  await sourceApp?.close();
  await source?.dispose();
});

describe('export', () => {
  it('writes every table and uploaded file, with their checksums', () => {
    const listing = readFileSync(archive);
    // The manifest is the last entry; its JSON follows its 512-byte header.
    const start = listing.lastIndexOf('{\n  "format": "staykeep-export"');
    const manifest = JSON.parse(
      listing.subarray(start, listing.indexOf('\n}\n', start) + 2).toString('utf8'),
    );
    expect(manifest.schemaVersion).toMatch(/^\d{4}-\d{2}-\d{2}T\d{4}_/);
    expect(Object.keys(manifest.tables).sort()).toEqual([...digests.keys()].sort());
    for (const [table, digest] of digests) expect(manifest.tables[table].rows, table).toBe(digest.rows);
    expect(manifest.tables.kysely_migration).toBeUndefined();
    expect(manifest.tables.reservations.rows).toBeGreaterThan(50);
    expect(manifest.tables.audit_log.rows).toBeGreaterThan(0);
    expect(manifest.tables.attachment_contents.rows).toBeGreaterThan(0);
    const files = filesOf(sourceUploads);
    expect(Object.keys(files).length).toBeGreaterThanOrEqual(2);
    expect(
      Object.fromEntries(
        Object.entries(manifest.files).map(([name, file]) => [name, (file as { sha256: string }).sha256]),
      ),
    ).toEqual(files);
  });

  it('reads every table in pages along its primary key, each row once', () =>
    expectPagedAsWhole(source.database.db));

  it('refuses a file that exists, and leaves it as it was', async () => {
    const existing = path.join(work, 'existing.tar');
    writeFileSync(existing, 'keep me');
    await expect(exportArchive(source.database, existing, sourceUploads)).rejects.toThrow(
      /already exists; choose a new file name/,
    );
    expect(readFileSync(existing, 'utf8')).toBe('keep me');
    expect(readdirSync(work).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });
});

describe.each(testDatabaseNames)('import into %s', (name) => {
  let target: TestDatabase;
  let targetUploads: string;
  let targetApp: AppInstance | undefined;

  // Imported once, here: the tests below run in any order.
  beforeAll(async () => {
    target = await openTestDatabase(name, { migrate: false });
    targetUploads = path.join(work, `uploads-${name}-${randomBytes(4).toString('hex')}`);
    await importArchive(target.database, archive, targetUploads);
  }, 60_000);
  afterAll(async () => {
    await targetApp?.close();
    await target?.dispose();
  });

  it('moves every row and file unchanged, and the app works on them as before', async () => {
    expect(await tableDigests(target.database.db)).toEqual(digests);
    expect(filesOf(targetUploads)).toEqual(filesOf(sourceUploads));

    targetApp = await buildApp(configFor(target.config, targetUploads), { database: target.database });
    const moved = await signIn(targetApp);
    const read = (app: AppInstance, actor: { accessToken: string }, url: string) =>
      app.inject({ method: 'GET', url, headers: bearer(actor) });
    const stay = await read(targetApp, moved, `/api/v1/reservations/${stayId}`);
    expect(stay.statusCode).toBe(200);
    expect(stay.json()).toEqual((await read(sourceApp, session, `/api/v1/reservations/${stayId}`)).json());
    for (const id of attachmentIds) {
      const content = await read(targetApp, moved, `/api/v1/attachments/${id}/content`);
      expect(content.statusCode).toBe(200);
      expect(sha256(content.rawPayload)).toBe(
        sha256((await read(sourceApp, session, `/api/v1/attachments/${id}/content`)).rawPayload),
      );
    }

    // The audit log recorded none of the import, and records the next change (its counter moved past the import's).
    const before = (await tableDigests(target.database.db)).get('audit_log')?.rows ?? 0;
    expect(before).toBe(digests.get('audit_log')?.rows);
    await changeNotes(targetApp, moved, 'Arrives at ten');
    expect((await tableDigests(target.database.db)).get('audit_log')?.rows).toBe(before + 1);
  });

  it('reads the imported tables in pages along their primary keys, each row once', () =>
    expectPagedAsWhole(target.database.db));

  it('refuses a second import into the now full database, writing nothing', async () => {
    const full = await tableDigests(target.database.db);
    await expect(importArchive(target.database, archive, targetUploads)).rejects.toThrow(
      /The target database is not empty \(\w+ has rows\)/,
    );
    expect(await tableDigests(target.database.db)).toEqual(full);
  });
});

describe.each(testDatabaseNames.filter((name) => name !== 'sqlite'))('back from %s to SQLite', (name) => {
  it('moves every row back, its transaction ids marked as imported so SQLite never reuses them', async () => {
    const middle = await openTestDatabase(name, { migrate: false });
    const back = await openTestDatabase('sqlite', { migrate: false });
    const tag = randomBytes(4).toString('hex');
    const middleUploads = path.join(work, `uploads-${name}-middle-${tag}`);
    const backUploads = path.join(work, `uploads-${name}-back-${tag}`);
    const apps: AppInstance[] = [];
    try {
      await importArchive(middle.database, archive, middleUploads);
      // A change made on PostgreSQL: its audit entry names a PostgreSQL transaction id.
      const onPostgres = await buildApp(configFor(middle.config, middleUploads), {
        database: middle.database,
      });
      apps.push(onPostgres);
      const actor = await signIn(onPostgres);
      const change = await changeNotes(onPostgres, actor, 'Written on PostgreSQL');
      const changeTx = await latestStayTx(middle.database.db);
      expect(changeTx).toMatch(/^\d+$/);

      const second = path.join(work, `from-${name}-${tag}.tar`);
      await exportArchive(middle.database, second, middleUploads);
      await importArchive(back.database, second, backUploads);

      const before = await tableDigests(middle.database.db);
      const after = await tableDigests(back.database.db);
      for (const [table, digest] of before) {
        // Only `tx` changes, in the two tables that have one.
        if (table === 'audit_log' || table === 'notifications')
          expect(after.get(table)?.rows, table).toBe(digest.rows);
        else expect(after.get(table), table).toEqual(digest);
      }
      expect(await latestStayTx(back.database.db)).toBe(`imported:${changeTx}`);
      expect(filesOf(backUploads)).toEqual(filesOf(sourceUploads));

      const onSqlite = await buildApp(configFor(back.config, backUploads), { database: back.database });
      apps.push(onSqlite);
      const read = await onSqlite.inject({
        method: 'GET',
        url: `/api/v1/reservations/${stayId}`,
        headers: bearer(actor),
      });
      expect(read.statusCode).toBe(200);
      expect(read.json()).toEqual(change.json());
    } finally {
      for (const app of apps) await app.close();
      await middle.dispose();
      await back.dispose();
    }
  }, 60_000);
});

describe('import of a damaged archive', () => {
  /** The archive with one byte changed at the first place `marker` is found. */
  function tampered(marker: string | Buffer): string {
    const bytes = Buffer.from(readFileSync(archive));
    const at = bytes.indexOf(marker);
    expect(at).toBeGreaterThan(0);
    bytes[at] = (bytes[at] as number) ^ 0x01;
    const file = path.join(work, `tampered-${randomBytes(4).toString('hex')}.tar`);
    writeFileSync(file, bytes);
    return file;
  }

  it.each([
    ['a row of a table', '"guest_name":"'],
    // A JPEG's first bytes: raw only in a `files/` entry (the tables hold bytes as base64).
    ['an uploaded file', Buffer.from([0xff, 0xd8, 0xff])],
  ])('refuses one with %s changed, writing nothing', async (_what, marker) => {
    const target = await openTestDatabase('sqlite', { migrate: false });
    const uploads = path.join(work, `uploads-damaged-${randomBytes(4).toString('hex')}`);
    try {
      await expect(importArchive(target.database, tampered(marker), uploads)).rejects.toThrow(
        /The archive is damaged: .* does not match its checksum\. Nothing was written\./,
      );
      expect(await dataTables(target.database.db)).toEqual([]);
      expect(existsSync(uploads)).toBe(false);
    } finally {
      await target.dispose();
    }
  });

  it('refuses one of a schema this release does not know, writing nothing', async () => {
    // The archive as a newer release would write it: its manifest names a migration to come.
    const entries: { header: tar.Header; data: Buffer }[] = [];
    const extract = tar.extract();
    createReadStream(archive).pipe(extract);
    for await (const entry of extract) {
      const chunks: Buffer[] = [];
      for await (const chunk of entry as AsyncIterable<Buffer>) chunks.push(chunk);
      entries.push({ header: entry.header, data: Buffer.concat(chunks) });
    }
    const pack = tar.pack();
    const file = path.join(work, 'newer.tar');
    const output = createWriteStream(file);
    const writing = new Promise<void>((resolve) => output.on('close', () => resolve()));
    pack.pipe(output);
    for (const { header, data } of entries) {
      const manifest = header.name === 'manifest.json' ? JSON.parse(data.toString('utf8')) : null;
      if (manifest) manifest.schemaVersion = '2999-01-01T0000_from-the-future';
      pack.entry({ name: header.name }, manifest ? JSON.stringify(manifest) : data);
    }
    pack.finalize();
    await writing;

    // A migrated, empty target: the refusal leaves its tables without rows.
    const target = await openTestDatabase('sqlite');
    try {
      await expect(importArchive(target.database, file, path.join(work, 'uploads-newer'))).rejects.toThrow(
        /schema version 2999-01-01T0000_from-the-future is unknown to this release/,
      );
      expect(await tablesWithRows(target)).toEqual([]);
      expect(existsSync(path.join(work, 'uploads-newer'))).toBe(false);
    } finally {
      await target.dispose();
    }
  });
});

describe.runIf(process.env.TEST_DATABASE_URL)('migrate --to a PostgreSQL server', () => {
  const url = process.env.TEST_DATABASE_URL as string;
  const schema = `test_move_${randomBytes(6).toString('hex')}`;
  beforeAll(() => onServer(url, `create schema ${schema}`));
  afterAll(() => onServer(url, `drop schema ${schema} cascade`));

  it('moves the SQLite install and checks every table on both sides', async () => {
    const result = await moveDatabase(source.database, { kind: 'postgres', url, schema }, sourceUploads);
    expect(result.tables.map((table) => [table.name, table.rows])).toEqual(
      [...digests].map(([table, digest]) => [table, digest.rows]),
    );
    expect(result.files).toBe(Object.keys(filesOf(sourceUploads)).length);
  });
});

describe('staykeep export and import', () => {
  it('say what they wrote, and refuse in one line with a non-zero exit', async () => {
    const dataDir = path.join(work, 'cli-target');
    const imported = await runCommand(['import', archive], { DATA_DIR: dataDir });
    expect(imported.stderr).toBe('');
    expect(imported.code).toBe(0);
    expect(imported.stdout).toMatch(/^Imported \d+ rows of \d+ tables and \d+ files \(schema .+\)\.\n$/);
    const again = await runCommand(['import', archive], { DATA_DIR: dataDir });
    expect(again.code).toBe(1);
    expect(again.stderr.trim().split('\n')).toHaveLength(1);
    expect(again.stderr).toContain('The target database is not empty');

    const file = path.join(work, 'cli-export.tar');
    const exported = await runCommand(['export', file], { DATA_DIR: dataDir });
    expect(exported.code).toBe(0);
    expect(exported.stdout).toContain(`to ${file}`);
    const size = statSync(file).size;
    const refused = await runCommand(['export', file], { DATA_DIR: dataDir });
    expect(refused.code).toBe(1);
    expect(refused.stderr.trim()).toBe(`${file} already exists; choose a new file name.`);
    expect(statSync(file).size).toBe(size);
  }, 30_000);
});
