import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

// Tests stand alone: files and tests run in a shuffled order, the same on every run unless
// TEST_SEED changes it (a failure names its seed in the run's header: rerun with it).
const sequence = { shuffle: true };

// Three projects: the API (integration tests on every database), the web app's
// own unit tests, and browser tests driving Chromium against the built app.
export default defineConfig({
  test: {
    // Test files wait on databases, sockets and the browser more than they compute: at
    // least two run at once, even on two cores (Vitest's default there is one).
    maxWorkers: Math.max(2, availableParallelism() - 1),
    sequence: { seed: Number(process.env.TEST_SEED ?? 22) },
    projects: [
      {
        test: {
          name: 'server',
          include: ['server/**/*.test.ts'],
          environment: 'node',
          pool: 'forks',
          globalSetup: ['server/test/global-setup.ts'],
          // Calendar dates must not move with the process time zone: the API's tests run at
          // UTC+14 unless TZ names another zone (CI runs the date tests again at UTC−8). UTC
          // itself hides the mistakes a zone shows (a local midnight read as a UTC date).
          env: { TZ: process.env.TZ ?? 'Pacific/Kiritimati' },
          sequence,
          // Tests that start server processes or seed a year of stays take seconds alone and
          // several times that beside another file on two busy cores: the limit catches hangs.
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'web',
          include: ['web/src/**/*.test.ts'],
          environment: 'node',
          sequence,
          testTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['web/e2e/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['web/e2e/global-setup.ts'],
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 180_000,
        },
      },
    ],
  },
});
