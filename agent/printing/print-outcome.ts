import { PRINT_FAILURE_REASONS, type PrintFailureReason } from '../../common/print-job.js';
import type { PrintingErrorCode } from './printing-errors.js';

/**
 * What one send did. `sent` separates the safe retry (nothing left this PC) from the possible
 * partial print (bytes reached the OS or the printer; a blind retry could print the ticket twice).
 */
export type SentAmount = false | 'partial' | 'all';

export const CONFIRMATIONS = ['printer', 'spooler', 'device'] as const;
export type ConfirmedBy = (typeof CONFIRMATIONS)[number];

/** Reasons a transport can report; rendering failures happen before a transport is involved. */
export type TransportFailureReason = Exclude<PrintFailureReason, 'renderFailed'>;

export interface PrintSuccess {
  ok: true;
  /** ISO time the printer (or the spooler, see confirmedBy) confirmed the job. */
  printedAt: string;
  bytesSent: number;
  /**
   * `printer`: it answered `GS r 1` after the job; `spooler`: the OS queue accepted it; `device`: a
   * device file or a line without a return path took every byte. Only `printer` means paper moved.
   */
  confirmedBy: ConfirmedBy;
  paperNearEnd: boolean;
}

interface FailureBase {
  ok: false;
  /** Job bytes flushed to the OS (the trailing status query is not counted). */
  bytesSent: number;
  message: string;
  code?: PrintingErrorCode;
}

export type PrintFailure =
  | (FailureBase & { reason: 'refused'; sent: false })
  | (FailureBase & { reason: 'timeout'; sent: SentAmount })
  | (FailureBase & { reason: 'paperOut'; sent: SentAmount })
  | (FailureBase & { reason: 'coverOpen'; sent: SentAmount })
  | (FailureBase & { reason: 'offline'; sent: false })
  | (FailureBase & { reason: 'partlySent'; sent: 'partial' | 'all' });

export type PrintOutcome = PrintSuccess | PrintFailure;

type FailureOf<R extends TransportFailureReason> = Extract<PrintFailure, { reason: R }>;

export function printFailure<R extends TransportFailureReason>(
  reason: R,
  sent: FailureOf<R>['sent'],
  bytesSent: number,
  detail?: string,
  code?: PrintingErrorCode,
): PrintFailure {
  const message = detail ? `${PRINT_FAILURE_REASONS[reason]}: ${detail}` : PRINT_FAILURE_REASONS[reason];
  const failure = { ok: false as const, reason, sent, bytesSent, message };
  return (code === undefined ? failure : { ...failure, code }) as PrintFailure;
}
