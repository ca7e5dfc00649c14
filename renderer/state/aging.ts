import { timeOf } from './time.js';

export type AgingLevel = 'fresh' | 'amber' | 'red';

export interface AgingThresholds {
  amberAfterMin: number;
  redAfterMin: number;
}

export const DEFAULT_AGING: AgingThresholds = { amberAfterMin: 5, redAfterMin: 8 };

const MINUTE_MS = 60_000;

/**
 * How late an order is: amber from amberAfterMin minutes after it was created, red from redAfterMin.
 * An order whose creation time cannot be read stays fresh: its age is unknown, not infinite.
 */
export function agingLevel(createdAt: string, now: number, thresholds: AgingThresholds = DEFAULT_AGING): AgingLevel {
  const created = timeOf(createdAt);
  if (created === undefined) return 'fresh';
  const elapsed = now - created;
  if (elapsed >= thresholds.redAfterMin * MINUTE_MS) return 'red';
  if (elapsed >= thresholds.amberAfterMin * MINUTE_MS) return 'amber';
  return 'fresh';
}

/** Shown instead of a timer when the order's creation time cannot be read. */
const UNKNOWN_ELAPSED = '—';

/**
 * Elapsed time as m:ss (or h:mm:ss past an hour); clocks that drift ahead show 0:00, not negatives,
 * and an unreadable creation time shows —.
 */
export function formatElapsed(createdAt: string, now: number): string {
  const created = timeOf(createdAt);
  if (created === undefined) return UNKNOWN_ELAPSED;
  const totalSeconds = Math.max(0, Math.floor((now - created) / 1000));
  const hours = Math.floor(totalSeconds / 3600);
  const minutes = Math.floor((totalSeconds % 3600) / 60);
  const seconds = String(totalSeconds % 60).padStart(2, '0');
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, '0')}:${seconds}` : `${minutes}:${seconds}`;
}
