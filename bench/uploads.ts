/**
 * Photo uploads: what one costs the server. Starts the real server (`staykeep
 * serve`, production mode, SQLite, disk storage unless `--storage database`)
 * as its own process, makes a ~4 MB camera-like JPEG (12 MP of noise, so it
 * does not compress away), uploads it `--count` times one after the other and
 * then `--concurrency` at a time, and reads the server's memory from
 * /proc/<pid>/status: resident size before, after, and its peak (VmHWM).
 *
 *   node bench/uploads.ts [--count 20] [--concurrency 4] [--storage disk|database] [--label x]
 *
 * Writes bench/results/<date>-<time>-uploads-<label>.md.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import sharp from 'sharp';

const ROOT = path.resolve(import.meta.dirname, '..');
const { values } = parseArgs({
  options: {
    count: { type: 'string', default: '20' },
    concurrency: { type: 'string', default: '4' },
    storage: { type: 'string', default: 'disk' },
    label: { type: 'string', default: 'run' },
  },
});
const COUNT = Number(values.count);
const CONCURRENCY = Number(values.concurrency);

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject()));
    });
  });
}

/** The server's resident memory now and at its peak, in MB. */
function memory(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(status)?.[1] ?? 0);
  return { rss: kb('VmRSS') / 1024, peak: kb('VmHWM') / 1024 };
}

async function startServer(dataDir: string, port: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, [path.join(ROOT, 'server/bin/staykeep.js'), 'serve'], {
    env: {
      PATH: process.env.PATH,
      NODE_ENV: 'production',
      SECRET_KEY: 'a-benchmark-secret-key-that-is-long-enough',
      DATA_DIR: dataDir,
      UPLOAD_STORAGE: values.storage,
      HOST: '127.0.0.1',
      PORT: String(port),
      LOG_LEVEL: 'warn',
      LOG_FORMAT: 'json',
      WEB_DIST_DIR: '',
      // glibc's allocator setting, passed on to compare (libvips frees into per-thread arenas).
      ...(process.env.MALLOC_ARENA_MAX ? { MALLOC_ARENA_MAX: process.env.MALLOC_ARENA_MAX } : {}),
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

async function main(): Promise<void> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'staykeep-bench-uploads-'));
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const child = await startServer(dataDir, port);
  const pid = child.pid ?? 0;
  try {
    const session = await post(`${baseUrl}/api/v1/auth/register`, '', {
      email: 'bench-uploads@example.org',
      password: 'a benchmark password',
      name: 'Bench',
    });
    const token = String(session.accessToken);
    const house = await post(`${baseUrl}/api/v1/houses`, token, {
      code: 'villa-1',
      name: 'Villa',
      type: 'villa',
      maxGuests: 6,
    });
    const issue = await post(`${baseUrl}/api/v1/maintenance/issues`, token, {
      houseId: house.id,
      type: 'pool',
      title: 'Pool pump',
    });

    // 4000 × 3000 of noise: a 12 MP camera's size, and a file of about 4 MB.
    const pixels = Buffer.alloc(4000 * 3000 * 3);
    for (let i = 0; i < pixels.length; i++) pixels[i] = (i * 2654435761) >>> 24;
    const photo = await sharp(pixels, { raw: { width: 4000, height: 3000, channels: 3 } })
      .jpeg({ quality: 60 })
      .toBuffer();
    const upload = async () => {
      const form = new FormData();
      form.append('kind', 'photo');
      form.append('file', new Blob([photo], { type: 'image/jpeg' }), 'pump.jpg');
      const started = performance.now();
      const response = await fetch(`${baseUrl}/api/v1/maintenance/issues/${issue.id}/attachments`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}` },
        body: form,
      });
      if (response.status !== 201)
        throw new Error(`upload answered ${response.status}: ${await response.text()}`);
      await response.arrayBuffer();
      return performance.now() - started;
    };

    await upload(); // warm-up: sharp's first call loads libvips
    const idle = memory(pid);
    const sequential: number[] = [];
    const sequentialStarted = performance.now();
    for (let i = 0; i < COUNT; i++) sequential.push(await upload());
    const sequentialSeconds = (performance.now() - sequentialStarted) / 1000;
    const afterSequential = memory(pid);

    const concurrentStarted = performance.now();
    const concurrent: number[] = [];
    for (let i = 0; i < COUNT; i += CONCURRENCY) {
      concurrent.push(
        ...(await Promise.all(Array.from({ length: Math.min(CONCURRENCY, COUNT - i) }, upload))),
      );
    }
    const concurrentSeconds = (performance.now() - concurrentStarted) / 1000;
    const afterConcurrent = memory(pid);

    const megabytes = photo.length / 1024 / 1024;
    const percentile = (times: number[], p: number) =>
      [...times].sort((a, b) => a - b)[Math.min(times.length - 1, Math.floor((p / 100) * times.length))] ?? 0;
    const row = (name: string, times: number[], seconds: number) =>
      `| ${name} | ${times.length} | ${(times.length / seconds).toFixed(2)} | ${((times.length * megabytes) / seconds).toFixed(1)} | ${percentile(times, 50).toFixed(0)} | ${percentile(times, 99).toFixed(0)} |`;
    const now = new Date();
    const stamp = now.toISOString().slice(0, 16).replace('T', '-').replace(':', '');
    const report = [
      `# Photo uploads — ${values.label}`,
      '',
      `- date: ${now.toISOString()}`,
      `- machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 1024 ** 3)} GB`,
      `- server: \`staykeep serve\`, NODE_ENV=production, SQLite, UPLOAD_STORAGE=${values.storage}${process.env.MALLOC_ARENA_MAX ? `, MALLOC_ARENA_MAX=${process.env.MALLOC_ARENA_MAX}` : ''}`,
      `- photo: ${megabytes.toFixed(2)} MB JPEG, 4000 × 3000 (re-encoded to fit 3840 px, with a thumbnail)`,
      '',
      '| run | uploads | uploads/s | MB/s in | p50 ms | p99 ms |',
      '| --- | --- | --- | --- | --- | --- |',
      row('one at a time', sequential, sequentialSeconds),
      row(`${CONCURRENCY} at a time`, concurrent, concurrentSeconds),
      '',
      '| server memory (MB) | resident | peak so far |',
      '| --- | --- | --- |',
      `| after one upload (warm) | ${idle.rss.toFixed(0)} | ${idle.peak.toFixed(0)} |`,
      `| after ${COUNT} one at a time | ${afterSequential.rss.toFixed(0)} | ${afterSequential.peak.toFixed(0)} |`,
      `| after ${COUNT} more, ${CONCURRENCY} at a time | ${afterConcurrent.rss.toFixed(0)} | ${afterConcurrent.peak.toFixed(0)} |`,
      '',
      `Resident memory grew by ${(afterSequential.rss - idle.rss).toFixed(0)} MB over ${COUNT} uploads one at a time, ` +
        `then by ${(afterConcurrent.rss - afterSequential.rss).toFixed(0)} MB over ${COUNT} more ${CONCURRENCY} at a time.`,
      '',
    ].join('\n');
    const file = path.join(ROOT, 'bench/results', `${stamp}-uploads-${values.label}.md`);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, report);
    console.log(report);
    console.log(`written to ${path.relative(ROOT, file)}`);
  } finally {
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
    rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
