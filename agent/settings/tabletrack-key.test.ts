/**
 * The TableTrack branch key (connector `tabletrack`) is a secret like the agent token: sealed at
 * rest, write-only, kept on an empty save, bound to the backend URL's origin, and given by the
 * host's environment (TICKETRAIL_TABLETRACK_KEY) for a run without being written.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { TABLETRACK_KEY_ENV } from '../../common/settings.js';
import { hostSettingsFromEnv } from '../host-env.js';
import type { SecretBox } from '../ports.js';
import { createConfSettingsStore } from './conf-settings-store.js';
import { reversingBox } from '../test-support/reversing-secret-box.js';
import { tempDirs } from '../test-support/temp-dirs.js';
import { SettingsService } from './settings-service.js';

const tempDir = tempDirs('ticketrail-tabletrack-key-');

const brokenBox: SecretBox = { isAvailable: () => true, encrypt: (plain) => plain, decrypt: () => { throw new Error('another machine'); } };

const SITE = 'https://pos.example.com';
const KEY = 'branch-unique-hash-0123456789abcdef';
const tabletrack = (key = '', extra: Record<string, unknown> = {}) => ({ key, printerMap: { '3': 'kitchen-1' }, ...extra });

describe('the TableTrack key in the settings', () => {
  it('is sealed at rest, never shown, and kept when a save leaves it empty', () => {
    const dir = tempDir();
    const store = createConfSettingsStore(dir);
    const service = new SettingsService(store, {}, reversingBox);
    service.save({ connector: 'tabletrack', backendUrl: SITE, tabletrack: tabletrack(KEY) });
    const file = readFileSync(store.location, 'utf8');
    expect(file).not.toContain(KEY);
    expect(file).toContain('sealed:');
    expect(JSON.stringify(service.redacted())).not.toContain(KEY);
    expect(service.redacted().tabletrack).toMatchObject({ keySet: true, printerMap: { '3': 'kitchen-1' } });

    service.save({ tabletrack: tabletrack('', { pusherHost: 'ws.example.com', pusherPort: 6001, pusherTLS: false }) });
    expect(service.get().tabletrack).toMatchObject({ key: KEY, pusherHost: 'ws.example.com', pusherPort: 6001, pusherTLS: false });
    expect(new SettingsService(createConfSettingsStore(dir), {}, reversingBox).get().tabletrack.key).toBe(KEY);
  });

  it('is forgotten when a save moves the backend URL to another origin, unless the same save brings a new one', () => {
    const service = new SettingsService(createConfSettingsStore(tempDir()), {});
    service.save({ backendUrl: SITE, tabletrack: tabletrack(KEY) });
    service.save({ backendUrl: `${SITE}/some/path` });
    expect(service.get().tabletrack.key).toBe(KEY);
    service.save({ backendUrl: 'https://elsewhere.example.com' });
    expect(service.get().tabletrack.key).toBe('');
    expect(service.redacted().tabletrack.keySet).toBe(false);

    service.save({ backendUrl: SITE, tabletrack: tabletrack(KEY) });
    service.save({ backendUrl: 'https://new-site.example.com', tabletrack: tabletrack('new-branch-key') });
    expect(service.get().tabletrack.key).toBe('new-branch-key');
  });

  it('does not write back a sealed key it cannot open once the URL moved', () => {
    const dir = tempDir();
    const store = createConfSettingsStore(dir);
    new SettingsService(store, {}, reversingBox).save({ backendUrl: SITE, tabletrack: tabletrack(KEY) });
    const elsewhere = new SettingsService(store, {}, brokenBox);
    expect(elsewhere.get().tabletrack.key).toBe('');
    elsewhere.save({ sound: { enabled: false, volume: 0.5 } });
    expect(readFileSync(store.location, 'utf8')).toContain('sealed:');
    elsewhere.save({ backendUrl: 'https://elsewhere.example.com' });
    expect(readFileSync(store.location, 'utf8')).not.toContain('sealed:');
  });

  it('comes from TICKETRAIL_TABLETRACK_KEY for the run, is never written, and stops once a save points elsewhere', () => {
    const dir = tempDir();
    const store = createConfSettingsStore(dir);
    const host = hostSettingsFromEnv({ [TABLETRACK_KEY_ENV]: KEY });
    expect(host.secrets?.['tabletrack.key']).toBe(KEY);
    const service = new SettingsService(store, host, undefined, { connector: 'tabletrack', backendUrl: SITE });
    expect(service.get().tabletrack.key).toBe(KEY);
    service.save({ display: { amberAfterMin: 5, redAfterMin: 9 } });
    expect(readFileSync(store.location, 'utf8')).not.toContain(KEY);
    service.save({ backendUrl: 'https://elsewhere.example.com' });
    expect(service.get().tabletrack.key).toBe('');
  });

  it('lets a run-only Pusher override (the CLI flags) leave the stored key and printer map in force', () => {
    const dir = tempDir();
    new SettingsService(createConfSettingsStore(dir), {}).save({ backendUrl: SITE, tabletrack: tabletrack(KEY) });
    const run = new SettingsService(createConfSettingsStore(dir), {}, undefined, { tabletrack: { key: '', printerMap: {}, pusherHost: '127.0.0.1', pusherPort: 6001, pusherTLS: false } });
    expect(run.get().tabletrack).toEqual({ key: KEY, printerMap: { '3': 'kitchen-1' }, pusherHost: '127.0.0.1', pusherPort: 6001, pusherTLS: false });
  });

  it('says which connector runs now: a change of connector applies at the next start', () => {
    const dir = tempDir();
    const service = new SettingsService(createConfSettingsStore(dir), {});
    service.save({ connector: 'tabletrack' });
    expect(service.redacted()).toMatchObject({ connector: 'tabletrack', runningConnector: 'ticketrail' });
    expect(new SettingsService(createConfSettingsStore(dir), {}).redacted()).toMatchObject({ connector: 'tabletrack', runningConnector: 'tabletrack' });
  });
});
