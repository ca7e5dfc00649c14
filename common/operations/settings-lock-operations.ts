import { z } from 'zod';
import { answers } from '../kitchen-answer.js';
import { NoInputSchema } from '../kitchen-api.js';
import { PIN_PATTERN, type BoardSettings, type SettingsLockStatus, type SettingsPinChanged, type SettingsUnlock } from '../settings-lock.js';

const pinField = z.string().regex(PIN_PATTERN, 'PIN: 4 to 12 digits');

export const UnlockSettingsInputSchema = z.strictObject({ pin: z.string().max(64) });
/** Sets, changes (`pin`) or clears (`pin: null`) the PIN; `currentPin` is required while one is set. */
export const SetSettingsPinInputSchema = z.strictObject({ currentPin: z.string().max(64).optional(), pin: pinField.nullable() });

/**
 * The settings PIN (issue 20), carried out by agent/settings/settings-lock.ts. These are never
 * behind the PIN themselves: they are how one gets past it.
 */
export const SETTINGS_LOCK_OPERATIONS = {
  settingsLockStatus: { input: NoInputSchema, output: answers<SettingsLockStatus>() },
  unlockSettings: { input: UnlockSettingsInputSchema, output: answers<SettingsUnlock>() },
  setSettingsPin: { input: SetSettingsPinInputSchema, output: answers<SettingsPinChanged>() },
  /** What the board needs of the settings (language, colours, sounds), open with a PIN set. */
  boardSettings: { input: NoInputSchema, output: answers<BoardSettings>() },
} as const;
