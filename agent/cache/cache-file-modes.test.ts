import { chmodSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CACHE_FILE_NAME, CacheDb } from './cache-db.js';

/** Issue 17, item 8 for the agent: its cache holds orders with customers' names, so 0600 in a 0700 folder. */
const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const modeOf = (path: string): number => statSync(path).mode & 0o777;

function newDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'ticketrail-cache-modes-'));
  dirs.push(dir);
  return dir;
}

describe.skipIf(process.platform === 'win32')('file modes of the agent cache', () => {
  it('creates the folder 0700 and the cache with its WAL and shm 0600, and narrows older ones', () => {
    const dataDir = join(newDir(), 'agent');
    const cache = new CacheDb(dataDir);
    cache.setState('probe', '1');
    expect(modeOf(dataDir)).toBe(0o700);
    for (const suffix of ['', '-wal', '-shm']) expect(modeOf(join(dataDir, `${CACHE_FILE_NAME}${suffix}`)), suffix || 'cache').toBe(0o600);
    cache.close();

    chmodSync(dataDir, 0o755);
    chmodSync(join(dataDir, CACHE_FILE_NAME), 0o644);
    new CacheDb(dataDir).close();
    expect(modeOf(dataDir)).toBe(0o700);
    expect(modeOf(join(dataDir, CACHE_FILE_NAME))).toBe(0o600);
  });
});
