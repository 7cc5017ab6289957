import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { freePort } from '../../server/test/server-process.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
    chromiumPath: string;
    /** The server's DATA_DIR: tests read its outbox as a mailbox. */
    dataDir: string;
    /** The instance administrator, the first account, made before any test runs. */
    admin: { name: string; email: string; password: string };
  }
}

const ROOT = path.resolve(import.meta.dirname, '../..');

function findChromium(): string {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  try {
    return execFileSync('which', ['chromium'], { encoding: 'utf8' }).trim();
  } catch {
    return existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : '';
  }
}

async function waitUntilReady(url: string, server: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`the server exited (${server.exitCode}):\n${output()}`);
    try {
      if ((await fetch(`${url}/ready`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`the server was not ready within 60 s:\n${output()}`);
}

/**
 * Builds the web app and starts the real server on a fresh SQLite database,
 * once for all browser tests. Without Chromium the tests skip themselves.
 */
export default async function setup(project: TestProject) {
  const chromiumPath = findChromium();
  project.provide('chromiumPath', chromiumPath);
  if (!chromiumPath) {
    console.warn('Chromium not found (set CHROMIUM_PATH or install chromium): browser tests are skipped.');
    project.provide('baseUrl', '');
    project.provide('dataDir', '');
    project.provide('admin', { name: '', email: '', password: '' });
    return;
  }

  execFileSync(
    process.execPath,
    [path.join(ROOT, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'],
    // Vitest sets NODE_ENV=test, which would give a development build of React: test what ships.
    { cwd: path.join(ROOT, 'web'), stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } },
  );

  const port = await freePort();
  const dataDir = mkdtempSync(path.join(tmpdir(), 'staykeep-e2e-'));
  project.provide('dataDir', dataDir);
  let output = '';
  const server = spawn(process.execPath, [path.join(ROOT, 'server/bin/staykeep.js'), 'serve'], {
    env: {
      PATH: process.env.PATH,
      NODE_ENV: 'test',
      HOST: '127.0.0.1',
      PORT: String(port),
      DATA_DIR: dataDir,
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      LOG_LEVEL: 'warn',
      LOG_FORMAT: 'json',
      // The channel feeds the tests serve are on loopback, which the server refuses to fetch by default.
      ICAL_ALLOW_PRIVATE: '1',
    },
  });
  server.stdout?.on('data', (chunk) => {
    output += chunk;
  });
  server.stderr?.on('data', (chunk) => {
    output += chunk;
  });

  const baseUrl = `http://127.0.0.1:${port}`;
  await waitUntilReady(baseUrl, server, () => output);
  project.provide('baseUrl', baseUrl);

  // The first account of an instance administers it: made here, so that no test depends on running first.
  const admin = { name: 'Ada Martel', email: 'admin@example.org', password: 'la clé sous le paillasson' };
  const registered = await fetch(`${baseUrl}/api/v1/auth/register`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(admin),
  });
  if (!registered.ok)
    throw new Error(`registering the admin failed (${registered.status}): ${await registered.text()}`);
  project.provide('admin', admin);

  return async () => {
    server.kill('SIGTERM');
    await new Promise((resolve) => server.once('close', resolve));
  };
}
