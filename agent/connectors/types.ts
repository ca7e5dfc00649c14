/**
 * The running part of a source of work (issue 10, docs/connectors.md); what a source declares is
 * its registry module (source-module.ts, registry.ts).
 *
 * A connector hands the agent cards (what the board shows) and print jobs (what the printers
 * print), and takes back outcomes. The cache, the outbox, the print pipeline and the board never
 * ask which connector they serve; everything that differs lives behind `Connector`:
 *
 * | step             | ticketrail (agent/sync, backend-client)              | tabletrack (agent/connectors/tabletrack)       |
 * |------------------|------------------------------------------------------|------------------------------------------------|
 * | testConnection   | GET /api/agent/config (stores the realtime values)   | GET /api/test-connection + /api/printer-details |
 * | realtime         | channels named by /api/agent/config, seq-ordered     | public print-jobs (doorbell), orders (status)  |
 * | catch-up / poll  | GET /api/events?after=seq + pending-job scan         | GET /api/print-jobs/pull-multiple (or pull)    |
 * | claim / renew    | POST …/claim with a lease, renewed per attempt       | the pull was the claim; journaled, no renewal  |
 * | report           | outbox → POST /api/print-jobs/:id/status             | outbox → PATCH /api/print-jobs/{id}            |
 * | board            | orders, with actions at the backend                  | source cards (the ticket), bumped locally      |
 *
 * The connector is chosen once per start (settings `connector`, `--connector`): each has its own
 * cache file (its module's `cacheFile`), so cached orders and jobs of two sources never mix. A change of connector in the
 * settings applies at the next start (the settings screen says so).
 */
import type { BoardNotice, ConnectionState } from '../../common/kitchen-api.js';
import type { PrintJob } from '../../common/print-job.js';
import type { ConnectorName } from '../../common/settings.js';
import type { JobSources } from '../pipeline/job-source.js';

/** What a connector wrote to the cache in one step; the composition root tells the board and the pipeline. */
export interface ConnectorChanges {
  /** Orders and cards written (new, moved, annotated): the board shows them again. */
  orderIds: string[];
  /** Jobs written: the print log shows them, the pipeline considers them. */
  jobs: PrintJob[];
  /** What the kitchen should hear about. */
  alerts: ConnectorAlert[];
  /** Gift card and loyalty news for the counter view (TicketRail only); shown while fresh (agent/board/notices.ts). */
  notices?: BoardNotice[];
}

export interface ConnectorAlert {
  alert: 'order.submitted' | 'order.cancelled' | 'order.cancelled_by_customer' | 'payment.receipt_uploaded';
  orderId: string;
  /** The order's number, when the board may no longer hold its card (a customer cancel's notice). */
  orderNumber?: string;
}

export interface ConnectorEvents {
  changes: [ConnectorChanges];
  connection: [ConnectionState];
}

/** A running source of work. One per agent, for the agent's whole run. */
export interface Connector {
  readonly id: ConnectorName;
  /** live / polling / offline, for the board's connection banner. */
  readonly connection: ConnectionState;
  /** Claim, renew, report and pending-work listing, as the print pipeline asks them. */
  readonly jobSources: JobSources;
  start(): void;
  /** Called on every settings change: reconnects when what the connection is built from changed. */
  settingsChanged(): Promise<void>;
  /** Resolves once queued sync work (and a reconnection under way) has finished. */
  idle(): Promise<void>;
  /** Stops for good: no timer, socket or request is left behind once it resolves. */
  stop(): Promise<void>;
  on<K extends keyof ConnectorEvents>(event: K, listener: (...args: ConnectorEvents[K]) => void): unknown;
}
