import { chmodSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DATABASE_FILE } from '../db/database.js';
import { Resources, startTestBackend, tempDir } from './helpers.js';

/**
 * Issue 17, item 8: ticketrail.sqlite holds gift card numbers, customers' names and phones. It and
 * its WAL companions are 0600 and their folder 0700, as secrets.json is — on a new install and on
 * one an older version left 0644 / 0755.
 */
const resources = new Resources();
afterEach(() => resources.closeAll());

const modeOf = (path: string): number => statSync(path).mode & 0o777;

describe.skipIf(process.platform === 'win32')('file modes of the backend data', () => {
  it('creates the folder 0700 and the database, its WAL and shm 0600', async () => {
    const dataDir = join(tempDir(resources), 'fresh', 'backend');
    const test = await startTestBackend(resources, { dataDir });
    await test.api.createOrder();

    expect(modeOf(dataDir)).toBe(0o700);
    for (const suffix of ['', '-wal', '-shm']) expect(modeOf(join(dataDir, `${DATABASE_FILE}${suffix}`)), suffix || 'database').toBe(0o600);
    expect(modeOf(join(dataDir, 'secrets.json'))).toBe(0o600);
  });

  it('narrows the folder and files an older version left readable to everyone', async () => {
    const dataDir = join(tempDir(resources), 'older');
    const first = await startTestBackend(resources, { dataDir });
    await first.api.createOrder();
    await first.backend.close();
    chmodSync(dataDir, 0o755);
    chmodSync(join(dataDir, DATABASE_FILE), 0o644);

    await startTestBackend(resources, { dataDir });
    expect(modeOf(dataDir)).toBe(0o700);
    expect(modeOf(join(dataDir, DATABASE_FILE))).toBe(0o600);
  });

  it('leaves a shared folder named by DATA_DIR as it is, but not the database in it', async () => {
    const dataDir = join(tempDir(resources), 'shared');
    mkdirSync(dataDir, { mode: 0o755 });
    chmodSync(dataDir, 0o755);
    writeFileSync(join(dataDir, 'someone-elses.txt'), 'hello');

    await startTestBackend(resources, { dataDir });
    expect(modeOf(dataDir)).toBe(0o755);
    expect(modeOf(join(dataDir, DATABASE_FILE))).toBe(0o600);
  });
});
