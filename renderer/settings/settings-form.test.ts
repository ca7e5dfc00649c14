import { describe, expect, it } from 'vitest';
import { AgentSettingsSchema, redactSettings } from '../../common/settings.js';
import { DEFAULT_KEY_MAP } from '../../common/key-map.js';
import { ENGLISH_REFUSALS, blankPrinter, buildSettingsPatch, formFromSettings, withStoredHostedPusher, withStoredRealtime, type SettingsForm } from './settings-form.js';

const stored = redactSettings(
  AgentSettingsSchema.parse({
    agentToken: 'stored-agent-token',
    printers: [{ id: 'hot', name: 'Hot line', interface: 'tcp://10.0.0.5:9100', stations: ['kitchen'] }],
  }),
);

function form(change: (f: SettingsForm) => void = () => undefined): SettingsForm {
  const value = formFromSettings(stored);
  change(value);
  return value;
}

function errorsOf(value: SettingsForm) {
  const result = buildSettingsPatch(value);
  if (result.ok) throw new Error('expected refusals');
  return result.errors;
}

describe('formFromSettings', () => {
  it('never carries the token, only whether one is set', () => {
    const value = form();
    expect(value.agentToken).toBe('');
    expect(value.agentTokenSet).toBe(true);
    expect(JSON.stringify(value)).not.toContain('stored-agent-token');
  });
});

describe('buildSettingsPatch', () => {
  it('turns the stored settings back into an equal patch, leaving the token out', () => {
    const result = buildSettingsPatch(form());
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.patch).not.toHaveProperty('agentToken');
    const { agentTokenSet: _set, pinSet: _pinSet, agentId: _id, hostsBackend: _hosts, runningConnector: _running, connectors: _connectors, tabletrack: { keySet: _keySet, ...tabletrack }, ...rest } = stored;
    // The TableTrack key is write-only like the token: the patch sends it empty (keep the stored one).
    expect(result.patch).toEqual({ ...rest, tabletrack: { ...tabletrack, key: '' } });
  });

  it('sends a newly typed token', () => {
    const result = buildSettingsPatch(form((f) => (f.agentToken = 'new-token')));
    expect(result.ok && result.patch.agentToken).toBe('new-token');
  });

  it('maps schema refusals to the fields they belong to', () => {
    const errors = errorsOf(
      form((f) => {
        f.backendUrl = 'ftp://nowhere';
        f.realtime.port = '70000';
        f.printers[0]!.interface = 'usb';
        f.printers[0]!.stations = 'Hot Line';
        f.display.fontScale = '3';
      }),
    );
    expect(Object.keys(errors).sort()).toEqual(['backendUrl', 'display.fontScale', 'printers.0.interface', 'printers.0.stations', 'realtime.port']);
    expect(errors['printers.0.interface']).toBe('interface must be tcp://host:port, printer:NAME, usb://VID:PID[/SERIAL], file:///path or serial://PATH?baud=N');
  });

  it('reports a red threshold not later than amber on the red field', () => {
    const errors = errorsOf(
      form((f) => {
        f.display.amberAfterMin = '8';
        f.display.redAfterMin = '5';
      }),
    );
    expect(errors).toEqual({ 'display.redAfterMin': 'red threshold must be later than amber' });
  });

  it('says "must be a number" and "required" rather than what zod made of them', () => {
    const errors = errorsOf(
      form((f) => {
        f.sound.volume = 'loud';
        f.realtime.pollSeconds = '';
      }),
    );
    expect(errors).toEqual({ 'sound.volume': 'must be a number', 'realtime.pollIntervalMs': 'required' });
  });

  it('refuses two printers with one id', () => {
    const errors = errorsOf(
      form((f) => {
        f.printers.push({ ...blankPrinter([]), id: 'hot', name: 'Copy', interface: 'printer:Copy' });
      }),
    );
    expect(errors).toEqual({ 'printers.1.id': 'another printer already has this id' });
  });

  it('reads optional realtime fields left empty as absent', () => {
    const result = buildSettingsPatch(
      form((f) => {
        f.realtime.host = '';
        f.realtime.port = '';
        f.realtime.cluster = ' ';
      }),
    );
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.patch.realtime).not.toHaveProperty('port');
  });
});

describe('withStoredRealtime', () => {
  // What the agent stores after Test connection: the backend's key, host and port over the old ones.
  const afterTest = { ...stored, realtime: { ...stored.realtime, key: 'found-key', host: '127.0.0.1', port: 4810, useTLS: false } };

  it('shows the realtime values the agent stored, so the next Save sends them and not the old ones', () => {
    const next = withStoredRealtime(form(), afterTest);
    expect(next.realtime).toMatchObject({ key: 'found-key', host: '127.0.0.1', port: '4810' });
    const result = buildSettingsPatch(next);
    expect(result.ok && result.patch.realtime).toMatchObject({ key: 'found-key', host: '127.0.0.1', port: 4810 });
  });

  it('keeps every other field as typed', () => {
    const edited = form((f) => {
      f.display.redAfterMin = '12';
      f.agentToken = 'typed-but-unsaved';
      f.printers[0]!.name = 'Grill';
    });
    const next = withStoredRealtime(edited, afterTest);
    expect({ ...next, realtime: edited.realtime }).toEqual(edited);
  });
});

describe('the hosted backend section (all-in-one)', () => {
  const hosted = { appId: '4242', key: 'hosted-key', secret: 'hosted-secret-4242', host: 'ws.example.org', port: 443, useTLS: true };
  const allInOne = redactSettings(AgentSettingsSchema.parse({ agentToken: 'secret', hostedPusher: hosted }), { hostsBackend: true });
  const hostedForm = (change: (f: SettingsForm) => void = () => undefined) => {
    const value = formFromSettings(allInOne);
    change(value);
    value.hostedPusher.edited = true;
    return value;
  };

  it('shows the stored credentials and whether a secret is set, never the secret', () => {
    const value = formFromSettings(allInOne);
    expect(value.hostsBackend).toBe(true);
    expect(value.hostedPusher).toEqual({ appId: '4242', key: 'hosted-key', secret: '', secretSet: true, cluster: '', host: 'ws.example.org', port: '443', useTLS: true, edited: false });
    expect(JSON.stringify(value)).not.toContain(hosted.secret);
  });

  it('leaves the section out while untouched, and always on a PC that does not host the backend', () => {
    const untouched = buildSettingsPatch(formFromSettings(allInOne));
    expect(untouched.ok && untouched.patch).not.toHaveProperty('hostedPusher');
    const elsewhere = buildSettingsPatch(
      form((f) => {
        f.hostedPusher = { ...f.hostedPusher, appId: '1', key: 'k', secret: 's', cluster: 'eu', edited: true };
      }),
    );
    expect(elsewhere.ok && elsewhere.patch).not.toHaveProperty('hostedPusher');
  });

  it('sends edited credentials with an empty secret, which keeps the stored one', () => {
    const result = buildSettingsPatch(hostedForm((f) => (f.hostedPusher.port = '8443')));
    expect(result.ok && result.patch.hostedPusher).toEqual({ appId: '4242', key: 'hosted-key', secret: '', host: 'ws.example.org', port: 8443, useTLS: true });
  });

  it('sends a newly typed secret, and a cluster instead of a host', () => {
    const result = buildSettingsPatch(
      hostedForm((f) => {
        f.hostedPusher.secret = 'new-secret';
        f.hostedPusher.host = '';
        f.hostedPusher.port = '';
        f.hostedPusher.cluster = 'eu';
      }),
    );
    expect(result.ok && result.patch.hostedPusher).toEqual({ appId: '4242', key: 'hosted-key', secret: 'new-secret', cluster: 'eu', useTLS: true });
  });

  it('reads every field emptied as "back to the embedded relay"', () => {
    const result = buildSettingsPatch(
      hostedForm((f) => {
        f.hostedPusher = { ...f.hostedPusher, appId: '', key: ' ', host: '', port: '', cluster: '' };
      }),
    );
    expect(result.ok && result.patch.hostedPusher).toBeNull();
  });

  it('refuses bad credentials field by field, and asks for a secret when none is stored', () => {
    const fresh = redactSettings(AgentSettingsSchema.parse({}), { hostsBackend: true });
    const value = formFromSettings(fresh);
    value.hostedPusher = { ...value.hostedPusher, appId: 'no spaces', key: 'k', host: 'https://ws.example.org', port: 'x', edited: true };
    expect(errorsOf(value)).toEqual({
      'hostedPusher.appId': 'app id: letters, digits, "_" or "-"',
      'hostedPusher.host': 'host: a host name without scheme or port',
      'hostedPusher.port': 'must be a number',
      'hostedPusher.secret': 'required: no secret is stored yet',
    });
    value.hostedPusher = { ...value.hostedPusher, appId: '1', host: 'ws.example.org', port: '', cluster: 'eu', secret: 's' };
    expect(errorsOf(value)).toEqual({ 'hostedPusher.cluster': 'give a cluster or a host, not both' });
  });

  it('withStoredHostedPusher shows what the agent stored and keeps every other field as typed', () => {
    const edited = hostedForm((f) => {
      f.display.redAfterMin = '12';
      f.hostedPusher.secret = 'typed';
    });
    const next = withStoredHostedPusher(edited, redactSettings(AgentSettingsSchema.parse({}), { hostsBackend: true }));
    expect(next.hostedPusher).toMatchObject({ appId: '', secretSet: false, secret: '', edited: false });
    expect({ ...next, hostedPusher: edited.hostedPusher }).toEqual(edited);
  });
});

describe('staff words in the form', () => {
  it('shows the poll interval in seconds and stores it in milliseconds, as before', () => {
    expect(form().realtime.pollSeconds).toBe('3');
    const result = buildSettingsPatch(form((f) => (f.realtime.pollSeconds = '1.5')));
    expect(result.ok && result.patch.realtime?.pollIntervalMs).toBe(1500);
  });

  it('reads allergy words parted by commas or lines, keeping words with spaces whole', () => {
    const result = buildSettingsPatch(form((f) => (f.display.allergyWords = 'ALERGIA, 过敏\nsans gluten, ,')));
    expect(result.ok && result.patch.display?.allergyWords).toEqual(['ALERGIA', '过敏', 'sans gluten']);
  });
});

describe('the key map in the settings form (issue 19)', () => {
  it('sends the keys as set, and refuses a key bound twice on every field that has it, and a reserved key', () => {
    const form = formFromSettings(redactSettings(AgentSettingsSchema.parse({})));
    expect(form.display.keys).toEqual(DEFAULT_KEY_MAP);
    form.display.keys = { ...DEFAULT_KEY_MAP, bump: ' b ', serve: 'Enter' };
    const built = buildSettingsPatch(form);
    expect(built.ok && built.patch.display?.keys).toEqual({ ...DEFAULT_KEY_MAP, bump: 'b', serve: 'Enter' });

    form.display.keys = { ...DEFAULT_KEY_MAP, serve: 'R', next: '7' };
    const refused = buildSettingsPatch(form);
    expect(refused.ok).toBe(false);
    expect(!refused.ok && refused.errors).toMatchObject({
      'display.keys.recall': ENGLISH_REFUSALS.duplicateKey,
      'display.keys.serve': ENGLISH_REFUSALS.duplicateKey,
      'display.keys.next': ENGLISH_REFUSALS.reservedKey,
    });
  });
});
