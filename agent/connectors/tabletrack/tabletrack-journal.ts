import type { Order } from '../../../common/order.js';
import type { PrintJob } from '../../../common/print-job.js';
import type { PrinterSettings, TableTrackSettings } from '../../../common/settings.js';
import type { CacheDb, CachedJob } from '../../cache/cache-db.js';
import type { TableTrackReportBody } from './tabletrack-outbox.js';
import type { TicketDecoder } from '../../decode/ticket-decoder.js';
import { payloadBytesVia } from './payload-bytes.js';
import { randomUUID } from 'node:crypto';
import type { RefusedJob } from './pull-answer.js';
import { TABLETRACK_PROBLEM_PREFIX, tableTrackCardOrder, tableTrackId, tableTrackProblemCard } from './tabletrack-card.js';
import type { PulledJob } from './tabletrack-contract.js';

/** The station of a job whose printer has none to give (no local printer at all yet). */
export const TABLETRACK_FALLBACK_STATION = 'kitchen';

export interface TableTrackJournalDeps {
  cache: CacheDb;
  /**
   * Queues the failed report of a refused job, with `alongside` (its journal rows) in the same
   * transaction (Outbox.enqueue with `alongside`).
   */
  reportRefused?: (jobId: string, body: TableTrackReportBody, alongside: () => void) => void;
  printers: () => PrinterSettings[];
  tabletrack: () => Pick<TableTrackSettings, 'printerMap'>;
  /** Queues a report again for a job TableTrack offers once more after this agent finished it. */
  reportAgain: (jobId: string, body: TableTrackReportBody) => void;
  /** ISO time now (the agent's clock). */
  now: () => string;
  /** Reads the ticket (the cut check, the card): in the worker when it is large. */
  decoder: Pick<TicketDecoder, 'endsWithCut' | 'ticketCard'>;
}

export type JournalResult =
  /** New: journaled `claimed` with its card, in one transaction; hand it to the pipeline now. */
  | { kind: 'journaled'; job: PrintJob; order: Order }
  /** Refused (pull-answer.ts): a problem card, and — with an id — the job journaled failed and reported so. */
  | { kind: 'refused'; order: Order; job?: PrintJob }
  /** Finished here before: never printed again, its outcome reported once more. */
  | { kind: 'reportedAgain'; jobId: string }
  /** Journaled and not finished (waiting for its printer, or being sent): the pipeline has it. */
  | { kind: 'inHand'; jobId: string };

/**
 * The local printer a TableTrack job goes to: the one its TableTrack printer is mapped to in the
 * settings, else the first local printer (undefined only while none is configured).
 */
export function localPrinterFor(job: Pick<PulledJob, 'printer_id' | 'printer'>, printers: readonly PrinterSettings[], printerMap: Readonly<Record<string, string>>): PrinterSettings | undefined {
  const sourcePrinterId = job.printer_id ?? job.printer?.id;
  const mapped = sourcePrinterId === undefined || sourcePrinterId === null ? undefined : printerMap[String(sourcePrinterId)];
  return (mapped ? printers.find((printer) => printer.id === mapped) : undefined) ?? printers[0];
}

/** The report a finished job was given, rebuilt from the journal: what TableTrack is told again. */
export function reportOfFinished(cached: CachedJob, sourceJobId: number, printerName: string): TableTrackReportBody {
  const { job } = cached;
  if (job.status === 'done' || cached.localState === 'printed') {
    return { sourceJobId, status: 'done', printed_at: job.printedAt ?? job.updatedAt, printer: printerName };
  }
  return { sourceJobId, status: 'failed', printed_at: job.updatedAt, error: job.error ?? cached.localError ?? 'failed on this agent', printer: printerName };
}

/** A TableTrack job as the journal keeps it: raw bytes (or none, when refused), one copy, for `printer`. */
function journalJob(
  id: string,
  station: string,
  printer: PrinterSettings | undefined,
  now: string,
  state: Pick<PrintJob, 'status'> & Partial<Pick<PrintJob, 'payload' | 'error'>>,
): PrintJob {
  return {
    id,
    kind: 'raw',
    orderId: id,
    station,
    ...(printer ? { printerId: printer.id } : {}),
    copies: 1,
    ...state,
    attempts: 0,
    createdAt: now,
    updatedAt: now,
    version: 1,
  };
}

/**
 * A job the journal already holds, offered again: never printed again. Finished here, its outcome
 * is reported once more (an admin reset it, or the first report was lost); else the pipeline has it.
 */
function answerKnown(deps: TableTrackJournalDeps, known: CachedJob, sourceJobId: number): JournalResult {
  const id = known.job.id;
  if (known.localState === 'printed' || known.localState === 'failed') {
    const printerName = deps.printers().find((printer) => printer.id === known.printerId)?.name ?? known.printerId ?? 'unknown';
    deps.reportAgain(id, reportOfFinished(known, sourceJobId, printerName));
    return { kind: 'reportedAgain', jobId: id };
  }
  return { kind: 'inHand', jobId: id };
}

/**
 * Journals one job a pull handed out — TableTrack marked it `printing` as it answered, so this
 * agent is all that stands between it and a lost or doubled ticket (docs/connectors.md, exactly
 * once without a lease). A new job is written before anything else happens to it, in ONE SQLite
 * transaction: the raw PrintJob (its bytes: payload text → latin1/UTF-8 rule, plus the cut), its
 * local state `claimed` (nothing sent: after a crash the pipeline's recover() sends it), and its
 * card. Reading the ticket for its bytes and card comes first (off the main thread when large). A job the journal already holds is never printed again: finished here, its outcome is
 * reported again (TableTrack offered it after an admin reset it, or the first report was lost).
 */
export async function journalPulledJob(deps: TableTrackJournalDeps, pulled: PulledJob): Promise<JournalResult> {
  const { cache } = deps;
  const id = tableTrackId(pulled.id);
  const known = cache.getJob(id);
  if (known) return answerKnown(deps, known, pulled.id);

  const printer = localPrinterFor(pulled, deps.printers(), deps.tabletrack().printerMap);
  const station = printer?.stations[0] ?? TABLETRACK_FALLBACK_STATION;
  const type = printer?.type ?? 'EPSON';
  // Decoded before the journal write (pulls never overlap, so nothing else journals this id meanwhile).
  const bytes = await payloadBytesVia(pulled.payload, type, (ticket, printerType) => deps.decoder.endsWithCut(ticket, printerType));
  const ticket = await deps.decoder.ticketCard(bytes, { printerType: type });
  const now = deps.now();
  // Pending here means "ours, not printed yet": TableTrack has it `printing` since the pull.
  const job = journalJob(id, station, printer, now, { payload: bytes.toString('base64'), status: 'pending' });
  const order = tableTrackCardOrder({ job: pulled, ticket, printer: { type, station }, receivedAt: now });
  cache.transaction(() => {
    cache.putJob(job);
    cache.setJobLocal(id, 'claimed', printer?.id);
    cache.putOrder(order);
  });
  return { kind: 'journaled', job, order };
}

/**
 * Records a job a pull handed out that this agent will not print (pull-answer.ts). With an id, in
 * ONE transaction: the job as `failed` with the reason (the print log shows it; a re-offer is
 * answered from it, never printed), its problem card, and its failed report in the outbox. Without
 * one, only the card: there is nothing to report it as, so it stays `printing` at TableTrack.
 */
export function journalRefusedJob(deps: TableTrackJournalDeps, refused: RefusedJob): JournalResult {
  const { cache } = deps;
  const now = deps.now();
  const printer = deps.printers()[0];
  const station = printer?.stations[0] ?? TABLETRACK_FALLBACK_STATION;
  if (refused.id === undefined) {
    const order = tableTrackProblemCard(refused, `${TABLETRACK_PROBLEM_PREFIX}${randomUUID()}`, station, now);
    cache.putOrder(order);
    return { kind: 'refused', order };
  }
  const id = tableTrackId(refused.id);
  const known = cache.getJob(id);
  if (known) return answerKnown(deps, known, refused.id);
  const job = journalJob(id, station, printer, now, { status: 'failed', error: refused.reason });
  const order = tableTrackProblemCard(refused, id, station, now);
  const write = () => {
    cache.putJob(job);
    cache.setJobLocal(id, 'failed', printer?.id, refused.reason);
    cache.putOrder(order);
  };
  const body: TableTrackReportBody = { sourceJobId: refused.id, status: 'failed', printed_at: now, error: refused.reason, printer: printer?.name ?? 'unknown' };
  if (deps.reportRefused) deps.reportRefused(id, body, write);
  else cache.transaction(write);
  return { kind: 'refused', order, job };
}
