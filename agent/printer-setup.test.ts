import { describe, expect, it } from 'vitest';
import type { PrinterDriver } from './pipeline/printer-driver.js';
import { PrinterSetup, type PcPrinterLists } from './printer-setup.js';
import { PRINTING_ERRORS } from './printing/printing-errors.js';
import { USB_PRINTER_CLASS, type UsbDeviceLike } from './printing/usb-link.js';

/*
 * "This PC's printers" and Settings' refusals, through PrinterSetup with the listers handed in:
 * the spooler's, USB and serial lists are the real functions' shapes (each is tested against its
 * own stand-in in agent/printing/), here what Settings is given of them.
 */

const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };
const noDriver = {} as PrinterDriver;

function usbDevice(interfaceClass: number, names: { manufacturerName?: string; productName?: string }, serialNumber?: string): UsbDeviceLike {
  return {
    vendorId: 0x0519,
    productId: 0x0003,
    ...(serialNumber ? { serialNumber } : {}),
    ...names,
    configurations: [{ interfaces: [{ interfaceNumber: 0, alternate: { interfaceClass, endpoints: [{ endpointNumber: 1, direction: 'out', type: 'bulk' }] } }] }],
  } as UsbDeviceLike;
}

function setup(lists: Partial<PcPrinterLists>): PrinterSetup {
  const none: PcPrinterLists = {
    spooler: () => Promise.resolve({ printers: [] }),
    usb: () => Promise.resolve({ devices: [] }),
    serial: () => Promise.resolve({ ports: [] }),
  };
  return new PrinterSetup({ driver: noDriver, printers: () => [], logger: quiet, lists: { ...none, ...lists } });
}

describe("this PC's printers for Settings", () => {
  it('offers spooler printers as printer:NAME, USB printer-class devices by name, serial ports, each ready to add', async () => {
    const listed = await setup({
      spooler: () => Promise.resolve({ printers: [{ name: 'Kitchen Epson', detail: 'USB001' }] }),
      usb: () => Promise.resolve({ devices: [usbDevice(USB_PRINTER_CLASS, { manufacturerName: 'Star', productName: 'TSP143' }, 'S1'), usbDevice(3, { productName: 'Keyboard' }), usbDevice(USB_PRINTER_CLASS, {})] }),
      serial: () => Promise.resolve({ ports: [{ path: '/dev/ttyUSB0', manufacturer: 'Prolific' }] }),
    }).systemPrinters();
    expect(listed).toEqual({
      spooler: [{ interface: 'printer:Kitchen Epson', name: 'Kitchen Epson', detail: 'USB001' }],
      // The keyboard (class 3) is not offered; a printer that names nothing is left for Settings to word.
      usb: [
        { interface: 'usb://0519:0003/S1', name: 'Star TSP143' },
        { interface: 'usb://0519:0003', name: '' },
      ],
      serial: [{ interface: 'serial:///dev/ttyUSB0?baud=9600', name: '/dev/ttyUSB0', detail: 'Prolific' }],
      notes: [],
    });
  });

  it('says which list could not be read, with the system message, and still offers the others', async () => {
    const listed = await setup({
      spooler: () => Promise.resolve({ printers: [], error: '"lpstat" not found' }),
      usb: () => Promise.resolve({ devices: [], error: 'LIBUSB_ERROR_ACCESS' }),
      serial: () => Promise.resolve({ ports: [{ path: 'COM3' }] }),
    }).systemPrinters();
    expect(listed.notes).toEqual([
      { list: 'spooler', message: '"lpstat" not found' },
      { list: 'usb', message: 'LIBUSB_ERROR_ACCESS' },
    ]);
    expect(listed.serial).toEqual([{ interface: 'serial://COM3?baud=9600', name: 'COM3' }]);
  });
});

describe('refusals Settings shows in place', () => {
  it('a range Find printers will not scan is a 400 with its code, before any address is asked', async () => {
    await expect(setup({}).findPrinters({ range: '10.0.0.0/16' })).rejects.toMatchObject({ code: PRINTING_ERRORS.SCAN_RANGE_INVALID, status: 400 });
  });

  it('Open drawer on a printer that is not saved is PRINTER_NOT_FOUND', async () => {
    await expect(setup({}).openDrawer({ printerId: 'till' })).rejects.toMatchObject({ code: 'PRINTER_NOT_FOUND', status: 404 });
  });
});
