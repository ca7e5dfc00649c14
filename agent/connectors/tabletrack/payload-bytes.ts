import type { PrinterSettings } from '../../../common/settings.js';
import { EscPosDecoder, type DecodedJob } from '../../printing/escpos-decoder.js';
import { TicketBuilder } from '../../printing/ticket-builder.js';
import type { PrintPayload } from './tabletrack-contract.js';

type PrinterType = PrinterSettings['type'];

const LATIN1_MAX = 0xff;

/**
 * The bytes PHP meant by `payload.text`. TableTrack builds an ESC/POS buffer in memory and, when
 * it is not valid UTF-8 (any code-page byte ≥ 0x80 makes it so), converts it from ISO-8859-1 to
 * UTF-8 before `json_encode`: every byte becomes the code point of the same value. A buffer that
 * was valid UTF-8 is stored as it is. So: every code point ≤ 0xFF → latin1, else UTF-8.
 *
 * One case cannot be told apart: a buffer that was valid UTF-8 and holds only characters ≤ U+00FF
 * (`é` as C3 A9) reads as latin1 (E9). The JSON string is the same either way; latin1 is what a
 * code-page printer can print, and what every buffer with a code-page byte needs.
 */
export function payloadTextToBytes(text: string): Buffer {
  // UTF-16 code units: any code point above 0xFF has a unit above 0xFF (surrogates included).
  for (let i = 0; i < text.length; i++) {
    if (text.charCodeAt(i) > LATIN1_MAX) return Buffer.from(text, 'utf8');
  }
  return Buffer.from(text, 'latin1');
}

/**
 * The cut the project's own tickets end with, from the same builder (node-thermal-printer's
 * `cut()`: Epson `ESC d 4` ×2, `GS V 0`, `ESC @`; Star `VT` ×2, `ESC d 2`, `ESC @`).
 */
const cutBytesByType = new Map<PrinterType, Buffer>();
export function cutBytes(type: PrinterType): Buffer {
  let bytes = cutBytesByType.get(type);
  if (!bytes) {
    bytes = new TicketBuilder({ type, width: 80, characterSet: 'PC437_USA' }).finish(true).toBuffer();
    cutBytesByType.set(type, bytes);
  }
  return bytes;
}

/** Nothing would reach paper: blank lines (feeds) only, no images, barcodes or unreadable bytes. */
function printsNothing(job: DecodedJob): boolean {
  return job.lines.every((line) => line.text.trim() === '') && job.images === 0 && job.barcodes === 0 && job.unknownBytes === 0;
}

/**
 * Whether the bytes already end with a cut: some cut command (`GS V m`, `GS V m n`, the obsolete
 * `ESC i` / `ESC m`; `ESC d n` on Star) followed by nothing that prints — `ESC @`, feeds, a status
 * request or a beep may trail it. The bytes are parsed forwards with the printer's own command
 * lengths, so a raster image whose data happens to end in 1D 56 00 is not taken for a cut.
 */
export function endsWithCut(bytes: Uint8Array, printerType: PrinterType = 'EPSON'): boolean {
  let cutSeen = false;
  const decoder: EscPosDecoder = new EscPosDecoder(
    { printerType },
    {
      onCut: () => {
        cutSeen = true;
        // Start counting afresh: only what follows the last cut matters.
        decoder.takeJob();
      },
    },
  );
  decoder.push(bytes);
  decoder.end();
  return cutSeen && printsNothing(decoder.takeJob());
}

/**
 * What is sent to the local printer for a TableTrack job: the payload's bytes unchanged, then a
 * cut when `cutPaper` asks for one and the bytes do not already end with one (a second cut right
 * after the first would only feed and cut a blank slip).
 */
export function payloadBytes(payload: PrintPayload, printerType: PrinterType = 'EPSON'): Buffer {
  const bytes = payloadTextToBytes(payload.text);
  if (!payload.cutPaper || endsWithCut(bytes, printerType)) return bytes;
  return Buffer.concat([bytes, cutBytes(printerType)]);
}
