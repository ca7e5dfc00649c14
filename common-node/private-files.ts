import { chmodSync, closeSync, existsSync, mkdirSync, openSync, statSync } from 'node:fs';

/*
 * Private files on disk, for both of TicketRail's Node programs: the backend's database (gift card
 * numbers, customers' names and phone numbers) and the agent's cache (orders with customers' names
 * and notes) are readable by the account that runs them only, as are secrets.json and settings.json.
 */

/** A private folder: owner only. */
export const PRIVATE_DIR_MODE = 0o700;
/** A private file: owner read/write only. */
export const PRIVATE_FILE_MODE = 0o600;

/** SQLite's companions of a WAL database; it gives them the main file's mode when it makes them. */
const SQLITE_COMPANIONS = ['-wal', '-shm'] as const;

/** A shared folder such as /tmp (sticky bit) is never narrowed: others' files live there too. */
const STICKY_BIT = 0o1000;

/** Narrows `path` to `mode` (a missing path is left alone). */
function narrow(path: string, mode: number): void {
  try {
    const current = statSync(path).mode;
    if ((current & STICKY_BIT) === 0 && (current & 0o777) !== mode) chmodSync(path, mode);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}

/**
 * Makes `dataDir` (0700) and the SQLite file (0600) before SQLite opens it: SQLite would create
 * the file 0644, and its -wal and -shm files copy the main file's mode. A folder or files left
 * looser by an older version are narrowed on every start.
 */
export function preparePrivateSqliteFile(dataDir: string, file: string): void {
  // The folder is ours when we make it, or when it already holds the file (an older install); a
  // folder named by the user that holds other things keeps its mode (the file is 0600 anyway).
  const ours = !existsSync(dataDir) || existsSync(file);
  mkdirSync(dataDir, { recursive: true, mode: PRIVATE_DIR_MODE });
  if (ours) narrow(dataDir, PRIVATE_DIR_MODE);
  // 'a' creates the file when missing (with this mode) and never truncates one that exists.
  closeSync(openSync(file, 'a', PRIVATE_FILE_MODE));
  for (const path of [file, ...SQLITE_COMPANIONS.map((suffix) => `${file}${suffix}`)]) narrow(path, PRIVATE_FILE_MODE);
}
