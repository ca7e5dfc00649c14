import { randomBytes } from 'node:crypto';
import type { Clock } from '../../common/clock.js';
import { CodedError, ERRORS } from '../../common/errors.js';
import type { KitchenApiParsedInput, KitchenOperation } from '../../common/kitchen-contract.js';
import type { AgentSettings, StoredSettingsPin } from '../../common/settings.js';
import {
  isLockedOperation,
  PIN_LOCKOUT_MS,
  PIN_MAX_ATTEMPTS,
  UNLOCK_IDLE_MS,
  type SettingsLockStatus,
  type SettingsPinChanged,
  type SettingsUnlock,
} from '../../common/settings-lock.js';
import { hashPin, pinMatches } from './pin-hash.js';

/** What the lock needs of the settings service: the stored hash, and a way to write it. */
export interface PinStore {
  get(): AgentSettings;
  storePin(pin: StoredSettingsPin | undefined): void;
}

/**
 * The settings PIN (issue 20), enforced in the agent. With a PIN set, the operations behind it
 * (LOCKED_OPERATIONS: Settings and Reports) need an unlock token, which unlockSettings gives for
 * the right PIN; a token lapses UNLOCK_IDLE_MS after its last use and lives in memory only (a
 * restart locks every board again). Five wrong PINs in a row refuse every PIN for a minute, on the
 * agent's clock. PINs are checked one at a time, so a burst of guesses in parallel counts like
 * guesses in a row. The board's own operations never ask.
 */
export class SettingsLock {
  private failures = 0;
  private lockedUntil = 0;
  /** Unlock tokens and when each was last used. */
  private readonly tokens = new Map<string, number>();
  /** The PIN checks in flight, one after another. */
  private checks: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly settings: PinStore,
    private readonly clock: Clock,
  ) {}

  private get stored(): StoredSettingsPin | undefined {
    return this.settings.get().settingsPin;
  }

  status(): SettingsLockStatus {
    const left = this.lockedOutMs();
    return { pinSet: this.stored !== undefined, ...(left > 0 ? { lockedOutSeconds: Math.ceil(left / 1000) } : {}) };
  }

  /** Refuses an operation behind the PIN without a valid unlock (dispatchKitchenCall asks before every call). */
  authorizeCall(method: KitchenOperation, unlock: string | undefined): void {
    if (!isLockedOperation(method) || this.stored === undefined) return;
    if (unlock !== undefined && this.touch(unlock)) return;
    throw new CodedError(ERRORS.SETTINGS_LOCKED, `${method} is behind the settings PIN: unlock Settings first`, { method });
  }

  async unlock({ pin }: KitchenApiParsedInput<'unlockSettings'>): Promise<SettingsUnlock> {
    if (this.stored !== undefined) await this.check(pin);
    return this.issue();
  }

  /** Sets, changes or clears the PIN; while one is set, the current one must come with it. */
  async setPin({ currentPin, pin }: KitchenApiParsedInput<'setSettingsPin'>): Promise<SettingsPinChanged> {
    if (this.stored !== undefined) await this.check(currentPin ?? '');
    if (pin === null) {
      this.settings.storePin(undefined);
      this.tokens.clear();
      return this.status();
    }
    this.settings.storePin(await hashPin(pin));
    return { ...this.status(), unlock: this.issue() };
  }

  private lockedOutMs(): number {
    return Math.max(0, this.lockedUntil - this.clock.now());
  }

  /** Checks a PIN after those before it: counts a wrong one, locks out after the fifth. */
  private check(pin: string): Promise<void> {
    const next = this.checks.then(() => this.checkNow(pin));
    this.checks = next.catch(() => undefined);
    return next;
  }

  private async checkNow(pin: string): Promise<void> {
    const left = this.lockedOutMs();
    if (left > 0) throw lockedOut(left);
    const stored = this.stored;
    if (stored === undefined || (await pinMatches(pin, stored))) {
      this.failures = 0;
      return;
    }
    this.failures += 1;
    if (this.failures >= PIN_MAX_ATTEMPTS) {
      this.failures = 0;
      this.lockedUntil = this.clock.now() + PIN_LOCKOUT_MS;
      throw lockedOut(PIN_LOCKOUT_MS);
    }
    const attemptsLeft = PIN_MAX_ATTEMPTS - this.failures;
    throw new CodedError(ERRORS.SETTINGS_PIN_WRONG, `wrong PIN: ${attemptsLeft} ${attemptsLeft === 1 ? 'try' : 'tries'} left before a one-minute lock-out`, { attemptsLeft });
  }

  private issue(): SettingsUnlock {
    const now = this.clock.now();
    for (const [token, used] of this.tokens) if (now - used > UNLOCK_IDLE_MS) this.tokens.delete(token);
    const token = randomBytes(32).toString('base64url');
    this.tokens.set(token, now);
    return { token, idleSeconds: UNLOCK_IDLE_MS / 1000 };
  }

  /** Whether a token is valid now; using it keeps it alive. */
  private touch(token: string): boolean {
    const used = this.tokens.get(token);
    const now = this.clock.now();
    if (used === undefined || now - used > UNLOCK_IDLE_MS) {
      this.tokens.delete(token);
      return false;
    }
    this.tokens.set(token, now);
    return true;
  }
}

function lockedOut(ms: number): CodedError {
  const secondsLeft = Math.ceil(ms / 1000);
  return new CodedError(ERRORS.SETTINGS_PIN_LOCKED_OUT, `too many wrong PINs: try again in ${secondsLeft} s`, { secondsLeft });
}
