import type { CommandSpec, EscPosEffects } from '../printing/command-spec.js';
import { GS, SPACE } from '../printing/escpos-bytes.js';
import { completeCommandLength, knownCommandSpec, measureCommand, type Dialect } from '../printing/escpos-commands.js';
import type { IngestStatusRequest } from './status-replies.js';

/**
 * Splits the byte stream of one POS connection into what belongs to the ticket, the status
 * requests the POS expects answered (which never reach the ticket), and cuts (where a job ends).
 * Commands are measured with the printing decoder's own tables, so a raster image whose data
 * contains `1D 56` is not a cut and `10 04 01` inside it is not a status request. Bytes may arrive
 * split anywhere: an unfinished command is held until the rest comes.
 */
export type StreamPiece =
  | { kind: 'data'; bytes: Buffer }
  | { kind: 'status'; request: IngestStatusRequest }
  /** A cut was parsed; the data before this piece, the cut included, is the job. */
  | { kind: 'cut' };

const GS_I = 0x49;
const GS_I_LENGTH = 3;
/**
 * An unfinished command longer than this (image data, stored graphics) passes through as data as it
 * arrives, instead of being held whole: only short commands (cuts, status requests) need holding.
 */
const MAX_HELD_COMMAND = 16;
const EMPTY = Buffer.alloc(0);

/** What one complete command turned out to be; everything but cuts and status requests is data. */
class CommandKind implements EscPosEffects {
  cutSeen = false;
  status: IngestStatusRequest | undefined;

  reset(): void {
    this.cutSeen = false;
    this.status = undefined;
  }

  cut(): void {
    this.cutSeen = true;
  }

  statusRequest(command: 'GS r' | 'DLE EOT', n: number): void {
    this.status = { command, n };
  }

  init(): void {}
  lineFeed(): void {}
  flushLine(): void {}
  tab(): void {}
  setBold(): void {}
  setUnderline(): void {}
  setSize(): void {}
  setInverted(): void {}
  setRed(): void {}
  setAlign(): void {}
  selectCodePage(): void {}
  selectInternationalSet(): void {}
  setKanjiMode(): void {}
  selectKanjiCodeSystem(): void {}
  buzzer(): void {}
  image(): void {}
  barcode(): void {}
}

/** Parameter bytes a command is tried with to learn whether it can be a cut or a status request. */
const PROBE_FILLS = [0x00, 0x01, 0x31, 0x42, 0xff] as const;
const PROBE_LENGTH = 64;
const canSignalBySpec = new WeakMap<CommandSpec, boolean>();

/**
 * Whether a command can end a job or ask for status, learned once per command by running its
 * effects on probe parameters. Every other command is data whose effects need not be run: a job of
 * 110,000 raster images is 110,000 commands, and running each one's effects (a view of its
 * parameters, a call) was most of the parser's time on the agent's main thread.
 */
function canSignal(spec: CommandSpec): boolean {
  if (!spec.apply) return false;
  let known = canSignalBySpec.get(spec);
  if (known === undefined) {
    const probe = new CommandKind();
    known = PROBE_FILLS.some((fill) => {
      probe.reset();
      try {
        spec.apply?.(probe, new Uint8Array(PROBE_LENGTH).fill(fill));
      } catch {
        return true;
      }
      return probe.cutSeen || probe.status !== undefined;
    });
    canSignalBySpec.set(spec, known);
  }
  return known;
}

export class IngestStreamParser {
  /** Bytes of an unfinished short command, waiting for the rest. */
  private held: Buffer = EMPTY;
  /** Data bytes of an unfinished long command still to pass through. */
  private passThrough = 0;
  private readonly kind = new CommandKind();

  constructor(private readonly dialect: Dialect = 'EPSON') {}

  /** Bytes held back because the command they start has not fully arrived. */
  get heldLength(): number {
    return this.held.length;
  }

  push(chunk: Buffer): StreamPiece[] {
    const pieces: StreamPiece[] = [];
    let input = chunk;
    if (this.passThrough > 0) {
      const take = Math.min(this.passThrough, input.length);
      pieces.push({ kind: 'data', bytes: input.subarray(0, take) });
      this.passThrough -= take;
      input = input.subarray(take);
    }
    if (input.length === 0) return pieces;
    const bytes = this.held.length > 0 ? Buffer.concat([this.held, input]) : input;
    this.held = EMPTY;
    this.scan(bytes, pieces);
    return pieces;
  }

  /**
   * The stream ended, or the job ended while a command was unfinished (2 s idle): what is held is
   * data of the job (a printer would count it as garbage). The parser starts afresh.
   */
  flush(): StreamPiece[] {
    const held = this.held;
    this.held = EMPTY;
    this.passThrough = 0;
    return held.length > 0 ? [{ kind: 'data', bytes: held }] : [];
  }

  private scan(bytes: Buffer, pieces: StreamPiece[]): void {
    let pos = 0;
    let dataStart = 0;
    const emitData = (end: number): void => {
      if (end > dataStart) pieces.push({ kind: 'data', bytes: bytes.subarray(dataStart, end) });
      dataStart = end;
    };
    while (pos < bytes.length) {
      if (bytes[pos]! >= SPACE) {
        pos++;
        continue;
      }
      // Nearly every command of a job is plain data (text styles, images): skipped without allocating.
      const data = this.dataCommandLength(bytes, pos);
      if (data > 0) {
        pos += data;
        continue;
      }
      const measured = this.measure(bytes, pos);
      if (measured.status === 'incomplete') {
        if (measured.needed !== undefined && measured.needed > MAX_HELD_COMMAND) {
          emitData(bytes.length);
          this.passThrough = pos + measured.needed - bytes.length;
        } else {
          emitData(pos);
          // A copy: the socket may reuse its buffer once the chunk was handled.
          this.held = Buffer.from(bytes.subarray(pos));
        }
        return;
      }
      if (measured.status === 'unknown') {
        pos += measured.length;
        continue;
      }
      const end = pos + measured.length;
      if (measured.status === 'status') {
        emitData(pos);
        pieces.push({ kind: 'status', request: measured.request });
        dataStart = end;
      } else if (measured.status === 'cut') {
        emitData(end);
        pieces.push({ kind: 'cut' });
      }
      pos = end;
    }
    emitData(bytes.length);
  }

  /** The length of a complete, known command at `pos` that can neither end a job nor ask for status; 0 for any other. */
  private dataCommandLength(bytes: Buffer, pos: number): number {
    if (bytes[pos] === GS && bytes[pos + 1] === GS_I) return 0;
    const spec = knownCommandSpec(this.dialect, bytes, pos);
    return spec && !canSignal(spec) ? completeCommandLength(this.dialect, bytes, pos, spec) : 0;
  }

  private measure(
    bytes: Buffer,
    pos: number,
  ):
    | { status: 'incomplete'; needed?: number }
    | { status: 'unknown' | 'other' | 'cut'; length: number }
    | { status: 'status'; length: number; request: IngestStatusRequest } {
    // GS I n (printer ID) is a status request the command tables do not flag (Star's has no GS I).
    if (bytes[pos] === GS && bytes[pos + 1] === GS_I) {
      if (pos + GS_I_LENGTH > bytes.length) return { status: 'incomplete', needed: GS_I_LENGTH };
      return { status: 'status', length: GS_I_LENGTH, request: { command: 'GS I', n: bytes[pos + 2]! } };
    }
    const measured = measureCommand(this.dialect, bytes, pos);
    if (measured.status !== 'complete') return measured;
    if (!canSignal(measured.spec)) return { status: 'other', length: measured.length };
    this.kind.reset();
    measured.spec.apply?.(this.kind, bytes.subarray(pos + 2, pos + measured.length));
    // Both (DLE EOT n, GS r n) are three bytes; n is kept as sent ('1' stays 0x31).
    if (this.kind.status) {
      return { status: 'status', length: measured.length, request: { command: this.kind.status.command, n: bytes[pos + 2]! } };
    }
    return { status: this.kind.cutSeen ? 'cut' : 'other', length: measured.length };
  }
}
