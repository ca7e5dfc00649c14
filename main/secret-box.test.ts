import { beforeEach, describe, expect, it } from 'vitest';
import { electronMock, resetElectronMock } from '../test/electron-mock.js';
import { CodedError } from '../common/errors.js';
import { DESKTOP_ERROR_CODES } from './errors.js';
import { createSafeStorageSecretBox } from './secret-box.js';

beforeEach(() => resetElectronMock());

describe('safeStorage secret box', () => {
  it('round-trips a secret as base64 text that does not contain it', () => {
    const box = createSafeStorageSecretBox(undefined, 'linux');
    expect(box.isAvailable()).toBe(true);
    const sealed = box.encrypt('tok_secret_ÄÖ_123');
    expect(sealed).toMatch(/^[A-Za-z0-9+/]+=*$/);
    expect(sealed).not.toContain('tok_secret');
    expect(box.decrypt(sealed)).toBe('tok_secret_ÄÖ_123');
  });

  it('is unavailable when safeStorage is, and then refuses to seal', () => {
    electronMock.encryptionAvailable = false;
    const box = createSafeStorageSecretBox(undefined, 'win32');
    expect(box.isAvailable()).toBe(false);
    expect(() => box.encrypt('x')).toThrow(expect.objectContaining({ code: DESKTOP_ERROR_CODES.SECRET_BOX_UNAVAILABLE, status: 503 }));
    // A coded error like every layer's: its code's status and body, not one picked at the throw site.
    expect(() => box.encrypt('x')).toThrow(CodedError);
  });

  it("treats Linux's basic_text backend (a hard-coded key) as unavailable", () => {
    electronMock.storageBackend = 'basic_text';
    expect(createSafeStorageSecretBox(undefined, 'linux').isAvailable()).toBe(false);
    // The backend query is Linux-only; elsewhere it does not count.
    expect(createSafeStorageSecretBox(undefined, 'darwin').isAvailable()).toBe(true);
  });

  it('reports a secret sealed elsewhere as unreadable, with the cause', () => {
    const box = createSafeStorageSecretBox(undefined, 'linux');
    let caught: unknown;
    try {
      box.decrypt(Buffer.from('not ours').toString('base64'));
    } catch (error) {
      caught = error;
    }
    expect(caught).toMatchObject({ code: DESKTOP_ERROR_CODES.SECRET_UNREADABLE, status: 500 });
    expect((caught as CodedError).toBody()).toEqual({ code: 'SECRET_UNREADABLE', message: 'stored secret cannot be decrypted on this machine' });
    expect((caught as Error).cause).toBeInstanceOf(Error);
  });
});
