import type { SecretBox } from '../ports.js';

/** A reversible stand-in for safeStorage: enough to tell sealed from clear text on disk. */
export const reversingBox: SecretBox = {
  isAvailable: () => true,
  encrypt: (plain) => Buffer.from([...plain].reverse().join('')).toString('base64'),
  decrypt: (sealed) => [...Buffer.from(sealed, 'base64').toString()].reverse().join(''),
};
