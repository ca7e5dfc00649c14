import { ERROR_CODES } from '../common/errors.js';
import { RECEIPT_LIMITS, RECEIPT_SNIFF_BYTES, sniffReceiptImage } from '../common/receipt-image.js';
import { DinerApiError } from './api.js';

/**
 * The checks the backend makes, made first on the phone (size, and the image type by the file's
 * first bytes), so a diner hears at once instead of after a long upload.
 */
export async function checkReceiptFile(file: File): Promise<void> {
  if (file.size > RECEIPT_LIMITS.maxBytes) throw new DinerApiError(ERROR_CODES.RECEIPT_TOO_LARGE, 'too large', 413);
  const head = new Uint8Array(await file.slice(0, RECEIPT_SNIFF_BYTES).arrayBuffer());
  if (!sniffReceiptImage(head)) throw new DinerApiError(ERROR_CODES.RECEIPT_TYPE_UNSUPPORTED, 'not an image', 415);
}
