import type { PrinterSettings } from '../../../common/settings.js';
import { endsWithCut } from '../../printing/ends-with-cut.js';
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

/**
 * What is sent to the local printer for a TableTrack job: the payload's bytes unchanged, then a
 * cut when `cutPaper` asks for one and the bytes do not already end with one (a second cut right
 * after the first would only feed and cut a blank slip).
 */
export function payloadBytes(payload: PrintPayload, printerType: PrinterType = 'EPSON'): Buffer {
  const bytes = payloadTextToBytes(payload.text);
  return withCutIfAsked(bytes, payload.cutPaper && !endsWithCut(bytes, printerType), printerType);
}

/**
 * payloadBytes, with the cut check — a decode of the whole ticket — asked of `endsWithCutCheck`
 * (the agent's decoder, which takes a large ticket off the main thread).
 */
export async function payloadBytesVia(
  payload: PrintPayload,
  printerType: PrinterType,
  endsWithCutCheck: (bytes: Buffer, printerType: PrinterType) => Promise<boolean>,
): Promise<Buffer> {
  const bytes = payloadTextToBytes(payload.text);
  return withCutIfAsked(bytes, payload.cutPaper && !(await endsWithCutCheck(bytes, printerType)), printerType);
}

function withCutIfAsked(bytes: Buffer, addCut: boolean, printerType: PrinterType): Buffer {
  return addCut ? Buffer.concat([bytes, cutBytes(printerType)]) : bytes;
}

export { endsWithCut };
