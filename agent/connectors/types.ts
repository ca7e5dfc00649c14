/**
 * DRAFT — not wired yet (issue 10). The seam between the agent and a source of work.
 *
 * One idea (DESIGN.md §5): a source hands the agent cards (what the board shows) and print jobs
 * (what the printers print), and takes back outcomes. The cache, the outbox, the print pipeline and
 * the board never ask which source they serve; everything that differs lives behind `Connector`.
 *
 * How today's code maps onto it (the `ticketrail` connector is that code moved behind the seam):
 *
 * | step            | ticketrail (agent/sync, backend-client, pipeline)   | tabletrack (agent/connectors/tabletrack)     |
 * |-----------------|-----------------------------------------------------|----------------------------------------------|
 * | testConnection  | GET /api/agent/config, /api/health                  | GET /api/test-connection (key on the field)  |
 * | realtimePlan    | private-orders, private-print-jobs; backend signs   | public print-jobs, orders; no auth           |
 * | interpret       | seq-ordered events → apply or catch up              | print-job.created → pull; order.updated → card |
 * | catchUp         | GET /api/events?after=seq + pending-job scan        | GET /api/print-jobs/pull-multiple (or pull)  |
 * | claim / renew   | POST …/claim with a lease, renewed per attempt      | the pull was the claim; nothing to renew     |
 * | report          | outbox → POST /api/print-jobs/:id/status            | outbox → PATCH /api/print-jobs/{id}          |
 * | board           | orders (RailOrder) with actions at the backend      | ticket cards, bumped locally                 |
 *
 * Exactly once: with a lease the backend stops a second agent; without one (`claimModel: 'pull'`)
 * the agent's journal — written before the first byte, `sending` before the send — is the only
 * thing between a crash and a second ticket (docs/connectors.md).
 */
import type { ErrorBody } from '../../common/errors.js';
import type { TicketPreview } from '../../common/kitchen-api.js';
import type { PrinterSettings } from '../../common/settings.js';

export const CONNECTOR_IDS = ['ticketrail', 'tabletrack'] as const;
export type ConnectorId = (typeof CONNECTOR_IDS)[number];

/** What "Test connection" shows; an error carries `details.issues[].path` for the field it belongs to. */
export type ConnectionCheck =
  | {
      ok: true;
      message: string;
      /** How realtime will run; undefined: the source has none, the agent polls. */
      realtime?: RealtimePlanSummary;
      /** Printers the source knows (TableTrack's printer-details), for mapping each to a local one. */
      sourcePrinters?: SourcePrinter[];
    }
  | { ok: false; error: ErrorBody };

export interface SourcePrinter {
  /** The source's id, as jobs name it. */
  sourceId: string;
  name: string;
  /** Paper as the source describes it (`thermal80mm`), shown beside the local-printer picker. */
  format?: string;
}

export type ChannelVisibility = 'public' | 'private' | 'presence';

export interface RealtimeSubscriptionPlan {
  channel: string;
  events: readonly string[];
  visibility: ChannelVisibility;
}

/** Connection settings for pusher-js; no secrets (a public key only). */
export interface RealtimePlanSummary {
  key: string;
  cluster?: string;
  host?: string;
  port?: number;
  useTLS: boolean;
  subscriptions: readonly RealtimeSubscriptionPlan[];
}

export interface RealtimePlan extends RealtimePlanSummary {
  /**
   * Signs a private or presence subscription (TicketRail: its backend's /api/pusher/auth).
   * Absent when every subscription is public (TableTrack): pusher-js then needs no authorizer.
   */
  authorize?(socketId: string, channel: string): Promise<{ auth: string; channel_data?: string }>;
}

/** What one realtime message means. A connector never applies anything itself inside pusher-js's handler. */
export type RealtimeSignal<TEvent = unknown> =
  /** Not for us, or unreadable: a missed doorbell at worst, the next catch-up covers it. */
  | { kind: 'ignore' }
  /** A doorbell without order: catch up now (TableTrack's print-job.created). */
  | { kind: 'catchUp' }
  /** A numbered event: apply it when seq is the next one, else catch up (TicketRail). */
  | { kind: 'ordered'; seq: number; event: TEvent }
  /** A hint for cards already shown (TableTrack's order.updated: order id and status). */
  | { kind: 'annotate'; annotation: CardAnnotation };

export interface CardAnnotation {
  orderSourceId: string;
  status?: string;
  updatedAt?: string;
}

/** A print job as the pipeline needs it, whatever the source. */
export interface SourceJob {
  /** Unique within its connector; the cache keys it as `${connector}:${sourceId}`, so two sources never mix. */
  sourceId: string;
  /** The source's printer; settings map it to a local printer, unmapped jobs go to the default one. */
  sourcePrinterId?: string;
  /** TicketRail routes by station; TableTrack by printer only. */
  station?: string;
  createdAt: string;
  /**
   * true when fetching it already made it this agent's (TableTrack's pull): it must be journaled
   * before the next thing happens, and there is no claim to ask for.
   */
  claimedByFetch: boolean;
}

/** One round of catch-up or poll. */
export interface CatchUpResult<TJob extends SourceJob> {
  /** Pending jobs to consider (TicketRail), or jobs already claimed by the fetch (TableTrack). */
  jobs: TJob[];
  /** Call again at once: more pages (TicketRail), or `pull` handing out one job at a time (TableTrack). */
  more: boolean;
  /** The source's own wish for the next poll (TableTrack's `X-Print-Poll-Ms`, bounded). */
  pollHintMs?: number;
}

export type ClaimOutcome =
  /** Ours; `leaseEndsBy` (this agent's clock) when the source grants a lease. */
  | { kind: 'claimed'; leaseEndsBy?: number }
  /** Not ours (another agent, gone): never print it here. */
  | { kind: 'lost'; reason: string }
  /** No answer: nothing may be sent unless the remaining lease covers an attempt. */
  | { kind: 'unreachable'; error: string };

/** The outcome to report; `printerName` is the local printer that printed (TableTrack stores it). */
export type JobOutcome =
  | { status: 'done'; printedAt: string; printerName: string }
  | { status: 'failed'; error: string; at: string; printerName?: string };

/** How a queued report went; the outbox retries `retry`, surfaces `refused` as a conflict. */
export type ReportDelivery = { kind: 'delivered' } | { kind: 'refused'; message: string } | { kind: 'retry'; error: string };

/**
 * A card for a source without an order model of its own (TableTrack): the ticket as it printed.
 * Sources with orders (TicketRail) keep showing `RailOrder`s.
 */
export interface TicketCard {
  /** `${connector}:${sourceId}`: unique on the board across sources. */
  key: string;
  connector: ConnectorId;
  sourceId: string;
  /** The ticket's first printed line (its header), or a fallback naming the job. */
  title: string;
  createdAt: string;
  /** The ticket decoded from its ESC/POS bytes, as the print log previews it. */
  lines: TicketPreview['lines'];
  printer?: { sourceId: string; name?: string };
  /** The source's order, when the job names one; status from the source's order events. */
  order?: { sourceId: string; status?: string; updatedAt?: string };
  /** Bumped by staff; local only where the source has no API for it. */
  bumped: boolean;
}

/**
 * A source of work. `TJob` is the connector's job (with whatever it needs to render and report);
 * `TEvent` what its realtime messages carry.
 */
export interface Connector<TJob extends SourceJob = SourceJob, TEvent = unknown> {
  readonly id: ConnectorId;
  /**
   * `lease`: claim() asks the source and renew() keeps the lease per attempt (TicketRail).
   * `pull`: fetching claimed it; claim() only confirms, renew() always says claimed (TableTrack).
   */
  readonly claimModel: 'lease' | 'pull';

  /** Reaches the source with the current settings; never throws (errors come back as data). */
  testConnection(): Promise<ConnectionCheck>;

  /** How to listen; undefined when the source has no realtime (or has it off): poll only. */
  realtimePlan(): Promise<RealtimePlan | undefined>;

  /** Reads one realtime message; must not throw (it runs inside pusher-js's socket handler). */
  interpret(channel: string, event: string, data: unknown): RealtimeSignal<TEvent>;

  /** Delay until the next poll: short without realtime, a safety net while live. */
  pollDelayMs(state: { live: boolean; hintMs?: number }): number;

  /** One round of catch-up (on start, on (re)subscribe, on a doorbell, on every poll). */
  catchUp(): Promise<CatchUpResult<TJob>>;

  claim(job: TJob): Promise<ClaimOutcome>;
  /** Before every send attempt after the first (lease sources); pull sources answer claimed. */
  renew(job: TJob): Promise<ClaimOutcome>;

  /** The bytes for the printer (TicketRail renders its tickets; TableTrack's bytes come ready, plus a cut). */
  render(job: TJob, printer: PrinterSettings): Promise<Buffer>;

  /** The report as the outbox stores it (plain JSON, so it survives a restart). */
  reportEntry(job: TJob, outcome: JobOutcome): { jobSourceId: string; body: unknown };
  /** Delivers one stored report. */
  deliver(entry: { jobSourceId: string; body: unknown }): Promise<ReportDelivery>;

  /** What the board shows for a job of a source without orders; undefined for order sources. */
  card?(job: TJob, bytes: Buffer): TicketCard;
}
