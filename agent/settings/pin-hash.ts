import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import type { StoredSettingsPin } from '../../common/settings.js';

/*
 * The settings PIN at rest: scrypt with a random 16-byte salt, compared in constant time. A PIN of
 * 4–12 digits has few values, so the hash is slow on purpose (scrypt's default cost, ~50 ms) and
 * the settings lock allows five wrong ones a minute; the hash never leaves the agent.
 */

const KEY_LENGTH = 32;
const SALT_BYTES = 16;

function derive(pin: string, salt: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(pin.normalize('NFKC'), salt, KEY_LENGTH, (error, key) => (error ? reject(error) : resolve(key)));
  });
}

export async function hashPin(pin: string): Promise<StoredSettingsPin> {
  const salt = randomBytes(SALT_BYTES);
  const hash = await derive(pin, salt);
  return { algorithm: 'scrypt', salt: salt.toString('base64'), hash: hash.toString('base64') };
}

export async function pinMatches(pin: string, stored: StoredSettingsPin): Promise<boolean> {
  const expected = Buffer.from(stored.hash, 'base64');
  const given = await derive(pin, Buffer.from(stored.salt, 'base64'));
  return given.length === expected.length && timingSafeEqual(given, expected);
}
