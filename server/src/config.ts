import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { type Static, Type } from 'typebox';
import { Value } from 'typebox/value';

/**
 * Every setting of the server, read from the environment once at start and
 * validated here. Nothing else in the code reads `process.env`.
 */
export interface Config {
  env: 'development' | 'production' | 'test';
  host: string;
  port: number;
  publicUrl: string;
  dataDir: string;
  database: DatabaseConfig;
  secretKey: string;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** Pretty, human-readable logs; JSON lines otherwise. */
  prettyLogs: boolean;
  bodyLimitBytes: number;
  trustProxy: boolean;
  shutdownTimeoutMs: number;
  /** Folder of the built web app; `null` serves the API alone. */
  webDistDir: string | null;
  auth: AuthConfig;
  email: EmailConfig;
  oauth: OAuthConfig;
  channels: ChannelsConfig;
  jobs: JobsConfig;
  uploads: UploadsConfig;
  live: LiveConfig;
  metrics: MetricsConfig;
}

/** Who may read `GET /metrics`, and where (http/metrics.ts). */
export interface MetricsConfig {
  /** When set, a scrape must send `Authorization: Bearer <token>`. */
  token: string | null;
  /** When set, /metrics is served on this port (on HOST) and not on the main one. */
  port: number | null;
}

export interface LiveConfig {
  /** How often an instance with open event streams reads new changes and notifications. */
  pollIntervalMs: number;
  /** How often each event stream gets a comment, so proxies keep an idle stream open. */
  heartbeatMs: number;
  /** PostgreSQL: how long the stream waits for a transaction that holds back the changes after it. */
  gapWaitMs: number;
}

export interface UploadsConfig {
  /** The largest file accepted, in bytes; a larger one is 413 and nothing of it is kept. */
  maxBytes: number;
  /** Where the bytes go: files under `DATA_DIR/uploads`, or a table (several instances sharing PostgreSQL). */
  storage: 'disk' | 'database';
  /** Where the disk storage writes. */
  directory: string;
  /** The most pixels an image may declare: a bigger one is refused before it is decoded. */
  maxPixels: number;
}

export interface ChannelsConfig {
  /** Minutes between two syncs of a channel feed. */
  syncMinutes: number;
  /** Lets feed URLs reach loopback and private addresses (tests and LAN setups); off by default. */
  allowPrivateAddresses: boolean;
  /** How long a feed's server has to answer in full. */
  fetchTimeoutMs: number;
}

export interface JobsConfig {
  /** Whether this process runs background jobs; several processes may, each claims its own. */
  enabled: boolean;
  /** How often the runner looks for due jobs when nothing woke it. */
  pollIntervalMs: number;
}

export interface OAuthClient {
  clientId: string;
  clientSecret: string;
}

/** Each provider is enabled by setting its client id and secret. */
export interface OAuthConfig {
  google: OAuthClient | null;
  github: OAuthClient | null;
  facebook: OAuthClient | null;
  /** Any OpenID Connect provider (Keycloak, Authentik…), found by discovery from its issuer URL. */
  oidc: (OAuthClient & { issuer: string; name: string }) | null;
}

export interface AuthConfig {
  /** open: anyone registers; approval: an instance administrator approves; invite: invitations only. */
  registrationMode: 'open' | 'approval' | 'invite';
  accessTokenTtlSeconds: number;
  refreshTokenTtlDays: number;
  passwordResetTtlMinutes: number;
  loginThrottle: { windowSeconds: number; maxFailuresPerAccount: number; maxFailuresPerIp: number };
}

export interface EmailConfig {
  /** smtp://user:pass@host:587 or smtps://…; null stores messages in the outbox and logs them. */
  smtpUrl: string | null;
  from: string;
}

/**
 * When a SQLite commit reaches the disk. `full` (the default) syncs every
 * commit: a booking confirmed is still there after a power cut. `normal`
 * syncs at checkpoints: about twice the write throughput, and a power cut (not
 * a crash of the server) may lose the last commits; the file is never corrupt.
 */
export type SqliteSync = 'full' | 'normal';

export type DatabaseConfig =
  | { kind: 'sqlite'; file: string; synchronous?: SqliteSync }
  | { kind: 'pglite'; dataDir: string | null }
  | { kind: 'postgres'; url: string; schema?: string };

export class ConfigError extends Error {
  override name = 'ConfigError';
}

const EnvSchema = Type.Object({
  NODE_ENV: Type.Union([Type.Literal('development'), Type.Literal('production'), Type.Literal('test')], {
    default: 'development',
  }),
  HOST: Type.String({ minLength: 1, default: 'localhost' }),
  PORT: Type.Integer({ minimum: 0, maximum: 65535, default: 3000 }),
  PUBLIC_URL: Type.Optional(Type.String({ pattern: '^https?://' })),
  DATA_DIR: Type.String({ minLength: 1, default: './data' }),
  DATABASE_URL: Type.Optional(Type.String({ pattern: '^(postgres|postgresql|sqlite|pglite):' })),
  SQLITE_SYNC: Type.Union([Type.Literal('full'), Type.Literal('normal')], { default: 'full' }),
  SECRET_KEY: Type.Optional(Type.String({ minLength: 32 })),
  LOG_LEVEL: Type.Union(
    ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].map((level) => Type.Literal(level)),
    { default: 'info' },
  ),
  LOG_FORMAT: Type.Optional(Type.Union([Type.Literal('pretty'), Type.Literal('json')])),
  BODY_LIMIT_BYTES: Type.Integer({ minimum: 1024, default: 1_048_576 }),
  TRUST_PROXY: Type.Boolean({ default: false }),
  SHUTDOWN_TIMEOUT_MS: Type.Integer({ minimum: 0, default: 10_000 }),
  WEB_DIST_DIR: Type.Optional(Type.String()),
  REGISTRATION_MODE: Type.Union([Type.Literal('open'), Type.Literal('approval'), Type.Literal('invite')], {
    default: 'open',
  }),
  ACCESS_TOKEN_TTL_SECONDS: Type.Integer({ minimum: 60, maximum: 86_400, default: 900 }),
  REFRESH_TOKEN_TTL_DAYS: Type.Integer({ minimum: 1, maximum: 365, default: 30 }),
  PASSWORD_RESET_TTL_MINUTES: Type.Integer({ minimum: 5, maximum: 1440, default: 30 }),
  LOGIN_THROTTLE_WINDOW_SECONDS: Type.Integer({ minimum: 1, default: 900 }),
  LOGIN_MAX_FAILURES_PER_ACCOUNT: Type.Integer({ minimum: 1, default: 10 }),
  LOGIN_MAX_FAILURES_PER_IP: Type.Integer({ minimum: 1, default: 50 }),
  SMTP_URL: Type.Optional(Type.String({ pattern: '^smtps?://' })),
  EMAIL_FROM: Type.String({ minLength: 3, default: 'Staykeep <no-reply@localhost>' }),
  GOOGLE_CLIENT_ID: Type.Optional(Type.String()),
  GOOGLE_CLIENT_SECRET: Type.Optional(Type.String()),
  GITHUB_CLIENT_ID: Type.Optional(Type.String()),
  GITHUB_CLIENT_SECRET: Type.Optional(Type.String()),
  FACEBOOK_CLIENT_ID: Type.Optional(Type.String()),
  FACEBOOK_CLIENT_SECRET: Type.Optional(Type.String()),
  OIDC_ISSUER_URL: Type.Optional(Type.String({ pattern: '^https?://' })),
  OIDC_CLIENT_ID: Type.Optional(Type.String()),
  OIDC_CLIENT_SECRET: Type.Optional(Type.String()),
  OIDC_NAME: Type.String({ minLength: 1, default: 'Single sign-on' }),
  ICAL_SYNC_MINUTES: Type.Integer({ minimum: 1, maximum: 1440, default: 15 }),
  ICAL_ALLOW_PRIVATE: Type.Boolean({ default: false }),
  ICAL_TIMEOUT_SECONDS: Type.Integer({ minimum: 1, maximum: 120, default: 10 }),
  JOBS_ENABLED: Type.Boolean({ default: true }),
  JOBS_POLL_INTERVAL_MS: Type.Integer({ minimum: 100, maximum: 600_000, default: 5_000 }),
  UPLOAD_MAX_BYTES: Type.Integer({ minimum: 1024, maximum: 1_073_741_824, default: 15_728_640 }),
  UPLOAD_STORAGE: Type.Union([Type.Literal('disk'), Type.Literal('database')], { default: 'disk' }),
  UPLOAD_MAX_PIXELS: Type.Integer({ minimum: 1_000_000, maximum: 268_402_689, default: 50_000_000 }),
  LIVE_POLL_INTERVAL_MS: Type.Integer({ minimum: 50, maximum: 10_000, default: 300 }),
  // The contract promises a heartbeat at least every 25 seconds.
  LIVE_HEARTBEAT_MS: Type.Integer({ minimum: 1_000, maximum: 25_000, default: 20_000 }),
  LIVE_GAP_WAIT_MS: Type.Integer({ minimum: 500, maximum: 60_000, default: 5_000 }),
  METRICS_TOKEN: Type.Optional(Type.String({ minLength: 16 })),
  METRICS_PORT: Type.Optional(Type.Integer({ minimum: 1, maximum: 65535 })),
});

const DEFAULT_WEB_DIST_DIR = path.resolve(import.meta.dirname, '../../web/dist');
const DEV_SECRET_FILE = 'secret.key';

/**
 * Reads and validates the environment. In production a missing SECRET_KEY is
 * fatal; elsewhere a random one is generated once and kept in DATA_DIR so that
 * tokens survive a restart.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const known = Object.fromEntries(
    Object.keys(EnvSchema.properties)
      .filter((key) => env[key] !== undefined && env[key] !== '')
      .map((key) => [key, env[key]]),
  );
  const withDefaults = Value.Default(EnvSchema, Value.Convert(EnvSchema, known));
  const errors = [...Value.Errors(EnvSchema, withDefaults)];
  if (errors.length > 0) {
    const lines = errors.map(
      (error) => `  ${error.instancePath.slice(1) || 'environment'}: ${error.message}`,
    );
    throw new ConfigError(`Invalid configuration:\n${[...new Set(lines)].join('\n')}`);
  }
  const parsed = withDefaults as Static<typeof EnvSchema>;

  if (parsed.METRICS_PORT !== undefined && parsed.METRICS_PORT === parsed.PORT) {
    throw new ConfigError('METRICS_PORT must differ from PORT: it keeps /metrics off the main port.');
  }
  const dataDir = path.resolve(parsed.DATA_DIR);
  const secretKey = parsed.SECRET_KEY ?? developmentSecret(parsed.NODE_ENV, dataDir);
  return {
    env: parsed.NODE_ENV,
    host: parsed.HOST,
    port: parsed.PORT,
    publicUrl: (parsed.PUBLIC_URL ?? `http://localhost:${parsed.PORT}`).replace(/\/+$/, ''),
    dataDir,
    database: withSqliteSync(parseDatabaseUrl(parsed.DATABASE_URL, dataDir), parsed.SQLITE_SYNC),
    secretKey,
    logLevel: parsed.LOG_LEVEL as Config['logLevel'],
    prettyLogs: parsed.LOG_FORMAT ? parsed.LOG_FORMAT === 'pretty' : Boolean(process.stdout.isTTY),
    bodyLimitBytes: parsed.BODY_LIMIT_BYTES,
    trustProxy: parsed.TRUST_PROXY,
    shutdownTimeoutMs: parsed.SHUTDOWN_TIMEOUT_MS,
    webDistDir: parsed.WEB_DIST_DIR === undefined ? DEFAULT_WEB_DIST_DIR : parsed.WEB_DIST_DIR || null,
    auth: {
      registrationMode: parsed.REGISTRATION_MODE,
      accessTokenTtlSeconds: parsed.ACCESS_TOKEN_TTL_SECONDS,
      refreshTokenTtlDays: parsed.REFRESH_TOKEN_TTL_DAYS,
      passwordResetTtlMinutes: parsed.PASSWORD_RESET_TTL_MINUTES,
      loginThrottle: {
        windowSeconds: parsed.LOGIN_THROTTLE_WINDOW_SECONDS,
        maxFailuresPerAccount: parsed.LOGIN_MAX_FAILURES_PER_ACCOUNT,
        maxFailuresPerIp: parsed.LOGIN_MAX_FAILURES_PER_IP,
      },
    },
    email: { smtpUrl: parsed.SMTP_URL ?? null, from: parsed.EMAIL_FROM },
    oauth: {
      google: oauthClient('GOOGLE', parsed.GOOGLE_CLIENT_ID, parsed.GOOGLE_CLIENT_SECRET),
      github: oauthClient('GITHUB', parsed.GITHUB_CLIENT_ID, parsed.GITHUB_CLIENT_SECRET),
      facebook: oauthClient('FACEBOOK', parsed.FACEBOOK_CLIENT_ID, parsed.FACEBOOK_CLIENT_SECRET),
      oidc: oidcClient(parsed),
    },
    channels: {
      syncMinutes: parsed.ICAL_SYNC_MINUTES,
      allowPrivateAddresses: parsed.ICAL_ALLOW_PRIVATE,
      fetchTimeoutMs: parsed.ICAL_TIMEOUT_SECONDS * 1000,
    },
    jobs: { enabled: parsed.JOBS_ENABLED, pollIntervalMs: parsed.JOBS_POLL_INTERVAL_MS },
    uploads: {
      maxBytes: parsed.UPLOAD_MAX_BYTES,
      storage: parsed.UPLOAD_STORAGE,
      directory: path.join(dataDir, 'uploads'),
      maxPixels: parsed.UPLOAD_MAX_PIXELS,
    },
    live: {
      pollIntervalMs: parsed.LIVE_POLL_INTERVAL_MS,
      heartbeatMs: parsed.LIVE_HEARTBEAT_MS,
      gapWaitMs: parsed.LIVE_GAP_WAIT_MS,
    },
    metrics: { token: parsed.METRICS_TOKEN ?? null, port: parsed.METRICS_PORT ?? null },
  };
}

function oauthClient(prefix: string, clientId?: string, clientSecret?: string): OAuthClient | null {
  if (!clientId && !clientSecret) return null;
  if (!clientId || !clientSecret) {
    throw new ConfigError(
      `${prefix}_CLIENT_ID and ${prefix}_CLIENT_SECRET go together: set both or neither.`,
    );
  }
  return { clientId, clientSecret };
}

function oidcClient(parsed: Static<typeof EnvSchema>): OAuthConfig['oidc'] {
  const client = oauthClient('OIDC', parsed.OIDC_CLIENT_ID, parsed.OIDC_CLIENT_SECRET);
  if (!client && !parsed.OIDC_ISSUER_URL) return null;
  if (!client || !parsed.OIDC_ISSUER_URL) {
    throw new ConfigError('OIDC_ISSUER_URL, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET go together.');
  }
  return { ...client, issuer: parsed.OIDC_ISSUER_URL, name: parsed.OIDC_NAME };
}

function withSqliteSync(database: DatabaseConfig, synchronous: SqliteSync): DatabaseConfig {
  return database.kind === 'sqlite' ? { ...database, synchronous } : database;
}

export function parseDatabaseUrl(url: string | undefined, dataDir: string): DatabaseConfig {
  if (url === undefined) return { kind: 'sqlite', file: path.join(dataDir, 'staykeep.db') };
  if (url.startsWith('postgres:') || url.startsWith('postgresql:')) return { kind: 'postgres', url };
  // sqlite:relative/path.db, sqlite:///absolute/path.db, sqlite::memory:
  if (url.startsWith('sqlite:')) {
    const location = url.slice('sqlite:'.length).replace(/^\/\//, '');
    if (location === ':memory:') return { kind: 'sqlite', file: ':memory:' };
    if (location === '') throw new ConfigError('DATABASE_URL: sqlite: needs a file path');
    return { kind: 'sqlite', file: path.resolve(location) };
  }
  // pglite:memory (in-process PostgreSQL, tests) or pglite:./folder
  const location = url.slice('pglite:'.length).replace(/^\/\//, '');
  return {
    kind: 'pglite',
    dataDir: location === '' || location === 'memory' ? null : path.resolve(location),
  };
}

function developmentSecret(env: Config['env'], dataDir: string): string {
  if (env === 'production') {
    throw new ConfigError(
      'SECRET_KEY is required when NODE_ENV=production (at least 32 characters; ' +
        "generate one with: node -e \"console.log(require('node:crypto').randomBytes(32).toString('base64url'))\")",
    );
  }
  const file = path.join(dataDir, DEV_SECRET_FILE);
  try {
    const existing = readFileSync(file, 'utf8').trim();
    if (existing.length >= 32) return existing;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const secret = randomBytes(32).toString('base64url');
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  return secret;
}
