import { isLockedOperation, SETTINGS_UNLOCK_FIELD } from '../../common/settings-lock.js';

/*
 * The board's unlock of the settings PIN (unlockSettings' token), kept in memory only: a reload,
 * or leaving Settings or Reports, forgets it, so the next opening asks for the PIN again. Only
 * the calls behind the PIN carry it (the agent enforces the lock; this only passes the key).
 */
let token: string | undefined;

export const settingsUnlock = {
  set(next: string): void {
    token = next;
  },
  forget(): void {
    token = undefined;
  },
  held(): boolean {
    return token !== undefined;
  },
};

/** A call's input with the unlock attached, when the operation is behind the PIN and the board holds one. */
export function withUnlock(method: string, input: unknown): unknown {
  if (token === undefined || !isLockedOperation(method)) return input;
  if (input !== undefined && (typeof input !== 'object' || input === null || Array.isArray(input))) return input;
  return { ...(input as object | undefined), [SETTINGS_UNLOCK_FIELD]: token };
}
