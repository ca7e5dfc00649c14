import { chmodSync, closeSync, fsyncSync, linkSync, openSync, readFileSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';

/** Owner read/write only: the file holds secrets. */
export const PRIVATE_FILE_MODE = 0o600;

/** The file's text, or undefined when it does not exist. A looser mode is narrowed back to 0600. */
export function readPrivateFile(path: string): string | undefined {
  let mode: number;
  try {
    mode = statSync(path).mode & 0o777;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  if (mode !== PRIVATE_FILE_MODE) chmodSync(path, PRIVATE_FILE_MODE);
  return readFileSync(path, 'utf8');
}

/** Writes `text` to a new 0600 file next to `path`, flushed to disk; answers its path. */
function writeTemporary(path: string, text: string): string {
  const temporary = join(dirname(path), `.${randomBytes(6).toString('hex')}.tmp`);
  // Created with its final mode, so the secret is never readable by others, not even for a moment.
  const fd = openSync(temporary, 'wx', PRIVATE_FILE_MODE);
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  return temporary;
}

function syncDirectory(path: string): void {
  const fd = openSync(dirname(path), 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/**
 * Puts `text` at `path` atomically with mode 0600: readers see the old file or the new one, never a
 * part, and a crash leaves one of them. With `onlyIfAbsent`, answers false (writing nothing) when
 * the file already exists, so two processes starting at once cannot both create it.
 */
export function writePrivateFileAtomically(path: string, text: string, options: { onlyIfAbsent?: boolean } = {}): boolean {
  const temporary = writeTemporary(path, text);
  try {
    if (options.onlyIfAbsent) {
      try {
        linkSync(temporary, path);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
        throw error;
      }
    } else {
      renameSync(temporary, path);
    }
  } finally {
    try {
      unlinkSync(temporary);
    } catch {
      // Renamed away already.
    }
  }
  syncDirectory(path);
  return true;
}
