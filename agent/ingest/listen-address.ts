import net from 'node:net';
import { INGEST_ERRORS, IngestError } from './ingest-errors.js';

export interface ListenAddress {
  host: string;
  /** 0 picks a free port. */
  port: number;
}

const MAX_PORT = 65_535;

/** `tcp://127.0.0.1:9101` → {host, port}; IPv6 in brackets (`tcp://[::1]:9101`). */
export function parseListenAddress(listen: string): ListenAddress {
  const invalid = () => new IngestError(INGEST_ERRORS.LISTEN_ADDRESS_INVALID, `"${listen}" is not tcp://host:port`);
  let url: URL;
  try {
    url = new URL(listen);
  } catch {
    throw invalid();
  }
  if (url.protocol !== 'tcp:' || url.port === '' || !['', '/'].includes(url.pathname) || url.username !== '' || url.search !== '') throw invalid();
  const port = Number(url.port);
  if (!Number.isInteger(port) || port < 0 || port > MAX_PORT) throw invalid();
  const host = url.hostname.replace(/^\[(.*)\]$/u, '$1');
  if (host === '') throw invalid();
  return { host, port };
}

/** Only these addresses keep the port on this machine. */
export function isLoopbackHost(host: string): boolean {
  if (host === 'localhost') return true;
  if (net.isIPv4(host)) return host.startsWith('127.');
  return net.isIPv6(host) && (host === '::1' || host === '0:0:0:0:0:0:0:1');
}

/**
 * A listen address other than loopback opens a port on the LAN, which the POS needs but which must
 * be asked for explicitly (`allowLan`).
 */
export function checkListenAddress(address: ListenAddress, allowLan: boolean): void {
  if (!allowLan && !isLoopbackHost(address.host)) {
    throw new IngestError(
      INGEST_ERRORS.LISTEN_LAN_NOT_ALLOWED,
      `listening on ${address.host} opens port ${address.port} to the network; allow it explicitly`,
    );
  }
}
