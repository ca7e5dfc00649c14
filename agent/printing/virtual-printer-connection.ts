import type { Duplex } from 'node:stream';
import { EscPosDecoder, type DecodeOptions, type DecodedJob, type StatusRequest } from './escpos-decoder.js';
import { paperStatusByte, realtimeStatusByte, type PrinterCondition } from './printer-status.js';

/** `GS r n` kinds: 1 is the paper sensor, 2 the drawer connector (answered as closed/low). */
const GS_R_PAPER = 1;
const GS_R_DRAWER = 2;
const DRAWER_CLOSED = 0x00;

/** What a connection needs from the printer it belongs to. */
export interface ConnectionHost {
  readonly decodeOptions: DecodeOptions;
  /** The printer's state right now (modes can change while a connection is open). */
  condition(): PrinterCondition;
  /** Offline printers process no buffered commands, so `GS r` goes unanswered; `DLE EOT` is real-time. */
  answersBufferedCommands(): boolean;
  /** A job is complete: the printer prints or discards it. */
  completeJob(connectionId: number, bytes: Buffer, decoded: DecodedJob): void;
  statusRequested(request: StatusRequest): void;
  /** The drawer port fired (it does, whatever the paper). */
  drawerKicked(pin: 2 | 5): void;
  /** The answer to `GS I n` (printer ID), or undefined for an n it does not answer. */
  printerId(n: number): Buffer | undefined;
}

/**
 * One connection to the virtual printer (a TCP socket, or any duplex stream: the far end of a
 * serial pty pair, a USB stand-in): bytes are decoded as they arrive, status queries are
 * answered the moment they are parsed, and a job ends at each cut or when the connection ends
 * (then only if it would print something — the `GS r 1` after a cut is not a job of its own).
 */
export class VirtualPrinterConnection {
  private readonly decoder: EscPosDecoder;
  /** Bytes of the job in progress, starting at stream offset `jobStart`. */
  private jobChunks: Buffer[] = [];
  private jobStart = 0;
  private received = 0;
  private ended = false;

  constructor(
    readonly id: number,
    readonly socket: Duplex,
    private readonly host: ConnectionHost,
  ) {
    this.decoder = new EscPosDecoder(host.decodeOptions, {
      onStatusRequest: (request) => this.answer(request),
      onCut: (offset) => this.finishJob(offset),
      onDrawerKick: (pin) => this.host.drawerKicked(pin),
    });
    socket.on('data', (chunk: Buffer) => this.receive(chunk));
    socket.on('end', () => this.endOfStream());
    socket.on('close', () => this.endOfStream());
    // A client that resets the connection is normal here (the transport gives up on busy printers).
    socket.on('error', () => undefined);
  }

  private receive(chunk: Buffer): void {
    this.jobChunks.push(chunk);
    this.received += chunk.length;
    this.decoder.push(chunk);
  }

  private answer(request: StatusRequest): void {
    this.host.statusRequested(request);
    const condition = this.host.condition();
    if (request.command === 'GS I') {
      const id = this.host.printerId(request.n);
      if (id && this.socket.writable) this.socket.write(id);
      return;
    }
    let reply: number | undefined;
    if (request.command === 'DLE EOT') reply = realtimeStatusByte(condition, request.n);
    else if (this.host.answersBufferedCommands()) {
      if (request.n === GS_R_PAPER) reply = paperStatusByte(condition);
      else if (request.n === GS_R_DRAWER) reply = DRAWER_CLOSED;
    }
    if (reply !== undefined && this.socket.writable) this.socket.write(Buffer.from([reply]));
  }

  private finishJob(endOffset: number): void {
    const all = Buffer.concat(this.jobChunks);
    const length = endOffset - this.jobStart;
    const bytes = all.subarray(0, length);
    const rest = all.subarray(length);
    this.jobChunks = rest.length > 0 ? [rest] : [];
    this.jobStart = endOffset;
    this.host.completeJob(this.id, Buffer.from(bytes), this.decoder.takeJob());
  }

  private endOfStream(): void {
    if (this.ended) return;
    this.ended = true;
    this.decoder.end();
    if (this.decoder.hasPrintableContent) this.finishJob(this.received);
  }
}
