import { useCallback, useMemo, useState } from 'react';
import type { KitchenApi } from '../../common/kitchen-api.js';
import type { PrintingState } from '../../common/printer-trouble.js';
import type { PrintProblems } from '../components/board/print-problem-context.js';
import { unprintedByOrder } from '../state/print-problems.js';

/**
 * The actions of the "Not printed" strips and the printer banner (issue 20): Retry, Print
 * elsewhere, and the unreachable printer's "send its waiting tickets there". Each goes to the agent
 * once per tap (the buttons of a job in flight are disabled); what changes comes back as updates.
 */
export function usePrintProblems(api: KitchenApi, printing: PrintingState, onError: (error: unknown) => void): PrintProblems & { moveWaiting(from: string, to: string): void } {
  const [busyJobs, setBusyJobs] = useState<ReadonlySet<string>>(new Set());
  const withBusy = useCallback(
    (jobId: string, work: () => Promise<unknown>) => {
      setBusyJobs((current) => new Set(current).add(jobId));
      void work()
        .catch(onError)
        .finally(() =>
          setBusyJobs((current) => {
            const next = new Set(current);
            next.delete(jobId);
            return next;
          }),
        );
    },
    [onError],
  );
  const retry = useCallback((jobId: string) => withBusy(jobId, () => api.retryPrint({ jobId })), [api, withBusy]);
  const printElsewhere = useCallback((jobId: string, printerId: string) => withBusy(jobId, () => api.printElsewhere({ jobId, printerId })), [api, withBusy]);
  const moveWaiting = useCallback((fromPrinterId: string, toPrinterId: string) => void api.moveWaitingJobs({ fromPrinterId, toPrinterId }).catch(onError), [api, onError]);
  const byOrder = useMemo(() => unprintedByOrder(printing), [printing]);
  return useMemo(() => ({ printing, byOrder, busyJobs, retry, printElsewhere, moveWaiting }), [printing, byOrder, busyJobs, retry, printElsewhere, moveWaiting]);
}
