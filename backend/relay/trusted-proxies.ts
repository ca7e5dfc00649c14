import { ClientAddress } from './client-address.js';

/** Reverse proxies a deployment can name; more is a misconfiguration, not a network. */
export const MAX_TRUSTED_PROXIES = 32;

/**
 * `RELAY_TRUSTED_PROXIES` as written in an environment: comma-separated IP addresses (spaces
 * allowed). Empty means none. Read the same way by the standalone relay and by the backend for its
 * embedded one.
 */
export function parseTrustedProxies(value: string): { ok: true; addresses: string[] } | { ok: false; message: string } {
  const addresses = value
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
  const invalid = ClientAddress.invalidProxies(addresses);
  if (invalid.length > 0) return { ok: false, message: `not IP addresses: ${invalid.join(', ')} (name each proxy by its IP; no host names or ranges)` };
  if (addresses.length > MAX_TRUSTED_PROXIES) return { ok: false, message: `at most ${MAX_TRUSTED_PROXIES} proxies` };
  return { ok: true, addresses };
}
