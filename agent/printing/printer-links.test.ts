import { execFileSync } from 'node:child_process';
import { createReadStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Duplex, PassThrough } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openPtyPair, type PtyPair } from '../test-support/pty-pair.js';
import { decodeEscPos } from './escpos-decoder.js';
import { queryPrinterStatus, sendToPrinter } from './printer-transport.js';
import { FIXED_NOW, kitchenOrder, printerSettings, UTC } from './test-fixtures.js';
import { renderKitchenTicket } from './ticket-renderer.js';
import { findUsbPrinter, USB_PRINTER_CLASS, usbInterfaceString, type UsbDeviceLike, type UsbInterfaceLike } from './usb-link.js';
import { startVirtualPrinter, type VirtualPrinter } from './virtual-printer.js';
import { WAIT_BUDGET_MS } from '../../test/wait-budget.js';

/** Interfaces other than TCP: serial through a real pseudo-terminal pair, a FIFO, USB at the library boundary. */
const SEND = { connectTimeoutMs: 3_000, answerTimeoutMs: 3_000 } as const;
const ticket = (): Buffer => renderKitchenTicket(kitchenOrder(), { jobId: 'job-1', station: 'kitchen' }, printerSettings(), FIXED_NOW, UTC);

let vp: VirtualPrinter;
beforeEach(async () => {
  vp = await startVirtualPrinter({ name: 'links' });
});
afterEach(async () => {
  await vp.close();
});

describe('serial:// through a pseudo-terminal pair', () => {
  let pty: PtyPair;
  beforeEach(async () => {
    pty = await openPtyPair();
    vp.attach(pty.far);
  });
  afterEach(async () => {
    await pty.close();
  });

  it('prints and is done on the printer answer to GS r 1, read back over the line', async () => {
    const outcome = await sendToPrinter(`serial://${pty.path}?baud=19200`, ticket(), SEND);
    expect(outcome).toMatchObject({ ok: true, confirmedBy: 'printer' });
    const [job] = await vp.waitForJobs(1, WAIT_BUDGET_MS);
    expect(job!.decoded.lines.map((line) => line.text)).toContain('2 x Margherita');
    expect(job!.decoded.statusRequests).toEqual([1, 2, 4].map((n) => ({ command: 'DLE EOT', n })));
  });

  it('reads the status back (paper out) and sends nothing then', async () => {
    await vp.setMode('paperOut');
    expect(await queryPrinterStatus(`serial://${pty.path}`)).toMatchObject({ online: false, paperOut: true });
    const outcome = await sendToPrinter(`serial://${pty.path}?baud=9600`, ticket(), SEND);
    expect(outcome).toMatchObject({ ok: false, reason: 'paperOut', sent: false });
    expect(vp.printed).toHaveLength(0);
  });

  it('with status=none sends unconfirmed and says so (confirmedBy: device)', async () => {
    const outcome = await sendToPrinter(`serial://${pty.path}?baud=9600&status=none`, ticket(), SEND);
    expect(outcome).toMatchObject({ ok: true, confirmedBy: 'device' });
    const [job] = await vp.waitForJobs(1, WAIT_BUDGET_MS);
    expect(job!.decoded.statusRequests).toEqual([]);
  });

  it('refuses a port that is not there, with nothing sent', async () => {
    expect(await sendToPrinter('serial:///dev/ttyTICKETRAIL-none?baud=9600', ticket(), SEND)).toMatchObject({ ok: false, reason: 'refused', sent: false });
  });
});

describe('file:// to a FIFO', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'ticketrail-fifo-'));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('writes the whole job and counts it done when the file took it: the printer answer is not read', async () => {
    const fifo = join(dir, 'lp0');
    execFileSync('mkfifo', [fifo]);
    // Opened read-write: the reader never sees end-of-file between writers (Linux).
    const reader = createReadStream(fifo, { flags: 'r+' });
    const chunks: Buffer[] = [];
    reader.on('data', (chunk) => chunks.push(chunk as Buffer));
    const bytes = ticket();
    try {
      const outcome = await sendToPrinter(`file://${fifo}`, bytes, SEND);
      expect(outcome).toMatchObject({ ok: true, confirmedBy: 'device', bytesSent: bytes.length });
      await expect.poll(() => Buffer.concat(chunks).length, { timeout: WAIT_BUDGET_MS }).toBe(bytes.length);
      expect(Buffer.concat(chunks)).toEqual(bytes);
      expect(decodeEscPos(Buffer.concat(chunks)).lines.map((line) => line.text)).toContain('2 x Margherita');
    } finally {
      reader.destroy();
    }
  });

  it('refuses at once, with nothing sent, when nothing reads the FIFO or the device is missing', async () => {
    const fifo = join(dir, 'nobody');
    execFileSync('mkfifo', [fifo]);
    expect(await sendToPrinter(`file://${fifo}`, ticket(), SEND)).toMatchObject({ ok: false, reason: 'refused', sent: false, message: expect.stringContaining('nothing is reading') });
    expect(await sendToPrinter(`file://${join(dir, 'usb', 'lp9')}`, ticket(), SEND)).toMatchObject({ ok: false, reason: 'refused', sent: false });
  });
});

/** A printer-class USB device in front of the virtual printer: the `usb` package's WebUSB surface, nothing more. */
function usbStandIn(printer: VirtualPrinter, ids = { vendorId: 0x04b8, productId: 0x0e15, serialNumber: 'X5K1234' }): UsbDeviceLike & { claimed: number[]; closed: boolean } {
  const toPrinter = new PassThrough();
  const fromPrinter = new PassThrough();
  printer.attach(Duplex.from({ readable: toPrinter, writable: fromPrinter }));
  const printerInterface: UsbInterfaceLike = {
    interfaceNumber: 0,
    alternate: {
      interfaceClass: USB_PRINTER_CLASS,
      endpoints: [
        { endpointNumber: 1, direction: 'out', type: 'bulk' },
        { endpointNumber: 2, direction: 'in', type: 'bulk' },
      ],
    },
  };
  const device = {
    ...ids,
    manufacturerName: 'EPSON',
    productName: 'TM-T20III',
    configuration: null as { interfaces: UsbInterfaceLike[] } | null,
    configurations: [{ interfaces: [printerInterface] }],
    claimed: [] as number[],
    closed: false,
    open: () => Promise.resolve(),
    close: () => {
      device.closed = true;
      toPrinter.end();
      return Promise.resolve();
    },
    selectConfiguration: () => {
      device.configuration = device.configurations[0]!;
      return Promise.resolve();
    },
    claimInterface: (n: number) => {
      device.claimed.push(n);
      return Promise.resolve();
    },
    releaseInterface: () => Promise.resolve(),
    transferOut: (endpoint: number, data: Uint8Array) => {
      expect(endpoint).toBe(1);
      toPrinter.write(Buffer.from(data));
      return Promise.resolve({ status: 'ok', bytesWritten: data.length });
    },
    transferIn: (endpoint: number, length: number, timeoutMs = 1_000) => {
      expect(endpoint).toBe(2);
      return new Promise<{ status: string; data?: DataView }>((resolve, reject) => {
        const take = (): boolean => {
          const chunk = fromPrinter.read() as Buffer | null;
          if (!chunk) return false;
          if (chunk.length > length) fromPrinter.unshift(chunk.subarray(length));
          const data = chunk.subarray(0, length);
          resolve({ status: 'ok', data: new DataView(data.buffer, data.byteOffset, data.byteLength) });
          return true;
        };
        if (take()) return;
        const timer = setTimeout(() => {
          fromPrinter.off('readable', onReadable);
          reject(new Error('transfer timed out'));
        }, timeoutMs);
        const onReadable = (): void => {
          if (!take()) return;
          clearTimeout(timer);
          fromPrinter.off('readable', onReadable);
        };
        fromPrinter.on('readable', onReadable);
      });
    },
  };
  return device;
}

describe('usb://VID:PID[/SERIAL] (at the usb package boundary: no USB bus here)', () => {
  it('finds the printer by ids and serial number, and only a printer-class interface with a bulk OUT endpoint', () => {
    const printer = usbStandIn(vp);
    const keyboard = { ...usbStandIn(vp, { vendorId: 0x04b8, productId: 0x0e15, serialNumber: 'KEY' }), configurations: [{ interfaces: [{ interfaceNumber: 0, alternate: { interfaceClass: 3, endpoints: [] } }] }] };
    const other = usbStandIn(vp, { vendorId: 0x04b8, productId: 0x0e15, serialNumber: 'OTHER' });
    expect(findUsbPrinter([keyboard, other, printer], { vendorId: 0x04b8, productId: 0x0e15, serialNumber: 'X5K1234' })).toBe(printer);
    expect(findUsbPrinter([keyboard, printer], { vendorId: 0x04b8, productId: 0x0e15 })).toBe(printer);
    expect(findUsbPrinter([keyboard], { vendorId: 0x04b8, productId: 0x0e15 })).toBeUndefined();
    expect(findUsbPrinter([printer], { vendorId: 0x0519, productId: 0x0001 })).toBeUndefined();
    expect(usbInterfaceString(printer)).toBe('usb://04b8:0e15/X5K1234');
  });

  it('sends the job on bulk OUT and is done on the GS r 1 answer from bulk IN', async () => {
    const device = usbStandIn(vp);
    const outcome = await sendToPrinter('usb://04B8:0E15/X5K1234', ticket(), { ...SEND, usbDevices: () => Promise.resolve({ devices: [device] }) });
    expect(outcome).toMatchObject({ ok: true, confirmedBy: 'printer' });
    expect(device.claimed).toEqual([0]);
    expect(device.closed).toBe(true);
    const [job] = await vp.waitForJobs(1, WAIT_BUDGET_MS);
    expect(job!.decoded.lines.map((line) => line.text)).toContain('2 x Margherita');
  });

  it('refuses with nothing sent when the printer is not connected or USB cannot be read', async () => {
    expect(await sendToPrinter('usb://04b8:0e15', ticket(), { ...SEND, usbDevices: () => Promise.resolve({ devices: [] }) })).toMatchObject({
      ok: false,
      reason: 'refused',
      sent: false,
      message: expect.stringContaining('no USB printer usb://04b8:0e15'),
    });
    expect(await sendToPrinter('usb://04b8:0e15', ticket(), { ...SEND, usbDevices: () => Promise.resolve({ devices: [], error: '/sys/bus/usb/devices/ not found' }) })).toMatchObject({
      ok: false,
      reason: 'refused',
      message: expect.stringContaining('USB is not available'),
    });
  });
});
