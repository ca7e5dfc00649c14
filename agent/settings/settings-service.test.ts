import { mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { CORE_SECRET_SETTINGS } from '../../common/secret-settings.js';
import { CodedError, ERROR_CODES } from '../../common/errors.js';
import type { SecretBox } from '../ports.js';
import { createConfSettingsStore } from './conf-settings-store.js';
import { reversingBox } from '../test-support/reversing-secret-box.js';
import { tempDirs } from '../test-support/temp-dirs.js';
import { ALL_IN_ONE_SETTINGS_DIR_ENV, SETTINGS_ENV, hostSettingsFromEnv } from '../host-env.js';
import { SettingsService } from './settings-service.js';

const tempDir = tempDirs('ticketrail-settings-');

const printer = { id: 'kitchen-1', name: 'Kitchen', interface: 'tcp://127.0.0.1:9100', stations: ['kitchen'] };

describe('SettingsService', () => {
  it('persists valid settings across a restart in a real conf file', () => {
    const dir = tempDir();
    const first = new SettingsService(createConfSettingsStore(dir), {});
    first.save({ printers: [printer], agentToken: 'tok-123' });
    const second = new SettingsService(createConfSettingsStore(dir), {});
    expect(second.get().printers[0]).toMatchObject({ id: 'kitchen-1', width: 80, characterSet: 'PC858_EURO' });
    expect(second.get().agentToken).toBe('tok-123');
  });

  it('refuses invalid values field by field and leaves the file unchanged', () => {
    const dir = tempDir();
    const store = createConfSettingsStore(dir);
    const service = new SettingsService(store, {});
    service.save({ printers: [printer] });
    const before = readFileSync(store.location, 'utf8');
    let refusal: unknown;
    try {
      service.save({ printers: [{ ...printer, interface: 'http://nope', width: 72 }] });
    } catch (error) {
      refusal = error;
    }
    expect(refusal).toBeInstanceOf(CodedError);
    expect((refusal as CodedError).code).toBe(ERROR_CODES.SETTINGS_INVALID);
    const paths = ((refusal as CodedError).details as { issues: { path: string[] }[] }).issues.map((issue) => issue.path.join('.'));
    expect(paths).toEqual(expect.arrayContaining(['printers.0.interface', 'printers.0.width']));
    expect(readFileSync(store.location, 'utf8')).toBe(before);
  });

  it('refuses two printers with one id', () => {
    const service = new SettingsService(createConfSettingsStore(tempDir()), {});
    expect(() => service.save({ printers: [printer, { ...printer, name: 'Other' }] })).toThrow(/share one id/);
  });

  it('keeps the stored token when a save leaves it empty, and never shows it redacted', () => {
    const service = new SettingsService(createConfSettingsStore(tempDir()), {});
    service.save({ agentToken: 'keep-me' });
    service.save({ agentToken: '', sound: { enabled: false, volume: 0.2 } });
    expect(service.get().agentToken).toBe('keep-me');
    expect(JSON.stringify(service.redacted())).not.toContain('keep-me');
    expect(service.redacted().agentTokenSet).toBe(true);
  });

  it('lets the environment override backend URL and token', () => {
    const service = new SettingsService(
      createConfSettingsStore(tempDir()),
      hostSettingsFromEnv({
        [SETTINGS_ENV.backendUrl]: 'http://10.1.2.3:4800',
        [SETTINGS_ENV.agentToken]: 'from-env',
      }),
    );
    expect(service.get().backendUrl).toBe('http://10.1.2.3:4800');
    expect(service.get().agentToken).toBe('from-env');
  });

  it('seals the token at rest when the host offers a secret box', () => {
    const dir = tempDir();
    const store = createConfSettingsStore(dir);
    new SettingsService(store, {}, reversingBox).save({ agentToken: 'plain-secret' });
    expect(readFileSync(store.location, 'utf8')).not.toContain('plain-secret');
    expect(new SettingsService(store, {}, reversingBox).get().agentToken).toBe('plain-secret');
  });

  it('starts from defaults when the file holds garbage, instead of refusing to start', () => {
    const dir = tempDir();
    const store = createConfSettingsStore(dir);
    store.write({ printers: 'not a list' });
    expect(new SettingsService(store, {}).get().printers).toEqual([]);
  });
});

describe('SettingsService partial saves', () => {
  it('keeps every section a save leaves out', () => {
    const service = new SettingsService(createConfSettingsStore(tempDir()), {});
    service.save({ printers: [printer], display: { amberAfterMin: 4, redAfterMin: 9, fontScale: 1.25, stations: [] } });
    service.save({ sound: { enabled: false, volume: 0.1 } });
    expect(service.get().printers).toHaveLength(1);
    expect(service.get().display.amberAfterMin).toBe(4);
    expect(service.get().sound.enabled).toBe(false);
  });
});

describe('SettingsService run-only overrides', () => {
  it('uses CLI overrides for the run without writing them to the file', () => {
    const dir = tempDir();
    const store = createConfSettingsStore(dir);
    const service = new SettingsService(store, {}, undefined, { printers: [{ ...printer, type: 'EPSON', width: 80, characterSet: 'PC858_EURO', copies: 1, buzzer: false, cut: true, textMode: 'auto', drawer: 'never' }] });
    expect(service.get().printers).toHaveLength(1);
    service.save({ sound: { enabled: false, volume: 0.5 } });
    expect(service.get().printers).toHaveLength(1);
    expect(new SettingsService(createConfSettingsStore(dir), {}).get().printers).toEqual([]);
  });
});

describe('SettingsService fallback printer', () => {
  const fallback = JSON.stringify({ id: 'anything', name: 'Virtual', interface: 'tcp://127.0.0.1:9555', stations: ['kitchen'] });
  const env = hostSettingsFromEnv({ [SETTINGS_ENV.fallbackPrinter]: fallback });

  it('stands in while no real printer is configured, also after its own entry was saved', () => {
    const dir = tempDir();
    const service = new SettingsService(createConfSettingsStore(dir), env);
    expect(service.get().printers.map((p) => [p.id, p.interface])).toEqual([['virtual', 'tcp://127.0.0.1:9555']]);
    service.save({ printers: service.get().printers.map((p) => ({ ...p, interface: 'tcp://127.0.0.1:1111' })) });
    const next = new SettingsService(createConfSettingsStore(dir), hostSettingsFromEnv({ [SETTINGS_ENV.fallbackPrinter]: fallback.replace('9555', '9666') }));
    expect(next.get().printers.map((p) => p.interface)).toEqual(['tcp://127.0.0.1:9666']);
  });

  it('gives way to a real printer, dropping a saved stand-in entry', () => {
    const dir = tempDir();
    const service = new SettingsService(createConfSettingsStore(dir), env);
    service.save({ printers: [...service.get().printers, { ...printer, id: 'kitchen-1' }] });
    expect(service.get().printers.map((p) => p.id)).toEqual(['kitchen-1']);
  });

  it('ignores a fallback that is not valid JSON or not a printer', () => {
    expect(new SettingsService(createConfSettingsStore(tempDir()), hostSettingsFromEnv({ [SETTINGS_ENV.fallbackPrinter]: '{nope' })).get().printers).toEqual([]);
    expect(new SettingsService(createConfSettingsStore(tempDir()), hostSettingsFromEnv({ [SETTINGS_ENV.fallbackPrinter]: '{"id":"x"}' })).get().printers).toEqual([]);
  });
});

describe('SettingsService hosted Pusher credentials', () => {
  const hosted = { appId: '1234', key: 'abc-key', secret: 'hosted-secret-value', cluster: 'eu' };
  /** What cli/all-in-one.ts gives its agent: this PC hosts the backend. */
  const allInOne = hostSettingsFromEnv({ [ALL_IN_ONE_SETTINGS_DIR_ENV]: '/data/agent' });

  it('refuses the credentials, even their removal, on a PC that does not host the backend', () => {
    const dir = tempDir();
    const service = new SettingsService(createConfSettingsStore(dir), {});
    expect(service.redacted().hostsBackend).toBe(false);
    for (const hostedPusher of [hosted, null]) {
      let refusal: unknown;
      try {
        service.save({ hostedPusher });
      } catch (error) {
        refusal = error;
      }
      expect(refusal).toBeInstanceOf(CodedError);
      expect((refusal as CodedError).code).toBe(ERROR_CODES.SETTINGS_INVALID);
      expect((refusal as CodedError).details).toEqual({ issues: [{ path: ['hostedPusher'], message: expect.stringMatching(/only for the PC that hosts the backend/) }] });
    }
    expect(readdirSync(dir)).not.toContain('settings.json');
    expect(new SettingsService(createConfSettingsStore(tempDir()), allInOne).redacted().hostsBackend).toBe(true);
  });

  it('keeps the secret write-only: sealed at rest, kept on an empty save, never redacted out', () => {
    const dir = tempDir();
    const store = createConfSettingsStore(dir);
    const service = new SettingsService(store, allInOne, reversingBox);
    service.save({ hostedPusher: hosted });
    expect(readFileSync(store.location, 'utf8')).not.toContain('hosted-secret-value');
    expect(JSON.stringify(service.redacted())).not.toContain('hosted-secret-value');
    expect(service.redacted().hostedPusher).toMatchObject({ appId: '1234', cluster: 'eu', secretSet: true });

    // The form sends the section again, secret empty: the same app at the same endpoint keeps it.
    service.save({ hostedPusher: { ...hosted, secret: '' } });
    const reread = new SettingsService(createConfSettingsStore(dir), allInOne, reversingBox);
    expect(reread.get().hostedPusher).toMatchObject({ secret: 'hosted-secret-value', cluster: 'eu' });
    reread.save({ hostedPusher: null });
    expect(new SettingsService(createConfSettingsStore(dir), {}, reversingBox).get().hostedPusher).toBeUndefined();
  });

  it('refuses credentials without a secret, or with both a cluster and a host', () => {
    const service = new SettingsService(createConfSettingsStore(tempDir()), allInOne);
    expect(() => service.save({ hostedPusher: { ...hosted, secret: '' } })).toThrow(/hostedPusher.secret/);
    expect(() => service.save({ hostedPusher: { ...hosted, host: 'ws.example.org' } })).toThrow(/hostedPusher.cluster/);
  });

  it('reads a secret it cannot unseal as unset, and still saves other sections', () => {
    const dir = tempDir();
    new SettingsService(createConfSettingsStore(dir), allInOne, reversingBox).save({ hostedPusher: hosted });
    const headless = new SettingsService(createConfSettingsStore(dir), {});
    expect(headless.get().hostedPusher?.secret).toBe('');
    expect(() => headless.save({ sound: { enabled: true, volume: 0.3 } })).not.toThrow();
    // ... and the save kept the sealed secret for the host that can open it.
    expect(new SettingsService(createConfSettingsStore(dir), {}, reversingBox).get().hostedPusher?.secret).toBe('hosted-secret-value');
  });
});

describe('SettingsService with a settings file it cannot use', () => {
  const copiesIn = (dir: string) => readdirSync(dir).filter((name) => name.startsWith('settings.json.invalid-'));

  it('starts from defaults on a file that is not JSON, keeps a copy, and says so', () => {
    const dir = tempDir();
    const file = join(dir, 'settings.json');
    const broken = '{"settings": {"backendUrl": "http://10.0.0.2:4800", "agentToken": "admin-typed-this",}';
    writeFileSync(file, broken);

    const service = new SettingsService(createConfSettingsStore(dir), {});
    expect(service.get().backendUrl).toBe('http://127.0.0.1:4800');
    expect(service.fileProblem).toMatchObject({ location: file, reason: expect.stringMatching(/not valid JSON/) });
    const copy = service.fileProblem?.copy as string;
    expect(readFileSync(copy, 'utf8')).toBe(broken);
    expect(statSync(copy).mode & 0o777).toBe(0o600);
    // Nothing was written over the file by reading it.
    expect(readFileSync(file, 'utf8')).toBe(broken);

    service.save({ sound: { enabled: false, volume: 0.4 } });
    expect(JSON.parse(readFileSync(file, 'utf8')).settings.sound).toEqual({ enabled: false, volume: 0.4 });
    expect(readFileSync(copy, 'utf8')).toBe(broken);
  });

  it('names the fields that fail validation and keeps the file before the first save replaces it', () => {
    const dir = tempDir();
    const store = createConfSettingsStore(dir);
    store.write({ backendUrl: 'http://10.0.0.2:4800', printers: 'not a list', sound: { volume: 7 } });
    const before = readFileSync(store.location, 'utf8');

    const service = new SettingsService(store, {});
    expect(service.get().printers).toEqual([]);
    expect(service.fileProblem?.reason).toMatch(/fails validation: .*printers.*sound\.volume/);
    service.save({ agentToken: 'tok-1' });
    expect(readFileSync(service.fileProblem?.copy as string, 'utf8')).toBe(before);
    // The saved file is valid again: the next start has no problem to report.
    expect(new SettingsService(createConfSettingsStore(dir), {}).fileProblem).toBeUndefined();
  });

  it('keeps one copy however often the agent restarts over the same bad file', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'settings.json'), 'not json');
    const first = new SettingsService(createConfSettingsStore(dir), {}).fileProblem?.copy;
    const second = new SettingsService(createConfSettingsStore(dir), {}).fileProblem?.copy;
    expect(second).toBe(first);
    expect(copiesIn(dir)).toHaveLength(1);
  });

  it('refuses to save when the file cannot be copied aside, so it is never lost', () => {
    const dir = tempDir();
    // A directory where the file should be: nothing can read it, so nothing can copy it.
    mkdirSync(join(dir, 'settings.json'));
    const service = new SettingsService(createConfSettingsStore(dir), {});
    expect(service.fileProblem).toMatchObject({ reason: expect.stringMatching(/cannot read/), copyError: expect.any(String) });
    expect(() => service.save({ sound: { enabled: false, volume: 0.4 } })).toThrow(expect.objectContaining({ code: ERROR_CODES.SETTINGS_FILE_INVALID }));
    expect(statSync(join(dir, 'settings.json')).isDirectory()).toBe(true);
    expect(copiesIn(dir)).toEqual([]);
  });

  it('reports nothing for a missing or valid file', () => {
    const dir = tempDir();
    expect(new SettingsService(createConfSettingsStore(dir), {}).fileProblem).toBeUndefined();
    new SettingsService(createConfSettingsStore(dir), {}).save({ agentToken: 'x' });
    expect(new SettingsService(createConfSettingsStore(dir), {}).fileProblem).toBeUndefined();
    expect(copiesIn(dir)).toEqual([]);
  });
});

describe('SettingsService binds the agent token to its backend', () => {
  const backendA = 'http://10.0.0.2:4800';
  const backendB = 'http://10.0.0.2:4801';

  function savedWithToken(dir = tempDir(), box?: SecretBox) {
    const service = new SettingsService(createConfSettingsStore(dir), {}, box);
    service.save({ backendUrl: backendA, agentToken: 'token-for-a' });
    return { dir, service };
  }

  it('forgets the stored token when a save changes only the backend URL to another origin', () => {
    const { dir, service } = savedWithToken();
    service.save({ backendUrl: backendB });
    expect(service.get()).toMatchObject({ backendUrl: backendB, agentToken: '' });
    expect(service.redacted().agentTokenSet).toBe(false);
    expect(new SettingsService(createConfSettingsStore(dir), {}).get().agentToken).toBe('');
  });

  it('keeps the token a save brings with the new URL', () => {
    const { dir, service } = savedWithToken();
    service.save({ backendUrl: backendB, agentToken: 'token-for-b' });
    expect(service.get()).toMatchObject({ backendUrl: backendB, agentToken: 'token-for-b' });
    expect(new SettingsService(createConfSettingsStore(dir), {}).get().agentToken).toBe('token-for-b');
  });

  it('keeps the stored token for the same origin, however the URL is written', () => {
    const service = new SettingsService(createConfSettingsStore(tempDir()), {});
    service.save({ backendUrl: 'http://kitchen.local', agentToken: 'token-for-kitchen' });
    for (const sameServer of ['http://kitchen.local/', 'HTTP://KITCHEN.local:80', 'http://kitchen.local/ticketrail/']) {
      service.save({ backendUrl: sameServer });
      expect(service.get().agentToken).toBe('token-for-kitchen');
    }
    // The same host over https is another origin (another listener, another certificate).
    service.save({ backendUrl: 'https://kitchen.local' });
    expect(service.get().agentToken).toBe('');
  });

  it('does not write back a sealed token it cannot open once the URL moved', () => {
    const dir = tempDir();
    savedWithToken(dir, reversingBox);
    const headless = new SettingsService(createConfSettingsStore(dir), {});
    headless.save({ sound: { enabled: true, volume: 0.3 } });
    // Still there for the host that sealed it, while the URL stays.
    expect(new SettingsService(createConfSettingsStore(dir), {}, reversingBox).get().agentToken).toBe('token-for-a');
    headless.save({ backendUrl: backendB });
    expect(readFileSync(join(dir, 'settings.json'), 'utf8')).not.toContain('sealed:');
    expect(new SettingsService(createConfSettingsStore(dir), {}, reversingBox).get().agentToken).toBe('');
  });

  it('stops using a run-only token (environment or override) once a save points the agent elsewhere', () => {
    const fromEnv = new SettingsService(createConfSettingsStore(tempDir()), hostSettingsFromEnv({ [SETTINGS_ENV.agentToken]: 'env-token' }));
    fromEnv.save({ backendUrl: backendA });
    expect(fromEnv.get().agentToken).toBe('');

    const overridden = new SettingsService(createConfSettingsStore(tempDir()), {}, undefined, { backendUrl: backendA, agentToken: 'override-token' });
    overridden.save({ sound: { enabled: false, volume: 0.2 } });
    expect(overridden.get().agentToken).toBe('override-token');
    overridden.save({ backendUrl: backendB });
    expect(overridden.get()).toMatchObject({ backendUrl: backendB, agentToken: '' });
    // A later save of another section neither brings the override URL nor its token back.
    overridden.save({ sound: { enabled: true, volume: 0.2 } });
    expect(overridden.get()).toMatchObject({ backendUrl: backendB, agentToken: '' });
    overridden.save({ agentToken: 'typed-for-b' });
    expect(overridden.get()).toMatchObject({ backendUrl: backendB, agentToken: 'typed-for-b' });
  });

  it('keeps a run-only token while the environment pins the backend URL', () => {
    const pinned = new SettingsService(createConfSettingsStore(tempDir()), hostSettingsFromEnv({ [SETTINGS_ENV.backendUrl]: backendA, [SETTINGS_ENV.agentToken]: 'env-token' }));
    pinned.save({ backendUrl: backendB });
    expect(pinned.get()).toMatchObject({ backendUrl: backendA, agentToken: 'env-token' });
  });
});

describe('SettingsService binds the hosted Pusher secret to its app and endpoint', () => {
  const hosted = { appId: '1234', key: 'abc-key', secret: 'hosted-secret-value', host: 'ws.example.org', port: 443, useTLS: true };
  const allInOne = hostSettingsFromEnv({ [ALL_IN_ONE_SETTINGS_DIR_ENV]: '/data/agent' });

  function refusalOf(action: () => unknown): CodedError {
    try {
      action();
    } catch (error) {
      if (error instanceof CodedError) return error;
      throw error;
    }
    throw new Error('the save was not refused');
  }

  it('does not carry the stored secret to another host, port, cluster, scheme or app', () => {
    const dir = tempDir();
    const store = createConfSettingsStore(dir);
    const service = new SettingsService(store, allInOne);
    service.save({ hostedPusher: hosted });
    const before = readFileSync(store.location, 'utf8');
    const { host: _host, port: _port, ...withoutHost } = hosted;
    const elsewhere = [
      { ...hosted, host: 'ws.attacker.example' },
      { ...hosted, port: 8443 },
      { ...hosted, useTLS: false },
      { ...withoutHost, cluster: 'eu' },
      { ...hosted, key: 'other-key' },
      { ...hosted, appId: '9999' },
    ];
    for (const moved of elsewhere) {
      const refusal = refusalOf(() => service.save({ hostedPusher: { ...moved, secret: '' } }));
      expect(refusal.code).toBe(ERROR_CODES.SETTINGS_INVALID);
      expect(refusal.details).toEqual({ issues: [{ path: ['hostedPusher', 'secret'], message: expect.stringMatching(/not sent to this one/) }] });
    }
    // Nothing written: the secret stays with the host it was given for.
    expect(readFileSync(store.location, 'utf8')).toBe(before);
    expect(service.redacted().hostedPusher).toMatchObject({ host: 'ws.example.org', secretSet: true });
  });

  it('takes a new host with the new secret given in the same save, and keeps the secret for the same endpoint', () => {
    const dir = tempDir();
    const service = new SettingsService(createConfSettingsStore(dir), allInOne);
    service.save({ hostedPusher: hosted });
    service.save({ hostedPusher: { ...hosted, host: 'ws.other.example', secret: 'secret-for-other' } });
    expect(new SettingsService(createConfSettingsStore(dir), allInOne).get().hostedPusher).toMatchObject({ host: 'ws.other.example', secret: 'secret-for-other' });
    // The same endpoint written another way (host case, default port left out) is the same endpoint.
    const { port: _port, ...defaultPort } = hosted;
    service.save({ hostedPusher: { ...defaultPort, host: 'WS.OTHER.EXAMPLE', secret: '' } });
    expect(service.get().hostedPusher?.secret).toBe('secret-for-other');
    expect(service.redacted().hostedPusher?.secretSet).toBe(true);
  });
});

describe('SettingsService with a section and secrets a source declares', () => {
  const section = {
    key: 'source',
    optional: true,
    schema: z.strictObject({ endpoint: z.url().optional(), channel: z.string().min(1), headers: z.record(z.string().min(1), z.string()).optional() }),
  };
  const declarations = {
    sections: [section],
    secrets: [...CORE_SECRET_SETTINGS, { path: ['source', 'headers', '*'], boundTo: ['source', 'endpoint'] }],
    connectors: ['ticketrail', 'source-app'],
    catalog: [],
  };
  const endpoint = 'https://app.example.com/broadcasting/auth';
  const service = (dir = tempDir(), box?: SecretBox) => new SettingsService(createConfSettingsStore(dir), {}, box, {}, declarations);

  it('validates the section, seals its secret values, keeps them on an empty save and never shows them', () => {
    const dir = tempDir();
    const first = service(dir, reversingBox);
    expect(() => first.save({ source: { channel: '' } })).toThrow(/source\.channel/);
    first.save({ connector: 'source-app', source: { endpoint, channel: 'orders', headers: { Authorization: 'Bearer laravel-token-1' } } });
    const file = readFileSync(join(dir, 'settings.json'), 'utf8');
    expect(file).not.toContain('laravel-token-1');
    expect(first.redacted()).toMatchObject({ source: { endpoint, channel: 'orders', headersSet: ['Authorization'] } });
    expect(JSON.stringify(first.redacted())).not.toContain('laravel-token-1');

    first.save({ source: { endpoint, channel: 'kitchen', headers: { Authorization: '' } } });
    const again = service(dir, reversingBox);
    expect((again.get() as unknown as { source: unknown }).source).toEqual({ endpoint, channel: 'kitchen', headers: { Authorization: 'Bearer laravel-token-1' } });
  });

  it('forgets a header value when its endpoint moves to another origin, unless the save brings a new one', () => {
    const settings = service();
    settings.save({ source: { endpoint, channel: 'orders', headers: { Authorization: 'Bearer laravel-token-1' } } });
    settings.save({ source: { endpoint: 'https://elsewhere.example.com/broadcasting/auth', channel: 'orders', headers: { Authorization: '' } } });
    expect((settings.get() as unknown as { source: { headers?: unknown } }).source.headers).toEqual({});
    settings.save({ source: { endpoint, channel: 'orders', headers: { Authorization: 'Bearer laravel-token-2' } } });
    settings.save({ source: { endpoint: 'https://new.example.com/auth', channel: 'orders', headers: { Authorization: 'Bearer for-the-new-one' } } });
    expect((settings.get() as unknown as { source: { headers?: unknown } }).source.headers).toEqual({ Authorization: 'Bearer for-the-new-one' });
  });

  it('refuses a connector the agent does not know', () => {
    expect(() => service().save({ connector: 'nope' })).toThrow(/no connector nope/);
  });
});

describe('SettingsService with sections nobody declared', () => {
  it('refuses a section key no source declares, naming it, and writes nothing', () => {
    const dir = tempDir();
    const service = new SettingsService(createConfSettingsStore(dir), {});
    expect(() => service.save({ hacker: { anything: true } })).toThrow(expect.objectContaining({ code: ERROR_CODES.SETTINGS_INVALID, message: expect.stringMatching(/hacker/) }));
    expect(readdirSync(dir)).toEqual([]);
  });
});
