import { randomUUID } from 'node:crypto';
import type { Order } from '../../common/order.js';
import type { PrintJob } from '../../common/print-job.js';
import type { PrinterSettings } from '../../common/settings.js';
import type { CacheDb } from '../cache/cache-db.js';
import type { TicketCard } from '../cards/ticket-card.js';
import { INGEST_ID_PREFIX, ingestCardOrder } from './ingest-card-order.js';
import type { IngestJob } from './ingest-job.js';

export const newIngestId = (): string => `${INGEST_ID_PREFIX}${randomUUID()}`;

export interface JournaledIngestJob {
  order: Order;
  /** The raw job that takes the POS's bytes to the forward printer; absent when not forwarding. */
  forward?: PrintJob;
}

export interface IngestJournalEntry {
  job: IngestJob;
  card: TicketCard;
  /** The configured printer the bytes go on to, when the ingest printer forwards and the job is whole. */
  forwardTo?: PrinterSettings;
  /** Shown on the card, e.g. why a ticket that should have been forwarded was not. */
  note?: string;
}

/** A raw job with the POS's bytes as they came (status requests removed), for `printer`. */
function forwardJob(id: string, job: IngestJob, printer: PrinterSettings): PrintJob {
  return {
    id,
    kind: 'raw',
    orderId: id,
    station: job.station,
    printerId: printer.id,
    copies: 1,
    payload: job.bytes.toString('base64'),
    status: 'pending',
    attempts: 0,
    createdAt: job.receivedAt,
    updatedAt: job.receivedAt,
    version: 1,
  };
}

/**
 * Records a POS's ticket in the agent's cache — its card, and the job forwarding it, journaled
 * `claimed` — in ONE SQLite transaction: after a crash both are there or neither is, and a job
 * found `claimed` at start had nothing sent (the print pipeline's recover() sends it then).
 * Only after this returns may the POS see its write succeed.
 */
export function journalIngestJob(cache: CacheDb, entry: IngestJournalEntry): JournaledIngestJob {
  const id = newIngestId();
  const order = ingestCardOrder({ id, job: entry.job, card: entry.card, ...(entry.note ? { note: entry.note } : {}) });
  const forward = entry.forwardTo ? forwardJob(id, entry.job, entry.forwardTo) : undefined;
  cache.transaction(() => {
    cache.putOrder(order);
    if (forward && entry.forwardTo) {
      cache.putJob(forward);
      cache.setJobLocal(forward.id, 'claimed', entry.forwardTo.id);
    }
  });
  return forward ? { order, forward } : { order };
}

/**
 * A person's reprint of a forwarded ticket (from the print log): a new job with the same bytes and
 * printer, marked `reprintOf`, journaled `claimed` like the first. Nothing to ask anyone: ingest
 * jobs are this agent's own.
 */
export function journalIngestReprint(cache: CacheDb, original: PrintJob, printerId: string, now: string): PrintJob {
  const { error: _error, printedAt: _printedAt, claimedBy: _claimedBy, leaseUntil: _leaseUntil, ...rest } = original;
  const reprint: PrintJob = { ...rest, id: newIngestId(), reprintOf: original.id, status: 'pending', attempts: 0, createdAt: now, updatedAt: now, version: 1 };
  cache.transaction(() => {
    cache.putJob(reprint);
    cache.setJobLocal(reprint.id, 'claimed', printerId);
  });
  return reprint;
}
