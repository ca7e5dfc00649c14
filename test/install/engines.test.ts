import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import semver from 'semver';
import { describe, expect, it } from 'vitest';

/**
 * Issue 17, item 13: `npm install` on Node 20 printed 20 EBADENGINE warnings while the README says
 * Node ≥ 20.19 — four packages deep in the tree wanted Node 22. The lockfile is what a fresh
 * install gets: every package in it must accept the oldest Node the project names, and every
 * install script in it must be decided in `allowScripts` (npm 11 warns about, and skips, the rest).
 */
const ROOT = resolve(import.meta.dirname, '../..');

interface LockEntry {
  version?: string;
  engines?: Record<string, string> | string[];
  hasInstallScript?: boolean;
}

const manifest = JSON.parse(readFileSync(resolve(ROOT, 'package.json'), 'utf8')) as { engines: { node: string }; allowScripts: Record<string, boolean> };
const lock = JSON.parse(readFileSync(resolve(ROOT, 'package-lock.json'), 'utf8')) as { packages: Record<string, LockEntry> };
const installed = Object.entries(lock.packages).filter(([path]) => path.startsWith('node_modules/'));
const nameOf = (path: string): string => path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length);

describe('the dependency tree a fresh install gets', () => {
  it('runs on the oldest Node the project names: no EBADENGINE', () => {
    const floor = semver.minVersion(manifest.engines.node);
    expect(floor?.version).toBe('20.19.0');
    const wantNewer = installed
      .flatMap(([path, entry]) => {
        const node = Array.isArray(entry.engines) ? undefined : entry.engines?.node;
        return node !== undefined && !semver.satisfies(floor as semver.SemVer, node, { includePrerelease: true }) ? [`${nameOf(path)}@${entry.version ?? '?'} wants node ${node}`] : [];
      })
      .sort();
    expect(wantNewer).toEqual([]);
  });

  it('has a decision in allowScripts for every install script', () => {
    const undecided = installed.filter(([path, entry]) => entry.hasInstallScript === true && !(nameOf(path) in manifest.allowScripts)).map(([path]) => nameOf(path));
    expect([...new Set(undecided)].sort()).toEqual([]);
  });
});
