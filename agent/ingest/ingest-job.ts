import type { Dialect } from '../printing/escpos-commands.js';
import type { LimitReason } from './ingest-limits.js';

/** How a job's end was recognised. */
export const JOB_ENDS = ['cut', 'idle', 'close', 'limit'] as const;
export type JobEnd = (typeof JOB_ENDS)[number];

/** One ticket as a POS sent it to an ingest printer. */
export interface IngestJob {
  /** Unique per job (a UUID): the key to journal it under. */
  id: string;
  listenerName: string;
  station: string;
  /** The command set the listener was told the POS speaks; the ticket parser needs it. */
  printerType: Dialect;
  /**
   * The bytes exactly as the POS sent them, status requests (DLE EOT, GS r, GS I) removed: what
   * forwarding sends to the real printer. For a cut-off job, the bytes up to the cut-off.
   */
  bytes: Buffer;
  /** ISO time the job ended (its last byte, cut, idle end or close), by the listener's clock. */
  receivedAt: string;
  /** Per listener, from 1. */
  connectionId: number;
  endedBy: JobEnd;
  /** Set when the job was cut off by a limit; the connection was closed after it. */
  limit?: LimitReason;
  /** The limit's explanation, for the card and the log. */
  limitMessage?: string;
  /** True when bytes of the job were dropped (jobTooLarge): do not forward a truncated ticket. */
  truncated?: boolean;
}
