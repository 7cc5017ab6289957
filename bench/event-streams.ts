/**
 * Live updates: what 1,000 open event streams cost one instance. Starts the
 * real server (`staykeep serve`, production mode, SQLite) as its own process,
 * opens `--streams` streams of `GET /api/v1/events` (one socket each, the
 * members of one organization), reads the server's resident memory from
 * /proc/<pid>/status before and after, then makes `--writes` changes through
 * the API, one a second, and times each from the write's answer to the moment
 * the last stream received it.
 *
 *   node bench/event-streams.ts [--streams 1000] [--writes 20] [--poll-ms 300] [--label x]
 *
 * Writes bench/results/<date>-<time>-<label>-event-streams.md.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { type EventStreamClient, openEventStream } from '../server/test/event-stream.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
const { values } = parseArgs({
  options: {
    streams: { type: 'string', default: '1000' },
    writes: { type: 'string', default: '20' },
    'poll-ms': { type: 'string', default: '300' },
    label: { type: 'string', default: 'run' },
  },
});
const STREAMS = Number(values.streams);
const WRITES = Number(values.writes);

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject()));
    });
  });
}

/** The server's resident memory, in MB. */
function rss(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) / 1024;
}

async function startServer(dataDir: string, port: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, [path.join(ROOT, 'server/bin/staykeep.js'), 'serve'], {
    env: {
      PATH: process.env.PATH,
      NODE_ENV: 'production',
      SECRET_KEY: 'a-benchmark-secret-key-that-is-long-enough',
      DATA_DIR: dataDir,
      HOST: '127.0.0.1',
      PORT: String(port),
      LOG_LEVEL: 'warn',
      LOG_FORMAT: 'json',
      WEB_DIST_DIR: '',
      LIVE_POLL_INTERVAL_MS: String(values['poll-ms']),
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the server exited (${child.exitCode})`);
    try {
      if ((await fetch(`http://127.0.0.1:${port}/ready`)).ok) return child;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  child.kill('SIGKILL');
  throw new Error('the server was not ready within 60 s');
}

async function post(url: string, token: string, body: unknown) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${url} answered ${response.status}: ${await response.text()}`);
  return (await response.json()) as Record<string, unknown>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;

async function main(): Promise<void> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'staykeep-bench-streams-'));
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const child = await startServer(dataDir, port);
  const pid = child.pid ?? 0;
  const streams: EventStreamClient[] = [];
  try {
    const session = await post(`${baseUrl}/api/v1/auth/register`, '', {
      email: 'bench-streams@example.org',
      password: 'a benchmark password',
      name: 'Bench',
    });
    const token = String(session.accessToken);
    const headers = { authorization: `Bearer ${token}` };
    // Warm-up: the route, the poller and a write, so what follows measures the streams alone.
    const warm = await openEventStream(`${baseUrl}/api/v1/events`, headers);
    await post(`${baseUrl}/api/v1/houses`, token, {
      code: 'warm-up',
      name: 'Warm-up',
      type: 'villa',
      maxGuests: 2,
    });
    await warm.next((event) => event.event === 'change');
    warm.close();
    await sleep(2_000);
    const before = rss(pid);

    const openStarted = performance.now();
    for (let i = 0; i < STREAMS; i += 50) {
      const batch = await Promise.all(
        Array.from({ length: Math.min(50, STREAMS - i) }, () =>
          openEventStream(`${baseUrl}/api/v1/events`, headers),
        ),
      );
      for (const stream of batch) {
        if (stream.status !== 200) throw new Error(`a stream answered ${stream.status}`);
        streams.push(stream);
      }
    }
    const openSeconds = (performance.now() - openStarted) / 1000;
    await sleep(3_000);
    const after = rss(pid);

    const delays: { first: number; last: number }[] = [];
    for (let write = 0; write < WRITES; write++) {
      const house = await post(`${baseUrl}/api/v1/houses`, token, {
        code: `stream-${write}`,
        name: `Stream ${write}`,
        type: 'villa',
        maxGuests: 2,
      });
      const answered = performance.now();
      const received = await Promise.all(
        streams.map((stream) =>
          stream.next((event) => event.event === 'change' && event.data.includes(String(house.id)), 30_000),
        ),
      );
      const times = received.map((event) => event.at - answered);
      delays.push({ first: Math.min(...times), last: Math.max(...times) });
      await sleep(1_000);
    }
    const lasts = delays.map((delay) => delay.last).sort((a, b) => a - b);
    const firsts = delays.map((delay) => delay.first).sort((a, b) => a - b);
    const afterWrites = rss(pid);

    const stamp = new Date()
      .toISOString()
      .replace(/:\d\d\.\d+Z$/, '')
      .replace('T', '-')
      .replace(':', '');
    const lines = [
      `# Event streams: ${STREAMS} open streams on one instance (SQLite) — ${values.label}`,
      '',
      `${new Date().toISOString()}, Node ${process.version}, ${os.cpus().length} cores (shared; the`,
      `clients run on the same machine), \`LIVE_POLL_INTERVAL_MS\` ${values['poll-ms']}.`,
      '',
      '| measure | value |',
      '| --- | --- |',
      `| server RSS, no stream open | ${before.toFixed(1)} MB |`,
      `| server RSS, ${STREAMS} streams open | ${after.toFixed(1)} MB |`,
      `| memory per stream | ${(((after - before) * 1024) / STREAMS).toFixed(1)} kB |`,
      `| time to open ${STREAMS} streams (50 at a time) | ${openSeconds.toFixed(1)} s |`,
      `| write → last of ${STREAMS} streams, median of ${WRITES} writes | ${percentile(lasts, 50).toFixed(0)} ms |`,
      `| write → last stream, worst | ${(lasts.at(-1) ?? 0).toFixed(0)} ms |`,
      `| write → first stream, median | ${percentile(firsts, 50).toFixed(0)} ms |`,
      `| server RSS after the writes | ${afterWrites.toFixed(1)} MB |`,
      '',
      'The delay is measured from the write’s HTTP answer; with one poller per',
      'instance it is at most one poll interval plus the fan-out, whatever the',
      'number of streams. Each write (a house) is one change event on every stream',
      '(its opening turnover round is a second one).',
      '',
    ];
    const report = lines.join('\n');
    console.log(report);
    mkdirSync(path.join(ROOT, 'bench/results'), { recursive: true });
    const file = path.join(ROOT, 'bench/results', `${stamp}-${values.label}-event-streams.md`);
    writeFileSync(file, report);
    console.log(`written to ${path.relative(ROOT, file)}`);
  } finally {
    for (const stream of streams) stream.close();
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
    rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
