import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import Sqlite from 'better-sqlite3';
import pg from 'pg';
import type { DatabaseConfig } from '../server/src/config.ts';
import { generateData } from './data.ts';
import { scenarios } from './scenarios/index.ts';
import type { BenchContext, Scenario } from './scenarios/types.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
const WARMUP_SECONDS = 2;
/** One key for the whole run: tokens must outlive the server's restart. */
const SECRET_KEY = randomBytes(32).toString('base64url');

const { values } = parseArgs({
  options: {
    duration: { type: 'string', default: '10' },
    rounds: { type: 'string', default: '1' },
    connections: { type: 'string', default: '20' },
    only: { type: 'string' },
    label: { type: 'string', default: 'run' },
    'database-url': { type: 'string' },
    'sqlite-sync': { type: 'string', default: 'full' },
    audit: { type: 'string', default: 'on' },
    keep: { type: 'boolean', default: false },
    'move-to': { type: 'string' },
  },
});
/** A bad option stops the run with one line, before any server starts. */
function refuse(message: string): never {
  console.error(`bench: ${message}`);
  process.exit(2);
}
if (!['full', 'normal'].includes(values['sqlite-sync'])) {
  refuse("--sqlite-sync is full or normal (the server's SQLITE_SYNC)");
}
if (!['on', 'off'].includes(values.audit)) {
  refuse('--audit is on or off (off drops the audit triggers once the server is ready)');
}
if (values['move-to'] && values['database-url']) {
  refuse('--move-to moves the SQLite data set: leave --database-url out');
}
/** A whole number of at least 1. */
function count(option: 'duration' | 'rounds' | 'connections'): number {
  const text = values[option];
  const value = Number(text);
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(value) || value < 1) {
    refuse(`--${option} is a whole number, 1 or more (got "${text}")`);
  }
  return value;
}
const duration = count('duration');
const rounds = count('rounds');
const connections = count('connections');
const only = values.only ? new Set(values.only.split(',').map((name) => name.trim())) : null;
// Ratios need the ceiling of the same run: health always runs.
const selected = scenarios.filter(
  (scenario) => scenario.name === 'health' || !only || only.has(scenario.name),
);

interface Measure {
  scenario: Scenario;
  requestsPerSecond: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
  /** Requests per second of each round, when there are several. */
  rounds: number[];
}

function median(numbers: number[]): number {
  const sorted = [...numbers].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

/** One scenario's rounds as one measure: the median of each figure, the sum of the surprises. */
function combine(scenario: Scenario, results: autocannon.Result[]): Measure {
  return {
    scenario,
    requestsPerSecond: median(results.map((result) => result.requests.average)),
    p50: median(results.map((result) => result.latency.p50)),
    p99: median(results.map((result) => result.latency.p99)),
    non2xx: results.reduce((sum, result) => sum + unexpected(result, scenario), 0),
    errors: results.reduce((sum, result) => sum + result.errors + result.timeouts, 0),
    rounds: results.map((result) => result.requests.average),
  };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject()));
    });
  });
}

async function startServer(
  dataDir: string,
  port: number,
  databaseUrl: string | undefined,
): Promise<{ child: ChildProcess; baseUrl: string }> {
  let output = '';
  const child = spawn(process.execPath, [path.join(ROOT, 'server/bin/staykeep.js'), 'serve'], {
    env: {
      PATH: process.env.PATH,
      NODE_ENV: 'production',
      SECRET_KEY,
      DATA_DIR: dataDir,
      ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
      SQLITE_SYNC: values['sqlite-sync'],
      // One token for the whole run.
      ACCESS_TOKEN_TTL_SECONDS: '86400',
      HOST: '127.0.0.1',
      PORT: String(port),
      LOG_LEVEL: 'warn',
      LOG_FORMAT: 'json',
      ...(process.env.BENCH_NODE_OPTIONS ? { NODE_OPTIONS: process.env.BENCH_NODE_OPTIONS } : {}),
    },
  });
  child.stdout?.on('data', (chunk) => {
    output += chunk;
  });
  child.stderr?.on('data', (chunk) => {
    output += chunk;
  });
  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the server exited (${child.exitCode}):\n${output}`);
    try {
      if ((await fetch(`${baseUrl}/ready`)).ok) return { child, baseUrl };
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  child.kill('SIGKILL');
  throw new Error(`the server was not ready within 60 s:\n${output}`);
}

async function load(context: BenchContext, scenario: Scenario, seconds: number): Promise<autocannon.Result> {
  const requests = scenario.requests(context).map((request) => ({
    method: request.method ?? 'GET',
    path: request.path,
    headers: {
      ...(request.body || request.next ? { 'content-type': 'application/json' } : {}),
      ...request.headers,
    },
    body: request.body,
    // A request that must differ every time (a new stay) is built just before it is sent.
    ...(request.next
      ? {
          setupRequest: (built: autocannon.Request) => {
            const { path: nextPath, body } = request.next?.() ?? { path: request.path };
            return { ...built, path: nextPath, body };
          },
        }
      : {}),
  }));
  return autocannon({ url: context.baseUrl, connections, duration: seconds, requests });
}

/** Answers other than the scenario expects (2xx by default). */
function unexpected(result: autocannon.Result, scenario: Scenario): number {
  const stats = (result.statusCodeStats ?? {}) as Record<string, { count: number }>;
  return Object.entries(stats)
    .filter(([code]) =>
      scenario.expectStatus ? Number(code) !== scenario.expectStatus : !code.startsWith('2'),
    )
    .reduce((sum, [, stat]) => sum + stat.count, 0);
}

/** A fresh schema on the PostgreSQL server, so a run never sees another's rows. */
async function postgresSchema(
  url: string,
): Promise<{ config: DatabaseConfig; serverUrl: string; drop(): Promise<void> }> {
  const schema = `bench_${randomBytes(4).toString('hex')}`;
  const run = async (statement: string) => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await client.query(statement);
    } finally {
      await client.end();
    }
  };
  await run(`create schema ${schema}`);
  const serverUrl = new URL(url);
  serverUrl.searchParams.set('options', `-c search_path=${schema}`);
  return {
    config: { kind: 'postgres', url, schema },
    serverUrl: serverUrl.href,
    drop: () => run(`drop schema ${schema} cascade`),
  };
}

/**
 * The audit log's triggers (`audit_*`), counted, or dropped with `--audit
 * off`: through a connection of our own, once the server has installed them
 * at start (it checks them only then), so the same code runs with and without
 * the log. The server still hands the change context to PostgreSQL (one
 * `set_config` per write transaction): only the triggers' work goes.
 */
async function auditTriggers(database: DatabaseConfig, drop: boolean): Promise<number> {
  if (database.kind === 'sqlite') {
    const sqlite = new Sqlite(database.file, { timeout: 10_000 });
    try {
      const triggers = sqlite
        .prepare<[], { name: string }>(
          "select name from sqlite_schema where type = 'trigger' and name glob 'audit_*'",
        )
        .all();
      if (drop) for (const { name } of triggers) sqlite.exec(`drop trigger "${name}"`);
      return triggers.length;
    } finally {
      sqlite.close();
    }
  }
  if (database.kind !== 'postgres')
    throw new Error(`--audit off: no way to reach a ${database.kind} database`);
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  try {
    const { rows } = await client.query<{ trigger: string; table: string }>(
      `select t.tgname as trigger, c.relname as table
        from pg_trigger t join pg_class c on c.oid = t.tgrelid join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = $1 and left(t.tgname, 6) = 'audit_'`,
      [database.schema],
    );
    for (const row of drop ? rows : []) {
      await client.query(`drop trigger "${row.trigger}" on "${database.schema}"."${row.table}"`);
    }
    return rows.length;
  } finally {
    await client.end();
  }
}

/** Rows in `audit_log`: counted before and after the scenarios, so the report shows the mode held. */
async function auditRows(database: DatabaseConfig): Promise<number> {
  if (database.kind === 'sqlite') {
    const sqlite = new Sqlite(database.file, { readonly: true, timeout: 10_000 });
    try {
      return (
        sqlite.prepare<[], { count: number }>('select count(*) as count from audit_log').get()?.count ?? 0
      );
    } finally {
      sqlite.close();
    }
  }
  if (database.kind !== 'postgres') return Number.NaN;
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  try {
    const { rows } = await client.query<{ count: string }>(
      `select count(*) as count from "${database.schema}".audit_log`,
    );
    return Number(rows[0]?.count);
  } finally {
    await client.end();
  }
}

/**
 * Runs `work` with `fetch` trying a request again once when the server had
 * closed its connection. Loading the data blocks this process in synchronous
 * SQLite writes for about 70 s; on a busy machine that passes the server's
 * keep-alive timeout (Fastify's 72 s), and the next request goes out on the
 * socket the server closed meanwhile ("other side closed") without reaching it.
 */
async function retryingClosedSockets<T>(work: () => Promise<T>): Promise<T> {
  const plain = globalThis.fetch;
  globalThis.fetch = (input, init) =>
    plain(input, init).catch((error: unknown) => {
      const cause = (error as { cause?: { code?: string } }).cause;
      if (cause?.code !== 'UND_ERR_SOCKET') throw error;
      return plain(input, init);
    });
  try {
    return await work();
  } finally {
    globalThis.fetch = plain;
  }
}

function commit(): string {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim();
  } catch {
    return 'unknown';
  }
}

let dataSize = '';
/** What `--audit` did, for the report. */
let auditMode = '';
/** What `--move-to` measured, for the report. */
let move: string[] = [];

/**
 * `staykeep migrate --to` of the loaded SQLite file (the server stopped, as
 * the operations guide asks) into a fresh schema of the PostgreSQL server at
 * `url`: the time an operator waits, and the command's own account of it.
 */
async function measureMove(dataDir: string, url: string): Promise<string[]> {
  const target = await postgresSchema(url);
  try {
    const started = Date.now();
    const output = execFileSync(
      process.execPath,
      [path.join(ROOT, 'server/bin/staykeep.js'), 'migrate', '--to', target.serverUrl],
      {
        env: {
          PATH: process.env.PATH,
          NODE_ENV: 'production',
          SECRET_KEY,
          DATA_DIR: dataDir,
          LOG_LEVEL: 'warn',
        },
        encoding: 'utf8',
        maxBuffer: 16 * 1024 * 1024,
      },
    );
    const seconds = (Date.now() - started) / 1000;
    return [
      `## Moving the data set to PostgreSQL`,
      '',
      `\`staykeep migrate --to\` of this SQLite file (${dataSize}, the scenarios' writes included) into a fresh schema`,
      `of the PostgreSQL server, with the server stopped: **${seconds.toFixed(1)} s** wall clock, the command's start included.`,
      '',
      '```',
      output.trim(),
      '```',
      '',
    ];
  } finally {
    await target.drop();
  }
}

function report(measures: Measure[]): string {
  const health = measures.find((measure) => measure.scenario.name === 'health');
  // Each round's figure is divided by the same round's /health, so a machine
  // that slows down during the run moves both sides of the ratio.
  const ratio = (measure: Measure) =>
    health
      ? median(measure.rounds.map((requests, round) => requests / (health.rounds[round] ?? Number.NaN)))
      : Number.NaN;
  const cpus = os.cpus();
  const lines = [
    `# Bench: ${values.label}`,
    '',
    `- date: ${new Date().toISOString()}`,
    `- commit: ${commit()}`,
    `- node: ${process.version}`,
    `- cpu: ${cpus.length} × ${cpus[0]?.model ?? 'unknown'}`,
    `- database: ${values['database-url'] ? 'PostgreSQL server (fresh schema)' : `SQLite (fresh file, SQLITE_SYNC=${values['sqlite-sync']})`}, ${dataSize}`,
    `- audit log: ${auditMode}`,
    `- load: autocannon, ${connections} connections, ${duration} s per scenario after a ${WARMUP_SECONDS} s warm-up`,
    ...(rounds > 1
      ? [
          `- rounds: ${rounds}, every scenario in turn each round; each figure is the median of its rounds, the ratio the median of each round's ratio`,
        ]
      : []),
    '',
    'Absolute numbers on a shared 2-core machine are noisy (the load generator shares the cores);',
    'the ratio to /health in the same run is what counts.',
    '',
    `| scenario | req/s | p50 ms | p99 ms | ratio to /health | unexpected status / errors |${rounds > 1 ? ' req/s of each round |' : ''}`,
    `| --- | ---: | ---: | ---: | ---: | ---: |${rounds > 1 ? ' ---: |' : ''}`,
    ...measures.map((measure) => {
      const flag = measure.non2xx + measure.errors > 0 ? ' ⚠' : '';
      const each = rounds > 1 ? ` ${measure.rounds.map((value) => value.toFixed(0)).join(' / ')} |` : '';
      return `| ${measure.scenario.name} | ${measure.requestsPerSecond.toFixed(0)} | ${measure.p50} | ${measure.p99} | ${ratio(measure).toFixed(2)} | ${measure.non2xx} / ${measure.errors}${flag} |${each}`;
    }),
    '',
    ...measures.map((measure) => `- **${measure.scenario.name}**: ${measure.scenario.description}`),
    '',
    ...move,
  ];
  return lines.join('\n');
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'staykeep-bench-'));
  const postgres = values['database-url'] ? await postgresSchema(values['database-url']) : null;
  const database: DatabaseConfig = postgres?.config ?? {
    kind: 'sqlite',
    file: path.join(dataDir, 'staykeep.db'),
  };
  const port = await freePort();
  let { child, baseUrl } = await startServer(dataDir, port, postgres?.serverUrl);
  const stopServer = async () => {
    if (child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  };
  const stop = async () => {
    await stopServer();
    if (values.keep) {
      console.log(
        `data kept in ${dataDir}${postgres ? ` and schema ${postgres.config.kind === 'postgres' ? postgres.config.schema : ''}` : ''}`,
      );
      return;
    }
    rmSync(dataDir, { recursive: true, force: true });
    await postgres?.drop();
  };
  // Interrupted (Ctrl-C, or a supervisor's SIGTERM): the server and its data go too.
  for (const [signal, code] of [
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const) {
    process.once(signal, () => {
      void stop().finally(() => process.exit(code));
    });
  }
  try {
    process.stdout.write('loading the reference stays… ');
    const started = Date.now();
    const data = await retryingClosedSockets(() => generateData(baseUrl, database));
    dataSize = `100 houses, ${data.stays} stays (shared/bench/stays.mjs), ${data.ledgerEntries} ledger entries`;
    console.log(`${data.stays} stays in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    // Start again on the loaded data, as a server that has been running for a while would be.
    await stopServer();
    ({ child, baseUrl } = await startServer(dataDir, port, postgres?.serverUrl));
    const triggers = await auditTriggers(database, values.audit === 'off');
    if (triggers === 0) throw new Error(`--audit ${values.audit}: the database has no audit triggers`);
    console.log(
      `audit log: ${values.audit} (${triggers} triggers ${values.audit === 'off' ? 'dropped' : 'in place'})`,
    );
    const rowsBefore = await auditRows(database);
    const context: BenchContext = { baseUrl, data };
    const results = new Map<Scenario, autocannon.Result[]>(selected.map((scenario) => [scenario, []]));
    for (let round = 1; round <= rounds; round++) {
      for (const scenario of selected) {
        process.stdout.write(`${rounds > 1 ? `round ${round}, ` : ''}${scenario.name}: warming up… `);
        await load(context, scenario, WARMUP_SECONDS);
        process.stdout.write('measuring… ');
        const result = await load(context, scenario, duration);
        results.get(scenario)?.push(result);
        console.log(`${result.requests.average.toFixed(0)} req/s`);
      }
    }
    auditMode = `${values.audit} (${triggers} \`audit_*\` triggers ${values.audit === 'off' ? 'dropped once the server was ready' : 'in place'}; ${(await auditRows(database)) - rowsBefore} audit_log rows written by the scenarios, warm-ups included)`;
    if (values['move-to']) {
      await stopServer();
      process.stdout.write('moving the data set to PostgreSQL… ');
      move = await measureMove(dataDir, values['move-to']);
      console.log('done');
    }
    const measures = selected.map((scenario) => combine(scenario, results.get(scenario) ?? []));
    const markdown = report(measures);
    const dir = path.join(ROOT, 'bench/results');
    mkdirSync(dir, { recursive: true });
    // The time (UTC) too, so a second run with the same label is a second file; never overwrite one.
    const stamp = new Date().toISOString().slice(0, 16).replace('T', '-').replace(':', '');
    const file = path.join(dir, `${stamp}-${values.label}.md`);
    writeFileSync(file, markdown, { flag: 'wx' });
    console.log(`\n${markdown}\nwritten to ${path.relative(process.cwd(), file)}`);
  } finally {
    await stop();
  }
}

await main();
