import { PRINTER_INTERFACE_PATTERNS } from '../../common/settings.js';

/**
 * A printer's interface string, parsed (the forms are pinned in common/settings.ts and
 * docs/printing.md, "Where the printer is"):
 *
 *   tcp://HOST:PORT            a network printer
 *   printer:NAME               the OS spooler (CUPS lp; the Windows spooler's RAW datatype)
 *   usb://VID:PID[/SERIAL]     a USB printer, driven directly (hex ids; bulk OUT and bulk IN)
 *   file:///dev/usb/lp0        a device file, written only (add ?status=none for nothing else)
 *   serial://PATH?baud=N       a serial port: serial://COM3?baud=19200, serial:///dev/ttyUSB0
 *
 * `status=none` (serial, file) says the line carries no answers back (a serial cable without a
 * receive wire): jobs then count as done when the port took the bytes, and the print log says so.
 */
export type PrinterInterface =
  | { kind: 'tcp'; host: string; port: number }
  | { kind: 'spooler'; name: string }
  | { kind: 'usb'; vendorId: number; productId: number; serialNumber?: string }
  | { kind: 'file'; path: string }
  | { kind: 'serial'; path: string; baudRate: number; readsStatus: boolean };

export const DEFAULT_BAUD_RATE = 9600;
/** Rates serial printers offer (their DIP switches or utilities set one of these). */
export const BAUD_RATES: readonly number[] = [1200, 2400, 4800, 9600, 19200, 38400, 57600, 115200];
const MAX_PORT = 65_535;
const SERIAL_OPTIONS = new Set(['baud', 'status']);

export const INTERFACE_HINT = 'use tcp://host:port, printer:NAME, usb://VID:PID[/SERIAL], file:///path or serial://PATH?baud=N';

export function parsePrinterInterface(raw: string): PrinterInterface | undefined {
  const iface = raw.trim();
  if (PRINTER_INTERFACE_PATTERNS.tcp.test(iface)) {
    const [host, port] = [iface.slice('tcp://'.length, iface.lastIndexOf(':')), Number(iface.slice(iface.lastIndexOf(':') + 1))];
    return port >= 1 && port <= MAX_PORT ? { kind: 'tcp', host, port } : undefined;
  }
  if (PRINTER_INTERFACE_PATTERNS.spooler.test(iface)) return { kind: 'spooler', name: iface.slice('printer:'.length) };
  if (PRINTER_INTERFACE_PATTERNS.usb.test(iface)) {
    const [ids, serialNumber] = iface.slice('usb://'.length).split('/', 2) as [string, string | undefined];
    const [vendor, product] = ids.split(':') as [string, string];
    return { kind: 'usb', vendorId: parseInt(vendor, 16), productId: parseInt(product, 16), ...(serialNumber ? { serialNumber } : {}) };
  }
  if (PRINTER_INTERFACE_PATTERNS.file.test(iface)) {
    // Status is never read from a device file (see file-transport.ts); `?status=none` only says so.
    const path = decodeURIComponent(iface.slice('file://'.length).replace(/\?status=none$/u, ''));
    return { kind: 'file', path };
  }
  if (PRINTER_INTERFACE_PATTERNS.serial.test(iface)) return parseSerial(iface);
  return undefined;
}

function parseSerial(iface: string): PrinterInterface | undefined {
  const rest = iface.slice('serial://'.length);
  const [rawPath, query = ''] = rest.split('?', 2) as [string, string | undefined];
  const options = new URLSearchParams(query);
  if ([...options.keys()].some((key) => !SERIAL_OPTIONS.has(key))) return undefined;
  const baud = options.get('baud');
  const baudRate = baud === null ? DEFAULT_BAUD_RATE : Number(baud);
  if (!BAUD_RATES.includes(baudRate)) return undefined;
  const status = options.get('status');
  if (status !== null && status !== 'none') return undefined;
  // serial://COM3 names a Windows port; serial:///dev/ttyUSB0 an absolute path.
  const path = decodeURIComponent(rawPath);
  return path ? { kind: 'serial', path, baudRate, readsStatus: status === null } : undefined;
}
