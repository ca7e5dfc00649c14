import type { Order } from '../../common/order.js';
import type { PrintJob } from '../../common/print-job.js';
import type { PrinterSettings } from '../../common/settings.js';

/**
 * Where a print job came from, as the print pipeline needs it: how it becomes this agent's (claim),
 * whether it still is before each attempt (renew), and where its outcome goes (report). The
 * pipeline's own rules — journal before the first byte, `sending` before the send, done only on the
 * printer's answer, never a blind re-send — are the same for every source (docs/connectors.md).
 */
export interface JobSource {
  /** Makes the job this agent's before anything is sent. */
  claim(job: PrintJob): Promise<ClaimAnswer>;
  /** Before every attempt but the first of a fresh claim: is the job still ours, and for how long. */
  renew(job: PrintJob): Promise<LeaseCheck>;
  /** Queues the outcome's report; `alongside` (the job's local state) runs in the same SQLite transaction. */
  report(job: PrintJob, outcome: JobOutcome, printer: PrinterSettings | undefined, alongside: () => void): void;
  /** The order a ticket job is rendered from, when the cache does not have it. */
  order(orderId: string): Promise<Order | undefined>;
}

/** The sources of one agent: which one a job belongs to, and the one that lists pending work. */
export interface JobSources {
  of(job: Pick<PrintJob, 'id'>): JobSource;
  /** Pending jobs of a station that nobody has claimed, for the periodic scan; [] for sources that push them. */
  pending(station: string): Promise<PrintJob[]>;
}

/** A lease for as long as the job is in the journal: sources whose fetch was the claim (TableTrack, ingest). */
export const JOURNAL_LEASE = Number.POSITIVE_INFINITY;

export type ClaimAnswer =
  /** Ours. `leaseEndsBy` (this agent's clock) can be counted on without a renewal; 0: renew before sending. */
  | { kind: 'claimed'; job: PrintJob; leaseEndsBy: number }
  /** Not ours (another agent has it, or it is gone): never print it here. */
  | { kind: 'refused'; reason: string }
  /** No answer: try again on the next scan. */
  | { kind: 'unreachable'; error: string };

export type LeaseCheck =
  | { kind: 'renewed'; endsBy: number; job?: PrintJob }
  | { kind: 'lost'; reason: string; code?: string }
  | { kind: 'unreachable'; error: string };

export type JobOutcome = { status: 'done'; printedAt: string } | { status: 'failed'; error: string };

/**
 * A job journaled by the source that fetched it (the fetch was the claim): it is ours for as long
 * as it is in the journal, there is nothing to renew, and `report` decides where outcomes go.
 */
export function journaledJobSource(report: JobSource['report']): JobSource {
  return {
    claim: async (job) => ({ kind: 'claimed', job, leaseEndsBy: JOURNAL_LEASE }),
    renew: async () => ({ kind: 'renewed', endsBy: JOURNAL_LEASE }),
    report,
    order: async () => undefined,
  };
}

/**
 * The primary source's jobs (the running connector's), plus jobs of other sources recognised by
 * their id's prefix (`ingest:…`): a POS printing into the agent runs beside whichever connector is
 * configured. The periodic scan asks all of them for pending work.
 */
export function withPrefixedSources(primary: JobSources, others: ReadonlyMap<string, JobSources>): JobSources {
  return {
    of(job) {
      for (const [prefix, sources] of others) if (job.id.startsWith(prefix)) return sources.of(job);
      return primary.of(job);
    },
    pending: async (station) => (await Promise.all([primary, ...others.values()].map((sources) => sources.pending(station)))).flat(),
  };
}
