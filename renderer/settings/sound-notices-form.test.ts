import { describe, expect, it } from 'vitest';
import { AgentSettingsSchema, redactSettings } from '../../common/settings.js';
import { buildSettingsPatch, formFromSettings } from './settings-form.js';

const settingsWith = (sound: Record<string, unknown>) => redactSettings(AgentSettingsSchema.parse({ sound }));

describe('the counter notices row of the sound settings', () => {
  it('is on when the stored settings never said (older files), and saves nothing new then', () => {
    const form = formFromSettings(settingsWith({ enabled: true, volume: 0.5 }));
    expect(form.sound.notices).toBe(true);
    const result = buildSettingsPatch(form);
    expect(result.ok && result.patch.sound).toEqual({ enabled: true, volume: 0.5 });
  });

  it('mutes counter notices alone, and reads the muted setting back', () => {
    const form = formFromSettings(settingsWith({ enabled: true, volume: 0.5 }));
    form.sound.notices = false;
    const result = buildSettingsPatch(form);
    expect(result.ok && result.patch.sound).toEqual({ enabled: true, volume: 0.5, notices: false });
    expect(formFromSettings(settingsWith({ enabled: true, volume: 0.5, notices: false })).sound.notices).toBe(false);
  });
});
