/**
 * ESC/POS (Epson) and Star Line Mode control bytes and the few command sequences TicketRail emits
 * itself (the rest come from node-thermal-printer). Named here so no magic numbers leak into the
 * decoder, the renderer or the transport.
 */

export const NUL = 0x00;
export const BEL = 0x07;
export const HT = 0x09;
export const LF = 0x0a;
export const VT = 0x0b;
export const FF = 0x0c;
export const CR = 0x0d;
export const DLE = 0x10;
export const DC1 = 0x11;
export const DC2 = 0x12;
export const EOT = 0x04;
export const ENQ = 0x05;
export const DC4 = 0x14;
export const CAN = 0x18;
export const EM = 0x19;
export const SUB = 0x1a;
export const ESC = 0x1b;
export const FS = 0x1c;
export const GS = 0x1d;
export const RS = 0x1e;
export const SPACE = 0x20;
export const DEL = 0x7f;

/** `GS r 1`: transmit paper sensor status; answered after everything before it was processed. */
export const GS_R_PAPER_STATUS = Buffer.from([GS, 0x72, 0x01]);

/** `DLE EOT n`: real-time status, answered even while the printer is offline. */
export const DLE_EOT_PRINTER = Buffer.from([DLE, EOT, 0x01]);
export const DLE_EOT_OFFLINE_CAUSE = Buffer.from([DLE, EOT, 0x02]);
export const DLE_EOT_ERROR_CAUSE = Buffer.from([DLE, EOT, 0x03]);
export const DLE_EOT_PAPER_SENSOR = Buffer.from([DLE, EOT, 0x04]);

/** `ESC @`: initialise; resets styles AND the code page, so the code page is selected after it. */
export const ESC_INIT = Buffer.from([ESC, 0x40]);

/** `ESC r n`: print colour on two-colour (impact) printers; only valid at the start of a line. */
export const ESC_COLOR_RED = Buffer.from([ESC, 0x72, 0x01]);
export const ESC_COLOR_BLACK = Buffer.from([ESC, 0x72, 0x00]);

/** `FS &` / `FS .`: enter / leave Kanji (multi-byte) mode on CJK models. */
export const FS_KANJI_ON = Buffer.from([FS, 0x26]);
export const FS_KANJI_OFF = Buffer.from([FS, 0x2e]);
/** `FS C 1`: Shift_JIS code system for Kanji mode (Japanese models). */
export const FS_KANJI_SHIFT_JIS = Buffer.from([FS, 0x43, 0x01]);

/** `GS ! n` with width and height multiplier 3: the order number. */
export const GS_TEXT_SIZE_3X = Buffer.from([GS, 0x21, 0x22]);
/** `ESC i n1 n2` (Star): height and width expansion 2 = three times the normal size. */
export const STAR_TEXT_SIZE_3X = Buffer.from([ESC, 0x69, 0x02, 0x02]);

/** Epson buzzer `ESC B n t`: n beeps of t × 50 ms. */
export const BUZZER_BEEPS = 2;
export const BUZZER_DURATION_UNITS = 3;

/**
 * Star external buzzer: `ESC GS EM DC1 m n1 n2` sets on/off time (20 ms units), `ESC GS EM DC2 m
 * n1 n2` rings it n1 times. node-thermal-printer has no Star beep, so these bytes are ours.
 */
export const STAR_BUZZER_SETUP = Buffer.from([ESC, GS, EM, DC1, 0x01, 0x0a, 0x05]);
export const STAR_BUZZER_RING = Buffer.from([ESC, GS, EM, DC2, 0x01, BUZZER_BEEPS, 0x00]);
