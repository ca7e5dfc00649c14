import { describeError } from '../../describe-error.js';
import type { PrintJob } from '../../../common/print-job.js';
import { BackendHttpError, type BackendClient } from './backend-client.js';
import type { CacheDb } from '../../cache/cache-db.js';
import type { Outbox } from '../../outbox/outbox.js';
import type { JobSource, JobSources } from '../../pipeline/job-source.js';
import type { Clock } from '../../../common/clock.js';
import { TICKETRAIL_OUTBOX, type PrintJobReportBody } from './ticketrail-outbox.js';

/** The backend's word that a job is not this agent's (any more): never print it here. */
const isRefusal = (error: unknown): error is BackendHttpError =>
  error instanceof BackendHttpError && (error.status === 409 || error.status === 404);

/** Pending jobs one scan asks for per station; the next scan gets the rest. */
const PENDING_SCAN_LIMIT = 100;

export interface TicketRailJobSourceDeps {
  backend: BackendClient;
  outbox: Outbox;
  cache: CacheDb;
  agentId: () => string;
  /** The lease asked for with each claim and renewal (PRINT_RETRY.leaseMs). */
  leaseMs: number;
  clock: Clock;
}

/**
 * TicketRail's jobs: claimed at the backend with a lease, the lease renewed before every further
 * attempt, outcomes reported through the outbox (`POST /api/print-jobs/:id/status`).
 */
export function ticketRailJobSource(deps: TicketRailJobSourceDeps): JobSource {
  const { backend, outbox, cache, agentId, leaseMs, clock } = deps;
  return {
    /**
     * Claims the job, or confirms this agent still holds it after a restart. A fresh claim's lease
     * runs from when it was asked for; a recovered one's is not counted on (its length and the
     * backend's clock are unknown here): 0, so the first attempt renews it.
     */
    async claim(job) {
      try {
        const current = job.status === 'printing' || cache.getJob(job.id)?.localState === 'claimed' ? await backend.printJob(job.id) : job;
        const mine = current.status === 'printing' && current.claimedBy === agentId();
        const asked = clock.now();
        const claimed = mine ? current : await backend.claimPrintJob(job.id, agentId(), leaseMs);
        return { kind: 'claimed', job: claimed, leaseEndsBy: mine ? 0 : asked + leaseMs };
      } catch (error) {
        if (isRefusal(error)) return { kind: 'refused', reason: error.body.message };
        return { kind: 'unreachable', error: describeError(error) };
      }
    },

    /** The heartbeat: a refusal means the lease lapsed or another agent holds the job now. */
    async renew(job) {
      const asked = clock.now();
      try {
        const renewed = await backend.renewPrintJobLease(job.id, agentId());
        return { kind: 'renewed', endsBy: asked + leaseMs, job: renewed };
      } catch (error) {
        if (isRefusal(error)) return { kind: 'lost', reason: error.body.message, code: error.body.code };
        return { kind: 'unreachable', error: describeError(error) };
      }
    },

    report(job: PrintJob, outcome, _printer, alongside) {
      const input: PrintJobReportBody =
        outcome.status === 'done' ? { agentId: agentId(), status: 'done', printedAt: outcome.printedAt } : { agentId: agentId(), status: 'failed', error: outcome.error };
      outbox.enqueue(TICKETRAIL_OUTBOX.jobReport, job.id, input, alongside);
    },

    order: (orderId) => backend.order(orderId),
  };
}

/** TicketRail's backend as the agent's job sources: every job is its, pending ones are listed per station. */
export function ticketRailJobSources(deps: TicketRailJobSourceDeps): JobSources {
  const source = ticketRailJobSource(deps);
  return {
    of: () => source,
    pending: (station) => deps.backend.printJobs({ status: 'pending', station, limit: PENDING_SCAN_LIMIT }),
  };
}
