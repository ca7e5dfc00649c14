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
});
