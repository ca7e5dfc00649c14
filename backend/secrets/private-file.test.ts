import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { writePrivateFileAtomically } from './private-file.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'ticketrail-private-file-'));
  dirs.push(dir);
  return dir;
}

describe('writePrivateFileAtomically', () => {
  it('writes a 0600 file, replaces it whole, and leaves no temporary file behind', () => {
    const dir = tempDir();
    const path = join(dir, 'secrets.json');
    expect(writePrivateFileAtomically(path, 'first')).toBe(true);
    expect(writePrivateFileAtomically(path, 'second')).toBe(true);
    expect(readFileSync(path, 'utf8')).toBe('second');
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(readdirSync(dir)).toEqual(['secrets.json']);
  });

  it('creates only if absent when asked: a file another process made first is left as it is', () => {
    const dir = tempDir();
    const path = join(dir, 'secrets.json');
    expect(writePrivateFileAtomically(path, 'theirs', { onlyIfAbsent: true })).toBe(true);
    expect(writePrivateFileAtomically(path, 'ours', { onlyIfAbsent: true })).toBe(false);
    expect(readFileSync(path, 'utf8')).toBe('theirs');
    expect(readdirSync(dir)).toEqual(['secrets.json']);
  });
});
