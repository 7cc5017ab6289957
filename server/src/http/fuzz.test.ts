import { appendFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import type { InjectOptions } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeApp, testConfig } from '../../test/app.ts';
import {
  type Answer,
  type FuzzRequest,
  fault,
  fixturesIn,
  materialize,
  type Operation,
  operationsOf,
  randomPath,
  randomRequests,
  type SentRequest,
  seedFor,
  showRequest,
  tableRequests,
  urlCategory,
} from '../../test/fuzz.ts';
import { FuzzWorld } from '../../test/fuzz-fixtures.ts';
import { buildApp } from '../app.ts';

/**
 * Sends malformed requests to every operation of the OpenAPI document, on
 * every database, and fails on any 5xx and on any 4xx that is not a problem
 * document of the same status. The requests name existing resources (made
 * through the API when a request first names them, and again after a request
 * may have deleted them) so that one bad field reaches the service and the
 * database. Deterministic by default:
 *
 *   FUZZ_SEED=n    another seed (printed at the start)
 *   FUZZ_RUNS=n    requests per operation (default 50): the table of bad values, then
 *                  random requests up to n, and never fewer than 10 random ones
 *   FUZZ_FULL=1    a long run: 500 requests per operation and a random seed
 *   FUZZ_OP=text   only the operations whose id (`POST /api/v1/houses`) contains text
 *   FUZZ_REPORT=f  appends every failure and accepted bad input to f as JSON lines
 */
const FULL = process.env.FUZZ_FULL === '1';
const RUNS = Number(process.env.FUZZ_RUNS ?? (FULL ? 500 : 50));
const SEED = process.env.FUZZ_SEED
  ? Number(process.env.FUZZ_SEED)
  : FULL
    ? Math.floor(Math.random() * 2 ** 31)
    : 20_260_101;
const MIN_RANDOM = 10;
const ONLY = process.env.FUZZ_OP;
const REPORT = process.env.FUZZ_REPORT;
console.log(
  `fuzz: seed ${SEED}, ${RUNS} requests per operation (the table, then at least ${MIN_RANDOM} random)` +
    ' (FUZZ_SEED, FUZZ_RUNS, FUZZ_FULL=1, FUZZ_OP, FUZZ_REPORT)',
);

// A built web app, so unknown paths also meet the static file server as in production.
const webDistDir = mkdtempSync(path.join(tmpdir(), 'staykeep-fuzz-web-'));
mkdirSync(path.join(webDistDir, 'assets'));
writeFileSync(path.join(webDistDir, 'index.html'), '<!doctype html><title>Staykeep</title>');
writeFileSync(path.join(webDistDir, 'assets', 'app.js'), 'export {};');
afterAll(() => rmSync(webDistDir, { recursive: true, force: true }));

// The operations come from the document the application serves.
const documentApp = await buildApp(testConfig());
const documentResponse = await documentApp.inject({ method: 'GET', url: '/api/v1/openapi.json' });
const document = documentResponse.json();
await documentApp.close();
const operations = operationsOf(document);

interface Failure {
  database: string;
  operation: string;
  index: number;
  label: string;
  category: string;
  fault: string;
  request: string;
  response: string;
}

interface Stats {
  sent: number;
  byStatus: Map<number, number>;
  serverErrors: number;
  failures: Failure[];
  accepted: Failure[];
  unsendable: number;
  startedAt: number;
}

const rerun = (operation: string, database: string) =>
  `FUZZ_SEED=${SEED} FUZZ_RUNS=${RUNS} FUZZ_OP='${operation}' npx vitest run server/src/http/fuzz.test.ts -t ${database}`;

/** One line per kind of fault and input, with one exact request that shows it. */
function describeFailures(failures: Failure[], total: number): string {
  const groups = new Map<string, Failure[]>();
  for (const failure of failures) {
    const key = `${failure.fault} ← ${failure.category}`;
    groups.set(key, [...(groups.get(key) ?? []), failure]);
  }
  const first = failures[0] as Failure;
  const lines = [
    `${first.operation} on ${first.database}: ${failures.length} of ${total} requests failed.`,
    `Rerun: ${rerun(first.operation, first.database)}`,
  ];
  for (const [key, group] of groups) {
    const example = group[0] as Failure;
    lines.push(
      `- ${key} (${group.length}×), e.g. request #${example.index}, ${example.label}:`,
      `    ${example.request}`,
      `    → ${example.response}`,
    );
  }
  return lines.join('\n');
}

function summary(database: string, stats: Stats): string {
  const seconds = ((performance.now() - stats.startedAt) / 1000).toFixed(1);
  const statuses = [...stats.byStatus.entries()]
    .sort(([a], [b]) => a - b)
    .map(([status, count]) => `${status}: ${count}`)
    .join(', ');
  const byCategory = new Map<string, number>();
  for (const failure of stats.failures) {
    const key = `${failure.fault.replace(/^(\d+) .*$/, '$1')} ${failure.category}`;
    byCategory.set(key, (byCategory.get(key) ?? 0) + 1);
  }
  const categories = [...byCategory.entries()]
    .sort(([, a], [, b]) => b - a)
    .map(([key, count]) => `${key}: ${count}`)
    .join(', ');
  return [
    `fuzz summary [${database}] seed ${SEED}: ${stats.sent} requests in ${seconds} s;` +
      ` 5xx: ${stats.serverErrors}; failures: ${stats.failures.length};` +
      ` bad input accepted (2xx): ${stats.accepted.length}; not sendable: ${stats.unsendable}`,
    `  by status: ${statuses}`,
    ...(categories ? [`  failures by status and input: ${categories}`] : []),
  ].join('\n');
}

function answerText(answer: Answer): string {
  const type = String(answer.headers['content-type'] ?? 'no content type');
  return `${answer.statusCode} ${type} ${answer.body.slice(0, 300)}`;
}

describeApp(
  'input fuzz from the OpenAPI document',
  (get) => {
    const name = () => get().db.name;
    let world: FuzzWorld;
    const stats: Stats = {
      sent: 0,
      byStatus: new Map(),
      serverErrors: 0,
      failures: [],
      accepted: [],
      unsendable: 0,
      startedAt: 0,
    };
    let counter = 0;

    beforeAll(async () => {
      stats.startedAt = performance.now();
      const { app, db } = get();
      // Thousands of small writes: waiting for the disk at each commit would be most of the run, and
      // durability is not what this test is about.
      if (db.name === 'sqlite') await sql`pragma synchronous = normal`.execute(app.db);
      world = await FuzzWorld.create(app);
    });

    afterAll(() => {
      console.log(summary(name(), stats));
      if (REPORT) {
        const lines = [
          ...stats.failures.map((failure) => ({ kind: 'failure', ...failure })),
          ...stats.accepted.map((accepted) => ({ kind: 'accepted', ...accepted })),
        ];
        appendFileSync(REPORT, lines.map((line) => `${JSON.stringify(line)}\n`).join(''));
        const total = {
          kind: 'summary',
          database: name(),
          sent: stats.sent,
          byStatus: Object.fromEntries(stats.byStatus),
          serverErrors: stats.serverErrors,
          failures: stats.failures.length,
          accepted: stats.accepted.length,
          seconds: (performance.now() - stats.startedAt) / 1000,
        };
        appendFileSync(REPORT, `${JSON.stringify(total)}\n`);
      }
    });

    /** Sends one request and records what came back; returns the answer, or null when it cannot be sent. */
    async function send(
      sent: SentRequest,
      about: { operation: string; index: number; label: string; category: string; reject: boolean },
      failures: Failure[],
      judge: (method: string, answer: Answer) => string | null = fault,
    ): Promise<Answer | null> {
      let answer: Answer;
      try {
        answer = await get().app.inject(sent as InjectOptions);
      } catch {
        // light-my-request refuses some requests a socket could carry; they say nothing about the server.
        stats.unsendable += 1;
        return null;
      }
      stats.sent += 1;
      stats.byStatus.set(answer.statusCode, (stats.byStatus.get(answer.statusCode) ?? 0) + 1);
      if (answer.statusCode >= 500) stats.serverErrors += 1;
      const problem = judge(sent.method, answer);
      const accepted = !problem && about.reject && answer.statusCode < 300;
      if (problem || accepted) {
        const record = {
          database: name(),
          operation: about.operation,
          index: about.index,
          label: about.label,
          category: about.category === 'random' ? (urlCategory(sent.url) ?? 'random') : about.category,
          request: showRequest(sent, world),
          response: answerText(answer),
        };
        if (problem) {
          failures.push({ ...record, fault: problem });
          stats.failures.push({ ...record, fault: problem });
        } else stats.accepted.push({ ...record, fault: `${answer.statusCode} for bad input` });
      }
      return answer;
    }

    for (const operation of operations) {
      it.skipIf(ONLY !== undefined && !operation.id.includes(ONLY))(
        operation.id,
        async () => {
          const table = tableRequests(operation);
          const random = fc.sample(randomRequests(operation), {
            seed: seedFor(SEED, operation.id),
            numRuns: Math.max(RUNS - table.length, MIN_RANDOM),
          });
          const requests: FuzzRequest[] = [...table, ...random];
          const failures: Failure[] = [];
          for (const [index, request] of requests.entries()) {
            const named = fixturesIn(request);
            await world.ensure(named);
            counter += 1;
            const sent = materialize(operation, request, world, counter);
            const answer = await send(sent, { operation: operation.id, index, ...request }, failures);
            // A deleted house or a removed member would turn every later request into a 404.
            if (answer && answer.statusCode < 300 && mayDestroy(operation)) world.forget(named);
          }
          await expectAdminStillActs(operation);
          if (failures.length > 0) throw new Error(describeFailures(failures, requests.length));
        },
        180_000,
      );
    }

    it('non-API paths, unknown routes and router errors', async () => {
      const paths = [
        '/',
        '/index.html',
        '/assets/app.js',
        '/assets/missing.js',
        '/health',
        '/ready',
        '/api',
        '/api/',
        '/api/v1',
        '/api/v1/',
        '/api/v2/houses',
        '/api/v1/nope',
        '/api/v1/openapi.json',
        '/api/docs',
        '/api/docs/',
        '/%ZZ',
        '/%00',
        '/%FF',
        '/a%00b',
        `/${'x'.repeat(101)}`,
        `/${'x'.repeat(256)}`,
        `/${'x'.repeat(3000)}`,
        '/..%2F..%2Fetc%2Fpasswd',
        '/assets/..%2F..%2Fpackage.json',
        '//api/v1/houses',
        '/api/v1//houses',
        '/API/V1/HOUSES',
        '/api/v1/houses/',
        '/api/v1/houses?limit=%ZZ',
        `/api/v1/${'x'.repeat(256)}`,
        `/api/v1/houses/${'x'.repeat(101)}/checklist`,
        `/api/v1/houses/${'x'.repeat(256)}/checklist`,
        '/api/v1/houses/%ZZ/checklist',
        '/api/v1/houses/%ZZ/nope',
        `/api/v1/nope/${'x'.repeat(256)}`,
        '/ical/%ZZ',
      ];
      type Variant = { method: string; html: boolean; admin: boolean; payload?: string };
      const variants: Variant[] = [
        { method: 'GET', html: true, admin: false },
        { method: 'GET', html: false, admin: true },
        { method: 'POST', html: false, admin: true, payload: '{}' },
      ];
      const requests = paths.flatMap((url) => variants.map((variant) => ({ url, ...variant })));
      const random = fc.sample(randomPath, { seed: seedFor(SEED, 'paths'), numRuns: Math.max(RUNS, 100) });
      requests.push(...random.map((r, i) => ({ ...r, admin: i % 2 === 0 })));
      const failures: Failure[] = [];
      for (const [index, request] of requests.entries()) {
        counter += 1;
        const headers: Record<string, string> = {
          accept: request.html ? 'text/html,application/xhtml+xml' : 'application/json',
          ...(request.admin
            ? {
                authorization: `Bearer ${world.admin.accessToken}`,
                'x-organization-id': world.organizationId,
              }
            : {}),
          ...('payload' in request && request.payload ? { 'content-type': 'application/json' } : {}),
        };
        const sent: SentRequest = {
          method: request.method,
          url: request.url,
          headers,
          ...('payload' in request && request.payload ? { payload: request.payload } : {}),
          remoteAddress: '10.255.0.1',
        };
        const label = `${request.method} ${request.url.slice(0, 120)}`;
        const category = urlCategory(request.url) ?? 'path';
        await send(
          sent,
          { operation: 'non-API paths', index, label, category, reject: false },
          failures,
          pathFault,
        );
      }
      await expectAdminStillActs({ id: 'non-API paths' } as Operation);
      if (failures.length > 0) throw new Error(describeFailures(failures, requests.length));
    }, 180_000);

    /** The run is only worth something while the admin can still act in the organization. */
    async function expectAdminStillActs(operation: Pick<Operation, 'id'>): Promise<void> {
      const response = await get().app.inject({
        method: 'GET',
        url: '/api/v1/organization',
        headers: {
          authorization: `Bearer ${world.admin.accessToken}`,
          'x-organization-id': world.organizationId,
        },
      });
      expect(response.statusCode, `the admin lost access after ${operation.id}`).toBe(200);
    }
  },
  {
    config: {
      webDistDir,
      // One sign-in for the whole run, however long FUZZ_FULL takes.
      auth: { ...testConfig().auth, accessTokenTtlSeconds: 86_400 },
    },
  },
);

/** No role is needed to be told a path does not exist: an unknown path is 404 whatever its shape. */
function pathFault(method: string, answer: Answer): string | null {
  if (answer.statusCode === 403) return '403 for a path';
  return fault(method, answer);
}

/** Requests of these operations may remove or disable the fixtures later requests name. */
function mayDestroy(operation: Operation): boolean {
  return (
    operation.method === 'DELETE' ||
    operation.path.endsWith('/anonymize') ||
    operation.path.startsWith('/api/v1/admin/users/') ||
    operation.path.startsWith('/api/v1/members/')
  );
}

it('draws its operations from the served document', () => {
  expect(operations.length).toBeGreaterThan(50);
  expect(operations.some((operation) => operation.id === 'POST /api/v1/reservations')).toBe(true);
});
