import { BEL, CAN, CR, DLE, ESC, FF, FS, GS, HT, LF, RS, SUB, VT } from './escpos-bytes.js';
import { byteAt, type CommandSpec, type CommandTable, type Measured } from './command-spec.js';
import { ESC_POS_ESC, ESC_POS_FS, ESC_POS_GS, REALTIME_DLE } from './epson-commands.js';
import { STAR_ESC, STAR_GS } from './star-commands.js';

/**
 * The command vocabulary of the two printer dialects TicketRail drives: Epson ESC/POS and Star
 * Line Mode (what node-thermal-printer emits for `EPSON` and `STAR`). Each command knows how many
 * parameter bytes follow it — the thing a decoder must get right, or image data containing 0x1B
 * desynchronises everything after it — and what it does to the decoder's state.
 */
export const DIALECTS = ['EPSON', 'STAR'] as const;
export type Dialect = (typeof DIALECTS)[number];

export type { Measured } from './command-spec.js';

interface DialectTables {
  readonly [introducer: number]: CommandTable;
}

const TABLES: Readonly<Record<Dialect, DialectTables>> = {
  EPSON: { [ESC]: ESC_POS_ESC, [GS]: ESC_POS_GS, [FS]: ESC_POS_FS, [DLE]: REALTIME_DLE },
  STAR: { [ESC]: STAR_ESC, [GS]: STAR_GS, [DLE]: REALTIME_DLE },
};

/** Single control bytes and what they do. */
const SINGLE_BYTE: Readonly<Record<Dialect, ReadonlyMap<number, CommandSpec>>> = {
  EPSON: new Map<number, CommandSpec>([
    [LF, { params: 0, apply: (fx) => fx.lineFeed() }],
    [CR, { params: 0 }], // CR: ignored when auto line feed is off (the default)
    [HT, { params: 0, apply: (fx) => fx.tab() }],
    [FF, { params: 0, apply: (fx) => fx.flushLine() }],
    [CAN, { params: 0 }], // CAN: cancel page-mode data
  ]),
  STAR: new Map<number, CommandSpec>([
    [LF, { params: 0, apply: (fx) => fx.lineFeed() }],
    [CR, { params: 0 }],
    [HT, { params: 0, apply: (fx) => fx.tab() }],
    [FF, { params: 0, apply: (fx) => fx.flushLine() }],
    [VT, { params: 0, apply: (fx) => fx.flushLine() }], // VT: feed to the next vertical tab
    [BEL, { params: 0, apply: (fx) => fx.drawerKick?.(2) }], // BEL: drive peripheral 1 (drawer 1)
    [CAN, { params: 0 }],
    [RS, { params: 0 }], // RS: drive peripheral 1 (buzzer unit / drawer), depends on wiring
    [FS, { params: 0, apply: (fx) => fx.drawerKick?.(2) }], // FS: drive drawer 1 at once
    [SUB, { params: 0, apply: (fx) => fx.drawerKick?.(5) }], // SUB: drive drawer 2 at once
  ]),
};

/**
 * Measures the control sequence starting at `pos` (which must be a control byte, < 0x20).
 * 'incomplete' means its parameters have not all arrived yet.
 */
export function measureCommand(dialect: Dialect, bytes: Uint8Array, pos: number): Measured {
  const first = bytes[pos]!;
  const single = SINGLE_BYTE[dialect].get(first);
  if (single) return { status: 'complete', length: 1, spec: single };
  const table = TABLES[dialect][first];
  if (!table) return { status: 'unknown', length: 1 };
  const second = byteAt(bytes, pos + 1);
  if (second === undefined) return { status: 'incomplete' };
  const spec = table.get(second);
  // An unknown ESC/GS/FS x pair is skipped whole: x belongs to the command, not to the text.
  if (!spec) return { status: 'unknown', length: first === DLE ? 1 : 2 };
  const params = typeof spec.params === 'number' ? spec.params : spec.params(bytes, pos + 2);
  if (params === undefined) return { status: 'incomplete' };
  if (pos + 2 + params > bytes.length) return { status: 'incomplete', needed: 2 + params };
  return { status: 'complete', length: 2 + params, spec };
}


/**
 * The spec of the command at `pos` (a control byte), looked up without allocating; undefined when
 * it is unknown or its second byte has not arrived. With `completeCommandLength` it is the ingest
 * parser's path for nearly every command of a job (an ingest job can be 100,000 images), where
 * `measureCommand` answers an object per command; `measureCommand` stays the full answer.
 */
export function knownCommandSpec(dialect: Dialect, bytes: Uint8Array, pos: number): CommandSpec | undefined {
  const first = bytes[pos]!;
  const single = SINGLE_BYTE[dialect].get(first);
  if (single) return single;
  const table = TABLES[dialect][first];
  if (!table || pos + 1 >= bytes.length) return undefined;
  return table.get(bytes[pos + 1]!);
}

/** The length of the command at `pos` whose spec is `spec`, parameters included; 0 while they have not all arrived. */
export function completeCommandLength(dialect: Dialect, bytes: Uint8Array, pos: number, spec: CommandSpec): number {
  if (SINGLE_BYTE[dialect].get(bytes[pos]!) === spec) return 1;
  const params = typeof spec.params === 'number' ? spec.params : spec.params(bytes, pos + 2);
  if (params === undefined || pos + 2 + params > bytes.length) return 0;
  return 2 + params;
}
