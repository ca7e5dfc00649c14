import Conf from 'conf';
import type { SettingsStore } from '../ports.js';

/** The settings key inside the JSON file; electron-store in main/ uses the same key and format. */
export const SETTINGS_KEY = 'settings';
export const SETTINGS_FILE_NAME = 'settings';

/** A `conf`-backed settings file (JSON, mode 0600) for the headless agent. */
export function createConfSettingsStore(dir: string): SettingsStore {
  const conf = new Conf<Record<string, unknown>>({
    projectName: 'ticketrail',
    cwd: dir,
    configName: SETTINGS_FILE_NAME,
    configFileMode: 0o600,
  });
  return {
    location: conf.path,
    read: () => conf.get(SETTINGS_KEY),
    write: (value) => conf.set(SETTINGS_KEY, value),
  };
}
