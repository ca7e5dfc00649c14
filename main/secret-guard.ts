import { SECRET_SETTINGS, type SecretBox, type SettingsStore } from '../agent/index.js';
import { secretPathsIn, valueAt, type SecretSetting } from '../common/secret-settings.js';

/**
 * Defence in depth for "secrets never reach the renderer". The agent already answers
 * RedactedSettings; this guard makes a leak impossible even if some answer or update carried the
 * token by mistake. It learns the secrets by watching the two ports every secret passes through
 * (the settings store and the secret box), so it needs no knowledge of the agent's storage format.
 */

/** Shorter values are not guarded: they would match ordinary text and block honest answers. */
export const MIN_GUARDED_SECRET_LENGTH = 8;

/**
 * Environment variables treated as secrets: a name ending in TOKEN, SECRET or PASSWORD
 * (TICKETRAIL_AGENT_TOKEN, PUSHER_SECRET), besides those a declared secret names. Not any name
 * containing them: an environment also holds names such as PASSWORD_STORE_DIR whose values are
 * ordinary paths.
 */
const SECRET_ENV_PATTERN = /(^|_)(TOKEN|SECRET|PASSWORD)$/i;

export class SecretRegistry {
  readonly #secrets = new Set<string>();
  /** Where the settings keep secrets: the agent's declarations (the core's and every source's). */
  readonly #declared: readonly SecretSetting[];
  readonly #declaredEnv: ReadonlySet<string>;

  constructor(declared: readonly SecretSetting[] = SECRET_SETTINGS) {
    this.#declared = declared;
    this.#declaredEnv = new Set(declared.flatMap((secret) => (secret.env ? [secret.env] : [])));
  }

  remember(secret: string): void {
    if (secret.length >= MIN_GUARDED_SECRET_LENGTH) this.#secrets.add(secret);
  }

  /**
   * Remembers every string a settings object holds where a secret is declared (the agent token,
   * TableTrack's key, a source's auth headers): by declaration, not by the field's name, so a
   * public `key` (the Pusher app key) is never taken for one and a source's secret never missed.
   */
  rememberFromSettings(value: unknown): void {
    for (const secret of this.#declared) {
      for (const path of secretPathsIn(value, secret)) {
        const found = valueAt(value, path);
        if (typeof found === 'string') this.remember(found);
      }
    }
  }

  /**
   * Remembers every secret-named variable of an environment. The agent reads its token from
   * TICKETRAIL_AGENT_TOKEN directly, past both ports this guard watches, so the environment is
   * registered at start like the settings file.
   */
  rememberFromEnv(env: NodeJS.ProcessEnv): void {
    for (const [name, value] of Object.entries(env)) {
      if (value !== undefined && (SECRET_ENV_PATTERN.test(name) || this.#declaredEnv.has(name))) this.remember(value);
    }
  }

  get size(): number {
    return this.#secrets.size;
  }

  /**
   * True when any remembered secret appears anywhere in the value (keys, strings, error details),
   * or when the value cannot be serialised and so cannot be checked.
   */
  contains(value: unknown): boolean {
    if (this.#secrets.size === 0 || value === undefined) return false;
    let text: string | undefined;
    try {
      text = JSON.stringify(value);
    } catch {
      return true;
    }
    if (text === undefined) return false;
    for (const secret of this.#secrets) {
      // JSON escapes a string character by character, so an escaped secret is a substring of the
      // escaped text exactly when the secret is a substring of some string in the value.
      if (text.includes(JSON.stringify(secret).slice(1, -1))) return true;
    }
    return false;
  }
}

/** The agent's settings store, remembering secrets as they are read and written. */
export function witnessSettingsStore(store: SettingsStore, registry: SecretRegistry): SettingsStore {
  return {
    location: store.location,
    read(): unknown {
      const value = store.read();
      registry.rememberFromSettings(value);
      return value;
    },
    write(value: unknown): void {
      registry.rememberFromSettings(value);
      store.write(value);
    },
  };
}

/** The secret box, remembering every plaintext and sealed value that passes through it. */
export function witnessSecretBox(box: SecretBox, registry: SecretRegistry): SecretBox {
  return {
    isAvailable: () => box.isAvailable(),
    encrypt(plain: string): string {
      registry.remember(plain);
      const sealed = box.encrypt(plain);
      registry.remember(sealed);
      return sealed;
    },
    decrypt(sealed: string): string {
      registry.remember(sealed);
      const plain = box.decrypt(sealed);
      registry.remember(plain);
      return plain;
    },
  };
}
