import iconv from 'iconv-lite';
import {
  DEFAULT_CODE_PAGE,
  DEFAULT_KANJI_ENCODING,
  JIS_ENCODING,
  codePageEncoding,
  kanjiEncodingForCodeSystem,
  kanjiEncodingForRegion,
} from './code-pages.js';
import { LineBuilder, PLAIN_STYLE, type DecodedJob, type DecodedLine, type StatusRequest, type TextStyle } from './decoded-job.js';
import { SPACE } from './escpos-bytes.js';
import type { EscPosEffects, RasterData } from './command-spec.js';
import { measureCommand, type Dialect } from './escpos-commands.js';

export type { DecodedJob, DecodedLine, StatusRequest } from './decoded-job.js';

export interface DecodeOptions {
  /** The code page in force at power-on and after `ESC @` (memory switch); 0 = PC437. */
  codePage?: number;
  /** Which command set the bytes speak: `ESC d n` feeds on Epson and cuts on Star. Default EPSON. */
  printerType?: Dialect;
  /** Kanji encoding before any `ESC R` / `FS C` (default GB18030, as on Chinese models). */
  kanjiEncoding?: string;
  /**
   * Raster images (`GS v 0`, Star `ESC GS S`) as lines of their own, in place, with their bitmap
   * (`DecodedLine.image`): what previews and the virtual printer need to show drawn text and logos.
   * Off, an image is only counted (`images`).
   */
  imageLines?: boolean;
}

export interface DecoderHooks {
  /** A status query was parsed; a printer answers it now, before reading further. */
  onStatusRequest?(request: StatusRequest): void;
  /** A cut was parsed; `offset` is the stream position just past it. */
  onCut?(offset: number): void;
  /** A cash drawer kick was parsed (a printer fires it at once). */
  onDrawerKick?(pin: 2 | 5): void;
}

type Align = NonNullable<DecodedLine['align']>;

/** EUC-JP is JIS with the high bit set on both bytes, which is how iconv-lite reads JIS text. */
const EUC_HIGH_BIT = 0x80;
const EUC_JP = 'euc-jp';

function decodeText(bytes: Uint8Array, encoding: string): string {
  if (encoding === JIS_ENCODING) {
    return iconv.decode(Buffer.from(bytes.map((b) => (b > SPACE ? b | EUC_HIGH_BIT : b))), EUC_JP);
  }
  return iconv.decode(Buffer.from(bytes), encoding);
}

/**
 * A streaming ESC/POS decoder: feed it bytes as they arrive (push), and it applies every complete
 * command at once — which is what lets the virtual printer answer a status query before the rest
 * of the job has arrived — and keeps an unfinished command until its parameters are in.
 */
export class EscPosDecoder implements EscPosEffects {
  private readonly dialect: Dialect;
  private readonly initialCodePage: number;
  private readonly initialKanjiEncoding: string;
  private readonly hooks: DecoderHooks;
  private readonly imageLines: boolean;

  private chunks: Uint8Array[] = [];
  private bufferedLength = 0;
  /** Bytes an unfinished command needs before it is worth looking at again. */
  private neededLength = 0;
  /** Stream offset of the first buffered byte. */
  private offset = 0;

  private style: TextStyle = { ...PLAIN_STYLE };
  private align: Align = 'left';
  private codePage: number;
  private kanjiMode = false;
  private kanjiEncoding: string;
  private textRun: Uint8Array[] = [];
  /** Stream offset just past the command being applied, for hooks. */
  private commandEnd = 0;
  /** Data of the last 2D symbol stored, printed by the next symbol print command. */
  private storedSymbol: string | undefined;

  private readonly builder = new LineBuilder();
  private job = emptyCounters();

  constructor(options: DecodeOptions = {}, hooks: DecoderHooks = {}) {
    this.dialect = options.printerType ?? 'EPSON';
    this.initialCodePage = options.codePage ?? DEFAULT_CODE_PAGE;
    this.initialKanjiEncoding = options.kanjiEncoding ?? DEFAULT_KANJI_ENCODING;
    this.codePage = this.initialCodePage;
    this.kanjiEncoding = this.initialKanjiEncoding;
    this.hooks = hooks;
    this.imageLines = options.imageLines ?? false;
  }

  push(chunk: Uint8Array): void {
    if (chunk.length === 0) return;
    this.chunks.push(chunk);
    this.bufferedLength += chunk.length;
    if (this.bufferedLength < this.neededLength) return;
    const bytes = this.chunks.length === 1 ? this.chunks[0]! : Buffer.concat(this.chunks);
    const consumed = this.parse(bytes);
    // Copies: a caller may reuse its buffer once push() returns.
    const rest = bytes.slice(consumed);
    this.offset += consumed;
    this.chunks = rest.length > 0 ? [rest] : [];
    this.bufferedLength = rest.length;
  }

  /** The stream ended: an unfinished command counts as unknown bytes, a pending line prints. */
  end(): void {
    this.job.unknownBytes += this.bufferedLength;
    this.offset += this.bufferedLength;
    this.chunks = [];
    this.bufferedLength = 0;
    this.neededLength = 0;
    this.flushLine();
  }

  /** What was decoded since the last take; printer state (code page, styles) carries on. */
  takeJob(): DecodedJob {
    this.flushTextRun();
    const job = { ...this.job, lines: this.builder.takeLines() };
    this.job = emptyCounters();
    return job;
  }

  /** Something would print: text on a line in progress, finished lines, images or barcodes. */
  get hasPrintableContent(): boolean {
    return this.builder.lines.length > 0 || !this.builder.isEmpty || this.textRun.length > 0 || this.job.images > 0 || this.job.barcodes > 0;
  }

  private parse(bytes: Uint8Array): number {
    let pos = 0;
    while (pos < bytes.length) {
      if (bytes[pos]! >= SPACE) {
        pos = this.collectText(bytes, pos);
        continue;
      }
      const measured = measureCommand(this.dialect, bytes, pos);
      if (measured.status === 'incomplete') {
        // Wait for the whole command (when its length is known) instead of re-reading every chunk.
        this.neededLength = measured.needed ?? bytes.length - pos + 1;
        return pos;
      }
      this.flushTextRun();
      if (measured.status === 'unknown') {
        this.job.unknownBytes += measured.length;
        pos += measured.length;
        continue;
      }
      const params = bytes.subarray(pos + 2, pos + measured.length);
      pos += measured.length;
      this.commandEnd = this.offset + pos;
      measured.spec.apply?.(this, params);
    }
    this.neededLength = 0;
    return pos;
  }

  /** Printable bytes up to the next control byte join the current text run. */
  private collectText(bytes: Uint8Array, start: number): number {
    let end = start + 1;
    while (end < bytes.length && bytes[end]! >= SPACE) end++;
    this.textRun.push(bytes.slice(start, end));
    return end;
  }

  private flushTextRun(): void {
    if (this.textRun.length === 0) return;
    const bytes = this.textRun.length === 1 ? this.textRun[0]! : Buffer.concat(this.textRun);
    this.textRun = [];
    const encoding = this.kanjiMode ? this.kanjiEncoding : codePageEncoding(this.dialect, this.codePage);
    this.builder.add(decodeText(bytes, encoding), this.style, this.align);
  }

  // ---- EscPosEffects: what each command does ----

  init(): void {
    this.builder.discard();
    this.style = { ...PLAIN_STYLE };
    this.align = 'left';
    this.codePage = this.initialCodePage;
    this.kanjiMode = false;
    this.kanjiEncoding = this.initialKanjiEncoding;
  }

  lineFeed(): void {
    this.flushTextRun();
    this.builder.endLine(this.align);
  }

  flushLine(): void {
    this.flushTextRun();
    if (!this.builder.isEmpty) this.builder.endLine(this.align);
  }

  tab(): void {
    this.flushTextRun();
    this.builder.tab(this.style, this.align);
  }

  setBold(on: boolean): void {
    this.style.bold = on;
  }

  setUnderline(on: boolean): void {
    this.style.underline = on;
  }

  setSize(width: number | undefined, height: number | undefined): void {
    if (width !== undefined) this.style.widthMultiplier = width;
    if (height !== undefined) this.style.heightMultiplier = height;
  }

  setInverted(on: boolean): void {
    this.style.inverted = on;
  }

  setRed(on: boolean): void {
    this.style.red = on;
  }

  setAlign(align: Align): void {
    this.align = align;
  }

  selectCodePage(n: number): void {
    this.codePage = n;
    this.job.codePages.push(n);
  }

  selectInternationalSet(n: number): void {
    this.kanjiEncoding = kanjiEncodingForRegion(n) ?? this.kanjiEncoding;
  }

  setKanjiMode(on: boolean): void {
    this.kanjiMode = on;
  }

  selectKanjiCodeSystem(n: number): void {
    this.kanjiEncoding = kanjiEncodingForCodeSystem(n) ?? this.kanjiEncoding;
  }

  cut(): void {
    this.flushLine();
    this.job.cuts++;
    this.hooks.onCut?.(this.commandEnd);
  }

  buzzer(): void {
    this.job.buzzer++;
  }

  statusRequest(command: StatusRequest['command'], n: number): void {
    const request = { command, n };
    this.job.statusRequests.push(request);
    this.hooks.onStatusRequest?.(request);
  }

  image(raster?: RasterData): void {
    this.flushLine();
    this.job.images++;
    if (raster && this.imageLines) this.builder.image(raster, this.align);
  }

  drawerKick(pin: 2 | 5): void {
    this.job.drawerKicks.push(pin);
    this.hooks.onDrawerKick?.(pin);
  }

  barcode(): void {
    this.flushLine();
    this.job.barcodes++;
  }

  storeSymbol(data: Uint8Array): void {
    this.storedSymbol = Buffer.from(data).toString('latin1');
  }

  printSymbol(): void {
    if (this.storedSymbol !== undefined) this.job.symbols.push(this.storedSymbol);
  }
}

function emptyCounters(): Omit<DecodedJob, 'lines'> {
  return { cuts: 0, buzzer: 0, statusRequests: [], codePages: [], images: 0, barcodes: 0, symbols: [], unknownBytes: 0, drawerKicks: [] };
}

/** Decodes a complete job: what it would print, with the command parameters measured exactly. */
export function decodeEscPos(bytes: Uint8Array, options: DecodeOptions = {}): DecodedJob {
  const decoder = new EscPosDecoder(options);
  decoder.push(bytes);
  decoder.end();
  return decoder.takeJob();
}
