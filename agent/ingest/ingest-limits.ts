import { INGEST_CONNECTION_LIMITS } from '../../common/settings.js';

/**
 * What one POS connection may do before the listener cuts it off. Both protect the agent (memory,
 * a flood of cards) from a misconfigured POS or a stray program; neither touches other connections.
 */
export interface IngestLimits {
  /** A job longer than this is cut off: its first bytes become a job marked `jobTooLarge`. */
  maxJobBytes: number;
  /** More jobs than this within `rateWindowMs` on one connection: the next one is marked `tooManyJobs`. */
  maxJobsPerWindow: number;
  rateWindowMs: number;
  /** No byte for this long ends the job in progress (POS drivers that never cut). */
  idleEndMs: number;
  /**
   * Open connections one listener holds; one more is reset at once. Settings: `maxConnections`. A
   * POS opens one per ticket or keeps one open; a few terminals need a handful.
   */
  maxConnections: number;
  /**
   * No byte at all (ticket or status poll) for this long closes the connection: POS drivers
   * reconnect, and idle sockets must not hold the places under `maxConnections`. So a flood of idle
   * sockets locks a real POS out for at most this. Settings: `idleCloseSeconds`.
   */
  idleCloseMs: number;
}

export const INGEST_LIMITS: Readonly<IngestLimits> = {
  maxJobBytes: 1024 * 1024,
  maxJobsPerWindow: 100,
  rateWindowMs: 60_000,
  idleEndMs: 2_000,
  maxConnections: INGEST_CONNECTION_LIMITS.defaultConnections,
  idleCloseMs: INGEST_CONNECTION_LIMITS.defaultIdleCloseSeconds * 1000,
};

export const LIMIT_REASONS = ['jobTooLarge', 'tooManyJobs'] as const;
export type LimitReason = (typeof LIMIT_REASONS)[number];

/** The warning a card and the log show for a job that was cut off. */
export function describeLimit(reason: LimitReason, limits: IngestLimits): string {
  if (reason === 'jobTooLarge') return `job larger than ${limits.maxJobBytes} bytes: cut off there, the connection was closed`;
  return `more than ${limits.maxJobsPerWindow} jobs in ${limits.rateWindowMs / 1000} s on one connection: cut off, the connection was closed`;
}
