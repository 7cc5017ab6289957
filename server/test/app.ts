import { afterAll, afterEach, beforeAll } from 'vitest';
import { buildApp } from '../src/app.ts';
import type { Config } from '../src/config.ts';
import type { AppInstance } from '../src/http/types.ts';
import { describeEachDatabase, type TestDatabase } from './databases.ts';

/** A complete configuration for tests; the database comes from the test itself. */
export function testConfig(overrides: Partial<Config> = {}): Config {
  return {
    env: 'test',
    host: '127.0.0.1',
    port: 0,
    publicUrl: 'http://localhost:3000',
    dataDir: '/nonexistent-test-data-dir',
    database: { kind: 'sqlite', file: ':memory:' },
    secretKey: 'test-secret-key-that-is-long-enough-0123456789',
    logLevel: 'silent',
    prettyLogs: false,
    bodyLimitBytes: 1_048_576,
    trustProxy: false,
    shutdownTimeoutMs: 1_000,
    webDistDir: null,
    auth: {
      registrationMode: 'open',
      accessTokenTtlSeconds: 900,
      refreshTokenTtlDays: 30,
      passwordResetTtlMinutes: 30,
      loginThrottle: { windowSeconds: 900, maxFailuresPerAccount: 10, maxFailuresPerIp: 50 },
    },
    email: { smtpUrl: null, from: 'Staykeep <no-reply@staykeep.test>' },
    oauth: { google: null, github: null, facebook: null, oidc: null },
    // Test feeds are served by a local HTTP server, on loopback.
    channels: { syncMinutes: 15, allowPrivateAddresses: true, fetchTimeoutMs: 10_000 },
    // Jobs run right after the commit that adds them (an email) and when a test calls app.jobs.runDue();
    // a poll would also run the periodic ones (turnover rounds) behind the back of tests that move the clock.
    jobs: { enabled: true, pollIntervalMs: 600_000 },
    // Uploads go to a table unless a test gives a folder: tests leave nothing on disk.
    uploads: {
      maxBytes: 15_728_640,
      storage: 'database',
      directory: '/nonexistent-test-uploads',
      maxPixels: 50_000_000,
    },
    live: { pollIntervalMs: 100, heartbeatMs: 20_000, gapWaitMs: 5_000 },
    metrics: { token: null, port: null },
    ...overrides,
  };
}

/** A clock tests can move forward, to expire tokens without waiting. */
export class TestClock {
  offsetMs = 0;
  now = (): Date => new Date(Date.now() + this.offsetMs);
  advance(milliseconds: number): void {
    this.offsetMs += milliseconds;
  }
  reset(): void {
    this.offsetMs = 0;
  }
}

export interface TestContext {
  app: AppInstance;
  db: TestDatabase;
  clock: TestClock;
}

/**
 * Declares the same tests once per database, each with the whole application
 * built on that database (migrated, empty) and closed afterwards.
 */
export function describeApp(
  title: string,
  define: (get: () => TestContext) => void,
  options: { config?: Partial<Config>; prepare?: (app: AppInstance) => void } = {},
): void {
  describeEachDatabase(title, (getDatabase) => {
    let app: AppInstance | undefined;
    const clock = new TestClock();
    beforeAll(async () => {
      const db = getDatabase();
      app = await buildApp(testConfig({ ...options.config, database: db.config }), {
        database: db.database,
        now: clock.now,
      });
      options.prepare?.(app);
      await app.ready();
    });
    afterAll(async () => {
      await app?.close();
    });
    // A test that moved the clock and failed before moving it back must not
    // leave the next test, whichever it is, in its future.
    afterEach(() => {
      clock.reset();
    });
    define(() => {
      if (!app) throw new Error('the app is built in beforeAll');
      return { app, db: getDatabase(), clock };
    });
  });
}
