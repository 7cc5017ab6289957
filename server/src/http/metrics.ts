import { createHash, timingSafeEqual } from 'node:crypto';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import { Type } from 'typebox';
import type { Config } from '../config.ts';
import type { Database } from '../db/database.ts';
import { AppError, registerErrorHandling, routeNotFound } from './errors.ts';

/** What the metrics read from the rest of the app at each scrape; the composition (app.ts) gives it. */
export interface MetricsSources {
  /** Jobs waiting and running, in the whole database. */
  jobCounts(): Promise<{ queued: number; running: number }>;
  /** Job attempts that failed in this process. */
  jobFailures(): number;
  /** Channel syncs run by this process, and how many failed. */
  channelSyncs(): { total: number; failed: number };
  /** Emails waiting to be sent, in the whole database. */
  emailsPending(): Promise<number>;
  /** Event streams open on this process. */
  eventStreamsOpen(): number;
}

/** The `route` label of requests no route answered: one value, never the address asked for. */
export const UNKNOWN_ROUTE = 'unknown';

// Queries take from tens of microseconds (a row by its key on SQLite) to seconds (a report).
const QUERY_BUCKETS = [0.0001, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

let processRegistry: Registry | undefined;

/**
 * Node's own metrics (CPU, memory, event loop, garbage collection) belong to
 * the process: collected once, however many apps it builds (tests build
 * dozens), each of which has its own registry for the rest.
 */
function processMetrics(): Registry {
  if (!processRegistry) {
    processRegistry = new Registry();
    collectDefaultMetrics({ register: processRegistry });
  }
  return processRegistry;
}

/** The app's own metrics, in a registry of its own; `observeQuery` times the database's queries. */
function appRegistry(database: Database, sources: MetricsSources) {
  const registry = new Registry();
  const registers = [registry];
  const requests = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'Time to answer an HTTP request, by method, route pattern and status',
    labelNames: ['method', 'route', 'status'] as const,
    registers,
  });
  const queries = new Histogram({
    name: 'staykeep_db_query_duration_seconds',
    help: 'Time a database query took, by operation and outcome (ok or error)',
    labelNames: ['operation', 'outcome'] as const,
    buckets: QUERY_BUCKETS,
    registers,
  });
  new Gauge({
    name: 'staykeep_jobs_pending',
    help: 'Background jobs waiting (queued) or under way (running), on every instance',
    labelNames: ['status'] as const,
    registers,
    async collect() {
      const counts = await sources.jobCounts();
      this.set({ status: 'queued' }, counts.queued);
      this.set({ status: 'running' }, counts.running);
    },
  });
  // The processes count what they ran; the counters read those counts when scraped.
  new Counter({
    name: 'staykeep_job_failures_total',
    help: 'Job attempts that failed in this process (each retry counts)',
    registers,
    collect() {
      this.reset();
      this.inc(sources.jobFailures());
    },
  });
  new Counter({
    name: 'staykeep_channel_syncs_total',
    help: 'Channel feed syncs run by this process',
    registers,
    collect() {
      this.reset();
      this.inc(sources.channelSyncs().total);
    },
  });
  new Counter({
    name: 'staykeep_channel_sync_failures_total',
    help: 'Channel feed syncs run by this process that ended in error',
    registers,
    collect() {
      this.reset();
      this.inc(sources.channelSyncs().failed);
    },
  });
  new Gauge({
    name: 'staykeep_email_outbox_pending',
    help: 'Emails waiting to be sent (first attempt or a retry), on every instance',
    registers,
    async collect() {
      this.set(await sources.emailsPending());
    },
  });
  new Gauge({
    name: 'staykeep_event_streams_open',
    help: 'Live-update event streams open on this process',
    registers,
    collect() {
      this.set(sources.eventStreamsOpen());
    },
  });
  // PostgreSQL server only: SQLite and PGlite have one connection, nothing to watch.
  if (database.poolUse() !== null) {
    const pool = () => database.poolUse() ?? { total: 0, idle: 0, waiting: 0 };
    new Gauge({
      name: 'staykeep_db_pool_connections',
      help: 'Connections the pool holds open to PostgreSQL, idle or in use',
      registers,
      collect() {
        this.set(pool().total);
      },
    });
    new Gauge({
      name: 'staykeep_db_pool_idle_connections',
      help: 'Pool connections open and unused',
      registers,
      collect() {
        this.set(pool().idle);
      },
    });
    new Gauge({
      name: 'staykeep_db_pool_waiting_queries',
      help: 'Queries waiting for a pool connection (every connection is in use)',
      registers,
      collect() {
        this.set(pool().waiting);
      },
    });
  }
  const stopTiming = database.observeQueries((timing) =>
    queries.observe({ operation: timing.operation, outcome: timing.failed ? 'error' : 'ok' }, timing.seconds),
  );
  return { registry, requests, stopTiming };
}

/** Compares in a time that says nothing of the token: digests of equal length. */
function tokenMatches(authorization: string | undefined, expected: Buffer): boolean {
  const token = authorization?.match(/^Bearer\s+(\S+)$/i)?.[1];
  if (!token) return false;
  return timingSafeEqual(createHash('sha256').update(token).digest(), expected);
}

export interface AppMetrics {
  /** Times every request; call it before any plugin that adds routes, so their requests are timed too. */
  timeRequests(app: FastifyInstance): void;
  /** Serves `GET /metrics`; call it once the OpenAPI document collects routes. */
  serve(app: FastifyInstance): void;
}

/**
 * The metrics of one app, in the Prometheus text format at `GET /metrics`. Where:
 * - `METRICS_PORT` set: on that port only (on HOST); the main port answers 404;
 * - otherwise on the main port, except in production without `METRICS_TOKEN`,
 *   where it answers 404 like any unknown route (the numbers are nobody's business);
 * - `METRICS_TOKEN` set: wherever it is served, only to `Authorization: Bearer <token>`.
 */
export function createMetrics(options: {
  config: Config;
  database: Database;
  sources: MetricsSources;
}): AppMetrics {
  const { config } = options;
  const { registry, requests, stopTiming } = appRegistry(options.database, options.sources);
  const expected = config.metrics.token ? createHash('sha256').update(config.metrics.token).digest() : null;

  const scrape = async (request: FastifyRequest, reply: FastifyReply) => {
    if (expected && !tokenMatches(request.headers.authorization, expected)) {
      throw new AppError(
        401,
        'unauthorized',
        'Scraping the metrics needs the metrics token (METRICS_TOKEN).',
        {
          headers: { 'WWW-Authenticate': 'Bearer realm="staykeep metrics"' },
        },
      );
    }
    const merged = Registry.merge([processMetrics(), registry]);
    return reply
      .type(merged.contentType)
      .header('Cache-Control', 'no-store')
      .send(await merged.metrics());
  };

  return {
    timeRequests(app) {
      app.addHook('onResponse', (request, reply, done) => {
        const route = request.is404 ? UNKNOWN_ROUTE : (request.routeOptions.url ?? UNKNOWN_ROUTE);
        requests.observe(
          { method: request.method, route, status: reply.statusCode },
          reply.elapsedTime / 1000,
        );
        done();
      });
      app.addHook('onClose', async () => {
        stopTiming();
      });
    },

    serve(app) {
      const onMainPort =
        config.metrics.port === null && (config.metrics.token !== null || config.env !== 'production');
      app.get(
        '/metrics',
        {
          config: { policy: 'public' },
          schema: {
            tags: ['health'],
            summary: 'Prometheus metrics of this instance',
            description:
              'The Prometheus text format. With METRICS_TOKEN set, only with `Authorization: Bearer <token>`; ' +
              'with METRICS_PORT set, served on that port and 404 here; in production with neither, 404.',
            produces: ['text/plain'],
            response: { 200: Type.String(), 401: Type.Ref('Problem'), 404: Type.Ref('Problem') },
          },
        },
        async (request, reply) => (onMainPort ? scrape(request, reply) : routeNotFound(request, reply)),
      );

      const port = config.metrics.port;
      if (port === null) return;
      // A server of its own, so the port can be kept off the proxy and the firewall's openings.
      const server = Fastify({ loggerInstance: app.log, disableRequestLogging: true });
      registerErrorHandling(server);
      server.setNotFoundHandler(routeNotFound);
      server.get('/metrics', scrape);
      // On ready, not at listen: a port already taken then stops `serve` with the error.
      app.addHook('onReady', async () => {
        await server.listen({
          host: config.host,
          port,
          listenTextResolver: (address) => `Metrics served at ${address}/metrics`,
        });
      });
      app.addHook('onClose', async () => {
        await server.close();
      });
    },
  };
}
