import { ERROR_CODES } from '../common/errors.js';
import { RECEIPT_LIMITS } from '../common/receipt-image.js';
import { DINER_CLIENT_CODES, DinerApiError } from './api.js';

const MAX_MB = RECEIPT_LIMITS.maxBytes / (1024 * 1024);

/** What a diner reads when an upload is refused: what happened and what to do, never a code alone. */
export function uploadErrorText(error: unknown): string {
  const code = error instanceof DinerApiError ? error.code : undefined;
  switch (code) {
    case ERROR_CODES.RECEIPT_TOO_LARGE:
      return `That photo is larger than ${MAX_MB} MB. Take a screenshot or a smaller photo and try again.`;
    case ERROR_CODES.RECEIPT_TYPE_UNSUPPORTED:
      return 'That file is not a photo we can read. Send a JPEG, PNG or WebP image of the receipt.';
    case ERROR_CODES.PAYMENT_EXPIRED:
      return 'This payment code has expired. Ask the staff for a new one.';
    case ERROR_CODES.PAYMENT_TRANSITION_INVALID:
      return 'This payment no longer takes a receipt (it may already be confirmed). The page shows its current state.';
    case ERROR_CODES.RECEIPT_MISSING:
      return 'No photo was sent. Choose the receipt image and try again.';
    case DINER_CLIENT_CODES.NETWORK:
      return 'The restaurant could not be reached. Check your connection and try again.';
    default:
      return 'The receipt could not be sent. Try again, or show it to the staff.';
  }
}
