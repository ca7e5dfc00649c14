import type { IncomingHttpHeaders } from 'node:http';

/**
 * Who may talk to the local API. The board is served by the API itself, so its requests are
 * same-origin; Node callers (CLI, tests, scripts) send no Origin at all. Two attacks are refused:
 *
 * - another web page open on the kitchen PC (its Origin is its own site) opening the updates
 *   WebSocket — browsers let any page do that — and reading every order with names and phones;
 * - DNS rebinding: a page whose host name is re-pointed at 127.0.0.1 is "same-origin" to the
 *   browser, but its requests carry that foreign name in Host. Without a token that is enough to
 *   call saveSettings({backendUrl}) and have the agent send its token elsewhere.
 *
 * On loopback the Host must name this API (127.0.0.1, localhost, [::1] or the bind address, with
 * the port) and an Origin, when sent, must be one of those. Off loopback a token is required and
 * protects the API; names on a LAN vary (IP, host.local), so Host is not restricted there, but an
 * Origin must still be the one the request addressed (the board's page, not another site).
 */
export interface OriginGuard {
  /** undefined when the request may proceed, otherwise why it is refused. */
  refusal(headers: IncomingHttpHeaders): string | undefined;
}

const LOOPBACK_NAMES = ['127.0.0.1', 'localhost', '[::1]'] as const;
const WILDCARD_HOSTS = new Set(['0.0.0.0', '::', '']);

/** A host as it appears in a Host header or URL: IPv6 literals in brackets, lower case. */
export function hostForUrl(host: string): string {
  const lower = host.toLowerCase();
  return lower.includes(':') && !lower.startsWith('[') ? `[${lower}]` : lower;
}

export function isLoopbackHost(host: string): boolean {
  return host === '127.0.0.1' || host === '::1' || host.toLowerCase() === 'localhost';
}

/** The Host values that name this API; without a port only when it is 80 (clients then omit it). */
export function ownHostValues(bindHost: string, port: number): Set<string> {
  const names = new Set<string>(LOOPBACK_NAMES);
  if (!WILDCARD_HOSTS.has(bindHost)) names.add(hostForUrl(bindHost));
  const values = new Set<string>();
  for (const name of names) {
    values.add(`${name}:${port}`);
    if (port === 80) values.add(name);
  }
  return values;
}

export function createOriginGuard(bindHost: string, port: number): OriginGuard {
  const restrictHost = isLoopbackHost(bindHost);
  const hosts = ownHostValues(bindHost, port);
  const origins = new Set([...hosts].map((host) => `http://${host}`));
  return {
    refusal(headers) {
      const host = headers.host?.trim().toLowerCase();
      if (restrictHost && (!host || !hosts.has(host))) return `the local API answers only to ${[...hosts][0]}, not to host ${JSON.stringify(headers.host ?? '')}`;
      const origin = headers.origin?.trim().toLowerCase();
      if (origin === undefined) return undefined;
      const allowed = restrictHost ? origins.has(origin) : origin === `http://${host ?? ''}`;
      return allowed ? undefined : `requests from pages of ${JSON.stringify(headers.origin)} are refused: only the board served here may call the local API`;
    },
  };
}
