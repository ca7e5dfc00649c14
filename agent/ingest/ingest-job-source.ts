import type { PrintJob } from '../../common/print-job.js';
import type { CacheDb } from '../cache/cache-db.js';
import { journaledJobSource, type JobOutcome, type JobSource } from '../pipeline/job-source.js';
import { isoNow, type Clock } from '../../common/clock.js';

/** The job as its outcome leaves it: what the print log shows, and what decides Reprint or Retry. */
function withOutcome(job: PrintJob, outcome: JobOutcome, at: string): PrintJob {
  const base = { ...job, status: outcome.status, updatedAt: at, version: job.version + 1 };
  return outcome.status === 'done' ? { ...base, printedAt: outcome.printedAt } : { ...base, error: outcome.error };
}

/**
 * Where the print pipeline takes jobs that forward a POS's ticket (`ingest:…`). They were
 * journaled by this agent when the POS sent them, so they are ours for as long as they are in the
 * journal (journaledJobSource). Their outcome goes nowhere remote: the pipeline's local state and
 * the job's final status, written in one transaction, are the record.
 */
export function ingestJobSource(cache: CacheDb, clock: Clock): JobSource {
  return journaledJobSource((job, outcome, _printer, alongside) => {
    cache.transaction(() => {
      alongside();
      const current = cache.getJob(job.id)?.job ?? job;
      cache.putJob(withOutcome(current, outcome, isoNow(clock)));
    });
  });
}
