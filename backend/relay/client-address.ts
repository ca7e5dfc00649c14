/**
 * Which address a socket counts against under the per-address cap. The TCP peer's, unless the peer
 * is a reverse proxy the operator named (`trustedProxies`, RELAY_TRUSTED_PROXIES): then the client
 * the proxy names in `X-Forwarded-For`. The header is read from the right, past every trusted proxy,
 * because anything to the left of the first untrusted hop was written by the client itself.
 */
import type { IncomingMessage } from 'node:http';
import { isIP } from 'node:net';

/** `::ffff:10.0.0.1` (an IPv4 peer on a dual-stack socket) is 10.0.0.1. */
function normalise(address: string): string {
  const trimmed = address.trim();
  return trimmed.toLowerCase().startsWith('::ffff:') && isIP(trimmed.slice(7)) === 4 ? trimmed.slice(7) : trimmed.toLowerCase();
}

export class ClientAddress {
  private readonly trusted: ReadonlySet<string>;

  /** `trustedProxies` must be IP addresses; check them with invalidProxies() first. */
  constructor(trustedProxies: readonly string[] = []) {
    this.trusted = new Set(trustedProxies.map(normalise));
  }

  /** Entries that are not IP addresses (host names, CIDR ranges): refused at start. */
  static invalidProxies(trustedProxies: readonly string[]): string[] {
    return trustedProxies.filter((entry) => isIP(entry.trim()) === 0);
  }

  of(request: IncomingMessage): string {
    const peer = normalise(request.socket.remoteAddress ?? '');
    if (!this.trusted.has(peer)) return peer;
    const header = request.headers['x-forwarded-for'];
    const hops = (Array.isArray(header) ? header.join(',') : (header ?? '')).split(',').map(normalise).filter((hop) => hop !== '');
    for (let index = hops.length - 1; index >= 0; index -= 1) {
      const hop = hops[index] as string;
      if (isIP(hop) === 0) return peer;
      if (!this.trusted.has(hop)) return hop;
    }
    return peer;
  }
}
