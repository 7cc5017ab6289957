import parsePrometheusTextFormat, { type PrometheusFamily } from 'parse-prometheus-text-format';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeApp, testConfig } from '../../test/app.ts';
import { openTestDatabase, type TestDatabase } from '../../test/databases.ts';
import { bearer, createHouse, registerUser, type TestSession } from '../../test/factories.ts';
import { FeedServer } from '../../test/feed-server.ts';
import { freePort } from '../../test/server-process.ts';
import { buildApp } from '../app.ts';
import { type Config, ConfigError, loadConfig } from '../config.ts';
import { newId } from '../db/ids.ts';
import { insertOutboxMessage } from '../modules/email/email.repository.ts';
import type { AppInstance } from './types.ts';

const TOKEN = 'metrics-token-of-the-tests-0123';
const PROMETHEUS_TEXT = 'text/plain; version=0.0.4; charset=utf-8';
const PROBLEM = 'application/problem+json; charset=utf-8';
/** A job kind whose every attempt fails, and that is never retried. */
const FAILING_JOB = 'metrics-test.fails';

interface Metrics {
  families: Map<string, PrometheusFamily>;
  /** Every sample line: the parser folds a histogram's labelled series into one, so its counts are read here. */
  samples: { name: string; labels: Record<string, string>; value: number }[];
}

const SAMPLE_LINE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/;
const LABEL = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g;

/**
 * A scrape, parsed strictly: the parser throws on any line that is not the
 * text format, and each family must be named, typed and explained once.
 */
function parseMetrics(text: string): Metrics {
  const families = new Map<string, PrometheusFamily>();
  for (const family of parsePrometheusTextFormat(text)) {
    expect(family.name).toMatch(/^[a-zA-Z_:][a-zA-Z0-9_:]*$/);
    expect(family.type, family.name).not.toBe('UNTYPED');
    expect(family.help, family.name).not.toBe('');
    expect(families.has(family.name), `${family.name} appears twice`).toBe(false);
    families.set(family.name, family);
  }
  const samples = text
    .split('\n')
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((line) => {
      const [, name = '', labels = '', value = ''] = SAMPLE_LINE.exec(line) ?? [];
      expect(name, line).not.toBe('');
      return {
        name,
        labels: Object.fromEntries([...labels.matchAll(LABEL)].map(([, key, text]) => [key, text])),
        value: Number(value),
      };
    });
  return { families, samples };
}

async function scrape(app: AppInstance, headers: Record<string, string> = {}): Promise<Metrics> {
  const response = await app.inject({ method: 'GET', url: '/metrics', headers });
  expect(response.statusCode, response.body).toBe(200);
  expect(response.headers['content-type']).toBe(PROMETHEUS_TEXT);
  return parseMetrics(response.body);
}

/** The sum of a metric's samples (a histogram's: their counts) whose labels include `labels`. */
function total(metrics: Metrics, name: string, labels: Record<string, string> = {}): number {
  const family = metrics.families.get(name);
  if (!family) throw new Error(`no metric ${name}`);
  const series = family.type === 'HISTOGRAM' ? `${name}_count` : name;
  return metrics.samples
    .filter((sample) => sample.name === series)
    .filter((sample) => Object.entries(labels).every(([key, value]) => sample.labels[key] === value))
    .reduce((sum, sample) => sum + sample.value, 0);
}

/** An app on the test's database, with other settings; closed by the caller. */
function appWith(database: TestDatabase, overrides: Partial<Config>): Promise<AppInstance> {
  return buildApp(testConfig({ ...overrides, database: database.config }), { database: database.database });
}

let feeds: FeedServer;
beforeAll(async () => {
  feeds = await FeedServer.start();
});
afterAll(async () => {
  await feeds.close();
});

describeApp(
  'metrics',
  (get) => {
    let admin: TestSession;
    beforeAll(async () => {
      admin = await registerUser(get().app);
    });

    /** A channel feed whose server answers 404, synced once (by the job its creation queues): in error. */
    async function feedInError(): Promise<string> {
      const { app } = get();
      const house = await createHouse(app, admin);
      const created = await app.inject({
        method: 'POST',
        url: `/api/v1/houses/${house.id}/channels`,
        headers: bearer(admin),
        payload: { name: 'airbnb listing', source: 'airbnb', url: feeds.url(`/gone/${newId()}.ics`) },
      });
      expect(created.statusCode, created.body).toBe(201);
      await app.jobs.runDue();
      return created.json().id;
    }

    it('serves the metrics the operations contract names, each of its type', async () => {
      const { app, db } = get();
      const metrics = await scrape(app);
      const types = {
        http_request_duration_seconds: 'HISTOGRAM',
        staykeep_jobs_pending: 'GAUGE',
        staykeep_job_failures_total: 'COUNTER',
        staykeep_channel_syncs_total: 'COUNTER',
        staykeep_channel_sync_failures_total: 'COUNTER',
        staykeep_email_outbox_pending: 'GAUGE',
        staykeep_event_streams_open: 'GAUGE',
        staykeep_db_query_duration_seconds: 'HISTOGRAM',
        // Two of Node's process metrics.
        process_cpu_user_seconds_total: 'COUNTER',
        nodejs_heap_size_used_bytes: 'GAUGE',
      };
      for (const [name, type] of Object.entries(types))
        expect(metrics.families.get(name)?.type, name).toBe(type);
      expect(total(metrics, 'staykeep_event_streams_open')).toBe(0);
      // A connection pool only on a PostgreSQL server.
      const pool = ['staykeep_db_pool_connections', 'staykeep_db_pool_idle_connections'];
      for (const name of pool) expect(metrics.families.has(name), name).toBe(db.name === 'postgres');
      if (db.name === 'postgres') expect(total(metrics, 'staykeep_db_pool_connections')).toBeGreaterThan(0);
    });

    it('counts requests by method, route pattern and status, never by address', async () => {
      const { app } = get();
      const before = await scrape(app);
      for (let i = 0; i < 3; i++) {
        expect((await app.inject({ method: 'GET', url: `/ical/secret-${i}` })).statusCode).toBe(404);
      }
      for (let i = 0; i < 2; i++) {
        expect((await app.inject({ method: 'GET', url: '/health' })).statusCode).toBe(200);
      }
      expect((await app.inject({ method: 'DELETE', url: '/no/such/page' })).statusCode).toBe(404);
      const after = await scrape(app);

      const requests = (labels: Record<string, string>) =>
        total(after, 'http_request_duration_seconds', labels) -
        total(before, 'http_request_duration_seconds', labels);
      expect(requests({ method: 'GET', route: '/ical/:token', status: '404' })).toBe(3);
      expect(requests({ method: 'GET', route: '/health', status: '200' })).toBe(2);
      expect(requests({ method: 'DELETE', route: 'unknown', status: '404' })).toBe(1);
      const routes = after.samples.map((sample) => sample.labels.route);
      expect(routes.filter((route) => route?.includes('secret') || route?.includes('such'))).toEqual([]);
      // The export lookups read the database, and the queries were timed.
      const selects = (metrics: Metrics) =>
        total(metrics, 'staykeep_db_query_duration_seconds', { operation: 'select', outcome: 'ok' });
      expect(selects(after)).toBeGreaterThanOrEqual(selects(before) + 3);
    });

    it('reads jobs, the email outbox and channel syncs when scraped', async () => {
      const { app } = get();
      const feedId = await feedInError();
      const before = await scrape(app);

      const synced = await app.inject({
        method: 'POST',
        url: `/api/v1/channels/${feedId}/sync`,
        headers: bearer(admin),
      });
      expect(synced.statusCode, synced.body).toBe(200);
      expect(synced.json().status).toBe('error');
      await app.jobs.enqueue(app.db, FAILING_JOB, null);
      await app.jobs.runDue();
      await app.jobs.enqueue(app.db, FAILING_JOB, null, { runAt: new Date(Date.now() + 3_600_000) });
      await insertOutboxMessage(app.db, {
        id: newId(),
        recipient: 'someone@example.org',
        template: 'test',
        locale: 'en',
        subject: 'Waiting',
        bodyText: 'Waiting for the SMTP server.',
        status: 'queued',
        now: new Date().toISOString(),
      });
      const after = await scrape(app);

      const moved = (name: string, labels: Record<string, string> = {}) =>
        total(after, name, labels) - total(before, name, labels);
      expect(moved('staykeep_channel_syncs_total')).toBe(1);
      expect(moved('staykeep_channel_sync_failures_total')).toBe(1);
      expect(moved('staykeep_job_failures_total')).toBe(1);
      expect(moved('staykeep_jobs_pending', { status: 'queued' })).toBe(1);
      expect(moved('staykeep_email_outbox_pending')).toBe(1);
    });

    it('reports overdue jobs and feeds in error on /ready, and stays ready', async () => {
      const { app, db, clock } = get();
      const before = await app.inject({ method: 'GET', url: '/ready' });
      expect(before.statusCode).toBe(200);
      const { channelFeeds } = before.json();
      expect(before.json()).toEqual({
        status: 'ready',
        database: db.database.kind,
        jobs: { overdue: 0, oldestOverdueSeconds: null },
        channelFeeds: { inError: channelFeeds.inError },
      });

      await feedInError();
      // Due in a minute; nobody runs it, and ten minutes go by.
      await app.jobs.enqueue(app.db, FAILING_JOB, null, { runAt: new Date(clock.now().getTime() + 60_000) });
      clock.advance(10 * 60_000);
      const after = await app.inject({ method: 'GET', url: '/ready' });
      expect(after.statusCode, after.body).toBe(200);
      const body = after.json();
      expect(body.status).toBe('ready');
      expect(body.channelFeeds).toEqual({ inError: channelFeeds.inError + 1 });
      expect(body.jobs.overdue).toBe(1);
      expect(body.jobs.oldestOverdueSeconds).toBeGreaterThanOrEqual(540);
      expect(body.jobs.oldestOverdueSeconds).toBeLessThan(600);
    });
  },
  {
    prepare: (app) =>
      app.jobs.register(
        FAILING_JOB,
        async () => {
          throw new Error('fails on purpose');
        },
        { maxAttempts: 1 },
      ),
  },
);

// Who may read them is the HTTP layer's business, the same on every database: SQLite only.
describe('metrics: who may read them', () => {
  let database: TestDatabase | undefined;
  beforeAll(async () => {
    database = await openTestDatabase('sqlite');
  });
  afterAll(async () => {
    await database?.dispose();
  });
  const get = () => database as TestDatabase;

  it('asks for the token when METRICS_TOKEN is set', async () => {
    const app = await appWith(get(), { metrics: { token: TOKEN, port: null } });
    try {
      for (const authorization of [undefined, `Bearer ${TOKEN.slice(0, -1)}x`, `Basic ${TOKEN}`, 'Bearer']) {
        const refused = await app.inject({
          method: 'GET',
          url: '/metrics',
          headers: authorization === undefined ? {} : { authorization },
        });
        expect(refused.statusCode, authorization).toBe(401);
        expect(refused.headers['content-type']).toBe(PROBLEM);
        expect(refused.headers['www-authenticate']).toBe('Bearer realm="staykeep metrics"');
        expect(refused.body).not.toContain('http_request_duration_seconds');
      }
      await scrape(app, { authorization: `Bearer ${TOKEN}` });
    } finally {
      await app.close();
    }
  });

  it('hides them in production unless a token or a port is set', async () => {
    const open = await appWith(get(), { env: 'production', metrics: { token: null, port: null } });
    try {
      const hidden = await open.inject({ method: 'GET', url: '/metrics' });
      expect(hidden.statusCode).toBe(404);
      expect(hidden.headers['content-type']).toBe(PROBLEM);
    } finally {
      await open.close();
    }
    const guarded = await appWith(get(), { env: 'production', metrics: { token: TOKEN, port: null } });
    try {
      expect((await guarded.inject({ method: 'GET', url: '/metrics' })).statusCode).toBe(401);
      await scrape(guarded, { authorization: `Bearer ${TOKEN}` });
    } finally {
      await guarded.close();
    }
  });

  it('serves them on METRICS_PORT only, and the main port answers 404', async () => {
    const port = await freePort();
    const app = await appWith(get(), { metrics: { token: TOKEN, port } });
    const metricsUrl = `http://127.0.0.1:${port}/metrics`;
    const authorization = `Bearer ${TOKEN}`;
    try {
      const main = await app.listen({ host: '127.0.0.1', port: 0 });
      const onMain = await fetch(`${main}/metrics`, { headers: { authorization } });
      expect(onMain.status).toBe(404);
      expect(onMain.headers.get('content-type')).toBe(PROBLEM);

      const refused = await fetch(metricsUrl);
      expect(refused.status).toBe(401);
      expect(refused.headers.get('content-type')).toBe(PROBLEM);
      const served = await fetch(metricsUrl, { headers: { authorization } });
      expect(served.status).toBe(200);
      expect(served.headers.get('content-type')).toBe(PROMETHEUS_TEXT);
      // The main port's request, counted under its route.
      const metrics = parseMetrics(await served.text());
      expect(
        total(metrics, 'http_request_duration_seconds', { method: 'GET', route: '/metrics', status: '404' }),
      ).toBe(1);
      // Nothing else on that port.
      const other = await fetch(`http://127.0.0.1:${port}/health`);
      expect(other.status).toBe(404);
      expect(other.headers.get('content-type')).toBe(PROBLEM);
    } finally {
      await app.close();
    }
    // Closed with the app.
    await expect(fetch(metricsUrl)).rejects.toThrow();
  });
});

describe('metrics configuration', () => {
  const env = { NODE_ENV: 'test', SECRET_KEY: 'x'.repeat(32), DATA_DIR: '/tmp' } as const;

  it('reads METRICS_TOKEN and METRICS_PORT, both off by default', () => {
    expect(loadConfig(env).metrics).toEqual({ token: null, port: null });
    expect(loadConfig({ ...env, METRICS_TOKEN: TOKEN, METRICS_PORT: '9464' }).metrics).toEqual({
      token: TOKEN,
      port: 9464,
    });
  });

  it('refuses a short token and a port that is the main one', () => {
    expect(() => loadConfig({ ...env, METRICS_TOKEN: 'short' })).toThrow(/METRICS_TOKEN/);
    expect(() => loadConfig({ ...env, PORT: '3000', METRICS_PORT: '3000' })).toThrow(ConfigError);
    expect(() => loadConfig({ ...env, METRICS_PORT: '70000' })).toThrow(/METRICS_PORT/);
  });
});
