/** Loggers for the relay: silent by default (embedded use, tests), one line per entry for the CLI. */
import type { RelayLogFields, RelayLogger } from './types.js';

const ignore = (): void => {};

export const SILENT_LOGGER: RelayLogger = { debug: ignore, info: ignore, warn: ignore, error: ignore };

function line(level: string, message: string, fields?: RelayLogFields): string {
  const details = Object.entries(fields ?? {})
    .filter(([, value]) => value !== undefined)
    .map(([key, value]) => `${key}=${String(value)}`)
    .join(' ');
  return `${new Date().toISOString()} ${level} ${message}${details ? ` ${details}` : ''}`;
}

/** Writes info and above through `write` (stderr for the CLI, so stdout stays for instructions). */
export function createLineLogger(write: (text: string) => void): RelayLogger {
  return {
    debug: ignore,
    info: (message, fields) => write(line('info', message, fields)),
    warn: (message, fields) => write(line('warn', message, fields)),
    error: (message, fields) => write(line('error', message, fields)),
  };
}
