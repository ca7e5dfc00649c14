import { RECEIPT_LIMITS } from '../common/receipt-image.js';
import { DinerApiError } from './api.js';

const MAX_MB = RECEIPT_LIMITS.maxBytes / (1024 * 1024);

/** What a diner reads when an upload is refused: what happened and what to do, never a code alone. */
export function uploadErrorText(error: unknown): string {
  const code = error instanceof DinerApiError ? error.code : 'UNKNOWN';
  switch (code) {
    case 'RECEIPT_TOO_LARGE':
      return `That photo is larger than ${MAX_MB} MB. Take a screenshot or a smaller photo and try again.`;
    case 'RECEIPT_TYPE_UNSUPPORTED':
      return 'That file is not a photo we can read. Send a JPEG, PNG or WebP image of the receipt.';
    case 'PAYMENT_EXPIRED':
      return 'This payment code has expired. Ask the staff for a new one.';
    case 'PAYMENT_TRANSITION_INVALID':
      return 'This payment no longer takes a receipt (it may already be confirmed). The page shows its current state.';
    case 'RECEIPT_MISSING':
      return 'No photo was sent. Choose the receipt image and try again.';
    case 'NETWORK':
      return 'The restaurant could not be reached. Check your connection and try again.';
    default:
      return 'The receipt could not be sent. Try again, or show it to the staff.';
  }
}
