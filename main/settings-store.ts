import ElectronStore from 'electron-store';
import { type SettingsStore, readSettingsKey, SETTINGS_FILE_NAME, SETTINGS_KEY } from '../agent/index.js';
import type { DesktopSettings, DesktopSettingsSlot } from './desktop-settings.js';

/**
 * The settings file is the same in Electron and headless: `settings.json`, a JSON object with the
 * agent's settings under `settings`, as the CLI's `conf` store writes it (electron-store is `conf`
 * with Electron's userData folder as the default location). The name and key come from the agent's
 * store so the two cannot drift; the shell adds its own `desktop` key beside them.
 */
export { SETTINGS_FILE_NAME, SETTINGS_KEY };
export const DESKTOP_KEY = 'desktop';
/** Owner-only: without safeStorage the agent token may be stored in clear. */
const SETTINGS_FILE_MODE = 0o600;

export interface SettingsFile extends DesktopSettingsSlot {
  readonly settingsStore: SettingsStore;
  /** Absolute path of the JSON file. */
  readonly path: string;
}

export interface SettingsFileOptions {
  /** Folder of the file; defaults to Electron's userData folder. */
  cwd?: string;
}

export function openSettingsFile(options: SettingsFileOptions = {}): SettingsFile {
  const store = new ElectronStore<Record<string, unknown>>({
    name: SETTINGS_FILE_NAME,
    configFileMode: SETTINGS_FILE_MODE,
    // As headless: a file that is not JSON must not stop the app from starting. The agent's
    // settings are read through readSettingsKey, which reports it so the file is kept (copied)
    // before anything is written; desktop settings fall back to their defaults meanwhile.
    clearInvalidConfig: true,
    ...(options.cwd ? { cwd: options.cwd } : {}),
  });
  return {
    path: store.path,
    settingsStore: {
      location: store.path,
      read: () => readSettingsKey(store.path),
      write(value: unknown): void {
        // conf refuses to store undefined; "no settings" is the key's absence.
        if (value === undefined) store.delete(SETTINGS_KEY);
        else store.set(SETTINGS_KEY, value);
      },
    },
    readDesktop: () => store.get(DESKTOP_KEY),
    writeDesktop(value: DesktopSettings): void {
      store.set(DESKTOP_KEY, value);
    },
  };
}
