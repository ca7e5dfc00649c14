import { chmodSync, closeSync, existsSync, mkdirSync, openSync, statSync } from 'node:fs';

/**
 * The database holds gift card numbers (spendable money), customers' names and phone numbers: only
 * the account the backend runs as may read it, as only it may read secrets.json.
 */
export const PRIVATE_DIR_MODE = 0o700;
export const PRIVATE_DB_FILE_MODE = 0o600;

/** SQLite's companions of a WAL database; it gives them the main file's mode when it makes them. */
const SQLITE_COMPANIONS = ['-wal', '-shm'] as const;

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
 * Makes `dataDir` (0700) and the database file (0600) before SQLite opens it: SQLite would create
 * the file 0644, and its -wal and -shm files copy the main file's mode. A folder or files left
 * looser by an older version are narrowed on every start.
 */
export function preparePrivateDatabase(dataDir: string, databaseFile: string): void {
  // The folder is ours when we make it, or when it already holds the database (an older install);
  // a folder named by DATA_DIR that holds other things keeps its mode (the file is 0600 anyway).
  const ours = !existsSync(dataDir) || existsSync(databaseFile);
  mkdirSync(dataDir, { recursive: true, mode: PRIVATE_DIR_MODE });
  if (ours) narrow(dataDir, PRIVATE_DIR_MODE);
  // 'a' creates the file when missing (with this mode) and never truncates one that exists.
  closeSync(openSync(databaseFile, 'a', PRIVATE_DB_FILE_MODE));
  for (const path of [databaseFile, ...SQLITE_COMPANIONS.map((suffix) => `${databaseFile}${suffix}`)]) narrow(path, PRIVATE_DB_FILE_MODE);
}
