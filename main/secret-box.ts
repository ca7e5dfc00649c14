import { safeStorage as electronSafeStorage, type SafeStorage } from 'electron';
import type { SecretBox } from '../agent/index.js';
import { DESKTOP_ERRORS, DesktopError } from './errors.js';

/**
 * Secrets at rest, sealed with the OS keychain through Electron's safeStorage (DPAPI on Windows,
 * Keychain on macOS, libsecret/kwallet on Linux) and stored as base64 text.
 *
 * On Linux without a keyring Chromium falls back to the `basic_text` backend, a hard-coded key:
 * that only looks encrypted, so the box reports itself unavailable and the agent knows the
 * secret is protected by the file's permissions alone.
 */
export function createSafeStorageSecretBox(storage: SafeStorage = electronSafeStorage, platform: NodeJS.Platform = process.platform): SecretBox {
  const isAvailable = (): boolean =>
    storage.isEncryptionAvailable() && !(platform === 'linux' && storage.getSelectedStorageBackend() === 'basic_text');

  return {
    isAvailable,
    encrypt(plain: string): string {
      if (!isAvailable()) throw new DesktopError(DESKTOP_ERRORS.SECRET_BOX_UNAVAILABLE);
      return storage.encryptString(plain).toString('base64');
    },
    decrypt(sealed: string): string {
      if (!isAvailable()) throw new DesktopError(DESKTOP_ERRORS.SECRET_BOX_UNAVAILABLE);
      try {
        return storage.decryptString(Buffer.from(sealed, 'base64'));
      } catch (error) {
        // Typically sealed by another OS user or machine (a copied settings file): re-enter the secret.
        throw new DesktopError(DESKTOP_ERRORS.SECRET_UNREADABLE, { cause: error });
      }
    },
  };
}
