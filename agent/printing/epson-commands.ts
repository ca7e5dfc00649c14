import { DC4, ENQ, EOT, NUL } from './escpos-bytes.js';
import {
  MAX_BARCODE_DATA,
  MAX_TAB_POSITIONS,
  alignOf,
  byteAt,
  digit,
  functionWithLength,
  isOn,
  u16,
  untilTerminator,
  type CommandSpec,
  type CommandTable,
  type EscPosEffects,
  type ParamLength,
  type RasterData,
} from './command-spec.js';

/** Epson ESC/POS: the commands after ESC, GS, FS and DLE, with their parameter lengths. */

/** `ESC * m nL nH d…`: 8-dot modes take one byte per column, 24-dot modes three. */
const escBitImage: ParamLength = (b, s) => {
  const m = byteAt(b, s);
  const lo = byteAt(b, s + 1);
  const hi = byteAt(b, s + 2);
  if (m === undefined || lo === undefined || hi === undefined) return undefined;
  const bytesPerColumn = m === 32 || m === 33 ? 3 : 1;
  return 3 + u16(lo, hi) * bytesPerColumn;
};

/** `ESC & y c1 c2 [x d1…d(y×x)]…`: user-defined characters c1..c2, each x columns wide. */
const userDefinedCharacters: ParamLength = (b, s) => {
  const y = byteAt(b, s);
  const c1 = byteAt(b, s + 1);
  const c2 = byteAt(b, s + 2);
  if (y === undefined || c1 === undefined || c2 === undefined) return undefined;
  let offset = 3;
  for (let c = c1; c <= c2; c++) {
    const x = byteAt(b, s + offset);
    if (x === undefined) return undefined;
    offset += 1 + y * x;
  }
  return offset;
};

/**
 * `GS v 0 m xL xH yL yH d…`: raster image of (xL + xH×256) bytes × (yL + yH×256) rows. Reads the
 * header in place: an ingest job can hold 100,000 images, and a header array per image was garbage
 * the agent's main thread collected while the board waited (issue 17, image flood).
 */
const rasterImage: ParamLength = (b, s) => {
  if (s + 6 > b.length) return undefined;
  return 6 + u16(b[s + 2]!, b[s + 3]!) * u16(b[s + 4]!, b[s + 5]!);
};

/** `GS 8 L p1 p2 p3 p4 …`: the graphics command's long form with a 32-bit length. */
const longGraphics: ParamLength = (b, s) => {
  if (s + 5 > b.length) return undefined;
  return 5 + b[s + 1]! + b[s + 2]! * 0x100 + b[s + 3]! * 0x10000 + b[s + 4]! * 0x1000000;
};

/** `GS k m …`: forms A (m ≤ 6) end with NUL, forms B (m ≥ 65) carry a length byte. */
const gsBarcode: ParamLength = (b, s) => {
  const m = byteAt(b, s);
  if (m === undefined) return undefined;
  if (m <= 6) {
    const n = untilTerminator(NUL, MAX_BARCODE_DATA)(b, s + 1);
    return n === undefined ? undefined : 1 + n;
  }
  const n = byteAt(b, s + 1);
  return n === undefined ? undefined : 2 + n;
};

/** `GS V m [n]`: cut modes 0/1/48/49 stand alone, feed-and-cut modes 65/66/97/98/103/104 take n. */
const CUT_MODES_WITH_FEED = new Set([65, 66, 97, 98, 103, 104]);
const gsCut: ParamLength = (b, s) => {
  const m = byteAt(b, s);
  if (m === undefined) return undefined;
  return CUT_MODES_WITH_FEED.has(m) ? 2 : 1;
};

/** `GS * x y d…`: downloaded bit image of x × y × 8 bytes. */
const downloadedImage: ParamLength = (b, s) => {
  const x = byteAt(b, s);
  const y = byteAt(b, s + 1);
  return x === undefined || y === undefined ? undefined : 2 + x * y * 8;
};

/** `DLE DC4 fn …`: real-time pulse (fn 1: m t), power-off (fn 2: a b), buffer clear (fn 8: 7 bytes). */
const DLE_DC4_LENGTHS: Readonly<Record<number, number>> = { 1: 3, 2: 3, 7: 4, 8: 8 };
const realtimeRequest: ParamLength = (b, s) => {
  const fn = byteAt(b, s);
  if (fn === undefined) return undefined;
  return DLE_DC4_LENGTHS[fn] ?? 1;
};
const REALTIME_PULSE = 1;

/** `ESC p m t1 t2` / `DLE DC4 1 m t`: m = 0 or '0' drives pin 2, 1 or '1' pin 5. */
const drawerPin = (m: number): 2 | 5 => (digit(m) === 1 ? 5 : 2);

/** `GS v 0 m xL xH yL yH d…` as a bitmap (p starts at the '0' after `GS v`). */
function rasterOf(p: Uint8Array): RasterData {
  const widthBytes = u16(p[2]!, p[3]!);
  const height = u16(p[4]!, p[5]!);
  return { widthBytes, height, bits: p.subarray(6, 6 + widthBytes * height) };
}

export const ESC_POS_ESC: CommandTable = new Map<number, CommandSpec>([
  [0x0c, { params: 0 }], // ESC FF: print page-mode data
  [0x20, { params: 1 }], // ESC SP n: character spacing
  [0x21, { params: 1, apply: (fx, p) => {
    const n = p[0]!;
    fx.setBold((n & 0x08) !== 0);
    fx.setSize(n & 0x20 ? 2 : 1, n & 0x10 ? 2 : 1);
    fx.setUnderline((n & 0x80) !== 0);
  } }], // ESC ! n: print mode
  [0x24, { params: 2 }], // ESC $ nL nH: absolute position
  [0x25, { params: 1 }], // ESC % n: user-defined character set
  [0x26, { params: userDefinedCharacters }], // ESC & …: define user characters
  [0x28, { params: functionWithLength, apply: (fx, p) => { if (p[0] === 0x41) fx.buzzer(); } }], // ESC ( A: beeper
  [0x2a, { params: escBitImage, apply: (fx) => fx.image() }], // ESC * m nL nH: bit image
  [0x2d, { params: 1, apply: (fx, p) => fx.setUnderline(digit(p[0]!) !== 0) }], // ESC - n
  [0x32, { params: 0 }], // ESC 2: default line spacing
  [0x33, { params: 1 }], // ESC 3 n: line spacing
  [0x3d, { params: 1 }], // ESC = n: select peripheral
  [0x3f, { params: 1 }], // ESC ? n: cancel user character
  [0x40, { params: 0, apply: (fx) => fx.init() }], // ESC @
  [0x42, { params: 2, apply: (fx) => fx.buzzer() }], // ESC B n t: buzzer
  [0x44, { params: untilTerminator(NUL, MAX_TAB_POSITIONS) }], // ESC D …NUL: tab positions
  [0x45, { params: 1, apply: (fx, p) => fx.setBold(isOn(p[0]!)) }], // ESC E n: emphasis
  [0x47, { params: 1, apply: (fx, p) => fx.setBold(isOn(p[0]!)) }], // ESC G n: double strike (looks bold)
  [0x4a, { params: 1, apply: (fx) => fx.flushLine() }], // ESC J n: print and feed n dots
  [0x4b, { params: 1, apply: (fx) => fx.flushLine() }], // ESC K n: print and reverse feed
  [0x4c, { params: 0 }], // ESC L: page mode
  [0x4d, { params: 1 }], // ESC M n: font
  [0x52, { params: 1, apply: (fx, p) => fx.selectInternationalSet(p[0]!) }], // ESC R n
  [0x53, { params: 0 }], // ESC S: standard mode
  [0x54, { params: 1 }], // ESC T n: page-mode direction
  [0x55, { params: 1 }], // ESC U n: unidirectional printing
  [0x56, { params: 1 }], // ESC V n: 90° rotation
  [0x57, { params: 8 }], // ESC W: page-mode area
  [0x5c, { params: 2 }], // ESC \ nL nH: relative position
  [0x61, { params: 1, apply: (fx, p) => fx.setAlign(alignOf(p[0]!)) }], // ESC a n
  [0x63, { params: 2 }], // ESC c 3/4/5 n: paper sensors, panel buttons
  [0x64, { params: 1, apply: (fx) => fx.flushLine() }], // ESC d n: print and feed n lines
  [0x65, { params: 1, apply: (fx) => fx.flushLine() }], // ESC e n: print and reverse feed n lines
  [0x69, { params: 0, apply: (fx) => fx.cut() }], // ESC i: partial cut (obsolete)
  [0x6d, { params: 0, apply: (fx) => fx.cut() }], // ESC m: partial cut (obsolete)
  [0x70, { params: 3, apply: (fx, p) => fx.drawerKick?.(drawerPin(p[0]!)) }], // ESC p m t1 t2: drawer kick pulse
  [0x72, { params: 1, apply: (fx, p) => fx.setRed(isOn(p[0]!)) }], // ESC r n: print colour
  [0x74, { params: 1, apply: (fx, p) => fx.selectCodePage(p[0]!) }], // ESC t n
  [0x75, { params: 1 }], // ESC u n: peripheral status (obsolete)
  [0x76, { params: 0 }], // ESC v: paper status (obsolete)
  [0x7b, { params: 1 }], // ESC { n: upside-down
]);

export const ESC_POS_GS: CommandTable = new Map<number, CommandSpec>([
  [0x21, { params: 1, apply: (fx, p) => fx.setSize(((p[0]! >> 4) & 0x07) + 1, (p[0]! & 0x07) + 1) }], // GS ! n
  [0x24, { params: 2 }], // GS $: page-mode vertical position
  [0x28, { params: functionWithLength, apply: (fx, p) => gsFunction(fx, p) }], // GS ( k / L / …
  [0x2a, { params: downloadedImage }], // GS * x y: define downloaded image
  [0x2f, { params: 1, apply: (fx) => fx.image() }], // GS / m: print downloaded image
  [0x38, { params: longGraphics }], // GS 8 L: store graphics (printed by GS ( L fn 50)
  [0x3a, { params: 0 }], // GS :: macro definition
  [0x42, { params: 1, apply: (fx, p) => fx.setInverted(isOn(p[0]!)) }], // GS B n: reverse
  [0x48, { params: 1 }], // GS H n: HRI position
  [0x49, { params: 1, apply: (fx, p) => fx.statusRequest('GS I', p[0]!) }], // GS I n: printer ID
  [0x4c, { params: 2 }], // GS L: left margin
  [0x50, { params: 2 }], // GS P: motion units
  [0x54, { params: 1 }], // GS T n: print position to line start
  [0x56, { params: gsCut, apply: (fx) => fx.cut() }], // GS V m [n]: cut
  [0x57, { params: 2 }], // GS W: print area width
  [0x5c, { params: 2 }], // GS \: page-mode relative vertical position
  [0x5e, { params: 3 }], // GS ^: execute macro
  [0x61, { params: 1 }], // GS a n: automatic status back
  [0x62, { params: 1 }], // GS b n: smoothing
  [0x63, { params: 0 }], // GS c: print counter
  [0x66, { params: 1 }], // GS f n: HRI font
  [0x67, { params: 4 }], // GS g 0/2 m nL nH: maintenance counter
  [0x68, { params: 1 }], // GS h n: barcode height
  [0x6b, { params: gsBarcode, apply: (fx) => fx.barcode() }], // GS k: barcode
  [0x72, { params: 1, apply: (fx, p) => fx.statusRequest('GS r', digit(p[0]!)) }], // GS r n
  [0x76, { params: rasterImage, apply: (fx, p) => fx.image(rasterOf(p)) }], // GS v 0: raster image
  [0x77, { params: 1 }], // GS w n: barcode module width
  [0x7c, { params: 1 }], // GS | n: print density
]);

/**
 * `GS ( k pL pH cn fn …`: fn 80 ('P') stores a 2D symbol's data (`m` then the data), fn 81 ('Q')
 * prints the stored symbol; `GS ( L … fn 50` ('2') prints graphics.
 */
function gsFunction(fx: EscPosEffects, p: Uint8Array): void {
  const [letter, , , , fn] = p;
  if (letter === 0x6b && fn === 0x50) fx.storeSymbol?.(p.subarray(6));
  if (letter === 0x6b && fn === 0x51) {
    fx.barcode();
    fx.printSymbol?.();
  }
  if (letter === 0x4c && fn === 0x32) fx.image();
}

export const ESC_POS_FS: CommandTable = new Map<number, CommandSpec>([
  [0x21, { params: 1 }], // FS ! n: Kanji print mode
  [0x26, { params: 0, apply: (fx) => fx.setKanjiMode(true) }], // FS &
  [0x28, { params: functionWithLength }], // FS ( A / C / E / L …
  [0x2d, { params: 1 }], // FS - n: Kanji underline
  [0x2e, { params: 0, apply: (fx) => fx.setKanjiMode(false) }], // FS .
  [0x32, { params: 74 }], // FS 2 c1 c2 d1…d72: define a 24×24 Kanji character
  [0x43, { params: 1, apply: (fx, p) => fx.selectKanjiCodeSystem(p[0]!) }], // FS C n
  [0x53, { params: 2 }], // FS S n1 n2: Kanji spacing
  [0x57, { params: 1 }], // FS W n: Kanji quadruple size
  [0x70, { params: 2, apply: (fx) => fx.image() }], // FS p n m: print NV image
]);

export const REALTIME_DLE: CommandTable = new Map<number, CommandSpec>([
  [EOT, { params: 1, apply: (fx, p) => fx.statusRequest('DLE EOT', p[0]!) }], // DLE EOT n
  [ENQ, { params: 1 }], // DLE ENQ n: real-time request
  [DC4, { params: realtimeRequest, apply: (fx, p) => { if (p[0] === REALTIME_PULSE) fx.drawerKick?.(drawerPin(p[1]!)); } }], // DLE DC4 fn …
]);

