import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';

const CLI = path.resolve(import.meta.dirname, '../../bin/staykeep.js');

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function collect(child: ChildProcess): Promise<Run> {
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk) => {
    stdout += chunk;
  });
  child.stderr?.on('data', (chunk) => {
    stderr += chunk;
  });
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}

function staykeep(args: string[], env: Record<string, string> = {}): ChildProcess {
  return spawn(process.execPath, [CLI, ...args], {
    env: { PATH: process.env.PATH, NODE_ENV: 'test', LOG_LEVEL: 'warn', LOG_FORMAT: 'json', ...env },
  });
}

const run = (args: string[], env: Record<string, string> = {}) => collect(staykeep(args, env));

// Keeps writing to the database from another thread until told to stop, as a
// busy server would.
const WRITE_LOOP = `
const { workerData, parentPort } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file, { timeout: 5000 });
db.pragma('journal_mode = WAL');
db.exec('create table if not exists bookings (id integer primary key, note text not null)');
const insert = db.prepare('insert into bookings (note) values (?)');
const stop = new Int32Array(workerData.stop);
let written = 0;
const deadline = Date.now() + 20000;
while (Atomics.load(stop, 0) === 0 && Date.now() < deadline) {
  db.transaction(() => { for (let i = 0; i < 20; i++) insert.run('stay ' + written++); })();
  if (written === 200) parentPort.postMessage('writing');
}
db.close();
parentPort.postMessage(written);
`;

describe('staykeep command', () => {
  it('prints its help', async () => {
    const result = await run(['--help']);
    expect(result.code).toBe(0);
    for (const command of ['serve', 'migrate', 'backup <file>', 'seed --demo']) {
      expect(result.stdout).toContain(command);
    }
  });

  it('refuses an unknown command with exit code 2', async () => {
    const result = await run(['frobnicate']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Unknown command "frobnicate"');
  });

  it('migrates a new database, then finds it up to date', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'staykeep-cli-'));
    const first = await run(['migrate'], { DATA_DIR: dataDir });
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/applied \d{4}-\d{2}-\d{2}T\d{4}_instance-settings/);
    const second = await run(['migrate'], { DATA_DIR: dataDir });
    expect(second.stdout).toContain('The database is up to date.');
  });

  it('seeds demonstration data, twice without duplicating it', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'staykeep-cli-'));
    expect((await run(['seed', '--demo'], { DATA_DIR: dataDir })).code).toBe(0);
    const again = await run(['seed', '--demo'], { DATA_DIR: dataDir });
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('nothing added');
    const db = new BetterSqlite3(path.join(dataDir, 'staykeep.db'), { readonly: true });
    expect(db.prepare("select value from instance_settings where key = 'name'").all()).toEqual([
      { value: '"Staykeep demo"' },
    ]);
    expect(db.prepare('select code, name from houses order by code').all()).toEqual(
      [1, 2, 3, 4, 5].map((i) => ({ code: `maison-${i}`, name: `Mv${i}` })),
    );
    const stays = db.prepare('select count(*) as n from reservations').get() as { n: number };
    expect(stays.n).toBeGreaterThan(100);
    const blocks = db.prepare('select count(*) as n from blocks').get() as { n: number };
    expect(blocks.n).toBeGreaterThan(0);
    db.close();
  }, 120_000); // two demonstration seeds in a child process: a year of stays, each written with its log

  it('makes the demo account the administrator of a new instance, in the language asked for', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'staykeep-cli-'));
    const result = await run(['seed', '--demo', '--language', 'fr'], { DATA_DIR: dataDir });
    expect(result.stderr).toBe('');
    expect(result.stdout).toContain('the demo account is the instance administrator');
    const db = new BetterSqlite3(path.join(dataDir, 'staykeep.db'), { readonly: true });
    expect(db.prepare('select email, instance_admin, locale from users').all()).toEqual([
      { email: 'demo@staykeep.example', instance_admin: 1, locale: 'fr' },
    ]);
    expect(db.prepare('select locale from organizations').all()).toEqual([{ locale: 'fr' }]);
    expect(db.prepare("select value from instance_settings where key = 'name'").get()).toEqual({
      value: '"Démo Staykeep"',
    });
    // The default checklist, and what the demo writes itself, are in French.
    const categories = db.prepare('select name from checklist_categories order by position').all();
    expect(categories[0]).toEqual({ name: 'Entrée' });
    const round = db.prepare('select description from turnover_round_items limit 1').get() as {
      description: string;
    };
    expect(round.description).toBe('Aérer et balayer l’entrée');
    expect(db.prepare("select note from blocks where kind = 'owner'").all()).toEqual([
      { note: 'Séjour du propriétaire' },
    ]);
    db.close();
  });

  it("follows the terminal's language, and refuses one it does not speak", async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'staykeep-cli-'));
    const french = await run(['seed', '--demo'], { DATA_DIR: dataDir, LANG: 'fr_FR.UTF-8' });
    expect(french.stdout).toContain('(language: fr)');
    const db = new BetterSqlite3(path.join(dataDir, 'staykeep.db'), { readonly: true });
    expect(db.prepare('select name from checklist_categories order by position limit 1').get()).toEqual({
      name: 'Entrée',
    });
    db.close();

    const german = await run(['seed', '--demo', '--language', 'de'], { DATA_DIR: dataDir });
    expect(german.code).toBe(2);
    expect(german.stderr).toContain('--language is fr or en');
  });

  it('leaves the administration of an instance that already has accounts to them', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'staykeep-cli-'));
    const owner = await run(['user:create', '--admin', '--email', 'owner@example.org'], {
      DATA_DIR: dataDir,
      STAYKEEP_PASSWORD: 'une phrase de passe solide',
    });
    expect(owner.code).toBe(0);
    const result = await run(['seed', '--demo', '--language', 'en'], { DATA_DIR: dataDir });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('the demo account does not administer it');
    const db = new BetterSqlite3(path.join(dataDir, 'staykeep.db'), { readonly: true });
    expect(db.prepare('select email, instance_admin from users order by email').all()).toEqual([
      { email: 'demo@staykeep.example', instance_admin: 0 },
      { email: 'owner@example.org', instance_admin: 1 },
    ]);
    // The instance keeps its own name; the demo's organization has its houses and English checklist.
    expect(db.prepare("select value from instance_settings where key = 'name'").get()).toEqual({
      value: '"Staykeep"',
    });
    expect(db.prepare('select name from checklist_categories order by position limit 1').get()).toEqual({
      name: 'Entrance',
    });
    db.close();
  });

  it('backs up the SQLite database while another process keeps writing', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'staykeep-cli-'));
    expect((await run(['migrate'], { DATA_DIR: dataDir })).code).toBe(0);
    const file = path.join(dataDir, 'staykeep.db');
    const stop = new SharedArrayBuffer(4);
    const writer = new Worker(WRITE_LOOP, {
      eval: true,
      workerData: { file, stop, driver: import.meta.resolve('better-sqlite3').replace('file://', '') },
    });
    const written = new Promise<number>((resolve, reject) => {
      writer.on('message', (message) => typeof message === 'number' && resolve(message));
      writer.on('error', reject);
    });
    await new Promise((resolve) => writer.once('message', resolve));

    const target = path.join(dataDir, 'backup.db');
    const backup = await run(['backup', target], { DATA_DIR: dataDir });
    Atomics.store(new Int32Array(stop), 0, 1);
    const total = await written;

    expect(backup.stderr).toBe('');
    expect(backup.code).toBe(0);
    expect(backup.stdout).toContain('integrity check: ok');
    const copy = new BetterSqlite3(target, { readonly: true });
    expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
    const copied = (copy.prepare('select count(*) as n from bookings').get() as { n: number }).n;
    copy.close();
    // A snapshot taken mid-stream: some rows, and whole transactions only.
    expect(copied).toBeGreaterThanOrEqual(200);
    expect(copied).toBeLessThanOrEqual(total);
    expect(copied % 20).toBe(0);
  });

  it('copies the uploaded files beside the backup, and says so', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'staykeep-cli-'));
    expect((await run(['migrate'], { DATA_DIR: dataDir })).code).toBe(0);
    const key = '0b6f4c2e-8d1a-4c3b-9f5e-2a7d6c1b0e93.jpg';
    const shard = path.join(dataDir, 'uploads', key.slice(0, 2));
    mkdirSync(shard, { recursive: true });
    writeFileSync(path.join(shard, key), 'the bytes of a photo');
    // A file still being written is not an upload yet.
    writeFileSync(path.join(shard, `.${key}.0123456789ab.tmp`), 'half of a photo');

    const target = path.join(dataDir, 'backup.db');
    const backup = await run(['backup', target], { DATA_DIR: dataDir });
    expect(backup.stderr).toBe('');
    expect(backup.code).toBe(0);
    expect(backup.stdout).toContain(`Uploaded files copied to ${target}.uploads/ (1 file)`);
    expect(readFileSync(path.join(`${target}.uploads`, key.slice(0, 2), key), 'utf8')).toBe(
      'the bytes of a photo',
    );
    expect(readdirSync(path.join(`${target}.uploads`, key.slice(0, 2)))).toEqual([key]);

    // Without uploads on disk, the database alone is copied, and the output says so.
    const bare = mkdtempSync(path.join(tmpdir(), 'staykeep-cli-'));
    expect((await run(['migrate'], { DATA_DIR: bare })).code).toBe(0);
    const alone = await run(['backup', path.join(bare, 'backup.db')], { DATA_DIR: bare });
    expect(alone.code).toBe(0);
    expect(alone.stdout).toContain('No uploaded files on disk');
    expect(existsSync(path.join(bare, 'backup.db.uploads'))).toBe(false);
  });

  it('refuses to overwrite an existing backup file', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'staykeep-cli-'));
    await run(['migrate'], { DATA_DIR: dataDir });
    const result = await run(['backup', path.join(dataDir, 'staykeep.db')], { DATA_DIR: dataDir });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('already exists');
  });

  it('points to pg_dump when the database is PostgreSQL', async () => {
    const result = await run(['backup', '/tmp/never-written.db'], {
      DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none',
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('pg_dump');
  });

  it('creates an instance administrator from the command line, reading the password from stdin', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'staykeep-cli-'));
    const child = staykeep(
      ['user:create', '--admin', '--email', 'Owner@Example.org', '--name', 'Owner', '--password-stdin'],
      {
        DATA_DIR: dataDir,
      },
    );
    child.stdin?.end('une phrase de passe solide\n');
    const result = await collect(child);
    expect(result.stderr).toBe('');
    expect(result.stdout).toContain('Created instance administrator Owner@Example.org.');
    const db = new BetterSqlite3(path.join(dataDir, 'staykeep.db'), { readonly: true });
    expect(db.prepare('select email, instance_admin, verified from users').all()).toEqual([
      { email: 'owner@example.org', instance_admin: 1, verified: 1 },
    ]);
    expect(db.prepare('select role from memberships').all()).toEqual([{ role: 'admin' }]);
    db.close();

    const weak = await run(['user:create', '--email', 'second@example.org'], {
      DATA_DIR: dataDir,
      STAYKEEP_PASSWORD: 'password',
    });
    expect(weak.code).toBe(1);
    expect(weak.stderr).toContain('is one of the most common passwords');
  });

  it('refuses to serve in production without SECRET_KEY', async () => {
    const result = await run(['serve'], { NODE_ENV: 'production', DATA_DIR: tmpdir() });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('SECRET_KEY is required');
  });

  it('serves, then shuts down cleanly on SIGTERM', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'staykeep-cli-'));
    const server = staykeep(['serve'], {
      DATA_DIR: dataDir,
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
    });
    const finished = collect(server);
    const address = await new Promise<string>((resolve, reject) => {
      let buffer = '';
      server.stdout?.on('data', (chunk) => {
        buffer += chunk;
        const match = buffer.match(/Server listening at (http:\/\/127\.0\.0\.1:\d+)/);
        if (match?.[1]) resolve(match[1]);
      });
      server.on('close', () => reject(new Error(`server exited early: ${buffer}`)));
    });
    expect((await fetch(`${address}/ready`)).status).toBe(200);
    server.kill('SIGTERM');
    const result = await finished;
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('"signal":"SIGTERM"');
    expect(result.stdout).toContain('shutting down');
  });
});
