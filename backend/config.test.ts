import { describe, expect, it } from 'vitest';
import { assertRealtimeFitsDatabase, loadBackendConfig } from './config.js';
import { startBackend } from './index.js';

describe('loadBackendConfig', () => {
  it('applies the documented defaults and starts the embedded relay without Pusher credentials', () => {
    const config = loadBackendConfig({});
    expect(config).toMatchObject({
      host: '127.0.0.1',
      port: 4800,
      printOn: 'submitted',
      logLevel: 'info',
      realtime: { mode: 'embedded', relayPort: 6001 },
      envTokens: {},
    });
    expect(config.dataDir).toMatch(/\.data[/\\]backend$/);
  });

  it('reads every variable, treating empty strings as unset', () => {
    const config = loadBackendConfig({
      PORT: '0',
      HOST: '0.0.0.0',
      DATA_DIR: '/tmp/tr',
      RELAY_PORT: '0',
      PRINT_ON: 'accepted',
      LOG_LEVEL: 'warn',
      ADMIN_TOKEN: 'a'.repeat(16),
      AGENT_TOKEN: 'b'.repeat(16),
      POS_TOKEN: '',
    });
    expect(config).toMatchObject({
      port: 0,
      host: '0.0.0.0',
      dataDir: '/tmp/tr',
      printOn: 'accepted',
      logLevel: 'warn',
      realtime: { mode: 'embedded', relayPort: 0 },
      envTokens: { admin: 'a'.repeat(16), agent: 'b'.repeat(16) },
    });
  });

  it('reads RELAY_TRUSTED_PROXIES for the embedded relay, IP addresses only', () => {
    expect(loadBackendConfig({ RELAY_TRUSTED_PROXIES: ' 127.0.0.1, ::1 ' }).realtime).toEqual({ mode: 'embedded', relayPort: 6001, trustedProxies: ['127.0.0.1', '::1'] });
    expect(loadBackendConfig({}).realtime).toEqual({ mode: 'embedded', relayPort: 6001, trustedProxies: [] });
    expect(() => loadBackendConfig({ RELAY_TRUSTED_PROXIES: 'proxy.lan' })).toThrow(/RELAY_TRUSTED_PROXIES: not IP addresses: proxy\.lan/);
  });

  it('configures an external service by cluster (TLS by default) or by host', () => {
    const creds = { PUSHER_APP_ID: '123', PUSHER_KEY: 'key', PUSHER_SECRET: 'secret' };
    expect(loadBackendConfig({ ...creds, PUSHER_CLUSTER: 'eu' }).realtime).toEqual({
      mode: 'external',
      appId: '123',
      key: 'key',
      secret: 'secret',
      cluster: 'eu',
      useTLS: true,
    });
    expect(loadBackendConfig({ ...creds, PUSHER_HOST: 'soketi.lan', PUSHER_PORT: '6001' }).realtime).toEqual({
      mode: 'external',
      appId: '123',
      key: 'key',
      secret: 'secret',
      host: 'soketi.lan',
      port: 6001,
      useTLS: false,
    });
    expect(loadBackendConfig({ ...creds, PUSHER_HOST: 'soketi.lan', PUSHER_USE_TLS: 'true' }).realtime).toMatchObject({ useTLS: true });
  });

  it.each([
    [{ PORT: 'abc' }, /PORT/],
    [{ PORT: '70000' }, /PORT/],
    [{ RELAY_PORT: '-1' }, /RELAY_PORT/],
    [{ PRINT_ON: 'ready' }, /PRINT_ON/],
    [{ LOG_LEVEL: 'loud' }, /LOG_LEVEL/],
    [{ ADMIN_TOKEN: 'short' }, /ADMIN_TOKEN.*16 characters/],
    [{ AGENT_TOKEN: 'has spaces in it, sadly' }, /AGENT_TOKEN/],
    [{ PUSHER_USE_TLS: 'maybe' }, /PUSHER_USE_TLS/],
    [{ PUSHER_HOST: 'http://x' }, /PUSHER_HOST/],
    [{ PUSHER_APP_ID: '1', PUSHER_KEY: 'k' }, /PUSHER_SECRET must be set/],
    [{ PUSHER_APP_ID: '1', PUSHER_KEY: 'k', PUSHER_SECRET: 's' }, /PUSHER_CLUSTER or PUSHER_HOST is required/],
    [{ PUSHER_APP_ID: '1', PUSHER_KEY: 'k', PUSHER_SECRET: 's', PUSHER_CLUSTER: 'eu', PUSHER_HOST: 'h' }, /not both/],
    [{ PUSHER_CLUSTER: 'eu' }, /PUSHER_APP_ID/],
    [{ ADMIN_TOKEN: 'x'.repeat(20), POS_TOKEN: 'x'.repeat(20) }, /must differ/],
    [{ DATABASE_URL: 'mysql://u:p@h/db' }, /DATABASE_URL: must be postgres:\/\//],
    [{ DATABASE_URL: 'postgres://' }, /DATABASE_URL/],
    [{ DATABASE_POOL_SIZE: '0' }, /DATABASE_POOL_SIZE/],
    [{ GIFT_CARDS_SCOPE: 'store' }, /GIFT_CARDS_SCOPE/],
    [{ CUSTOMER_TOKEN_SECRET: 'short' }, /CUSTOMER_TOKEN_SECRET.*32 characters/],
  ])('refuses %o with a message naming the variable', (env, message) => {
    expect(() => loadBackendConfig(env)).toThrow(message);
  });

  it('switches to PostgreSQL with DATABASE_URL, and keeps SQLite in DATA_DIR without it', () => {
    expect(loadBackendConfig({ DATA_DIR: '/var/lib/tr' }).database).toEqual({ kind: 'sqlite', dataDir: '/var/lib/tr' });
    expect(loadBackendConfig({ DATABASE_URL: 'postgres://tr:secret@db:5432/ticketrail', DATABASE_POOL_SIZE: '20' }).database).toEqual({
      kind: 'postgres',
      url: 'postgres://tr:secret@db:5432/ticketrail',
      poolSize: 20,
    });
    expect(loadBackendConfig({}).giftCardsScope).toBe('chain');
    expect(loadBackendConfig({ GIFT_CARDS_SCOPE: 'location' }).giftCardsScope).toBe('location');
  });

  it('refuses to start on PostgreSQL with the embedded relay unless --single-process, before touching the database', async () => {
    // Nothing listens on this port: the refusal must come before any connection attempt.
    const onPostgres = loadBackendConfig({ DATABASE_URL: 'postgres://tr:secret@127.0.0.1:1/ticketrail', PORT: '0', RELAY_PORT: '0' });
    await expect(startBackend(onPostgres)).rejects.toThrow(/DATABASE_URL is set but no Pusher service is[\s\S]*--single-process/);
    expect(() => assertRealtimeFitsDatabase({ ...onPostgres, singleProcess: true })).not.toThrow();
    const withPusher = loadBackendConfig({
      DATABASE_URL: 'postgres://tr:secret@127.0.0.1:1/ticketrail',
      PUSHER_APP_ID: '1',
      PUSHER_KEY: 'k',
      PUSHER_SECRET: 's',
      PUSHER_HOST: 'relay',
    });
    expect(() => assertRealtimeFitsDatabase(withPusher)).not.toThrow();
    expect(() => assertRealtimeFitsDatabase(loadBackendConfig({}))).not.toThrow();
  });

  it('keeps where clients reach a self-run service apart from where the backend publishes to it', () => {
    const creds = { PUSHER_APP_ID: '1', PUSHER_KEY: 'k', PUSHER_SECRET: 's', PUSHER_HOST: 'relay', PUSHER_PORT: '6001' };
    expect(loadBackendConfig({ ...creds, PUSHER_PUBLIC_HOST: 'tickets.example.com', PUSHER_PUBLIC_PORT: '443', PUSHER_PUBLIC_USE_TLS: 'true' }).realtime).toMatchObject({
      host: 'relay',
      port: 6001,
      useTLS: false,
      public: { host: 'tickets.example.com', port: 443, useTLS: true },
    });
    expect(loadBackendConfig(creds).realtime).not.toHaveProperty('public');
    expect(() => loadBackendConfig({ PUSHER_PUBLIC_HOST: 'x' })).toThrow(/PUSHER_APP_ID/);
    expect(loadBackendConfig({ TRUST_PROXY: 'true' }).trustProxy).toBe(true);
    expect(loadBackendConfig({}).trustProxy).toBe(false);
  });
});
