import type { Order } from '../../../common/order.js';
import type { PrintJob } from '../../../common/print-job.js';
import type { PrinterSettings, TableTrackSettings } from '../../../common/settings.js';
import type { CacheDb, CachedJob } from '../../cache/cache-db.js';
import type { TableTrackReportBody } from './tabletrack-outbox.js';
import { payloadBytes } from './payload-bytes.js';
import { tableTrackCardOrder, tableTrackId } from './tabletrack-card.js';
import type { PulledJob } from './tabletrack-contract.js';

/** The station of a job whose printer has none to give (no local printer at all yet). */
export const TABLETRACK_FALLBACK_STATION = 'kitchen';

export interface TableTrackJournalDeps {
  cache: CacheDb;
  printers: () => PrinterSettings[];
  tabletrack: () => Pick<TableTrackSettings, 'printerMap'>;
  /** Queues a report again for a job TableTrack offers once more after this agent finished it. */
  reportAgain: (jobId: string, body: TableTrackReportBody) => void;
  /** ISO time now (the agent's clock). */
  now: () => string;
}

export type JournalResult =
  /** New: journaled `claimed` with its card, in one transaction; hand it to the pipeline now. */
  | { kind: 'journaled'; job: PrintJob; order: Order }
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

/**
 * Journals one job a pull handed out — TableTrack marked it `printing` as it answered, so this
 * agent is all that stands between it and a lost or doubled ticket (docs/connectors.md, exactly
 * once without a lease). A new job is written before anything else happens to it, in ONE SQLite
 * transaction: the raw PrintJob (its bytes: payload text → latin1/UTF-8 rule, plus the cut), its
 * local state `claimed` (nothing sent: after a crash the pipeline's recover() sends it), and its
 * card. A job the journal already holds is never printed again: finished here, its outcome is
 * reported again (TableTrack offered it after an admin reset it, or the first report was lost).
 */
export function journalPulledJob(deps: TableTrackJournalDeps, pulled: PulledJob): JournalResult {
  const { cache } = deps;
  const id = tableTrackId(pulled.id);
  const known = cache.getJob(id);
  if (known) {
    if (known.localState === 'printed' || known.localState === 'failed') {
      const printerName = deps.printers().find((printer) => printer.id === known.printerId)?.name ?? known.printerId ?? 'unknown';
      deps.reportAgain(id, reportOfFinished(known, pulled.id, printerName));
      return { kind: 'reportedAgain', jobId: id };
    }
    return { kind: 'inHand', jobId: id };
  }

  const printer = localPrinterFor(pulled, deps.printers(), deps.tabletrack().printerMap);
  const station = printer?.stations[0] ?? TABLETRACK_FALLBACK_STATION;
  const type = printer?.type ?? 'EPSON';
  const bytes = payloadBytes(pulled.payload, type);
  const now = deps.now();
  const job: PrintJob = {
    id,
    kind: 'raw',
    orderId: id,
    station,
    ...(printer ? { printerId: printer.id } : {}),
    copies: 1,
    payload: bytes.toString('base64'),
    // Pending here means "ours, not printed yet": TableTrack has it `printing` since the pull.
    status: 'pending',
    attempts: 0,
    createdAt: now,
    updatedAt: now,
    version: 1,
  };
  const order = tableTrackCardOrder({ job: pulled, bytes, printer: { type, station }, receivedAt: now });
  cache.transaction(() => {
    cache.putJob(job);
    cache.setJobLocal(id, 'claimed', printer?.id);
    cache.putOrder(order);
  });
  return { kind: 'journaled', job, order };
}
