import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, parseDatabaseUrl } from './config.ts';

const freshDir = () => mkdtempSync(path.join(tmpdir(), 'staykeep-config-'));

describe('configuration', () => {
  it('has defaults that run the app on SQLite in ./data on port 3000', () => {
    const dataDir = freshDir();
    const config = loadConfig({ DATA_DIR: dataDir });
    expect(config).toMatchObject({
      env: 'development',
      port: 3000,
      host: 'localhost',
      publicUrl: 'http://localhost:3000',
      database: { kind: 'sqlite', file: path.join(dataDir, 'staykeep.db'), synchronous: 'full' },
      logLevel: 'info',
      bodyLimitBytes: 1_048_576,
    });
  });

  it('converts and validates values, listing every bad variable', () => {
    expect(loadConfig({ DATA_DIR: freshDir(), PORT: '8080', TRUST_PROXY: 'true' })).toMatchObject({
      port: 8080,
      trustProxy: true,
    });
    expect(() => loadConfig({ DATA_DIR: freshDir(), PORT: 'eighty', LOG_LEVEL: 'loud' })).toThrow(
      ConfigError,
    );
    try {
      loadConfig({ DATA_DIR: freshDir(), PORT: 'eighty', LOG_LEVEL: 'loud' });
    } catch (error) {
      expect((error as Error).message).toMatch(/PORT/);
      expect((error as Error).message).toMatch(/LOG_LEVEL/);
    }
  });

  it('refuses to start in production without a secret, with a message that says what to do', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', DATA_DIR: freshDir() })).toThrow(
      /SECRET_KEY is required when NODE_ENV=production/,
    );
    expect(() => loadConfig({ NODE_ENV: 'production', SECRET_KEY: 'short' })).toThrow(/SECRET_KEY/);
    const secret = 'a'.repeat(40);
    expect(loadConfig({ NODE_ENV: 'production', DATA_DIR: freshDir(), SECRET_KEY: secret }).secretKey).toBe(
      secret,
    );
  });

  it('generates a development secret once and keeps it in DATA_DIR', () => {
    const dataDir = freshDir();
    const first = loadConfig({ DATA_DIR: dataDir }).secretKey;
    const second = loadConfig({ DATA_DIR: dataDir }).secretKey;
    expect(first).toHaveLength(43);
    expect(second).toBe(first);
    const file = path.join(dataDir, 'secret.key');
    expect(readFileSync(file, 'utf8').trim()).toBe(first);
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it('reads the database from DATABASE_URL', () => {
    expect(parseDatabaseUrl('postgres://u:p@db:5432/staykeep', '/d')).toEqual({
      kind: 'postgres',
      url: 'postgres://u:p@db:5432/staykeep',
    });
    expect(parseDatabaseUrl('sqlite:///var/lib/staykeep/app.db', '/d')).toEqual({
      kind: 'sqlite',
      file: '/var/lib/staykeep/app.db',
    });
    expect(parseDatabaseUrl('sqlite::memory:', '/d')).toEqual({ kind: 'sqlite', file: ':memory:' });
    expect(parseDatabaseUrl('pglite:memory', '/d')).toEqual({ kind: 'pglite', dataDir: null });
    expect(() => loadConfig({ DATA_DIR: freshDir(), DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL/);
    expect(loadConfig({ DATA_DIR: freshDir(), SQLITE_SYNC: 'normal' }).database).toMatchObject({
      synchronous: 'normal',
    });
    expect(() => loadConfig({ DATA_DIR: freshDir(), SQLITE_SYNC: 'off' })).toThrow(/SQLITE_SYNC/);
  });

  it('trims a trailing slash from PUBLIC_URL', () => {
    expect(loadConfig({ DATA_DIR: freshDir(), PUBLIC_URL: 'https://stays.example.org/' }).publicUrl).toBe(
      'https://stays.example.org',
    );
  });
});
