import { describe, expect, it } from 'vitest';
import { AgentSettingsSchema, redactSettings } from '../../common/settings.js';
import { blankIngestPrinter } from './ingest-form.js';
import { buildSettingsPatch, formFromSettings } from './settings-form.js';

const stored = redactSettings(
  AgentSettingsSchema.parse({
    printers: [{ id: 'hot', name: 'Hot line', interface: 'tcp://10.0.0.5:9100', stations: ['kitchen'] }],
    ingest: [{ name: 'pos-bar', listen: 'tcp://0.0.0.0:9102', station: 'bar', forwardTo: 'hot', allowLan: true }],
  }),
);

describe('the ingest printers of the settings form', () => {
  it('round-trips the stored ingest printers into the patch', () => {
    const result = buildSettingsPatch(formFromSettings(stored));
    expect(result.ok && result.patch.ingest).toEqual([{ name: 'pos-bar', listen: 'tcp://0.0.0.0:9102', station: 'bar', forwardTo: 'hot', allowLan: true }]);
  });

  it('adds rows on the next free loopback port and name, without forwarding; removing them all saves none', () => {
    const form = formFromSettings(stored);
    form.ingest.push(blankIngestPrinter(form.ingest));
    form.ingest.push(blankIngestPrinter(form.ingest));
    const result = buildSettingsPatch(form);
    expect(result.ok && result.patch.ingest?.slice(1)).toEqual([
      { name: 'pos-2', listen: 'tcp://127.0.0.1:9101', station: 'kitchen', allowLan: false },
      { name: 'pos-3', listen: 'tcp://127.0.0.1:9103', station: 'kitchen', allowLan: false },
    ]);
    form.ingest = [];
    const none = buildSettingsPatch(form);
    expect(none.ok && none.patch.ingest).toEqual([]);
  });

  it('refuses an address that is not tcp://host:port on its own field before asking the agent', () => {
    const form = formFromSettings(stored);
    form.ingest[0]!.listen = '0.0.0.0:9102';
    form.ingest[0]!.station = 'Bar!';
    const result = buildSettingsPatch(form);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(Object.keys(result.errors)).toEqual(expect.arrayContaining(['ingest.0.listen', 'ingest.0.station']));
  });

  it('keeps the connection cap and idle close as saved, sends typed ones as numbers and refuses what is not one', () => {
    const withLimits = redactSettings(AgentSettingsSchema.parse({ ingest: [{ name: 'pos-bar', listen: 'tcp://127.0.0.1:9102', station: 'bar', maxConnections: 4, idleCloseSeconds: 30 }] }));
    const form = formFromSettings(withLimits);
    const kept = buildSettingsPatch(form);
    expect(kept.ok && kept.patch.ingest?.[0]).toMatchObject({ maxConnections: 4, idleCloseSeconds: 30 });

    form.ingest[0]!.maxConnections = ' 8 ';
    form.ingest[0]!.idleCloseSeconds = '';
    const typed = buildSettingsPatch(form);
    expect(typed.ok && typed.patch.ingest?.[0]).toEqual({ name: 'pos-bar', listen: 'tcp://127.0.0.1:9102', station: 'bar', allowLan: false, maxConnections: 8 });

    form.ingest[0]!.maxConnections = 'lots';
    form.ingest[0]!.idleCloseSeconds = '7200';
    const refused = buildSettingsPatch(form);
    expect(refused.ok).toBe(false);
    if (refused.ok) return;
    expect(refused.errors['ingest.0.maxConnections']).toBe('must be a number');
    expect(refused.errors['ingest.0.idleCloseSeconds']).toBeDefined();
  });
});
