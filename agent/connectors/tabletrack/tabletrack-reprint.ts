import { CodedError, ERRORS } from '../../../common/errors.js';
import type { PrintJob } from '../../../common/print-job.js';
import type { CacheDb } from '../../cache/cache-db.js';
import { TABLETRACK_ID_PREFIX } from './tabletrack-card.js';

/**
 * A person's reprint of a TableTrack job that failed (Retry or Print elsewhere on its card's strip,
 * Reprint in the print log, issue 20): a new local job with the journaled payload, on the same printer,
 * journaled `claimed` before its first byte like every job here. Its id (`tabletrack:17r1`) is not
 * one of TableTrack's, so its outcome is never reported (tabletrack-job-source.ts `sourceJobIdOf`):
 * TableTrack already has the original job's final status, and a second PATCH of that job would
 * overwrite it. TableTrack's raw bytes carry no "REPRINT" line: the agent cannot mark them.
 */
export function journalTableTrackReprint(cache: CacheDb, jobId: string, now: string): PrintJob {
  const cached = jobId.startsWith(TABLETRACK_ID_PREFIX) ? cache.getJob(jobId) : undefined;
  if (!cached) throw new CodedError(ERRORS.PRINT_JOB_NOT_FOUND, `print job ${jobId} is not known here`);
  // A printed one prints again from TableTrack (a new job there): this agent never prints a job it
  // printed twice. Only a ticket that never printed (failed, reported so) is printed again here.
  if (cached.localState !== 'failed' && cached.job.status !== 'failed') {
    throw new CodedError(ERRORS.PRINT_JOB_TRANSITION_INVALID, 'a printed TableTrack ticket prints again from TableTrack (a new print job there); this agent prints one again only when it failed', { jobId });
  }
  const { error: _error, printedAt: _printedAt, claimedBy: _claimedBy, leaseUntil: _leaseUntil, ...rest } = cached.job;
  if (!rest.payload) throw new CodedError(ERRORS.PRINT_JOB_TRANSITION_INVALID, `print job ${jobId} has no ticket kept here to print again`, { jobId });
  let n = 1;
  while (cache.getJob(`${jobId}r${n}`)) n += 1;
  const printerId = cached.printerId ?? rest.printerId;
  const reprint: PrintJob = {
    ...rest,
    id: `${jobId}r${n}`,
    ...(printerId ? { printerId } : {}),
    reprintOf: jobId,
    status: 'pending',
    attempts: 0,
    createdAt: now,
    updatedAt: now,
    version: 1,
  };
  cache.transaction(() => {
    cache.putJob(reprint);
    cache.setJobLocal(reprint.id, 'claimed', printerId);
  });
  return reprint;
}
