import { describe, expect, it } from 'vitest';
import { SecretRegistry, witnessSecretBox, witnessSettingsStore, MIN_GUARDED_SECRET_LENGTH } from './secret-guard.js';

describe('SecretRegistry', () => {
  it('finds a secret anywhere in a value: nested, inside longer text, in keys', () => {
    const registry = new SecretRegistry();
    registry.remember('s3cr3t-token');
    expect(registry.contains({ a: [{ b: 'Bearer s3cr3t-token' }] })).toBe(true);
    expect(registry.contains({ 's3cr3t-token': 1 })).toBe(true);
    expect(registry.contains({ a: 's3cr3t-toke' })).toBe(false);
    expect(registry.contains(undefined)).toBe(false);
  });

  it('matches secrets with characters JSON escapes', () => {
    const registry = new SecretRegistry();
    registry.remember('a"b\\c\ndef');
    expect(registry.contains({ note: 'xx a"b\\c\ndef yy' })).toBe(true);
    expect(registry.contains({ note: 'a"b\\c def' })).toBe(false);
  });

  it(`ignores values shorter than ${MIN_GUARDED_SECRET_LENGTH} characters, which would block ordinary answers`, () => {
    const registry = new SecretRegistry();
    registry.remember('');
    registry.remember('abc');
    expect(registry.size).toBe(0);
    expect(registry.contains({ text: 'abc' })).toBe(false);
  });

  it('treats a value it cannot serialise as unsafe', () => {
    const registry = new SecretRegistry();
    registry.remember('long-enough-secret');
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(registry.contains(cyclic)).toBe(true);
  });

  it('learns secrets from settings where they are declared, not by the field\'s name', () => {
    const registry = new SecretRegistry([
      { path: ['agentToken'] },
      { path: ['hostedPusher', 'secret'] },
      { path: ['source', 'authHeaders', '*'] },
    ]);
    registry.rememberFromSettings({
      agentToken: 'sealed:abcdefgh',
      hostedPusher: { secret: 'hosted-secret-1' },
      source: { key: 'public-app-key', authHeaders: { Authorization: 'Bearer header-value-1', 'X-Team': 'team-token-22' } },
      nested: { apiSecret: 'undeclared-but-named-secret' },
      backendUrl: 'http://127.0.0.1:4800',
    });
    for (const secret of ['sealed:abcdefgh', 'hosted-secret-1', 'Bearer header-value-1', 'team-token-22']) expect(registry.contains(secret), secret).toBe(true);
    for (const plain of ['public-app-key', 'undeclared-but-named-secret', 'http://127.0.0.1:4800', 'Authorization']) expect(registry.contains(plain), plain).toBe(false);
  });

  it('learns every secret the agent\'s sources declare, by default', () => {
    const registry = new SecretRegistry();
    registry.rememberFromSettings({ agentToken: 'agent-token-value', tabletrack: { key: 'branch-unique-hash-0123' } });
    expect(registry.contains('agent-token-value')).toBe(true);
    expect(registry.contains('branch-unique-hash-0123')).toBe(true);
  });
});

describe('the TableTrack branch key', () => {
  it('is learnt from settings (tabletrack.key) and the environment, while the public Pusher app key is not', () => {
    const registry = new SecretRegistry();
    registry.rememberFromSettings({ realtime: { key: 'public-pusher-app-key' }, tabletrack: { key: 'branch-unique-hash-0123', printerMap: {} } });
    registry.rememberFromEnv({ TICKETRAIL_TABLETRACK_KEY: 'branch-key-from-the-environment', PUSHER_KEY: 'another-public-key' });
    expect(registry.contains({ shown: 'branch-unique-hash-0123' })).toBe(true);
    expect(registry.contains({ shown: 'branch-key-from-the-environment' })).toBe(true);
    expect(registry.contains({ realtime: { key: 'public-pusher-app-key' } })).toBe(false);
    expect(registry.contains({ shown: 'another-public-key' })).toBe(false);
  });
});

describe('SecretRegistry.rememberFromEnv', () => {
  it('learns variables named like a token, secret or password, and leaves ordinary ones alone', () => {
    const registry = new SecretRegistry();
    registry.rememberFromEnv({
      TICKETRAIL_AGENT_TOKEN: 'env-agent-token-1',
      PUSHER_SECRET: 'pusher-secret-22',
      DB_PASSWORD: 'hunter2-hunter2',
      PASSWORD_STORE_DIR: '/home/cook/.password-store',
      TICKETRAIL_BACKEND_URL: 'http://127.0.0.1:4800',
      EMPTY_TOKEN: undefined,
    });
    expect(registry.size).toBe(3);
    for (const secret of ['env-agent-token-1', 'pusher-secret-22', 'hunter2-hunter2']) expect(registry.contains({ text: `x ${secret} y` }), secret).toBe(true);
    expect(registry.contains({ path: '/home/cook/.password-store', url: 'http://127.0.0.1:4800' })).toBe(false);
  });
});

describe('witnesses', () => {
  it('the settings store wrapper remembers tokens read and written, and passes everything through', () => {
    const registry = new SecretRegistry();
    let stored: unknown = { agentToken: 'token-from-disk-1' };
    const store = witnessSettingsStore({ location: '/x', read: () => stored, write: (v) => void (stored = v) }, registry);
    expect(store.read()).toEqual({ agentToken: 'token-from-disk-1' });
    store.write({ agentToken: 'token-new-2222' });
    expect(stored).toEqual({ agentToken: 'token-new-2222' });
    expect(store.location).toBe('/x');
    expect(registry.contains('token-from-disk-1')).toBe(true);
    expect(registry.contains('token-new-2222')).toBe(true);
  });

  it('the secret box wrapper remembers plaintexts and sealed values', () => {
    const registry = new SecretRegistry();
    const box = witnessSecretBox({ isAvailable: () => true, encrypt: (p) => `enc(${p})`, decrypt: (s) => s.slice(4, -1) }, registry);
    expect(box.encrypt('plain-secret-1')).toBe('enc(plain-secret-1)');
    expect(box.decrypt('enc(plain-secret-2)')).toBe('plain-secret-2');
    expect(registry.contains('plain-secret-1')).toBe(true);
    expect(registry.contains('plain-secret-2')).toBe(true);
    expect(registry.contains('enc(plain-secret-1)')).toBe(true);
  });
});
