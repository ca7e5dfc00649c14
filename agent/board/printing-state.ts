import type { PrintingState, UnprintedTicket, PrinterProblem } from '../../common/printer-trouble.js';
import type { PrinterSettings } from '../../common/settings.js';
import type { CacheDb, CachedJob } from '../cache/cache-db.js';
import type { PrinterWatch } from '../pipeline/printer-watch.js';

/**
 * The print side of the board (issue 20): printers in trouble, and every ticket of a card on the
 * rail that has not printed — waiting for a printer, or failed — so the card, the header and the
 * banner area can say so where staff look. Built from the pipeline's watch and the journal.
 */
export interface PrintingSource {
  watch: Pick<PrinterWatch, 'printers' | 'attentionOf' | 'waitingJobs' | 'stageOf'>;
  printers: () => PrinterSettings[];
}

/** Failed jobs looked at: the print log's window; an older failure is no longer on a card anyway. */
const FAILED_LOOKBACK = 200;

/** The reason text a transport writes when bytes may have reached the printer (print-outcome.ts, confirmed-send.ts). */
const PARTLY_PRINTED = /may have partly printed/i;

function failedTickets(cache: CacheDb, recent: readonly CachedJob[], printerName: (id: string | undefined) => string | undefined): UnprintedTicket[] {
  // A failed ticket stops counting once a later ticket of its card and station printed (a reprint, Print elsewhere).
  const printedLater = new Set(recent.filter((cached) => cached.localState === 'printed' || cached.job.status === 'done').map((cached) => cached.job.reprintOf));
  const tickets: UnprintedTicket[] = [];
  for (const cached of recent) {
    if (cached.localState !== 'failed' || !cached.job.orderId || printedLater.has(cached.job.id)) continue;
    const { job } = cached;
    const laterDone = recent.some((other) => other.job.orderId === job.orderId && other.job.station === job.station && other.job.createdAt > job.createdAt && (other.localState === 'printed' || other.job.status === 'done'));
    if (laterDone) continue;
    const order = cache.getOrder(job.orderId as string)?.order;
    if (!order || !['submitted', 'accepted', 'ready'].includes(order.status)) continue;
    const reason = cached.localError ?? job.error ?? 'failed';
    const name = printerName(cached.printerId);
    tickets.push({
      jobId: job.id,
      orderId: job.orderId,
      state: 'failed',
      ...(cached.printerId ? { printerId: cached.printerId } : {}),
      ...(name ? { printerName: name } : {}),
      ...(problemOfReason(reason) ? { problem: problemOfReason(reason) } : {}),
      reason,
      mayHavePartlyPrinted: PARTLY_PRINTED.test(reason),
    });
  }
  return tickets;
}

/** A failed job's printer problem, read back from its reason (what PRINT_FAILURE_REASONS begin with). */
function problemOfReason(reason: string): PrinterProblem | undefined {
  if (reason.startsWith('printer is out of paper')) return 'paperOut';
  if (reason.startsWith('printer cover is open')) return 'coverOpen';
  if (reason.startsWith('printer is offline')) return 'offline';
  if (reason.startsWith('printer refused the connection')) return 'unreachable';
  return undefined;
}

export function printingState(cache: CacheDb, source: PrintingSource): PrintingState {
  const printers = source.printers();
  const nameOf = (id: string | undefined) => printers.find((printer) => printer.id === id)?.name;
  const waiting: UnprintedTicket[] = [];
  for (const jobId of source.watch.waitingJobs()) {
    const attention = source.watch.attentionOf(jobId);
    if (!attention) continue;
    const orderId = cache.getJob(jobId)?.job.orderId;
    const name = nameOf(attention.printerId);
    waiting.push({
      jobId,
      ...(orderId ? { orderId } : {}),
      state: 'needsAttention',
      printerId: attention.printerId,
      ...(name ? { printerName: name } : {}),
      problem: attention.problem,
      reason: attention.reason,
      mayHavePartlyPrinted: false,
    });
  }
  return {
    printers: source.watch.printers(),
    unprinted: [...waiting, ...failedTickets(cache, cache.recentJobs(FAILED_LOOKBACK), nameOf)],
    choices: printers.map((printer) => ({ printerId: printer.id, printerName: printer.name, stations: [...printer.stations] })),
  };
}
