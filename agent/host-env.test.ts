import { describe, expect, it } from 'vitest';
import { ALL_IN_ONE_SETTINGS_DIR_ENV, LOG_LEVEL_ENV, SETTINGS_ENV, hostSettingsFromEnv, logLevelFromEnv } from './host-env.js';

describe('hostSettingsFromEnv: what a host reads for the agent', () => {
  it('takes the backend, token, stand-in printer and the all-in-one flag', () => {
    const printer = { id: 'virtual', name: 'Virtual printer', interface: 'tcp://127.0.0.1:9100', stations: ['kitchen'] };
    const host = hostSettingsFromEnv({
      [SETTINGS_ENV.backendUrl]: 'http://10.0.0.2:4800',
      [SETTINGS_ENV.agentToken]: 'tok',
      [SETTINGS_ENV.fallbackPrinter]: JSON.stringify(printer),
      [ALL_IN_ONE_SETTINGS_DIR_ENV]: '/data/agent',
      UNRELATED: 'x',
    });
    expect(host).toMatchObject({ backendUrl: 'http://10.0.0.2:4800', secrets: { agentToken: 'tok' }, hostsBackend: true, fallbackPrinter: { ...printer, type: 'EPSON', width: 80 } });
  });

  it('gives nothing for names that are unset or empty, and drops a stand-in printer that is not one', () => {
    expect(hostSettingsFromEnv({})).toEqual({});
    expect(hostSettingsFromEnv({ [SETTINGS_ENV.backendUrl]: '', [ALL_IN_ONE_SETTINGS_DIR_ENV]: '' })).toEqual({});
    expect(hostSettingsFromEnv({ [SETTINGS_ENV.fallbackPrinter]: '{nope' })).toEqual({});
    expect(hostSettingsFromEnv({ [SETTINGS_ENV.fallbackPrinter]: '{"id":"x"}' })).toEqual({});
  });

  it('reads the log level, info when unset or unknown', () => {
    expect(logLevelFromEnv({ [LOG_LEVEL_ENV]: 'warn' })).toBe('warn');
    expect(logLevelFromEnv({ [LOG_LEVEL_ENV]: 'loud' })).toBe('info');
    expect(logLevelFromEnv({})).toBe('info');
  });
});
