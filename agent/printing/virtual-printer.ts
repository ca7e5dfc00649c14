import { EventEmitter, once } from 'node:events';
import net from 'node:net';
import type { Duplex } from 'node:stream';
import type { DecodeOptions, DecodedJob, StatusRequest } from './escpos-decoder.js';
import type { Dialect } from './escpos-commands.js';
import { HEALTHY_CONDITION, type PrinterCondition } from './printer-status.js';
import { PRINTING_ERRORS, PrintingError } from './printing-errors.js';
import { VirtualPrinterConnection, type ConnectionHost } from './virtual-printer-connection.js';
import { closeServer } from '../util/close-server.js';

/**
 * An ESC/POS network printer in a `net.Server`, for tests and for trying TicketRail without
 * hardware. It decodes what it receives with the real decoder, answers `GS r 1` / `DLE EOT n`,
 * and can be out of paper, have its cover open, be offline, be busy (accept but never read) or refuse
 * connections.
 *
 * A printed job is the bytes of one connection up to and including a cut; bytes after the last
 * cut become a job when the connection ends, if they would print anything.
 */
export const VIRTUAL_PRINTER_MODES = ['ok', 'paperOut', 'coverOpen', 'offline', 'busy', 'refusing'] as const;
export type VirtualPrinterMode = (typeof VIRTUAL_PRINTER_MODES)[number];

export interface VirtualPrinterOptions {
  host?: string;
  /** 0 picks a free port. */
  port?: number;
  name?: string;
  mode?: VirtualPrinterMode;
  /** The command set it decodes (Star `ESC d` cuts, Epson `ESC d` feeds). Default EPSON. */
  printerType?: Dialect;
  /** Power-on code page (memory switch). */
  codePage?: number;
  /** What it answers to `GS I` (printer ID): discovery shows maker and model. */
  identity?: PrinterIdentity;
}

export interface PrinterIdentity {
  maker: string;
  model: string;
  /** `GS I 1` (model ID), `GS I 2` (type ID: bit 1 set = auto-cutter), `GS I 3` (ROM version ID). */
  modelId: number;
  typeId: number;
  romVersion: number;
}

const DEFAULT_IDENTITY: PrinterIdentity = { maker: 'TicketRail', model: 'Virtual ESC/POS', modelId: 0x20, typeId: 0x02, romVersion: 0x10 };
/** `GS I n` for n = 65–69 answers a string: header "_", the text, NUL. */
const GS_I_STRINGS = { firmware: 65, maker: 66, model: 67, serial: 68 } as const;

export interface PrintedJob {
  /** `name#seq`, unique per printer until reset(). */
  id: string;
  seq: number;
  connectionId: number;
  printedAt: Date;
  bytes: Buffer;
  decoded: DecodedJob;
}

export interface VirtualPrinterEvents {
  job: [PrintedJob];
  /** A complete job the printer could not print (out of paper, cover open). */
  discarded: [{ connectionId: number; bytes: Buffer; decoded: DecodedJob }];
  mode: [VirtualPrinterMode];
  'status-request': [StatusRequest];
  /** A connection ended (after its last job was recorded). */
  disconnect: [number];
  /** The cash drawer port fired, on pin 2 or 5. */
  drawer: [2 | 5];
}

const DEFAULT_HOST = '127.0.0.1';
const DEFAULT_NAME = 'virtual-printer';

const CONDITIONS: Readonly<Record<VirtualPrinterMode, PrinterCondition>> = {
  ok: HEALTHY_CONDITION,
  busy: HEALTHY_CONDITION,
  refusing: HEALTHY_CONDITION,
  paperOut: { online: false, coverOpen: false, paperOut: true, paperNearEnd: true },
  coverOpen: { online: false, coverOpen: true, paperOut: false, paperNearEnd: false },
  /** Offline for another reason (an error waiting for recovery): DLE EOT 1 says so, nothing prints. */
  offline: { online: false, coverOpen: false, paperOut: false, paperNearEnd: false },
};

export class VirtualPrinter extends EventEmitter<VirtualPrinterEvents> implements ConnectionHost {
  readonly name: string;
  readonly host: string;
  readonly decodeOptions: DecodeOptions;
  readonly identity: PrinterIdentity;
  readonly printed: PrintedJob[] = [];
  discardedJobs = 0;

  private assignedPort: number;
  private mode: VirtualPrinterMode = 'ok';
  /** Jobs that still fit on the roll; undefined = endless roll. */
  private paperBudget: number | undefined;
  private server: net.Server | undefined;
  private readonly connections = new Set<VirtualPrinterConnection>();
  private connectionSeq = 0;
  private jobSeq = 0;

  constructor(options: VirtualPrinterOptions = {}) {
    super();
    this.name = options.name ?? DEFAULT_NAME;
    this.host = options.host ?? DEFAULT_HOST;
    this.assignedPort = options.port ?? 0;
    this.decodeOptions = { printerType: options.printerType ?? 'EPSON', codePage: options.codePage, imageLines: true };
    this.identity = options.identity ?? DEFAULT_IDENTITY;
  }

  get port(): number {
    return this.assignedPort;
  }

  /** The printer's interface string, as printer settings spell it. */
  get url(): string {
    return `tcp://${this.host}:${this.assignedPort}`;
  }

  get currentMode(): VirtualPrinterMode {
    return this.mode;
  }

  condition(): PrinterCondition {
    return CONDITIONS[this.mode];
  }

  answersBufferedCommands(): boolean {
    return this.mode !== 'coverOpen' && this.mode !== 'offline';
  }

  async listen(): Promise<void> {
    const server = net.createServer((socket) => this.accept(socket));
    server.listen({ host: this.host, port: this.assignedPort });
    await once(server, 'listening');
    this.server = server;
    const address = server.address();
    if (address && typeof address === 'object') this.assignedPort = address.port;
  }

  async setMode(mode: VirtualPrinterMode): Promise<void> {
    const previous = this.mode;
    this.mode = mode;
    if (mode !== 'ok') this.paperBudget = undefined;
    if (mode === 'refusing' && previous !== 'refusing') this.stopListening();
    if (mode !== 'refusing' && previous === 'refusing') await this.listen();
    for (const connection of this.connections) {
      if (mode === 'busy') connection.socket.pause();
      else if (previous === 'busy') connection.socket.resume();
    }
    if (mode !== previous) this.emit('mode', mode);
  }

  /**
   * Prints `jobs` more jobs; the paper runs out during the next one (which is lost and answered
   * with paper end), and the mode becomes paperOut.
   */
  async paperRunsOutAfter(jobs: number): Promise<void> {
    await this.setMode(jobs > 0 ? 'ok' : 'paperOut');
    this.paperBudget = jobs > 0 ? jobs : undefined;
  }

  /** Resolves with the printed jobs once there are at least `count`; rejects after `timeoutMs`. */
  waitForJobs(count: number, timeoutMs: number): Promise<PrintedJob[]> {
    if (this.printed.length >= count) return Promise.resolve([...this.printed]);
    return new Promise((resolve, reject) => {
      const onJob = (): void => {
        if (this.printed.length < count) return;
        clearTimeout(timer);
        this.off('job', onJob);
        resolve([...this.printed]);
      };
      const timer = setTimeout(() => {
        this.off('job', onJob);
        reject(new PrintingError(PRINTING_ERRORS.WAIT_TIMEOUT, `waited ${timeoutMs} ms for ${count} jobs, ${this.printed.length} printed`));
      }, timeoutMs);
      this.on('job', onJob);
    });
  }

  /** Forgets printed jobs and loads a full roll: mode ok, accepting connections. */
  async reset(): Promise<void> {
    this.printed.length = 0;
    this.drawerKicks.length = 0;
    this.discardedJobs = 0;
    this.jobSeq = 0;
    await this.setMode('ok');
  }

  async close(): Promise<void> {
    for (const connection of this.connections) connection.socket.destroy();
    this.connections.clear();
    const server = this.server;
    this.server = undefined;
    await closeServer(server);
  }

  completeJob(connectionId: number, bytes: Buffer, decoded: DecodedJob): void {
    // The roll ends during the first job past the budget: that job is lost, the printer reports paper out.
    if (this.paperBudget === 0) {
      this.paperBudget = undefined;
      this.mode = 'paperOut';
      this.emit('mode', this.mode);
    }
    if (this.mode === 'paperOut' || this.mode === 'coverOpen' || this.mode === 'offline') {
      this.discardedJobs++;
      this.emit('discarded', { connectionId, bytes, decoded });
      return;
    }
    if (this.paperBudget !== undefined) this.paperBudget--;
    this.jobSeq++;
    const job: PrintedJob = { id: `${this.name}#${this.jobSeq}`, seq: this.jobSeq, connectionId, printedAt: new Date(), bytes, decoded };
    this.printed.push(job);
    this.emit('job', job);
  }

  statusRequested(request: StatusRequest): void {
    this.emit('status-request', request);
  }

  /** Drawer kicks received, by pin, until reset(). */
  readonly drawerKicks: (2 | 5)[] = [];

  drawerKicked(pin: 2 | 5): void {
    this.drawerKicks.push(pin);
    this.emit('drawer', pin);
  }

  printerId(n: number): Buffer | undefined {
    const id = this.identity;
    const single: Record<number, number> = { 1: id.modelId, 2: id.typeId, 3: id.romVersion, 0x31: id.modelId, 0x32: id.typeId, 0x33: id.romVersion };
    if (single[n] !== undefined) return Buffer.from([single[n]!]);
    const text = { [GS_I_STRINGS.firmware]: `${id.romVersion}`, [GS_I_STRINGS.maker]: id.maker, [GS_I_STRINGS.model]: id.model, [GS_I_STRINGS.serial]: this.name }[n];
    return text === undefined ? undefined : Buffer.concat([Buffer.from('_'), Buffer.from(text, 'latin1'), Buffer.from([0])]);
  }

  /**
   * Serves one connection over any duplex stream, as if it came in on the TCP port: the far end of
   * a serial pseudo-terminal pair, a USB printer stand-in. Closed with the printer.
   */
  attach(stream: Duplex): void {
    this.accept(stream);
  }

  private accept(socket: Duplex): void {
    const connection = new VirtualPrinterConnection(++this.connectionSeq, socket, this);
    this.connections.add(connection);
    socket.on('close', () => {
      this.connections.delete(connection);
      this.emit('disconnect', connection.id);
    });
    // Busy: the connection is accepted but nothing is read, so the sender's buffers fill up.
    if (this.mode === 'busy') socket.pause();
  }

  /** Closing the listening socket makes new connections fail with ECONNREFUSED at once. */
  private stopListening(): void {
    const server = this.server;
    this.server = undefined;
    server?.close();
  }
}

export async function startVirtualPrinter(options: VirtualPrinterOptions = {}): Promise<VirtualPrinter> {
  const printer = new VirtualPrinter(options);
  await printer.listen();
  if (options.mode) await printer.setMode(options.mode);
  return printer;
}
