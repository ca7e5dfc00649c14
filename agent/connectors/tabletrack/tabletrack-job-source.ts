import type { PrintJob } from '../../../common/print-job.js';
import type { CacheDb } from '../../cache/cache-db.js';
import type { Outbox } from '../../outbox/outbox.js';
import { journaledJobSource, type JobOutcome, type JobSource, type JobSources } from '../../pipeline/job-source.js';
import { isoNow, type Clock } from '../../../common/clock.js';
import { TABLETRACK_ID_PREFIX } from './tabletrack-card.js';
import { TABLETRACK_REPORT_KIND, type TableTrackReportBody } from './tabletrack-outbox.js';

/** TableTrack's own id of a cached job (`tabletrack:17` → 17); undefined for any other id. */
export function sourceJobIdOf(jobId: string): number | undefined {
  if (!jobId.startsWith(TABLETRACK_ID_PREFIX)) return undefined;
  const rest = jobId.slice(TABLETRACK_ID_PREFIX.length);
  return /^\d{1,15}$/.test(rest) ? Number(rest) : undefined;
}

/** The job as its outcome leaves it: what the print log shows, and what a re-offer is answered with. */
function withOutcome(job: PrintJob, outcome: JobOutcome, at: string): PrintJob {
  const base = { ...job, status: outcome.status, updatedAt: at, version: job.version + 1 };
  return outcome.status === 'done' ? { ...base, printedAt: outcome.printedAt } : { ...base, error: outcome.error };
}

export interface TableTrackJobSourceDeps {
  cache: CacheDb;
  outbox: Outbox;
  clock: Clock;
}

/**
 * TableTrack's jobs as the print pipeline sees them: the pull was the claim and the journal holds
 * them (journaledJobSource: nothing to ask, nothing to renew); the outcome — the job's final state
 * and the report `PATCH /api/print-jobs/{id}` — is written in one transaction with the pipeline's
 * local state, and the outbox delivers the report (offline-safe). `done` only ever comes after the
 * printer answered GS r 1: the pipeline reports nothing else as done.
 */
export function tableTrackJobSources(deps: TableTrackJobSourceDeps): JobSources {
  const { cache, outbox, clock } = deps;
  const source: JobSource = journaledJobSource((job, outcome, printer, alongside) => {
    const sourceJobId = sourceJobIdOf(job.id);
    const at = isoNow(clock);
    const finish = () => {
      alongside();
      cache.putJob(withOutcome(cache.getJob(job.id)?.job ?? job, outcome, at));
    };
    if (sourceJobId === undefined) {
      cache.transaction(finish);
      return;
    }
    const body: TableTrackReportBody =
      outcome.status === 'done'
        ? { sourceJobId, status: 'done', printed_at: outcome.printedAt, printer: printer?.name ?? job.printerId ?? 'unknown' }
        : { sourceJobId, status: 'failed', printed_at: at, error: outcome.error, printer: printer?.name ?? job.printerId ?? 'unknown' };
    outbox.enqueue(TABLETRACK_REPORT_KIND, job.id, body, finish);
  });
  return {
    of: () => source,
    /**
     * TableTrack has nothing to list (its pending jobs become ours only by pulling them). What the
     * periodic scan gets instead are this agent's journaled jobs still waiting (`claimed`), so one
     * whose printer was missing or down is picked up again without a restart.
     */
    pending: async (station) =>
      cache
        .jobsInLocalState('claimed')
        .map((cached) => cached.job)
        .filter((job) => job.station === station && job.id.startsWith(TABLETRACK_ID_PREFIX)),
  };
}
