import { BEL, DC2, EM, GS, NUL, RS } from './escpos-bytes.js';
import {
  MAX_BARCODE_DATA,
  MAX_TAB_POSITIONS,
  alignOf,
  byteAt,
  digit,
  u16,
  untilTerminator,
  type CommandSpec,
  type CommandTable,
  type EscPosEffects,
  type ParamLength,
} from './command-spec.js';

/** Star Line Mode (node-thermal-printer's STAR type): the commands after ESC, with their parameter lengths. */

/** `ESC GS y …` (QR) and `ESC GS x …` (PDF417) as node-thermal-printer writes them for Star. */
const starSymbol: ParamLength = (b, s) => {
  const kind = byteAt(b, s + 1);
  if (kind === undefined) return undefined;
  if (kind === 0x50) return 2; // P: print
  if (kind === 0x53) {
    const setting = byteAt(b, s + 2);
    if (setting === undefined) return undefined;
    // PDF417 `x S 0 n p1 p2` carries two more bytes than the other settings.
    return b[s] === 0x78 && setting === 0x30 ? 6 : 4;
  }
  if (kind === 0x44) {
    // QR `y D 1 m nL nH`, PDF417 `x D nL nH`
    const header = b[s] === 0x79 ? 4 : 2;
    const lo = byteAt(b, s + 2 + header - 2);
    const hi = byteAt(b, s + 2 + header - 1);
    return lo === undefined || hi === undefined ? undefined : 2 + header + u16(lo, hi);
  }
  return 2;
};

/** `ESC GS S m xL xH yL yH n d…`: raster image of (xL + xH×256) bytes × (yL + yH×256) rows. */
const STAR_RASTER = 0x53;
const STAR_RASTER_HEADER = 7; // S m xL xH yL yH n
const starRaster: ParamLength = (b, s) => {
  const size = [2, 3, 4, 5].map((i) => byteAt(b, s + i));
  if (size.some((v) => v === undefined) || byteAt(b, s + 6) === undefined) return undefined;
  const [xL, xH, yL, yH] = size as number[];
  return STAR_RASTER_HEADER + u16(xL!, xH!) * u16(yL!, yH!);
};

/** Star `ESC GS …`: code page, alignment, buzzer, 2D symbols, raster images. */
const starEscGs: ParamLength = (b, s) => {
  const sub = byteAt(b, s);
  if (sub === undefined) return undefined;
  if (sub === 0x74 || sub === 0x61) return 2; // t n, a n
  if (sub === EM) return 5; // EM DC1|DC2 m n1 n2
  if (sub === 0x79 || sub === 0x78) return starSymbol(b, s);
  if (sub === STAR_RASTER) return starRaster(b, s);
  return 1;
};

function starEscGsEffect(fx: EscPosEffects, p: Uint8Array): void {
  const [sub, a] = p;
  if (sub === STAR_RASTER) {
    const widthBytes = u16(p[2]!, p[3]!);
    const height = u16(p[4]!, p[5]!);
    fx.image({ widthBytes, height, bits: p.subarray(STAR_RASTER_HEADER, STAR_RASTER_HEADER + widthBytes * height) });
  } else if (sub === 0x74) fx.selectCodePage(a!);
  else if (sub === 0x61) fx.setAlign(alignOf(a!));
  else if (sub === EM && a === DC2) fx.buzzer();
  else if ((sub === 0x79 || sub === 0x78) && a === 0x44) fx.storeSymbol?.(p.subarray(sub === 0x79 ? 6 : 4));
  else if ((sub === 0x79 || sub === 0x78) && a === 0x50) {
    fx.barcode();
    fx.printSymbol?.();
  }
}

/** `ESC k n1 n2 d…` (Star fine bit image): 24 rows of (n1 + n2×256) bytes. */
const STAR_IMAGE_ROWS = 24;
const starImage: ParamLength = (b, s) => {
  const lo = byteAt(b, s);
  const hi = byteAt(b, s + 1);
  return lo === undefined || hi === undefined ? undefined : 2 + u16(lo, hi) * STAR_IMAGE_ROWS;
};

/** `ESC K|L n1 n2 d…` (Star 24-dot graphics): one byte per column. */
const starColumnImage: ParamLength = (b, s) => {
  const lo = byteAt(b, s);
  const hi = byteAt(b, s + 1);
  return lo === undefined || hi === undefined ? undefined : 2 + u16(lo, hi);
};

/** `ESC b n1 n2 n3 n4 d… RS` (Star barcode). */
const starBarcode: ParamLength = (b, s) => {
  if (b.length - s < 4) return undefined;
  const n = untilTerminator(RS, MAX_BARCODE_DATA)(b, s + 4);
  return n === undefined ? undefined : 4 + n;
};

/**
 * Star `ESC d n` cuts (0/1 at once, 2/3 after feeding to the cutter); on Epson the same bytes
 * feed n lines. This is the main reason the decoder must know the dialect.
 */
export const STAR_ESC: CommandTable = new Map<number, CommandSpec>([
  [BEL, { params: 2 }], // ESC BEL n1 n2: drawer pulse widths (BEL then fires drive 1)
  [GS, { params: starEscGs, apply: starEscGsEffect }], // ESC GS …
  [RS, { params: 2 }], // ESC RS F n (font), ESC RS a n (status back)
  [0x20, { params: 1 }], // ESC SP n
  [0x2d, { params: 1, apply: (fx, p) => fx.setUnderline(digit(p[0]!) !== 0) }], // ESC - n
  [0x30, { params: 0 }], // ESC 0: 1/8" line spacing
  [0x31, { params: 0 }], // ESC 1: 7/72" line spacing
  [0x33, { params: 1 }], // ESC 3 n: line spacing
  [0x34, { params: 0, apply: (fx) => fx.setInverted(true) }], // ESC 4: highlight (red on two-colour)
  [0x35, { params: 0, apply: (fx) => fx.setInverted(false) }], // ESC 5: cancel highlight
  [0x40, { params: 0, apply: (fx) => fx.init() }], // ESC @
  [0x42, { params: untilTerminator(NUL, MAX_TAB_POSITIONS) }], // ESC B …NUL: vertical tabs
  [0x44, { params: untilTerminator(NUL, MAX_TAB_POSITIONS) }], // ESC D …NUL: horizontal tabs
  [0x45, { params: 0, apply: (fx) => fx.setBold(true) }], // ESC E: emphasis on
  [0x46, { params: 0, apply: (fx) => fx.setBold(false) }], // ESC F: emphasis off
  [0x4a, { params: 1, apply: (fx) => fx.flushLine() }], // ESC J n: feed n/4 mm
  [0x4b, { params: starColumnImage, apply: (fx) => fx.image() }], // ESC K n1 n2 d…
  [0x4c, { params: starColumnImage, apply: (fx) => fx.image() }], // ESC L n1 n2 d…
  [0x52, { params: 1, apply: (fx, p) => fx.selectInternationalSet(p[0]!) }], // ESC R n
  [0x57, { params: 1, apply: (fx, p) => fx.setSize(digit(p[0]!) + 1, undefined) }], // ESC W n: width
  [0x5f, { params: 1 }], // ESC _ n: upper line
  [0x61, { params: 1, apply: (fx) => fx.flushLine() }], // ESC a n: feed n lines
  [0x62, { params: starBarcode, apply: (fx) => fx.barcode() }], // ESC b …RS
  [0x64, { params: 1, apply: (fx) => fx.cut() }], // ESC d n: cut
  [0x68, { params: 1, apply: (fx, p) => fx.setSize(undefined, digit(p[0]!) + 1) }], // ESC h n: height
  [0x69, { params: 2, apply: (fx, p) => fx.setSize(digit(p[1]!) + 1, digit(p[0]!) + 1) }], // ESC i h w
  [0x6b, { params: starImage, apply: (fx) => fx.image() }], // ESC k n1 n2 d…
  [0x6c, { params: 1 }], // ESC l n: left margin
  [0x70, { params: 3, apply: (fx, p) => fx.drawerKick?.(digit(p[0]!) === 1 ? 5 : 2) }], // ESC p m t1 t2: drawer (ESC/POS form, accepted by Star)
  [0x7a, { params: 1 }], // ESC z n: line spacing
]);

/**
 * Star printers in Line Mode do not speak `GS …`, but the transport ends every job with `GS r 1`;
 * the virtual Star printer answers it like a Star in ESC/POS emulation (see docs/printing.md).
 */
export const STAR_GS: CommandTable = new Map<number, CommandSpec>([
  [0x72, { params: 1, apply: (fx, p) => fx.statusRequest('GS r', digit(p[0]!)) }],
]);

