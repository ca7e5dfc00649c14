import { chmodSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { PRIVATE_DIR_MODE, PRIVATE_FILE_MODE, preparePrivateSqliteFile } from './private-files.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const modeOf = (path: string): number => statSync(path).mode & 0o777;

function newDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'ticketrail-private-files-'));
  dirs.push(dir);
  return dir;
}

describe.skipIf(process.platform === 'win32')('a private SQLite file', () => {
  it('is made 0600 in a folder made 0700, and keeps what the file holds', () => {
    const dataDir = join(newDir(), 'data', 'deeper');
    const file = join(dataDir, 'db.sqlite');
    preparePrivateSqliteFile(dataDir, file);
    expect([modeOf(dataDir), modeOf(file)]).toEqual([PRIVATE_DIR_MODE, PRIVATE_FILE_MODE]);
    writeFileSync(file, 'rows');
    preparePrivateSqliteFile(dataDir, file);
    expect(statSync(file).size).toBe(4);
  });

  it('narrows a looser folder, file, WAL and shm left by an older version', () => {
    const dataDir = join(newDir(), 'data');
    const file = join(dataDir, 'db.sqlite');
    mkdirSync(dataDir, { mode: 0o755 });
    chmodSync(dataDir, 0o755);
    for (const path of [file, `${file}-wal`, `${file}-shm`]) {
      writeFileSync(path, '');
      chmodSync(path, 0o644);
    }
    preparePrivateSqliteFile(dataDir, file);
    expect([dataDir, file, `${file}-wal`, `${file}-shm`].map(modeOf)).toEqual([0o700, 0o600, 0o600, 0o600]);
  });

  it('leaves the mode of a folder that is not its own (other files, no database yet) and of a shared sticky folder', () => {
    const own = join(newDir(), 'documents');
    mkdirSync(own);
    chmodSync(own, 0o755);
    writeFileSync(join(own, 'letter.txt'), 'hello');
    preparePrivateSqliteFile(own, join(own, 'db.sqlite'));
    expect(modeOf(own)).toBe(0o755);
    expect(modeOf(join(own, 'db.sqlite'))).toBe(0o600);

    const shared = join(newDir(), 'shared');
    mkdirSync(shared);
    chmodSync(shared, 0o1777);
    writeFileSync(join(shared, 'db.sqlite'), '');
    preparePrivateSqliteFile(shared, join(shared, 'db.sqlite'));
    expect(statSync(shared).mode & 0o7777).toBe(0o1777);
  });
});
