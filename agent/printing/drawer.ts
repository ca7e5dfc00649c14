import type { PrinterSettings } from '../../common/settings.js';
import { BEL, ESC } from './escpos-bytes.js';

/**
 * Opening the cash drawer wired to the printer's drawer port (docs/printing.md, "Cash drawer").
 * Epson: `ESC p m t1 t2` — pin 2 (m = 0), on for t1 × 2 ms, off for t2 × 2 ms. Star Line Mode:
 * `ESC BEL n1 n2` sets drive 1's pulse (n1 × 10 ms on, n2 × 10 ms off) and `BEL` fires it. The
 * pulse lengths are the common drawers' (a 50–200 ms solenoid kick). node-thermal-printer's
 * openCashDrawer() writes `ESC p m` without t1 t2, which printers read as the start of a longer
 * command, so these bytes are written here.
 */
const EPSON_PIN_2 = 0x00;
const EPSON_ON_UNITS = 25; // 50 ms
const EPSON_OFF_UNITS = 250; // 500 ms
const STAR_ON_UNITS = 20; // 200 ms
const STAR_OFF_UNITS = 20; // 200 ms

export function drawerKickBytes(type: PrinterSettings['type']): Buffer {
  if (type === 'STAR') return Buffer.from([ESC, BEL, STAR_ON_UNITS, STAR_OFF_UNITS, BEL]);
  return Buffer.from([ESC, 0x70, EPSON_PIN_2, EPSON_ON_UNITS, EPSON_OFF_UNITS]);
}
