import { afterEach, describe, expect, it } from 'vitest';
import { AgentSettingsSchema, redactSettings } from '../../common/settings.js';
import { boardWords } from '../testing/i18n.js';
import { buildSettingsPatch, formFromSettings, type FormRefusals } from './settings-form.js';
import { setZodLanguage } from './zod-language.js';

afterEach(() => setZodLanguage('en'));

function refusalsIn(language: 'es' | 'de'): FormRefusals {
  const t = boardWords(language).getFixedT(language, 'settings');
  return { required: t('refusals.required'), notNumber: t('refusals.notNumber'), duplicateId: t('refusals.duplicateId'), secretRequired: t('refusals.secretRequired'), duplicateKey: t('keyMap.duplicate'), reservedKey: t('keyMap.reserved') };
}

describe('settings refusals in the board’s language', () => {
  it("say the schema's limits and the form's own refusals in the language, and the language is saved", async () => {
    await setZodLanguage('es');
    const form = formFromSettings(redactSettings(AgentSettingsSchema.parse({})));
    form.display.language = 'de';
    form.realtime.port = '70000';
    form.sound.volume = 'loud';
    const result = buildSettingsPatch(form, refusalsIn('es'));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors['realtime.port']).toMatch(/^Demasiado grande/);
    expect(result.errors['sound.volume']).toBe('debe ser un número');

    form.realtime.port = '6001';
    form.sound.volume = '0.5';
    const saved = buildSettingsPatch(form, refusalsIn('es'));
    expect(saved.ok && saved.patch.display?.language).toBe('de');
  });

  it('refuses a language TicketRail does not speak', () => {
    expect(AgentSettingsSchema.safeParse({ display: { language: 'it' } }).success).toBe(false);
    expect(AgentSettingsSchema.parse({}).display.language).toBe('en');
  });
});
