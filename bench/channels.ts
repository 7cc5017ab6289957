/**
 * Channel sync at scale: 100 houses, each with a feed of 300 events served
 * by a local HTTP server, synced through the job runner as in production.
 * Measures the first sync (everything created) and a second one where
 * nothing changed, with the rows each wrote, by table.
 *
 *   node bench/channels.ts [--database-url postgres://…] [--feeds 100] [--events 300] [--label x]
 *
 * Writes bench/results/<date>-<time>-channels-<label>.md.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import pg from 'pg';
import { buildApp } from '../server/src/app.ts';
import { type DatabaseConfig, loadConfig } from '../server/src/config.ts';

const { values } = parseArgs({
  options: {
    'database-url': { type: 'string' },
    feeds: { type: 'string', default: '100' },
    events: { type: 'string', default: '300' },
    label: { type: 'string', default: 'run' },
  },
});
const FEEDS = Number(values.feeds);
const EVENTS = Number(values.events);
const TABLES = [
  'channel_feeds',
  'channel_syncs',
  'channel_events',
  'reservations',
  'blocks',
  'guests',
  'occupied_nights',
  'audit_log',
  'jobs',
  'calendar_versions',
  'email_outbox',
];

const day = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

/** A feed of `EVENTS` stays (every fifth closed dates), two nights each, three days apart. */
function feedBody(feed: number): string {
  const lines = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//bench//EN'];
  for (let index = 0; index < EVENTS; index++) {
    const start = day(2 + index * 3).replaceAll('-', '');
    const end = day(4 + index * 3).replaceAll('-', '');
    lines.push(
      'BEGIN:VEVENT',
      `UID:bench-${feed}-${index}@airbnb.com`,
      `DTSTART;VALUE=DATE:${start}`,
      `DTEND;VALUE=DATE:${end}`,
      `SUMMARY:${index % 5 === 4 ? 'Airbnb (Not available)' : 'Reserved'}`,
      'END:VEVENT',
    );
  }
  lines.push('END:VCALENDAR');
  return `${lines.join('\r\n')}\r\n`;
}

async function main(): Promise<void> {
  const bodies = Array.from({ length: FEEDS }, (_, feed) => feedBody(feed));
  const server = http.createServer((request, response) => {
    const feed = Number(/\/(\d+)\.ics$/.exec(request.url ?? '')?.[1]);
    response.setHeader('Content-Type', 'text/calendar');
    response.end(bodies[feed] ?? '');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const feedUrl = (feed: number) => `http://127.0.0.1:${(server.address() as AddressInfo).port}/${feed}.ics`;

  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'staykeep-bench-channels-'));
  const schema = `bench_channels_${randomBytes(4).toString('hex')}`;
  const databaseUrl = values['database-url'];
  if (databaseUrl) await onServer(databaseUrl, `create schema ${schema}`);
  const database: DatabaseConfig = databaseUrl
    ? { kind: 'postgres', url: databaseUrl, schema }
    : { kind: 'sqlite', file: path.join(dataDir, 'bench.db') };
  const base = loadConfig({
    DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
    ICAL_ALLOW_PRIVATE: '1',
    NODE_ENV: 'test',
  });
  let offsetMs = 0;
  const app = await buildApp(
    { ...base, database, webDistDir: null, jobs: { enabled: false, pollIntervalMs: 5_000 } },
    { now: () => new Date(Date.now() + offsetMs) },
  );
  try {
    const register = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/register',
      payload: { email: 'bench@example.org', password: 'correct horse battery staple', name: 'Bench' },
    });
    const headers = { authorization: `Bearer ${register.json().accessToken}` };
    for (let feed = 0; feed < FEEDS; feed++) {
      const house = await app.inject({
        method: 'POST',
        url: '/api/v1/houses',
        headers,
        payload: {
          code: `ch-${feed}`,
          name: `Channel house ${feed}`,
          type: 'villa',
          maxGuests: 4,
          nightlyPrice: '90.00',
        },
      });
      await app.inject({
        method: 'POST',
        url: `/api/v1/houses/${house.json().id}/channels`,
        headers,
        payload: { name: 'Airbnb', source: 'airbnb', url: feedUrl(feed) },
      });
    }

    const kind = databaseUrl ? 'postgres' : 'sqlite';
    const counters = databaseUrl ? postgresCounters(databaseUrl, schema) : sqliteCounters(app.db);
    const pass = async (title: string) => {
      const before = await counters();
      const started = performance.now();
      const ran = await app.jobs.runDue();
      const seconds = (performance.now() - started) / 1000;
      const after = await counters();
      const writes = Object.fromEntries(
        Object.keys(after)
          .map((table) => [table, (after[table] ?? 0) - (before[table] ?? 0)] as const)
          .filter(([, count]) => count !== 0),
      );
      return { title, seconds, ran, writes };
    };
    const first = await pass('first sync: every event new');
    // The next period: every feed is due again, and nothing in them changed.
    offsetMs += 16 * 60_000;
    const second = await pass('second sync: nothing changed');

    const syncs = await app.db
      .selectFrom('channel_syncs')
      .select(['duration_ms', 'status', 'created'])
      .execute();
    const failed = syncs.filter((sync) => sync.status !== 'ok').length;
    const report = [
      `# Channel sync bench (${kind}), ${new Date().toISOString()}`,
      '',
      `${FEEDS} feeds × ${EVENTS} events (one in five closed dates), served over HTTP on loopback, synced by the job runner (\`runDue\`, one process).`,
      '',
      '| pass | total s | per feed ms | jobs run | rows written, by table |',
      '| --- | ---: | ---: | ---: | --- |',
      ...[first, second].map(
        (run) =>
          `| ${run.title} | ${run.seconds.toFixed(2)} | ${((run.seconds * 1000) / FEEDS).toFixed(1)} | ${run.ran} | ${Object.entries(
            run.writes,
          )
            .map(([table, count]) => `${table} ${count}`)
            .join(', ')} |`,
      ),
      '',
      `Syncs logged: ${syncs.length}, failed: ${failed}.`,
      databaseUrl
        ? 'Rows written are PostgreSQL statistics (n_tup_ins + n_tup_upd + n_tup_del) per table.'
        : 'SQLite counts rows changed on the connection as a whole (`total_changes()`), under `all`; the per-table counts are row-count differences.',
      '',
    ].join('\n');
    console.log(report);
    const stamp = new Date().toISOString().slice(0, 16).replace('T', '-').replace(':', '');
    const resultsDir = path.join(import.meta.dirname, 'results');
    mkdirSync(resultsDir, { recursive: true });
    writeFileSync(path.join(resultsDir, `${stamp}-channels-${kind}-${values.label}.md`), report);
  } finally {
    await app.close();
    server.close();
    rmSync(dataDir, { recursive: true, force: true });
    if (databaseUrl) await onServer(databaseUrl, `drop schema ${schema} cascade`);
  }
}

/** SQLite: rows changed on the one connection, and the rows in each table. */
function sqliteCounters(db: import('../server/src/db/database.ts').Db) {
  return async (): Promise<Record<string, number>> => {
    const counts: Record<string, number> = {};
    const { rows } = await sql<{ changes: number }>`select total_changes() as changes`.execute(db);
    counts.all = Number(rows[0]?.changes ?? 0);
    for (const table of TABLES) {
      const result = await sql<{ count: number }>`select count(*) as count from ${sql.table(table)}`.execute(
        db,
      );
      counts[`${table} (rows)`] = Number(result.rows[0]?.count ?? 0);
    }
    return counts;
  };
}

/**
 * PostgreSQL: rows inserted, updated and deleted per table, from the
 * statistics. An idle connection flushes its counts within 10 s, so each
 * reading waits for the pool's connections to have done so.
 */
function postgresCounters(url: string, schema: string) {
  return async (): Promise<Record<string, number>> => {
    await new Promise((resolve) => setTimeout(resolve, 11_000));
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const { rows } = await client.query(
        `select relname, n_tup_ins + n_tup_upd + n_tup_del as writes from pg_stat_user_tables where schemaname = $1`,
        [schema],
      );
      return Object.fromEntries(
        rows.filter((row) => TABLES.includes(row.relname)).map((row) => [row.relname, Number(row.writes)]),
      );
    } finally {
      await client.end();
    }
  };
}

async function onServer(url: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

await main();
