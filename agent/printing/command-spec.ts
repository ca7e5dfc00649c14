/**
 * How a command table entry is written: how many parameter bytes follow the command (fixed, or
 * computed from the bytes seen so far) and what it does to the decoder. Shared by the Epson and
 * Star tables.
 */

/** What a command can change; the decoder implements it. */
export interface EscPosEffects {
  init(): void;
  lineFeed(): void;
  /** Printing that ends the line without text of its own (feeds, form feed). */
  flushLine(): void;
  tab(): void;
  setBold(on: boolean): void;
  setUnderline(on: boolean): void;
  /** Multipliers 1..8 (undefined keeps the current one); ESC ! and GS ! share this state on real printers. */
  setSize(width: number | undefined, height: number | undefined): void;
  setInverted(on: boolean): void;
  setRed(on: boolean): void;
  setAlign(align: 'left' | 'center' | 'right'): void;
  selectCodePage(n: number): void;
  selectInternationalSet(n: number): void;
  setKanjiMode(on: boolean): void;
  selectKanjiCodeSystem(n: number): void;
  cut(): void;
  buzzer(): void;
  statusRequest(command: 'GS r' | 'DLE EOT' | 'GS I', n: number): void;
  /** An image printed; raster commands pass their bitmap (`GS v 0`, Star `ESC GS S`). */
  image(raster?: RasterData): void;
  /** A cash drawer kick pulse on connector pin 2 or 5 (Star: drive 1 or 2). */
  drawerKick?(pin: 2 | 5): void;
  barcode(): void;
  /** The data of a 2D symbol (QR, PDF417) was stored; a later print command prints it. */
  storeSymbol?(data: Uint8Array): void;
  /** The stored 2D symbol was printed (after barcode(), which counts it). */
  printSymbol?(): void;
}

/** A raster image's bitmap as it arrived: rows of `widthBytes`, most significant bit leftmost, 1 = black. */
export interface RasterData {
  widthBytes: number;
  height: number;
  bits: Uint8Array;
}

/**
 * How many parameter bytes follow the command prefix: a fixed count, or a function of the bytes
 * seen so far that returns undefined while it cannot tell yet (the rest has not arrived).
 */
export type ParamFn = (bytes: Uint8Array, start: number) => number | undefined;
export type ParamLength = number | ParamFn;

export interface CommandSpec {
  params: ParamLength;
  apply?: (fx: EscPosEffects, p: Uint8Array) => void;
}

/** A command table: prefix bytes after the introducer (ESC, GS, …) → spec. */
export type CommandTable = ReadonlyMap<number, CommandSpec>;

export type Measured =
  | { status: 'complete'; length: number; spec: CommandSpec }
  /** `needed`: the command's whole length, once its header tells. */
  | { status: 'incomplete'; needed?: number }
  | { status: 'unknown'; length: number };

/** Bounds of variable-length forms, so a corrupt stream cannot make the decoder wait forever. */
export const MAX_TAB_POSITIONS = 32;
export const MAX_BARCODE_DATA = 255;

const ALIGNMENTS = ['left', 'center', 'right'] as const;

/** ESC/POS accepts both 0/1/2 and their ASCII digits '0'/'1'/'2' for most switches. */
export const digit = (n: number): number => (n >= 0x30 && n <= 0x39 ? n - 0x30 : n);
export const isOn = (n: number): boolean => (digit(n) & 1) === 1;
export const alignOf = (n: number) => ALIGNMENTS[digit(n)] ?? 'left';
export const u16 = (lo: number, hi: number): number => lo + hi * 256;

/** Reads byte `i` or reports that it has not arrived. */
export function byteAt(bytes: Uint8Array, i: number): number | undefined {
  return i < bytes.length ? bytes[i] : undefined;
}

/** `pL pH` then that many bytes (GS ( k, GS ( L, ESC ( A, FS ( …): function byte + 2 + data. */
export const functionWithLength: ParamLength = (b, s) => {
  const lo = byteAt(b, s + 1);
  const hi = byteAt(b, s + 2);
  return lo === undefined || hi === undefined ? undefined : 3 + u16(lo, hi);
};

/** Bytes up to and including a terminator, bounded. */
export function untilTerminator(terminator: number, max: number): ParamFn {
  return (b, s) => {
    for (let i = s; i < b.length && i - s <= max; i++) if (b[i] === terminator) return i - s + 1;
    return b.length - s > max ? max : undefined;
  };
}

