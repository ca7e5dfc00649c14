import {
  DLE_EOT_OFFLINE_CAUSE,
  DLE_EOT_PAPER_SENSOR,
  DLE_EOT_PRINTER,
  GS_R_PAPER_STATUS,
} from './escpos-bytes.js';
import { printFailure, type PrintOutcome, type SentAmount } from './print-outcome.js';
import {
  isPaperStatusByte,
  isRealtimeStatusByte,
  readPaperStatus,
  readRealtimeStatus,
  type PrinterCondition,
} from './printer-status.js';
import { PRINTING_ERRORS } from './printing-errors.js';
import { PrinterSession, type OpenResult, type WaitResult } from './printer-session.js';

/**
 * Sending a job over a connection that carries the printer's answers (TCP, serial, USB bulk IN),
 * and counting it done only when the printer answers `GS r 1` (docs/printing.md, "How done is
 * decided").
 */
export interface ConfirmedSendOptions {
  connectTimeoutMs: number;
  /** Silence allowed while sending and waiting for the answer; restarts whenever the printer reads more. */
  answerTimeoutMs: number;
  /** Ask `DLE EOT 1/2/4` before sending, so a printer without paper gets nothing (default true). */
  checkStatusFirst?: boolean;
  /** Aborted by the caller's overall time limit (print-pipeline.ts PRINT_RETRY.sendLimitMs): the connection is cut off. */
  signal?: AbortSignal;
  /** Called right before the first byte of the job is written: from here on, "printing" is true. */
  onPayload?: () => void;
}

const CUT_OFF = 'cut off by the time limit of one send';

const MAY_HAVE_PRINTED = 'the ticket may have partly printed';

const FULL_QUERY = Buffer.concat([DLE_EOT_PRINTER, DLE_EOT_OFFLINE_CAUSE, DLE_EOT_PAPER_SENSOR]);
const CAUSE_QUERY = Buffer.concat([DLE_EOT_OFFLINE_CAUSE, DLE_EOT_PAPER_SENSOR]);

/** Collects real-time status bytes, in the order they were asked for. */
class RealtimeAnswers {
  readonly received: number[] = [];

  constructor(
    private readonly session: PrinterSession,
    private readonly expected: number,
  ) {}

  /** For waitFor: all expected answers, once they are in. */
  readonly complete = (): number[] | undefined => {
    for (let byte = this.session.takeByte(isRealtimeStatusByte); byte !== undefined; byte = this.session.takeByte(isRealtimeStatusByte)) {
      this.received.push(byte);
    }
    return this.received.length >= this.expected ? this.received.slice(0, this.expected) : undefined;
  };
}

const QUERY_LENGTH = DLE_EOT_PRINTER.length;

/** `DLE EOT 1, 2, 4` on an open session: what the printer says about itself right now. */
export async function readCondition(session: PrinterSession, timeoutMs: number): Promise<WaitResult<PrinterCondition>> {
  session.writeQuery(FULL_QUERY);
  const answers = new RealtimeAnswers(session, FULL_QUERY.length / QUERY_LENGTH);
  const result = await session.waitFor(answers.complete, timeoutMs, false);
  if (result.kind === 'closed') return result;
  // Some printers answer DLE EOT 1 and 2 but not 4: what they did answer is still worth using.
  const bytes = result.kind === 'found' ? result.value : answers.received;
  if (bytes.length === 0) return { kind: 'timeout' };
  const [printer, offlineCause, paperSensor] = bytes;
  return { kind: 'found', value: readRealtimeStatus({ printer, offlineCause, paperSensor }) };
}

function sentAmount(bytesSent: number, total: number): SentAmount {
  if (bytesSent === 0) return false;
  return bytesSent >= total ? 'all' : 'partial';
}

function success(bytesSent: number, paperNearEnd: boolean): PrintOutcome {
  return { ok: true, printedAt: new Date().toISOString(), bytesSent, confirmedBy: 'printer', paperNearEnd };
}

/**
 * Sends a job and waits until the printer confirms it: the bytes, then `GS r 1`, whose answer
 * comes only after the printer has processed everything before it. See docs/printing.md for
 * which failures are safe to retry. `open` connects (its own time limit is the caller's).
 */
export async function sendConfirmed(open: () => Promise<OpenResult>, bytes: Buffer, options: ConfirmedSendOptions): Promise<PrintOutcome> {
  const opened = await open();
  if (!opened.ok) {
    return opened.error === 'timeout'
      ? printFailure('timeout', false, 0, opened.detail, PRINTING_ERRORS.CONNECTION_FAILED)
      : printFailure('refused', false, 0, opened.detail, PRINTING_ERRORS.CONNECTION_FAILED);
  }
  const session = opened.session;
  const abort = () => session.abort(CUT_OFF);
  if (options.signal?.aborted) abort();
  options.signal?.addEventListener('abort', abort, { once: true });
  try {
    if (!session.readsAnswers) {
      options.onPayload?.();
      return await sendUnconfirmed(session, bytes, options.answerTimeoutMs);
    }
    if (options.checkStatusFirst !== false) {
      const refusal = await checkBeforeSending(session, options.answerTimeoutMs);
      if (refusal) return refusal;
    }
    options.onPayload?.();
    return await sendAndConfirm(session, bytes, options.answerTimeoutMs);
  } finally {
    options.signal?.removeEventListener('abort', abort);
    session.destroy();
  }
}

async function checkBeforeSending(session: PrinterSession, timeoutMs: number): Promise<PrintOutcome | undefined> {
  const status = await readCondition(session, timeoutMs);
  session.discardReceived();
  if (status.kind === 'timeout') return printFailure('timeout', false, 0, 'no answer to the status query, nothing was sent');
  if (status.kind === 'closed' && session.aborted) return printFailure('timeout', false, 0, `no answer to the status query (${CUT_OFF}), nothing was sent`, PRINTING_ERRORS.SEND_TIME_LIMIT);
  if (status.kind === 'closed') return printFailure('refused', false, 0, `${status.detail} before anything was sent`);
  if (status.value.coverOpen) return printFailure('coverOpen', false, 0, 'nothing was sent');
  if (status.value.paperOut) return printFailure('paperOut', false, 0, 'nothing was sent');
  // Offline for another reason (an error waiting for recovery): a job sent now would sit in the
  // printer's buffer while the board said "printing". It waits instead, and is sent once the
  // printer is back online (issue 20).
  if (!status.value.online) return printFailure('offline', false, 0, 'nothing was sent');
  return undefined;
}

async function sendAndConfirm(session: PrinterSession, bytes: Buffer, timeoutMs: number): Promise<PrintOutcome> {
  session.writePayload(Buffer.concat([bytes, GS_R_PAPER_STATUS]));
  const answer = await session.waitFor(() => session.takeByte(isPaperStatusByte), timeoutMs, true);
  const bytesSent = Math.min(session.flushedBytes, bytes.length);
  const sent = sentAmount(bytesSent, bytes.length);
  // The printer answers GS r 1 only after reading everything before it: the whole job arrived.
  if (answer.kind === 'found') return paperAnswer(answer.value, bytes.length);
  if (answer.kind === 'closed') {
    if (sent === false && session.aborted) return printFailure('timeout', false, 0, `the printer read nothing (${CUT_OFF})`, PRINTING_ERRORS.SEND_TIME_LIMIT);
    return sent === false
      ? printFailure('refused', false, 0, `${answer.detail} before anything was sent`)
      : printFailure('partlySent', sent, bytesSent, answer.detail);
  }
  if (sent === 'all') return explainSilence(session, bytesSent, timeoutMs);
  return printFailure(
    'timeout',
    sent,
    bytesSent,
    sent === false ? 'the printer read nothing' : `only ${bytesSent} of ${bytes.length} bytes left this PC; ${MAY_HAVE_PRINTED}`,
  );
}

function paperAnswer(byte: number, bytesSent: number): PrintOutcome {
  const paper = readPaperStatus(byte);
  if (paper.paperOut) return printFailure('paperOut', 'all', bytesSent, `after the job was sent; ${MAY_HAVE_PRINTED}`);
  return success(bytesSent, paper.paperNearEnd);
}

/**
 * Everything was sent but `GS r 1` got no answer. Real printers stop processing when paper runs
 * out or the cover opens, but still answer real-time `DLE EOT`: ask why. A late `GS r` answer
 * arriving meanwhile still counts.
 */
async function explainSilence(session: PrinterSession, bytesSent: number, timeoutMs: number): Promise<PrintOutcome> {
  session.writeQuery(CAUSE_QUERY);
  const causes = new RealtimeAnswers(session, CAUSE_QUERY.length / QUERY_LENGTH);
  const result = await session.waitFor<{ late: number } | { causes: number[] }>(() => {
    const late = session.takeByte(isPaperStatusByte);
    if (late !== undefined) return { late };
    const answers = causes.complete();
    return answers ? { causes: answers } : undefined;
  }, timeoutMs, false);
  if (result.kind === 'found') {
    if ('late' in result.value) return paperAnswer(result.value.late, bytesSent);
    const [offlineCause, paperSensor] = result.value.causes;
    const condition = readRealtimeStatus({ offlineCause, paperSensor });
    if (condition.coverOpen) return printFailure('coverOpen', 'all', bytesSent, `after the job was sent; ${MAY_HAVE_PRINTED}`);
    if (condition.paperOut) return printFailure('paperOut', 'all', bytesSent, `after the job was sent; ${MAY_HAVE_PRINTED}`);
  }
  return printFailure('timeout', 'all', bytesSent, `the job was sent but the printer never confirmed it; ${MAY_HAVE_PRINTED}`);
}

/**
 * A line that carries nothing back: the job is done when the port (or the USB stack) took every
 * byte — `confirmedBy: 'device'`, which the print log shows as not confirmed by the printer.
 */
async function sendUnconfirmed(session: PrinterSession, bytes: Buffer, timeoutMs: number): Promise<PrintOutcome> {
  session.writePayload(bytes);
  const flushed = await session.waitFor(() => (session.flushedBytes >= bytes.length ? true : undefined), timeoutMs, true);
  const bytesSent = Math.min(session.flushedBytes, bytes.length);
  if (flushed.kind === 'found') return { ok: true, printedAt: new Date().toISOString(), bytesSent, confirmedBy: 'device', paperNearEnd: false };
  const sent = sentAmount(bytesSent, bytes.length);
  if (sent === false) return printFailure(flushed.kind === 'closed' ? 'refused' : 'timeout', false, 0, 'the port took nothing');
  return printFailure('partlySent', sent === 'all' ? 'all' : 'partial', bytesSent, `only ${bytesSent} of ${bytes.length} bytes left this PC; ${MAY_HAVE_PRINTED}`);
}
