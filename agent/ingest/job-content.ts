import { decodeEscPos } from '../printing/escpos-decoder.js';
import type { Dialect } from '../printing/escpos-commands.js';

/**
 * Whether bytes would put anything on paper: visible text, an image, a barcode — or bytes no
 * printer command explains (garbage still makes a card, marked raw). An `ESC @` after a cut, feeds
 * or a lone cut are not a ticket of their own.
 */
export function wouldPrint(bytes: Buffer, printerType: Dialect): boolean {
  if (bytes.length === 0) return false;
  const decoded = decodeEscPos(bytes, { printerType });
  return decoded.lines.some((line) => line.text.trim().length > 0) || decoded.images > 0 || decoded.barcodes > 0 || decoded.unknownBytes > 0;
}
