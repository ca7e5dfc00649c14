import type { PrintJob } from '../../../common/print-job.js';
import type { CacheDb } from '../../cache/cache-db.js';
import { JOURNAL_LEASE, type JobOutcome, type JobSource, type JobSources } from '../../pipeline/job-source.js';
import { isoNow, type Clock } from '../../../common/clock.js';
import { mayPrint, PUSHER_APP_ID_PREFIX } from './pusher-app-journal.js';

/** The job as its outcome leaves it: what the print log shows. */
function withOutcome(job: PrintJob, outcome: JobOutcome, at: string): PrintJob {
  const base = { ...job, status: outcome.status, updatedAt: at, version: job.version + 1 };
  return outcome.status === 'done' ? { ...base, printedAt: outcome.printedAt } : { ...base, error: outcome.error };
}

const CANCELLED = 'the order was cancelled before its ticket printed';

/**
 * The app's tickets as the print pipeline sees them. The event was the claim and the journal holds
 * them: ours for as long as they are in it, nothing to renew — except that a station ticket of a
 * card the app cancelled is refused before any attempt (its slip is printed instead where the
 * ticket went out). The outcome goes nowhere remote (the app has no report endpoint): the job's
 * final state, written in one transaction with the pipeline's local state, is the record.
 */
export function pusherAppJobSources(cache: CacheDb, clock: Clock): JobSources {
  const source: JobSource = {
    claim: async (job) => (mayPrint(cache, job.id) ? { kind: 'claimed', job, leaseEndsBy: JOURNAL_LEASE } : { kind: 'refused', reason: CANCELLED }),
    renew: async (job) => (mayPrint(cache, job.id) ? { kind: 'renewed', endsBy: JOURNAL_LEASE } : { kind: 'lost', reason: CANCELLED }),
    report(job, outcome, _printer, alongside) {
      cache.transaction(() => {
        alongside();
        cache.putJob(withOutcome(cache.getJob(job.id)?.job ?? job, outcome, isoNow(clock)));
      });
    },
    order: async () => undefined,
  };
  return {
    of: () => source,
    /**
     * Nothing to ask the app for: what the periodic scan gets are the journaled tickets still
     * waiting (`claimed`), whatever station, so one whose printer was missing or down is picked
     * up again without a restart (the pipeline skips those it already holds).
     */
    pending: async () =>
      cache
        .jobsInLocalState('claimed')
        .map((cached) => cached.job)
        .filter((job) => job.id.startsWith(PUSHER_APP_ID_PREFIX)),
  };
}
