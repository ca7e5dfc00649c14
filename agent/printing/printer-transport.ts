import type { PrinterStatus } from '../../common/kitchen-api.js';
import { readCondition, sendConfirmed, type ConfirmedSendOptions } from './confirmed-send.js';
import { fileStatus, sendToFile } from './file-transport.js';
import { printFailure, type PrintOutcome } from './print-outcome.js';
import { INTERFACE_HINT, parsePrinterInterface, type PrinterInterface } from './printer-interface.js';
import { PrinterSession, type OpenResult } from './printer-session.js';
import { describeCondition } from './printer-status.js';
import { PRINTING_ERRORS } from './printing-errors.js';
import { openSerial } from './serial-link.js';
import { querySpoolerPrinter, sendToSpooler } from './spooler-transport.js';
import { openUsb, type UsbDeviceLike } from './usb-link.js';

export type { PrintFailure, PrintOutcome, PrintSuccess, SentAmount, TransportFailureReason } from './print-outcome.js';
export { parsePrinterInterface, type PrinterInterface } from './printer-interface.js';

/**
 * Getting bytes onto paper, and knowing whether they got there. node-thermal-printer's
 * `execute()` resolves when bytes reach the OS and cannot read replies, so every interface that
 * can carry the printer's answer — `tcp://`, `serial://`, `usb://` — is driven through our own
 * connection (confirmed-send.ts: done on the `GS r 1` answer). `printer:NAME` goes through the OS
 * spooler and `file://` to a device file: neither can read the answer, which the outcome's
 * `confirmedBy` says. Neither function throws: every problem is an outcome.
 */
export interface SendOptions extends ConfirmedSendOptions {
  /** Stand-in for `lp` (tests); spooler jobs use answerTimeoutMs as their time limit. */
  lpCommand?: string;
  /** Which spooler for printer:NAME (tests of the Windows helper's invocation). */
  platform?: NodeJS.Platform;
  powershellCommand?: string;
  /** The USB devices to choose from (tests: a stand-in device at the library boundary). */
  usbDevices?: () => Promise<{ devices: UsbDeviceLike[]; error?: string }>;
}

/** Opens a connection that can carry answers; undefined for the spooler and device files. */
function opener(target: PrinterInterface, connectTimeoutMs: number, options: Pick<SendOptions, 'usbDevices'>): (() => Promise<OpenResult>) | undefined {
  if (target.kind === 'tcp') return () => PrinterSession.openTcp(target.host, target.port, connectTimeoutMs);
  // status=none: the cable carries nothing back, so the job is sent unconfirmed.
  if (target.kind === 'serial') return () => openSerial(target.path, target.baudRate, connectTimeoutMs, target.readsStatus);
  if (target.kind === 'usb') return () => openUsb(target, connectTimeoutMs, options.usbDevices);
  return undefined;
}

export async function sendToPrinter(iface: string, bytes: Buffer, options: SendOptions): Promise<PrintOutcome> {
  const target = parsePrinterInterface(iface);
  if (!target) return printFailure('refused', false, 0, `bad interface "${iface}": ${INTERFACE_HINT}`, PRINTING_ERRORS.INTERFACE_INVALID);
  // The spooler and device files cannot report the printer's state: bytes leave at once (issue 20,
  // docs/printing.md "Printer state before sending"), and they keep their own time limit.
  if (target.kind === 'spooler' || target.kind === 'file') options.onPayload?.();
  if (target.kind === 'spooler') {
    return sendToSpooler(target.name, bytes, { timeoutMs: options.answerTimeoutMs, lpCommand: options.lpCommand, platform: options.platform, powershellCommand: options.powershellCommand });
  }
  if (target.kind === 'file') return sendToFile(target.path, bytes, { timeoutMs: options.answerTimeoutMs });
  return sendConfirmed(opener(target, options.connectTimeoutMs, options)!, bytes, options);
}

export type PrinterStatusReport = Omit<PrinterStatus, 'printerId'>;

export interface StatusQueryOptions {
  connectTimeoutMs?: number;
  answerTimeoutMs?: number;
  lpstatCommand?: string;
  platform?: NodeJS.Platform;
  powershellCommand?: string;
  usbDevices?: SendOptions['usbDevices'];
}

const DEFAULT_STATUS_TIMEOUT_MS = 2_000;

function offline(message: string): PrinterStatusReport {
  return { online: false, paperOut: false, coverOpen: false, message };
}

/** `DLE EOT 1/2/4` where the line carries answers (answered even when offline); the spooler's or the file's view otherwise. */
export async function queryPrinterStatus(iface: string, options: StatusQueryOptions = {}): Promise<PrinterStatusReport> {
  const connectTimeoutMs = options.connectTimeoutMs ?? DEFAULT_STATUS_TIMEOUT_MS;
  const answerTimeoutMs = options.answerTimeoutMs ?? DEFAULT_STATUS_TIMEOUT_MS;
  const target = parsePrinterInterface(iface);
  if (!target) return offline(`bad interface "${iface}"`);
  if (target.kind === 'spooler') {
    const state = await querySpoolerPrinter(target.name, { timeoutMs: answerTimeoutMs, lpstatCommand: options.lpstatCommand, platform: options.platform, powershellCommand: options.powershellCommand });
    return { online: state.online, paperOut: false, coverOpen: false, message: state.message };
  }
  if (target.kind === 'file') return { ...(await fileStatus(target.path)), paperOut: false, coverOpen: false };
  const opened = await opener(target, connectTimeoutMs, options)!();
  if (!opened.ok) return offline(opened.error === 'timeout' ? `no connection: ${opened.detail}` : `not reachable (${opened.detail})`);
  try {
    if (!opened.session.readsAnswers) return { online: true, paperOut: false, coverOpen: false, message: 'port open (this line carries no status back)' };
    const status = await readCondition(opened.session, answerTimeoutMs);
    if (status.kind === 'timeout') return offline('connected, but the printer does not answer (busy or not ESC/POS)');
    if (status.kind === 'closed') return offline(`connection closed: ${status.detail}`);
    const { online, paperOut, coverOpen } = status.value;
    return { online, paperOut, coverOpen, message: describeCondition(status.value) };
  } finally {
    opened.session.destroy();
  }
}
