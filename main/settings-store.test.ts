import Conf from 'conf';
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { createConfSettingsStore } from '../agent/index.js';
import { electronMock, resetElectronMock } from '../test/electron-mock.js';
import { DESKTOP_KEY, openSettingsFile, SETTINGS_FILE_NAME, SETTINGS_KEY } from './settings-store.js';

const SETTINGS = { agentId: 'counter-2', backendUrl: 'http://10.0.0.5:4800', agentToken: 'sealed:djExMg==', sound: { enabled: true, volume: 0.5 } };

let dir: string;
beforeEach(() => {
  resetElectronMock();
  dir = mkdtempSync(join(tmpdir(), 'ticketrail-settings-'));
});

describe('electron-store settings file', () => {
  it("reads what the headless agent's conf store wrote", () => {
    createConfSettingsStore(dir).write(SETTINGS);
    expect(openSettingsFile({ cwd: dir }).settingsStore.read()).toEqual(SETTINGS);
  });

  it('reads what plain conf writes with the shared name and key', () => {
    new Conf<Record<string, unknown>>({ projectName: 'ticketrail', cwd: dir, configName: SETTINGS_FILE_NAME }).set(SETTINGS_KEY, SETTINGS);
    expect(openSettingsFile({ cwd: dir }).settingsStore.read()).toEqual(SETTINGS);
  });

  it('writes a file the headless store reads back, as JSON under "settings"', () => {
    const file = openSettingsFile({ cwd: dir });
    file.settingsStore.write(SETTINGS);
    expect(file.path).toBe(join(dir, `${SETTINGS_FILE_NAME}.json`));
    expect(JSON.parse(readFileSync(file.path, 'utf8'))).toEqual({ [SETTINGS_KEY]: SETTINGS });
    expect(createConfSettingsStore(dir).read()).toEqual(SETTINGS);
  });

  it('keeps the file owner-only, since the token may be stored in clear', () => {
    const file = openSettingsFile({ cwd: dir });
    file.settingsStore.write(SETTINGS);
    if (process.platform !== 'win32') expect(statSync(file.path).mode & 0o777).toBe(0o600);
  });

  it('reads undefined before anything was saved, and undefined clears', () => {
    const file = openSettingsFile({ cwd: dir });
    expect(file.settingsStore.read()).toBeUndefined();
    file.settingsStore.write(SETTINGS);
    file.settingsStore.write(undefined);
    expect(file.settingsStore.read()).toBeUndefined();
  });

  it('keeps desktop settings beside the agent settings without touching them', () => {
    const file = openSettingsFile({ cwd: dir });
    file.settingsStore.write(SETTINGS);
    file.writeDesktop({ startAtLogin: true, kiosk: false, fullscreen: false });
    expect(JSON.parse(readFileSync(file.path, 'utf8'))).toEqual({
      [SETTINGS_KEY]: SETTINGS,
      [DESKTOP_KEY]: { startAtLogin: true, kiosk: false, fullscreen: false },
    });
    expect(createConfSettingsStore(dir).read()).toEqual(SETTINGS);
  });

  it("defaults to Electron's userData folder", () => {
    expect(openSettingsFile().path).toBe(join(electronMock.userDataDir, `${SETTINGS_FILE_NAME}.json`));
  });

  it('opens over a file that is not JSON, reports it for the agent, and leaves it as it was', () => {
    const path = join(dir, `${SETTINGS_FILE_NAME}.json`);
    writeFileSync(path, '{"settings": {"agentId": "counter-2"');
    const file = openSettingsFile({ cwd: dir });
    expect(() => file.settingsStore.read()).toThrow(expect.objectContaining({ code: 'SETTINGS_FILE_INVALID' }));
    expect(file.readDesktop()).toBeUndefined();
    expect(readFileSync(path, 'utf8')).toBe('{"settings": {"agentId": "counter-2"');
  });
});
