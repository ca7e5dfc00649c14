import { CodedError, ERRORS } from '../common/errors.js';
import type { FindPrintersResult, LocalPrinterChoice, PreparedLogo, SystemPrintersNote, SystemPrintersResult, TestPrintResult } from '../common/kitchen-api.js';
import type { KitchenApiParsedInput, SliceHandlers } from '../common/kitchen-contract.js';
import type { PRINTER_SETUP_OPERATIONS } from '../common/operations/printer-setup-operations.js';
import type { PrinterSettings } from '../common/settings.js';
import { describeError } from './describe-error.js';
import type { PrinterDriver } from './pipeline/printer-driver.js';
import type { AgentLogger } from './ports.js';
import { findPrinters, scanTargets } from './printing/discovery.js';
import { drawerKickBytes } from './printing/drawer.js';
import { prepareLogo } from './printing/logo.js';
import { listSerialPorts } from './printing/serial-link.js';
import { listSpoolerPrinters } from './printing/spooler-transport.js';
import { PAPER_DOTS } from './printing/ticket-builder.js';
import { printerInterfaceOf, usbDevices, usbInterfaceString } from './printing/usb-link.js';

/**
 * What Settings do to set up printers (docs/printing.md): open a drawer, find network printers,
 * list the PC's own printers (spooler, USB, serial), turn an uploaded logo into what prints. Also
 * opens the drawers set to `on-payment-verified` when a payment is verified at this counter.
 */
export interface PrinterSetupDeps {
  driver: PrinterDriver;
  printers: () => PrinterSettings[];
  logger: AgentLogger;
  /** Where this PC's printers are listed from (the spooler, the USB bus, serial ports); tests hand their own. */
  lists?: PcPrinterLists;
}

/** The listers behind "This PC's printers". */
export interface PcPrinterLists {
  spooler: typeof listSpoolerPrinters;
  usb: typeof usbDevices;
  serial: typeof listSerialPorts;
}

const PC_PRINTER_LISTS: PcPrinterLists = { spooler: listSpoolerPrinters, usb: usbDevices, serial: listSerialPorts };

/**
 * The printer set-up slice of the board's operations (PRINTER_SETUP_OPERATIONS). A bad range or an
 * unreadable image is a PrintingError, coded with its 4xx (agent/printing/printing-errors.ts).
 */
export class PrinterSetup implements SliceHandlers<typeof PRINTER_SETUP_OPERATIONS> {
  constructor(private readonly deps: PrinterSetupDeps) {}

  async openDrawer({ printerId }: KitchenApiParsedInput<'openDrawer'>): Promise<TestPrintResult> {
    const printer = this.deps.printers().find((candidate) => candidate.id === printerId);
    if (!printer) throw new CodedError(ERRORS.PRINTER_NOT_FOUND, `no printer with id ${printerId}`);
    return this.kick(printer);
  }

  private async kick(printer: PrinterSettings): Promise<TestPrintResult> {
    const outcome = await this.deps.driver.send(printer, drawerKickBytes(printer.type));
    return outcome.ok ? { ok: true, message: `drawer opened on ${printer.name}` } : { ok: false, message: outcome.message };
  }

  /** A payment was verified here: every printer whose drawer opens then gets a kick (failures are logged). */
  async paymentVerified(): Promise<void> {
    const printers = this.deps.printers().filter((printer) => printer.drawer === 'on-payment-verified');
    await Promise.all(
      printers.map(async (printer) => {
        const result = await this.kick(printer).catch((error: unknown) => ({ ok: false, message: describeError(error) }));
        if (!result.ok) this.deps.logger.warn('cash drawer did not open', { printer: printer.id, message: result.message });
      }),
    );
  }

  async findPrinters({ range }: KitchenApiParsedInput<'findPrinters'>): Promise<FindPrintersResult> {
    const ranges = range ? range.split(/[,\s]+/u).filter(Boolean) : [];
    const hosts = scanTargets(ranges);
    const found = await findPrinters(hosts);
    return { found: found.map(({ ids: _ids, ...printer }) => printer), scanned: hosts.length, ranges };
  }

  async systemPrinters(): Promise<SystemPrintersResult> {
    const notes: SystemPrintersNote[] = [];
    const lists = this.deps.lists ?? PC_PRINTER_LISTS;
    const [spooler, usb, serial] = await Promise.all([lists.spooler(), lists.usb(), lists.serial()]);
    if (spooler.error) notes.push({ list: 'spooler', message: spooler.error });
    if (usb.error) notes.push({ list: 'usb', message: usb.error });
    if (serial.error) notes.push({ list: 'serial', message: serial.error });
    const usbPrinters: LocalPrinterChoice[] = usb.devices
      .filter((device) => printerInterfaceOf(device) !== undefined)
      .map((device) => ({ interface: usbInterfaceString(device), name: [device.manufacturerName, device.productName].filter(Boolean).join(' ') }));
    return {
      spooler: spooler.printers.map((printer) => ({ interface: `printer:${printer.name}`, name: printer.name, ...(printer.detail ? { detail: printer.detail } : {}) })),
      usb: usbPrinters,
      serial: serial.ports.map((port) => ({ interface: `serial://${port.path}?baud=9600`, name: port.path, ...(port.manufacturer ? { detail: port.manufacturer } : {}) })),
      notes,
    };
  }

  async prepareLogo({ image, width }: KitchenApiParsedInput<'prepareLogo'>): Promise<PreparedLogo> {
    return prepareLogo(image, PAPER_DOTS[width]);
  }
}
