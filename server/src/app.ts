import { createHmac, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import path from 'node:path';
import { AjvCompiler, type BuildCompilerFromPool, type RouteDefinition } from '@fastify/ajv-compiler';
import fastifyCookie from '@fastify/cookie';
import { SerializerSelector } from '@fastify/fast-json-stringify-compiler';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyRequest, type FastifyServerOptions } from 'fastify';
import type { Config } from './config.ts';
import { runWithChangeContext } from './db/change-context.ts';
import { createDatabase, type Database } from './db/database.ts';
import { migrateToLatest } from './db/migrate.ts';
import { registerAccessControl } from './http/access.ts';
import { frameworkError, registerErrorHandling } from './http/errors.ts';
import { registerIdempotency } from './http/idempotency.ts';
import { INPUT_FORMATS, INPUT_KEYWORDS } from './http/inputs.ts';
import { createMetrics } from './http/metrics.ts';
import { registerOpenApi } from './http/openapi.ts';
import { registerSecurityHeaders } from './http/security.ts';
import { registerSpa } from './http/spa.ts';
import type { AppInstance } from './http/types.ts';
import { analyticsRoutes } from './modules/analytics/analytics.routes.ts';
import { auditRoutes } from './modules/audit/audit.routes.ts';
import { authRoutes } from './modules/auth/auth.routes.ts';
import { calendarRoutes } from './modules/calendar/calendar.routes.ts';
import { channelRoutes } from './modules/channels/channels.routes.ts';
import { checklistRoutes } from './modules/checklists/checklists.routes.ts';
import { attachmentRoutes } from './modules/files/files.routes.ts';
import { financeRoutes } from './modules/finance/finance.routes.ts';
import { guestRoutes } from './modules/guests/guests.routes.ts';
import { healthRoutes } from './modules/health/health.routes.ts';
import { houseRoutes } from './modules/houses/houses.routes.ts';
import { instanceRoutes } from './modules/instance/instance.routes.ts';
import { jobsRoutes } from './modules/jobs/jobs.routes.ts';
import type { JobRunner } from './modules/jobs/jobs.service.ts';
import { acceptEventStreamCredentials, liveRoutes } from './modules/live/live.routes.ts';
import { maintenanceRoutes } from './modules/maintenance/maintenance.routes.ts';
import { notificationRoutes } from './modules/notifications/notifications.routes.ts';
import { oauthRoutes } from './modules/oauth/oauth.routes.ts';
import { operationRoutes } from './modules/operations/operations.routes.ts';
import { organizationRoutes } from './modules/organizations/organizations.routes.ts';
import { reservationRoutes } from './modules/reservations/reservations.routes.ts';
import { statementsRoutes } from './modules/statements/statements.routes.ts';
import { userRoutes } from './modules/users/users.routes.ts';
import { createServices } from './services.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** The background job runner, decorated here where the services are composed (tests run it). */
    jobs: JobRunner;
  }
}

export const VERSION: string = JSON.parse(
  readFileSync(path.join(import.meta.dirname, '../package.json'), 'utf8'),
).version;

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** A client's X-Request-Id is kept when it looks like an id, so logs can be joined across services. */
function requestId(request: IncomingMessage): string {
  const incoming = request.headers['x-request-id'];
  return typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
}

/** A request as logged: Fastify's own fields, with the secret of an export feed's URL masked. */
function loggedRequest(request: FastifyRequest) {
  return {
    method: request.method,
    url: request.url
      .replace(/^\/ical\/[^/?#]+/, '/ical/[secret]')
      // The event stream's access token, for browsers that cannot send it as a header.
      .replace(/([?&]access_token=)[^&#]*/, '$1[secret]'),
    host: request.host,
    remoteAddress: request.ip,
    remotePort: request.socket?.remotePort,
  };
}

function loggerOptions(config: Config): FastifyServerOptions['logger'] {
  return {
    level: config.logLevel,
    redact: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]'],
    serializers: { req: loggedRequest },
    ...(config.prettyLogs
      ? {
          transport: {
            target: 'pino-pretty',
            options: { translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname' },
          },
        }
      : {}),
  };
}

export interface BuildAppOptions {
  /** An already opened database (tests share one per file); otherwise one is opened from the config. */
  database?: Database;
  /** Apply pending migrations before serving (default true). */
  migrate?: boolean;
  /** The clock; tests move it to expire tokens. */
  now?: () => Date;
}

/**
 * Builds the whole application: database, plugins, routes and the web app.
 * The server's `serve` command and every test build it the same way.
 */
const AJV_OPTIONS = {
  // Unknown properties are an error (400), not silently dropped.
  removeAdditional: false,
  useDefaults: true,
  allErrors: false,
};

/**
 * Two validators: query strings, path parameters and headers arrive as text,
 * so `?limit=10` is coerced to a number; a JSON body already has its types,
 * and coercing it would turn `"notes": null` into an empty string (the first
 * branch of a string-or-null union wins), so bodies are validated as sent.
 */
// One pool for the process: validators for the same schemas are compiled once, not per app or route.
const validatorPool = AjvCompiler();
const buildValidators: BuildCompilerFromPool = (externalSchemas, serverOptions) => {
  const compiler = (coerceTypes: 'array' | false) =>
    validatorPool(externalSchemas, {
      ...(serverOptions?.plugins ? { plugins: serverOptions.plugins } : {}),
      customOptions: { ...AJV_OPTIONS, coerceTypes, formats: INPUT_FORMATS, keywords: INPUT_KEYWORDS },
    });
  const coercing = compiler('array');
  const asSent = compiler(false);
  return (route) => ((route as unknown as RouteDefinition).httpPart === 'body' ? asSent : coercing)(route);
};

/**
 * One cache of response serializers for the process, like the validators'
 * pool: compiling them is most of an app's start (3 s), and a process that
 * builds the app again (a test file, a command after a restore) finds them
 * compiled. A serializer depends on its schema and the shared schemas it may
 * refer to, which are the same objects in every app of the process.
 */
const compileSerializer = SerializerSelector();
const compiledSerializers = new Map<string, (value: unknown) => string>();
const buildSerializers: typeof compileSerializer = (externalSchemas, serializerOptions) => {
  const compile = compileSerializer(externalSchemas, serializerOptions);
  const shared = Object.keys(externalSchemas ?? {})
    .sort()
    .join(' ');
  return (route) => {
    const key = `${shared}\n${JSON.stringify(route.schema)}`;
    let serializer = compiledSerializers.get(key);
    if (!serializer) {
      serializer = compile(route);
      compiledSerializers.set(key, serializer);
    }
    return serializer;
  };
};

export async function buildApp(config: Config, options: BuildAppOptions = {}): Promise<AppInstance> {
  const database = options.database ?? (await createDatabase(config.database));
  const ownsDatabase = options.database === undefined;
  if (options.migrate ?? true) {
    await migrateToLatest(database.db);
    await database.optimize();
  }

  const app = Fastify({
    logger: loggerOptions(config),
    genReqId: requestId,
    requestIdHeader: false,
    bodyLimit: config.bodyLimitBytes,
    trustProxy: config.trustProxy,
    return503OnClosing: true,
    // A path parameter longer than this is refused before routing; ids are capped at 64 by their schema,
    // which names the field in a 400, so the router's limit only stops absurd addresses.
    routerOptions: { maxParamLength: 1_000 },
    frameworkErrors: frameworkError,
    schemaController: {
      compilersFactory: { buildValidator: buildValidators, buildSerializer: buildSerializers },
    },
    // The serializer validates a value against each schema of a union (a
    // reservation or its staff view) to choose how to write it; both share
    // their formats, so checking them only costs time on every response.
    serializerOpts: { ajv: { validateFormats: false } },
  }).withTypeProvider<TypeBoxTypeProvider>();

  app.decorate('config', config);
  app.decorate('db', database.db);
  app.decorate('databaseKind', database.kind);
  app.decorate('appVersion', VERSION);
  const now = options.now ?? (() => new Date());

  const services = createServices({
    database,
    config,
    log: app.log,
    now,
    version: VERSION,
  });
  const {
    jobs,
    outbox,
    organizations,
    auth,
    oauth,
    houses,
    reservations,
    calendar,
    guests,
    checklists,
    operations,
    channels,
    maintenance,
    finance,
    analytics,
    files,
    statements,
  } = services;
  app.decorate('jobs', jobs);
  // Email, turnover rounds after departures, the database's statistics: see services.ts.
  jobs.start();
  app.addHook('onClose', async () => {
    await jobs.stop();
    outbox.close();
    if (ownsDatabase) await database.close();
  });

  app.addHook('onRequest', (request, reply, done) => {
    reply.header('X-Request-Id', request.id);
    done();
  });

  registerErrorHandling(app);
  const metrics = createMetrics({
    config,
    database,
    sources: {
      jobCounts: () => jobs.counts(),
      jobFailures: () => jobs.failureCount,
      channelSyncs: () => channels.syncCounts,
      emailsPending: () => outbox.pendingCount(),
      eventStreamsOpen: () => services.live.streamsOpen(),
    },
  });
  metrics.timeRequests(app);
  registerSecurityHeaders(app, { https: config.publicUrl.startsWith('https://') });
  // Signed cookies (the OAuth flow's state) use a key of their own, derived from SECRET_KEY.
  await app.register(fastifyCookie, {
    secret: createHmac('sha256', config.secretKey).update('staykeep cookie v1').digest('base64url'),
  });
  acceptEventStreamCredentials(app);
  registerAccessControl(app, (token, organizationId) => auth.resolveCaller(token, organizationId));
  // What the request writes is recorded in the audit log as made by its caller (change-context.ts).
  app.addHook('onRequest', (request, _reply, done) => {
    const caller = request.caller;
    runWithChangeContext(
      {
        actorId: caller?.userId ?? null,
        organizationId: caller?.organizationId ?? null,
        requestId: request.id,
      },
      done,
    );
  });
  registerIdempotency(app, database.db, now);
  await registerOpenApi(app, { version: VERSION });
  metrics.serve(app);

  // Route modules are called, not registered as plugins, so the schemas they
  // add are shared with the OpenAPI document at the root.
  await healthRoutes(app, {
    overdueJobs: (lateMs) => jobs.overdue(lateMs),
    feedsInError: () => channels.feedsInError(),
  });
  await instanceRoutes(app);
  await jobsRoutes(app, jobs);
  await authRoutes(app, auth);
  await organizationRoutes(app, organizations);
  await userRoutes(app, auth);
  await oauthRoutes(app, oauth);
  await houseRoutes(app, houses);
  await reservationRoutes(app, reservations);
  await calendarRoutes(app, calendar);
  await guestRoutes(app, guests);
  await checklistRoutes(app, checklists);
  await operationRoutes(app, operations);
  await channelRoutes(app, channels);
  await attachmentRoutes(app, files);
  await maintenanceRoutes(app, maintenance);
  await financeRoutes(app, finance);
  await analyticsRoutes(app, analytics);
  await statementsRoutes(app, statements);
  await auditRoutes(app, services.audit);
  await notificationRoutes(app, services.notifications);
  await liveRoutes(app, services.live);

  await registerSpa(app, config.webDistDir);
  return app;
}
