import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import path from 'node:path';
import type { DatabaseConfig } from '../src/config.ts';

const CLI = path.resolve(import.meta.dirname, '../bin/staykeep.js');

export interface ServerProcess {
  baseUrl: string;
  /** SIGTERM: a graceful shutdown. */
  stop(): Promise<void>;
  /** SIGKILL: the process dies at once, as in a crash or an out-of-memory kill. */
  kill(): Promise<void>;
}

/**
 * A real `staykeep serve` process on 127.0.0.1, ready when it listens. Unless
 * `env.PORT` says otherwise it gets a free port of its own, fixed before it
 * starts (as in production, where PORT and PUBLIC_URL differ per instance).
 */
export async function startServerProcess(env: Record<string, string>): Promise<ServerProcess> {
  const port = env.PORT ?? String(await freePort());
  const child: ChildProcess = spawn(process.execPath, [CLI, 'serve'], {
    env: {
      PATH: process.env.PATH,
      NODE_ENV: 'test',
      HOST: '127.0.0.1',
      PORT: port,
      LOG_LEVEL: 'info',
      LOG_FORMAT: 'json',
      SECRET_KEY: 'test-secret-key-that-is-long-enough-0123456789',
      WEB_DIST_DIR: '',
      ...env,
    },
  });
  // What the process printed until it listened, for the error if it never does;
  // the request logs of a running server are read and dropped.
  let output = '';
  let listening = false;
  const baseUrl = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`server did not start:\n${output}`));
    }, 60_000);
    child.stdout?.on('data', (chunk) => {
      if (listening) return;
      output += chunk;
      const match = output.match(/Server listening at (http:\/\/127\.0\.0\.1:\d+)/);
      if (match?.[1]) {
        listening = true;
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    child.stderr?.on('data', (chunk) => {
      if (!listening) output += chunk;
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${output}`));
    });
  });
  const end = (signal: NodeJS.Signals) =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill(signal);
    });
  return { baseUrl, stop: () => end('SIGTERM'), kill: () => end('SIGKILL') };
}

/** DATABASE_URL for another process, pointing at the test's own schema on PostgreSQL. */
export function databaseUrl(config: DatabaseConfig): string {
  if (config.kind === 'sqlite') return `sqlite://${config.file}`;
  if (config.kind === 'postgres') {
    const url = new URL(config.url);
    if (config.schema) url.searchParams.set('options', `-c search_path=${config.schema}`);
    return url.href;
  }
  throw new Error('PGlite lives inside one process');
}

/** Runs one `staykeep <command>` to its end. */
export function runCommand(
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [CLI, ...args], {
    env: { PATH: process.env.PATH, NODE_ENV: 'test', LOG_LEVEL: 'warn', DATA_DIR: '/tmp', ...env },
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk) => {
    stdout += chunk;
  });
  child.stderr?.on('data', (chunk) => {
    stderr += chunk;
  });
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}

/** A port nobody listens on right now, for a server that must keep its address across a restart. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject()));
    });
  });
}

/** A JSON request to a server over HTTP: a GET, or a POST with `body`, with a bearer token when given. */
export async function callServer(
  base: string,
  path: string,
  options: { token?: string; body?: unknown } = {},
) {
  const response = await fetch(`${base}${path}`, {
    method: options.body === undefined ? 'GET' : 'POST',
    headers: {
      ...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
    },
    ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}
