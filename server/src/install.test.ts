import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import semver from 'semver';
import { describe, expect, it } from 'vitest';

// `npm install && npm start` is the README's first command: it must work on any
// Node.js from 20 on, quietly, and leave the working tree as it found it.
const ROOT = path.resolve(import.meta.dirname, '../..');
const readJson = (file: string) => JSON.parse(readFileSync(path.join(ROOT, file), 'utf8'));

interface LockedPackage {
  version?: string;
  link?: boolean;
  engines?: { node?: string } | string[];
  hasInstallScript?: boolean;
}

const manifest = readJson('package.json');
const locked: [string, LockedPackage][] = Object.entries(readJson('package-lock.json').packages);
const installed = locked.filter(
  ([where, entry]) => where.includes('node_modules/') && !entry.link && existsSync(path.join(ROOT, where)),
);

describe('installing', () => {
  it('runs the code on the Node.js of the node dev dependency, which every package accepts', () => {
    // .npmrc hides npm's engine warnings, given against the Node.js that runs npm: they must stay false alarms.
    expect(process.version).toBe(`v${manifest.devDependencies.node}`);
    const refusing = installed
      .map(([where, entry]) => [where, Array.isArray(entry.engines) ? undefined : entry.engines?.node])
      .filter(([, range]) => range && !semver.satisfies(process.version, range, { includePrerelease: true }));
    expect(refusing).toEqual([]);
    expect(readFileSync(path.join(ROOT, '.npmrc'), 'utf8')).toMatch(/^loglevel=error$/m);
  });

  it('accepts the Node.js the README asks for to run npm', () => {
    expect(readFileSync(path.join(ROOT, 'README.md'), 'utf8')).toContain('any version from 20 on');
    expect(semver.minVersion(manifest.engines.node)?.major).toBe(20);
  });

  it('locks the install scripts npm finds in the installed packages, so npm install does not rewrite the lockfile', () => {
    // A package with a binding.gyp gets npm's implicit "node-gyp rebuild". better-sqlite3 opts out
    // (gypfile: false, it ships prebuilt binaries), but an install from a lockfile, which does not
    // record gypfile, adds the script anyway (npm/cli#9837) and writes hasInstallScript into the
    // lockfile; package.json's allowScripts keeps it from running.
    const differing = installed.filter(([where, entry]) => {
      const pkg = JSON.parse(readFileSync(path.join(ROOT, where, 'package.json'), 'utf8'));
      const scripts = pkg.scripts ?? {};
      const hasScript =
        Boolean(scripts.preinstall || scripts.install || scripts.postinstall) ||
        existsSync(path.join(ROOT, where, 'binding.gyp'));
      return hasScript !== (entry.hasInstallScript === true);
    });
    expect(differing.map(([where]) => where)).toEqual([]);
    expect(installed.length).toBeGreaterThan(100);
  });
});
