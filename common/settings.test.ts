import { describe, expect, it } from 'vitest';
import { AgentSettingsSchema, PrinterSettingsSchema, redactSettings, sameBackendOrigin } from './settings.js';

describe('agent settings', () => {
  it('fills every default from an empty object', () => {
    const settings = AgentSettingsSchema.parse({});
    expect(settings.realtime.pollIntervalMs).toBe(3000);
    expect(settings.display).toMatchObject({ amberAfterMin: 5, redAfterMin: 8 });
    expect(settings.printers).toEqual([]);
  });

  it('never lets the agent token through redaction', () => {
    const settings = AgentSettingsSchema.parse({ agentToken: 'secret-token-value' });
    const redacted = redactSettings(settings);
    expect(JSON.stringify(redacted)).not.toContain('secret-token-value');
    expect(redacted.agentTokenSet).toBe(true);
  });

  it('refuses a red threshold before the amber one, naming the field', () => {
    const result = AgentSettingsSchema.safeParse({ display: { amberAfterMin: 9, redAfterMin: 8 } });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['display', 'redAfterMin']);
  });

  it('accepts tcp and spooler printer interfaces and refuses others', () => {
    const base = { id: 'kitchen-1', name: 'Kitchen', stations: ['kitchen'] };
    expect(PrinterSettingsSchema.safeParse({ ...base, interface: 'tcp://10.0.0.5:9100' }).success).toBe(true);
    expect(PrinterSettingsSchema.safeParse({ ...base, interface: 'printer:EPSON_TM_T20' }).success).toBe(true);
    expect(PrinterSettingsSchema.safeParse({ ...base, interface: 'http://printer' }).success).toBe(false);
    expect(PrinterSettingsSchema.safeParse({ ...base, interface: 'tcp://host:9100', width: 72 }).success).toBe(false);
  });

  it('refuses a spooler printer name that starts with "-", with one clear message on the interface', () => {
    const base = { id: 'kitchen-1', name: 'Kitchen', stations: ['kitchen'] };
    for (const iface of ['printer:-oraw', 'printer:-hattacker.example', ' printer:-d ']) {
      const result = AgentSettingsSchema.safeParse({ printers: [{ ...base, interface: iface }] });
      expect(result.success).toBe(false);
      expect(result.error?.issues.map((issue) => ({ path: issue.path, message: issue.message }))).toEqual([
        { path: ['printers', 0, 'interface'], message: 'printer:NAME: the printer name cannot start with "-" (the spooler would read it as an option)' },
      ]);
    }
    // A "-" inside the name is an ordinary character.
    expect(PrinterSettingsSchema.safeParse({ ...base, interface: 'printer:Kitchen-USB' }).success).toBe(true);
  });
});

describe('sameBackendOrigin', () => {
  it('compares scheme, host and port after normalising, and never calls non-URLs the same', () => {
    expect(sameBackendOrigin('http://Kitchen.local:80/a', 'http://kitchen.local/b/')).toBe(true);
    expect(sameBackendOrigin('http://kitchen.local', 'https://kitchen.local')).toBe(false);
    expect(sameBackendOrigin('http://127.0.0.1:4800', 'http://127.0.0.1:4801')).toBe(false);
    // Origin-less schemes all read "null": that must not make them one server.
    expect(sameBackendOrigin('data:text/plain,a', 'data:text/plain,a')).toBe(false);
    expect(sameBackendOrigin('not a url', 'not a url')).toBe(false);
  });
});
