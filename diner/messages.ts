import type { TFunction } from 'i18next';
import { ERROR_CODES } from '../common/errors.js';
import { RECEIPT_LIMITS } from '../common/receipt-image.js';
import { DINER_CLIENT_CODES, DinerApiError } from './api.js';

const MAX_MB = RECEIPT_LIMITS.maxBytes / (1024 * 1024);

/** What a diner reads when an upload is refused: what happened and what to do, never a code alone. */
export function uploadErrorText(t: TFunction<'diner'>, error: unknown): string {
  const code = error instanceof DinerApiError ? error.code : undefined;
  switch (code) {
    case ERROR_CODES.RECEIPT_TOO_LARGE:
      return t('upload.tooLarge', { megabytes: MAX_MB });
    case ERROR_CODES.RECEIPT_TYPE_UNSUPPORTED:
      return t('upload.notImage');
    case ERROR_CODES.PAYMENT_EXPIRED:
      return t('upload.expired');
    case ERROR_CODES.PAYMENT_TRANSITION_INVALID:
      return t('upload.noLongerTaken');
    case ERROR_CODES.RECEIPT_MISSING:
      return t('upload.missing');
    case ERROR_CODES.RECEIPT_UPLOAD_IN_PROGRESS:
      return t('upload.inProgress');
    case DINER_CLIENT_CODES.NETWORK:
      return t('upload.network');
    default:
      return t('upload.failed');
  }
}
