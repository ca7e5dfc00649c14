import { describeError } from '../describe-error.js';
import Conf from 'conf';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { CodedError, ERRORS } from '../../common/errors.js';
import type { SettingsStore } from '../ports.js';

/** The settings key inside the JSON file; electron-store in main/ uses the same key and format. */
export const SETTINGS_KEY = 'settings';
/** Other keys the file may hold beside the settings: the desktop shell's own (main/settings-store.ts). */
const HOST_KEYS = ['desktop'];
export const SETTINGS_FILE_NAME = 'settings';


/**
 * The file's `settings` value; undefined when there is no file or no key yet. A file written by
 * hand with the settings object itself at the top (`{"connector": …, "printers": […]}`, no
 * `settings` key) is read as those settings; the first save writes them under `settings`. A file that cannot
 * be read or is not a JSON object throws SETTINGS_FILE_INVALID: the service then starts from
 * defaults and keeps a copy of the file, instead of refusing to start or overwriting it unseen.
 * Electron's store (main/settings-store.ts) reads through it too.
 */
export function readSettingsKey(path: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new CodedError(ERRORS.SETTINGS_FILE_INVALID, `cannot read the file: ${describeError(error)}`, { location: path });
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new CodedError(ERRORS.SETTINGS_FILE_INVALID, `not valid JSON: ${describeError(error)}`, { location: path });
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw new CodedError(ERRORS.SETTINGS_FILE_INVALID, 'not a JSON object', { location: path });
  }
  const record = data as Record<string, unknown>;
  if (SETTINGS_KEY in record) return record[SETTINGS_KEY];
  const bare = Object.keys(record).filter((key) => !HOST_KEYS.includes(key));
  return bare.length > 0 ? Object.fromEntries(bare.map((key) => [key, record[key]])) : undefined;
}

/** A `conf`-backed settings file (JSON, mode 0600) for the headless agent. */
export function createConfSettingsStore(dir: string): SettingsStore {
  const options = {
    projectName: 'ticketrail',
    cwd: dir,
    configName: SETTINGS_FILE_NAME,
    configFileMode: 0o600,
    // Otherwise the constructor throws on a file that is not JSON and the agent cannot start. It
    // writes nothing while reading; reads go through readSettingsKey, which reports the problem.
    clearInvalidConfig: true,
  };
  let conf: Conf<Record<string, unknown>> | undefined;
  try {
    conf = new Conf<Record<string, unknown>>(options);
  } catch {
    // A file it cannot even read (permissions): read() says why, and a write tries again.
  }
  const location = conf?.path ?? resolve(dir, `${SETTINGS_FILE_NAME}.json`);
  return {
    location,
    read: () => readSettingsKey(location),
    write: (value) => (conf ??= new Conf<Record<string, unknown>>(options)).set(SETTINGS_KEY, value),
  };
}
