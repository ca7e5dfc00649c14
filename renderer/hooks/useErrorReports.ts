import { useCallback, useState } from 'react';
import { toKitchenApiError, type KitchenApiError } from '../api/kitchen-api-error.js';

export interface ErrorReport {
  id: number;
  error: KitchenApiError;
}

const MAX_SHOWN = 4;
let nextId = 1;

/** Failed calls end here as visible messages, newest last, instead of as uncaught exceptions. */
export function useErrorReports(): { reports: ErrorReport[]; report: (error: unknown) => void; dismiss: (id: number) => void } {
  const [reports, setReports] = useState<ErrorReport[]>([]);
  const report = useCallback((error: unknown) => {
    const entry = { id: nextId++, error: toKitchenApiError(error) };
    setReports((current) => [...current, entry].slice(-MAX_SHOWN));
  }, []);
  const dismiss = useCallback((id: number) => setReports((current) => current.filter((entry) => entry.id !== id)), []);
  return { reports, report, dismiss };
}
