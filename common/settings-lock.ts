import type { KitchenApiMethod } from './kitchen-api-methods.js';
import type { RedactedSettings } from './settings.js';

/*
 * The settings PIN (issue 20), zod-free: the board's startup chunk attaches the unlock to the calls
 * that need it. With a PIN set, the agent refuses these operations unless the call carries a valid
 * unlock token (unlockSettings gives one); the board's own actions never need one. The agent
 * enforces it where every call enters (dispatchKitchenCall), so IPC and the local HTTP API obey
 * the same rule. See docs/architecture.md, "Settings PIN".
 */

/** Where a call carries its unlock token: a reserved key of its input object, taken off before the input's schema sees it. */
export const SETTINGS_UNLOCK_FIELD = 'settingsUnlock';

/** The operations behind the PIN: Settings (read, save, test, printer set-up) and Reports. */
export const LOCKED_OPERATIONS = [
  'getSettings',
  'saveSettings',
  'testConnection',
  'testPrint',
  'tabletrackPrinters',
  'findPrinters',
  'systemPrinters',
  'prepareLogo',
  'serviceReport',
  'printDaySummary',
] as const satisfies readonly KitchenApiMethod[];

const LOCKED: ReadonlySet<string> = new Set(LOCKED_OPERATIONS);
export const isLockedOperation = (method: string): boolean => LOCKED.has(method);

/** Wrong PINs in a row before the lock-out, and how long it lasts (on the agent's clock). */
export const PIN_MAX_ATTEMPTS = 5;
export const PIN_LOCKOUT_MS = 60_000;
/** An unlock lasts this long after its last use: a board left on Settings locks itself again. */
export const UNLOCK_IDLE_MS = 10 * 60_000;
/** A PIN: 4 to 12 digits (typed on a touch screen's number pad). */
export const PIN_PATTERN = /^\d{4,12}$/;

/** Whether Settings are locked, as anyone may ask (no hash, no salt). */
export interface SettingsLockStatus {
  pinSet: boolean;
  /** Seconds until PINs are tried again, when five wrong ones locked them out. */
  lockedOutSeconds?: number;
}

/** What unlockSettings answers: the token to pass with locked calls, and when it lapses if unused. */
export interface SettingsUnlock {
  token: string;
  idleSeconds: number;
}

/** What setSettingsPin answers: the new state, and an unlock when a PIN is now set (the screen that set it stays open). */
export interface SettingsPinChanged extends SettingsLockStatus {
  unlock?: SettingsUnlock;
}

/**
 * What the board itself needs of the settings, open to every caller even with a PIN set: its
 * language, colours, font scale, stations and sounds, and whether a PIN is set.
 */
export type BoardSettings = Pick<RedactedSettings, 'display' | 'sound' | 'pinSet'>;

/** The board's view of full settings (the settings screen hands them back after a save). */
export const boardSettingsOf = (settings: BoardSettings): BoardSettings => ({ display: settings.display, sound: settings.sound, pinSet: settings.pinSet });
