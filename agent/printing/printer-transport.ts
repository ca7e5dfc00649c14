import type { PrinterStatus } from '../../common/kitchen-api.js';
import { printFailure, type PrintOutcome } from './print-outcome.js';
import { describeCondition } from './printer-status.js';
import { PRINTING_ERRORS } from './printing-errors.js';
import { querySpoolerPrinter, sendToSpooler } from './spooler-transport.js';
import { TcpPrinterSession } from './tcp-printer-session.js';
import { readCondition, sendOverTcp, type TcpSendOptions } from './tcp-transport.js';

export type { PrintFailure, PrintOutcome, PrintSuccess, SentAmount, TransportFailureReason } from './print-outcome.js';

/**
 * Getting bytes onto paper, and knowing whether they got there. node-thermal-printer's
 * `execute()` resolves when bytes reach the OS and cannot read replies, so `tcp://` printers are
 * driven through our own socket (tcp-transport.ts); `printer:NAME` goes through the OS spooler.
 * Neither function throws: every problem is an outcome.
 */
export type PrinterInterface = { kind: 'tcp'; host: string; port: number } | { kind: 'spooler'; name: string };

const TCP_INTERFACE = /^tcp:\/\/([A-Za-z0-9.-]+):(\d{1,5})$/u;
const SPOOLER_INTERFACE = /^printer:(\S.*)$/u;
const MAX_PORT = 65_535;

export function parsePrinterInterface(iface: string): PrinterInterface | undefined {
  const tcp = TCP_INTERFACE.exec(iface.trim());
  if (tcp) {
    const port = Number(tcp[2]);
    return port >= 1 && port <= MAX_PORT ? { kind: 'tcp', host: tcp[1]!, port } : undefined;
  }
  const spooler = SPOOLER_INTERFACE.exec(iface.trim());
  return spooler ? { kind: 'spooler', name: spooler[1]! } : undefined;
}

export interface SendOptions extends TcpSendOptions {
  /** Stand-in for `lp` (tests); spooler jobs use answerTimeoutMs as their time limit. */
  lpCommand?: string;
}

export async function sendToPrinter(iface: string, bytes: Buffer, options: SendOptions): Promise<PrintOutcome> {
  const target = parsePrinterInterface(iface);
  if (!target) return printFailure('refused', false, 0, `bad interface "${iface}": use tcp://host:port or printer:NAME`, PRINTING_ERRORS.INTERFACE_INVALID);
  if (target.kind === 'spooler') {
    return sendToSpooler(target.name, bytes, { timeoutMs: options.answerTimeoutMs, lpCommand: options.lpCommand });
  }
  return sendOverTcp(target.host, target.port, bytes, options);
}

export type PrinterStatusReport = Omit<PrinterStatus, 'printerId'>;

export interface StatusQueryOptions {
  connectTimeoutMs?: number;
  answerTimeoutMs?: number;
  lpstatCommand?: string;
}

const DEFAULT_STATUS_TIMEOUT_MS = 2_000;

function offline(message: string): PrinterStatusReport {
  return { online: false, paperOut: false, coverOpen: false, message };
}

/** `DLE EOT 1/2/4` for network printers (answered even when offline); the spooler's view otherwise. */
export async function queryPrinterStatus(iface: string, options: StatusQueryOptions = {}): Promise<PrinterStatusReport> {
  const connectTimeoutMs = options.connectTimeoutMs ?? DEFAULT_STATUS_TIMEOUT_MS;
  const answerTimeoutMs = options.answerTimeoutMs ?? DEFAULT_STATUS_TIMEOUT_MS;
  const target = parsePrinterInterface(iface);
  if (!target) return offline(`bad interface "${iface}"`);
  if (target.kind === 'spooler') {
    const state = await querySpoolerPrinter(target.name, { timeoutMs: answerTimeoutMs, lpstatCommand: options.lpstatCommand });
    return { online: state.online, paperOut: false, coverOpen: false, message: state.message };
  }
  const opened = await TcpPrinterSession.open(target.host, target.port, connectTimeoutMs);
  if (!opened.ok) return offline(opened.error === 'timeout' ? `no connection: ${opened.detail}` : `connection refused (${opened.detail})`);
  try {
    const status = await readCondition(opened.session, answerTimeoutMs);
    if (status.kind === 'timeout') return offline('connected, but the printer does not answer (busy or not ESC/POS)');
    if (status.kind === 'closed') return offline(`connection closed: ${status.detail}`);
    const { online, paperOut, coverOpen } = status.value;
    return { online, paperOut, coverOpen, message: describeCondition(status.value) };
  } finally {
    opened.session.destroy();
  }
}
