import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/**
 * Copies a settings file the agent cannot use to `<file>.invalid-<time>` beside it (mode 0600: it
 * may hold the agent token), before anything else is written there; the first save replaces the
 * file. Answers the copy's path, undefined when there is no file to keep. A copy with the same
 * bytes is reused, so an agent restarted again and again over one bad file keeps one copy of it.
 * Throws when the file exists and cannot be copied: the caller must then not overwrite it.
 */
export function keepInvalidCopy(path: string, now: Date = new Date()): string | undefined {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  const dir = dirname(path);
  const prefix = `${basename(path)}.invalid-`;
  for (const name of readdirSync(dir)) {
    if (!name.startsWith(prefix)) continue;
    const existing = join(dir, name);
    try {
      if (readFileSync(existing).equals(bytes)) return existing;
    } catch {
      // unreadable or gone: not a copy to reuse
    }
  }
  // No ':' in the name: Windows file names cannot hold one.
  const stamp = now.toISOString().replace(/[:.]/g, '-');
  for (let attempt = 0; ; attempt++) {
    const copy = join(dir, `${prefix}${stamp}${attempt ? `-${attempt}` : ''}`);
    try {
      writeFileSync(copy, bytes, { mode: 0o600, flag: 'wx' });
      return copy;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
}
