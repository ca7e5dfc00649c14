import { Duplex } from 'node:stream';
import { PrinterSession, type OpenResult } from './printer-session.js';

/**
 * `usb://VID:PID[/SERIAL]`: a USB printer driven directly through the `usb` package (nusb bindings,
 * prebuilt in its npm package, with the WebUSB API). The job goes to the printer interface's bulk
 * OUT endpoint and its answers (`GS r 1`, `DLE EOT`) come from the bulk IN endpoint, so USB jobs are
 * confirmed by the printer like network ones.
 *
 * On Linux the kernel's usblp driver holds the interface: it is detached for the job (and `file://`
 * is the alternative that leaves it in place). On Windows the printer needs the WinUSB driver
 * instead of the vendor's (docs/printing.md, "USB printers on Windows").
 *
 * The structural types below are the part of WebUSB this file uses: the `usb` package's devices
 * have them, and so does the test's stand-in at this library boundary.
 */
export const USB_PRINTER_CLASS = 7;
/** How long one bulk IN poll waits; the session's own timers decide when silence is too long. */
const IN_POLL_MS = 200;
/** How long the printer may refuse (NAK) one chunk of the job, e.g. while its buffer is full. */
const OUT_CHUNK_TIMEOUT_MS = 10_000;
const IN_PACKET_BYTES = 64;

export interface UsbEndpointLike {
  endpointNumber: number;
  direction: 'in' | 'out';
  type: 'bulk' | 'interrupt' | 'isochronous';
}
export interface UsbInterfaceLike {
  interfaceNumber: number;
  alternate: { interfaceClass: number; endpoints: UsbEndpointLike[] };
}
export interface UsbDeviceLike {
  vendorId: number;
  productId: number;
  serialNumber?: string | null;
  manufacturerName?: string | null;
  productName?: string | null;
  configuration?: { interfaces: UsbInterfaceLike[] } | null;
  configurations?: { interfaces: UsbInterfaceLike[] }[];
  open(): Promise<void>;
  close(): Promise<void>;
  selectConfiguration(value: number): Promise<void>;
  claimInterface(n: number): Promise<void>;
  releaseInterface(n: number): Promise<void>;
  transferOut(endpoint: number, data: Uint8Array, timeoutMs?: number): Promise<{ status: string; bytesWritten: number }>;
  transferIn(endpoint: number, length: number, timeoutMs?: number): Promise<{ status: string; data?: DataView }>;
  detachKernelDriver?(n: number): Promise<void>;
}

export interface UsbTarget {
  vendorId: number;
  productId: number;
  serialNumber?: string;
}

/** The printer-class interface of a device and its bulk endpoints, from the active or first configuration. */
export function printerInterfaceOf(device: UsbDeviceLike): { interfaceNumber: number; out: number; in?: number } | undefined {
  const interfaces = device.configuration?.interfaces ?? device.configurations?.[0]?.interfaces ?? [];
  for (const candidate of interfaces) {
    if (candidate.alternate.interfaceClass !== USB_PRINTER_CLASS) continue;
    const bulk = candidate.alternate.endpoints.filter((endpoint) => endpoint.type === 'bulk');
    const out = bulk.find((endpoint) => endpoint.direction === 'out');
    const inbound = bulk.find((endpoint) => endpoint.direction === 'in');
    if (out) return { interfaceNumber: candidate.interfaceNumber, out: out.endpointNumber, ...(inbound ? { in: inbound.endpointNumber } : {}) };
  }
  return undefined;
}

/** The device `target` names: same ids, the same serial number when one is given, a printer interface. */
export function findUsbPrinter(devices: readonly UsbDeviceLike[], target: UsbTarget): UsbDeviceLike | undefined {
  return devices.find(
    (device) =>
      device.vendorId === target.vendorId &&
      device.productId === target.productId &&
      (target.serialNumber === undefined || device.serialNumber === target.serialNumber) &&
      printerInterfaceOf(device) !== undefined,
  );
}

export function usbInterfaceString(device: Pick<UsbDeviceLike, 'vendorId' | 'productId' | 'serialNumber'>): string {
  const hex = (n: number) => n.toString(16).padStart(4, '0');
  return `usb://${hex(device.vendorId)}:${hex(device.productId)}${device.serialNumber ? `/${device.serialNumber}` : ''}`;
}

/** The PC's USB devices, through the `usb` package; [] with the reason when USB cannot be read. */
export async function usbDevices(): Promise<{ devices: UsbDeviceLike[]; error?: string }> {
  try {
    const { usb } = await import('usb');
    return { devices: (await usb.getDevices()) as unknown as UsbDeviceLike[] };
  } catch (error) {
    return { devices: [], error: (error as Error).message };
  }
}

/**
 * A claimed printer interface as a duplex stream: writes are bulk OUT transfers (the callback fires
 * when the printer took the chunk), and bulk IN is polled while the stream is open.
 */
class UsbPrinterStream extends Duplex {
  private polling = true;

  constructor(
    private readonly device: UsbDeviceLike,
    private readonly endpoints: { interfaceNumber: number; out: number; in?: number },
  ) {
    super();
    if (endpoints.in !== undefined) void this.poll(endpoints.in);
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    this.device.transferOut(this.endpoints.out, chunk, OUT_CHUNK_TIMEOUT_MS).then(
      (result) => callback(result.status === 'ok' && result.bytesWritten === chunk.length ? null : new Error(`USB transfer ${result.status}`)),
      (error: Error) => callback(error),
    );
  }

  override _read(): void {
    // Answers are pushed by the poll loop as they come.
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    this.polling = false;
    void this.device
      .releaseInterface(this.endpoints.interfaceNumber)
      .catch(() => undefined)
      .then(() => this.device.close())
      .catch(() => undefined)
      .then(() => callback(error));
  }

  private async poll(endpoint: number): Promise<void> {
    while (this.polling) {
      try {
        const result = await this.device.transferIn(endpoint, IN_PACKET_BYTES, IN_POLL_MS);
        const data = result.data;
        if (this.polling && data && data.byteLength > 0) this.push(Buffer.from(data.buffer, data.byteOffset, data.byteLength));
      } catch (error) {
        // A poll that times out is the printer having nothing to say; anything else ends the link.
        if (!/time(d)? ?out/iu.test((error as Error).message)) {
          if (this.polling) this.destroy(error as Error);
          return;
        }
      }
    }
  }
}

/** Finds, opens and claims the printer; `devices` is the library's list (tests pass their own). */
export async function openUsb(target: UsbTarget, timeoutMs: number, list: () => Promise<{ devices: UsbDeviceLike[]; error?: string }> = usbDevices): Promise<OpenResult> {
  const { devices, error } = await list();
  if (error) return { ok: false, error: 'refused', detail: `USB is not available: ${error}` };
  const device = findUsbPrinter(devices, target);
  if (!device) return { ok: false, error: 'refused', detail: `no USB printer ${usbInterfaceString(target)} is connected` };
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<OpenResult>((resolve) => {
    timer = setTimeout(() => resolve({ ok: false, error: 'timeout', detail: `the USB printer did not open within ${timeoutMs} ms` }), timeoutMs);
  });
  const opening = (async (): Promise<OpenResult> => {
    try {
      await device.open();
      if (!device.configuration) await device.selectConfiguration(1);
      const endpoints = printerInterfaceOf(device)!;
      // Linux: usblp holds the interface; nusb cannot claim it until it lets go.
      await device.detachKernelDriver?.(endpoints.interfaceNumber).catch(() => undefined);
      await device.claimInterface(endpoints.interfaceNumber);
      // A printer without a bulk IN endpoint cannot answer: its jobs go unconfirmed.
      return { ok: true, session: new PrinterSession(new UsbPrinterStream(device, endpoints), endpoints.in !== undefined) };
    } catch (failure) {
      await device.close().catch(() => undefined);
      return { ok: false, error: 'refused', detail: `USB printer ${usbInterfaceString(target)}: ${(failure as Error).message}` };
    }
  })();
  const result = await Promise.race([opening, timeout]);
  clearTimeout(timer);
  return result;
}
