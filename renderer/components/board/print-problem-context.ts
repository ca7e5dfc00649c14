import { createContext, useContext } from 'react';
import type { PrintingState, UnprintedTicket } from '../../../common/printer-trouble.js';
import { EMPTY_PRINTING_STATE } from '../../../common/printer-trouble.js';

/**
 * What a card needs for its "Not printed" strip, handed down past the rail and the memoised cards:
 * a change of the print side re-renders the strips only, never the cards' bodies.
 */
export interface PrintProblems {
  printing: PrintingState;
  byOrder: ReadonlyMap<string, readonly UnprintedTicket[]>;
  /** Jobs with a request in flight: their buttons are disabled so a double tap acts once. */
  busyJobs: ReadonlySet<string>;
  retry(jobId: string): void;
  printElsewhere(jobId: string, printerId: string): void;
}

const NONE: PrintProblems = { printing: EMPTY_PRINTING_STATE, byOrder: new Map(), busyJobs: new Set(), retry: () => undefined, printElsewhere: () => undefined };

export const PrintProblemsContext = createContext<PrintProblems>(NONE);

export function usePrintProblems(): PrintProblems {
  return useContext(PrintProblemsContext);
}
