import { describe, expect, it } from 'vitest';
import { AgentSettingsSchema, redactSettings } from '../../common/settings.js';
import { buildSettingsPatch, formFromSettings } from './settings-form.js';

const stored = redactSettings(
  AgentSettingsSchema.parse({
    connector: 'tabletrack',
    backendUrl: 'https://pos.example.com',
    tabletrack: { key: 'branch-key', printerMap: { '3': 'kitchen-1' }, pusherHost: 'ws.example.com', pusherPort: 6001, pusherTLS: false },
  }),
  { runningConnector: 'ticketrail' },
);

describe('the TableTrack part of the settings form', () => {
  it('starts from what the agent stored, never with the key, and says which connector runs now', () => {
    const form = formFromSettings(stored);
    expect(form.connector).toBe('tabletrack');
    expect(form.runningConnector).toBe('ticketrail');
    expect(form.tabletrack).toEqual({ key: '', keySet: true, pusherHost: 'ws.example.com', pusherPort: '6001', pusherTLS: 'off', printerMap: { '3': 'kitchen-1' } });
  });

  it('sends the section back with an empty key (kept by the agent), the map without "first printer" entries, and TLS as chosen', () => {
    const form = formFromSettings(stored);
    const built = buildSettingsPatch({ ...form, tabletrack: { ...form.tabletrack, pusherTLS: 'default', printerMap: { '3': 'kitchen-1', '4': '' } } });
    expect(built.ok).toBe(true);
    if (!built.ok) return;
    expect(built.patch.connector).toBe('tabletrack');
    expect(built.patch.tabletrack).toEqual({ key: '', printerMap: { '3': 'kitchen-1' }, pusherHost: 'ws.example.com', pusherPort: 6001 });
  });

  it('sends a typed key, and refuses a Pusher port or host that is not one on its field', () => {
    const form = formFromSettings(stored);
    const typed = buildSettingsPatch({ ...form, tabletrack: { ...form.tabletrack, key: 'new-key' } });
    expect(typed.ok && typed.patch.tabletrack?.key).toBe('new-key');
    const bad = buildSettingsPatch({ ...form, tabletrack: { ...form.tabletrack, pusherPort: 'six', pusherHost: 'wss://ws.example.com' } });
    expect(bad.ok).toBe(false);
    if (bad.ok) return;
    expect(Object.keys(bad.errors)).toEqual(expect.arrayContaining(['tabletrack.pusherPort', 'tabletrack.pusherHost']));
  });
});
