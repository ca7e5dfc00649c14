import type { ErrorBody } from './errors.js';

/**
 * What Test connection and the printer map show for a source other than TicketRail's backend
 * (connector `tabletrack`, agent/connectors/). Plain data: the renderer imports it as types only.
 */

/** A printer the source knows (TableTrack's `GET /api/printer-details`), to map to a local printer. */
export interface SourcePrinter {
  /** The source's id as its jobs name it (the key of `tabletrack.printerMap`). */
  id: string;
  name: string;
  /** TableTrack's `type` (`network`, `windows`, …) and paper (`thermal80mm`), shown beside the picker. */
  type?: string;
  format?: string;
}

/** What a TableTrack install answered Test connection with. */
export interface TableTrackFound {
  /** TableTrack's own message (`Connection established`). */
  message: string;
  pusherEnabled: boolean;
  /** The Pusher app key, cluster, channel and event test-connection named (with Pusher on). */
  pusher?: { key: string; cluster: string; channel: string; event: string };
  /** The Pusher host the agent connects to: the settings' override, or the cluster's. */
  pusherHost?: string;
  printers: SourcePrinter[];
  /** Why the printers could not be listed, when test-connection itself answered. */
  printersError?: string;
}

/** `tabletrackPrinters`: TableTrack's printers, or why they could not be listed (a wrong key: on the key field). */
export type SourcePrintersResult = { ok: true; printers: SourcePrinter[] } | { ok: false; error: ErrorBody };
