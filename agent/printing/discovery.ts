import { networkInterfaces } from 'node:os';
import { PRINTING_ERRORS, PrintingError } from './printing-errors.js';
import { PrinterSession } from './printer-session.js';
import { describeCondition, isRealtimeStatusByte, readRealtimeStatus } from './printer-status.js';
import { DLE_EOT_PRINTER, GS } from './escpos-bytes.js';
import type { FoundNetworkPrinter } from '../../common/kitchen-api.js';

/**
 * "Find printers": network printers on the PC's own IPv4 subnets (each as a /24), or in a range the
 * admin types. Each address gets a TCP connection to the raw printing port (9100) with a short
 * timeout, at most DISCOVERY.concurrency at a time; whatever accepts is asked `DLE EOT 1` — only
 * an answer with a printer's fixed status bits counts, so a web server on 9100 is not listed — and
 * then `GS I 1/2/3` (model, type and ROM ids) and `GS I 66/67` (maker and model names, answered by
 * Epson-compatible printers; missing answers are fine).
 *
 * Limits, named: at most DISCOVERY.maxAddresses addresses a scan, IPv4 only, port 9100 unless the
 * caller says otherwise, and nothing but the printers' own ports is touched.
 */
export const DISCOVERY = {
  port: 9100,
  concurrency: 64,
  connectTimeoutMs: 400,
  answerTimeoutMs: 600,
  maxAddresses: 1024,
} as const;

const GS_I = (n: number): Buffer => Buffer.from([GS, 0x49, n]);
const ID_QUERIES = { modelId: 1, typeId: 2, romVersion: 3 } as const;
const NAME_QUERIES = { maker: 66, model: 67 } as const;
const NAME_HEADER = 0x5f; // "_"
const NUL = 0x00;
const MAX_NAME_BYTES = 80;

/** What Settings lists of a printer that answered, plus the ids GS I gave (kept for the log). */
export interface FoundPrinter extends FoundNetworkPrinter {
  /** GS I 1 / 2 / 3, as numbers. */
  ids?: { modelId?: number; typeId?: number; romVersion?: number };
}

export interface ScanOptions {
  port?: number;
  concurrency?: number;
  connectTimeoutMs?: number;
  answerTimeoutMs?: number;
}

/** The PC's own IPv4 networks, each as the /24 around its address (loopback and link-local left out). */
export function localSubnets(interfaces = networkInterfaces()): string[] {
  const subnets = new Set<string>();
  for (const addresses of Object.values(interfaces)) {
    for (const address of addresses ?? []) {
      if (address.family !== 'IPv4' || address.internal || address.address.startsWith('169.254.')) continue;
      subnets.add(`${address.address.split('.').slice(0, 3).join('.')}.0/24`);
    }
  }
  return [...subnets];
}

const toNumber = (ip: string): number | undefined => {
  const parts = ip.split('.');
  if (parts.length !== 4 || parts.some((part) => !/^\d{1,3}$/u.test(part) || Number(part) > 255)) return undefined;
  return parts.reduce((n, part) => n * 256 + Number(part), 0);
};
const toIp = (n: number): string => [24, 16, 8, 0].map((shift) => Math.floor(n / 2 ** shift) % 256).join('.');

/**
 * The addresses of one range: `192.168.1.0/24` (/22 to /32; the network and broadcast addresses of
 * a /24 or larger are left out), `10.0.0.10-10.0.0.50`, `10.0.0.10-50`, or one address.
 */
export function expandRange(range: string): string[] {
  const text = range.trim();
  const refuse = (why: string): never => {
    throw new PrintingError(PRINTING_ERRORS.SCAN_RANGE_INVALID, `"${text}": ${why}`);
  };
  const cidr = /^([\d.]+)\/(\d{1,2})$/u.exec(text);
  if (cidr) {
    const base = toNumber(cidr[1]!) ?? refuse('not an IPv4 address');
    const bits = Number(cidr[2]);
    if (bits < 22 || bits > 32) refuse('use a prefix from /22 to /32');
    const size = 2 ** (32 - bits);
    const first = base - (base % size);
    const hosts = Array.from({ length: size }, (_, i) => first + i);
    return (size >= 256 ? hosts.slice(1, -1) : hosts).map(toIp);
  }
  const span = /^([\d.]+)\s*-\s*([\d.]+)$/u.exec(text);
  if (span) {
    const start = toNumber(span[1]!) ?? refuse('not an IPv4 address');
    const end = span[2]!.includes('.') ? (toNumber(span[2]!) ?? refuse('not an IPv4 address')) : start - (start % 256) + Number(span[2]);
    if (!(end >= start) || end - start + 1 > DISCOVERY.maxAddresses) refuse(`give a range of 1 to ${DISCOVERY.maxAddresses} addresses`);
    return Array.from({ length: end - start + 1 }, (_, i) => toIp(start + i));
  }
  const single = toNumber(text);
  return single === undefined ? refuse('use 192.168.1.0/24, 192.168.1.10-192.168.1.50 or one address') : [toIp(single)];
}

/** The addresses a scan covers: the ranges typed, or else the PC's own subnets; bounded. */
export function scanTargets(ranges: readonly string[]): string[] {
  const addresses = [...new Set((ranges.length > 0 ? ranges : localSubnets()).flatMap(expandRange))];
  if (addresses.length > DISCOVERY.maxAddresses) {
    throw new PrintingError(PRINTING_ERRORS.SCAN_RANGE_INVALID, `${addresses.length} addresses: a scan covers at most ${DISCOVERY.maxAddresses}; type a smaller range`);
  }
  return addresses;
}

/** Scans `hosts` on the printing port; resolves with the printers found, in address order. */
export async function findPrinters(hosts: readonly string[], options: ScanOptions = {}): Promise<FoundPrinter[]> {
  const settings = { ...DISCOVERY, ...options };
  const found: FoundPrinter[] = [];
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < hosts.length) {
      const host = hosts[next++]!;
      const printer = await probe(host, settings);
      if (printer) found.push(printer);
    }
  };
  await Promise.all(Array.from({ length: Math.min(settings.concurrency, hosts.length) }, worker));
  return found.sort((a, b) => (toNumber(a.host) ?? 0) - (toNumber(b.host) ?? 0));
}

async function probe(host: string, settings: Required<ScanOptions>): Promise<FoundPrinter | undefined> {
  const opened = await PrinterSession.openTcp(host, settings.port, settings.connectTimeoutMs);
  if (!opened.ok) return undefined;
  const session = opened.session;
  try {
    session.writeQuery(DLE_EOT_PRINTER);
    const status = await session.waitFor(() => session.takeByte(isRealtimeStatusByte), settings.answerTimeoutMs, false);
    // No printer's answer: something else listens on 9100.
    if (status.kind !== 'found') return undefined;
    const ids: NonNullable<FoundPrinter['ids']> = {};
    for (const [key, n] of Object.entries(ID_QUERIES) as [keyof typeof ID_QUERIES, number][]) {
      session.writeQuery(GS_I(n));
      const answer = await session.waitFor(() => session.takeByte(() => true), settings.answerTimeoutMs, false);
      if (answer.kind !== 'found') break;
      ids[key] = answer.value;
    }
    const names: { maker?: string; model?: string } = {};
    for (const [key, n] of Object.entries(NAME_QUERIES) as [keyof typeof NAME_QUERIES, number][]) {
      const name = await askName(session, n, settings.answerTimeoutMs);
      if (name === undefined) break;
      names[key] = name;
    }
    return {
      host,
      port: settings.port,
      interface: `tcp://${host}:${settings.port}`,
      status: describeCondition(readRealtimeStatus({ printer: status.value })),
      ...names,
      ...(Object.keys(ids).length > 0 ? { ids } : {}),
    };
  } finally {
    session.destroy();
  }
}

/** `GS I n` for a name: "_", the text, NUL. */
async function askName(session: PrinterSession, n: number, timeoutMs: number): Promise<string | undefined> {
  session.writeQuery(GS_I(n));
  const bytes: number[] = [];
  const answer = await session.waitFor(() => {
    for (let byte = session.takeByte(() => true); byte !== undefined; byte = session.takeByte(() => true)) {
      if (byte === NUL) return true;
      bytes.push(byte);
      if (bytes.length > MAX_NAME_BYTES) return true;
    }
    return undefined;
  }, timeoutMs, false);
  if (answer.kind !== 'found' || bytes[0] !== NAME_HEADER) return undefined;
  return Buffer.from(bytes.slice(1)).toString('latin1').trim();
}
