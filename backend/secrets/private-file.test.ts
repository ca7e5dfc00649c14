import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { writePrivateFileAtomically } from './private-file.js';
import { Resources, tempDir } from '../test/helpers.js';

const resources = new Resources();
afterEach(() => resources.closeAll());

describe('writePrivateFileAtomically', () => {
  it('writes a 0600 file, replaces it whole, and leaves no temporary file behind', () => {
    const dir = tempDir(resources);
    const path = join(dir, 'secrets.json');
    expect(writePrivateFileAtomically(path, 'first')).toBe(true);
    expect(writePrivateFileAtomically(path, 'second')).toBe(true);
    expect(readFileSync(path, 'utf8')).toBe('second');
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(readdirSync(dir)).toEqual(['secrets.json']);
  });

  it('creates only if absent when asked: a file another process made first is left as it is', () => {
    const dir = tempDir(resources);
    const path = join(dir, 'secrets.json');
    expect(writePrivateFileAtomically(path, 'theirs', { onlyIfAbsent: true })).toBe(true);
    expect(writePrivateFileAtomically(path, 'ours', { onlyIfAbsent: true })).toBe(false);
    expect(readFileSync(path, 'utf8')).toBe('theirs');
    expect(readdirSync(dir)).toEqual(['secrets.json']);
  });
});
