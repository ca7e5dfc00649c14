import type { KitchenApiParsedInput, SliceHandlers } from '../../common/kitchen-contract.js';
import type { SETTINGS_LOCK_OPERATIONS } from '../../common/operations/settings-lock-operations.js';
import { boardSettingsOf } from '../../common/settings-lock.js';
import type { RedactedSettings } from '../../common/settings.js';
import type { SettingsLock } from './settings-lock.js';

/** The settings-PIN slice of KITCHEN_API (common/operations/settings-lock-operations.ts). */
export function settingsLockOperations(lock: SettingsLock, settings: { redacted(): RedactedSettings }): SliceHandlers<typeof SETTINGS_LOCK_OPERATIONS> {
  return {
    settingsLockStatus: async () => lock.status(),
    unlockSettings: (input: KitchenApiParsedInput<'unlockSettings'>) => lock.unlock(input),
    setSettingsPin: (input: KitchenApiParsedInput<'setSettingsPin'>) => lock.setPin(input),
    boardSettings: async () => boardSettingsOf(settings.redacted()),
  };
}
