import { chmodSync, closeSync, existsSync, mkdirSync, openSync, statSync } from 'node:fs';

/**
 * The cache holds orders with customers' names and notes: only the account the agent runs as may
 * read it, as only it may read settings.json (0600).
 */
export const CACHE_DIR_MODE = 0o700;
export const CACHE_FILE_MODE = 0o600;

/** A shared folder such as /tmp (sticky bit) is never narrowed: others' files live there too. */
const STICKY_BIT = 0o1000;

function narrow(path: string, mode: number): void {
  try {
    const current = statSync(path).mode;
    if ((current & STICKY_BIT) === 0 && (current & 0o777) !== mode) chmodSync(path, mode);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}

/**
 * Makes the data folder (0700) and the cache file (0600) before SQLite opens it: SQLite would make
 * the file 0644, and its -wal and -shm files take the main file's mode. Older, looser ones are
 * narrowed on every start.
 */
export function preparePrivateCacheFile(dataDir: string, file: string): void {
  // The folder is ours when we make it or it already holds the cache; another folder keeps its mode.
  const ours = !existsSync(dataDir) || existsSync(file);
  mkdirSync(dataDir, { recursive: true, mode: CACHE_DIR_MODE });
  if (ours) narrow(dataDir, CACHE_DIR_MODE);
  closeSync(openSync(file, 'a', CACHE_FILE_MODE));
  for (const path of [file, `${file}-wal`, `${file}-shm`]) narrow(path, CACHE_FILE_MODE);
}
