import { EventEmitter } from 'node:events';
import { EVENT_TYPES, type TicketEvent } from '../../../common/events.js';
import { exhaustive } from '../../../common/exhaustive.js';
import type { ConnectionState } from '../../../common/kitchen-api.js';
import type { AgentSettings } from '../../../common/settings.js';
import type { BackendClient } from './backend-client.js';
import type { CacheDb } from '../../cache/cache-db.js';
import type { Outbox } from '../../outbox/outbox.js';
import type { JobSources } from '../../pipeline/job-source.js';
import type { AgentLogger } from '../../ports.js';
import { isFreshNotice, noticeOf } from './notices.js';
import type { FrontOfHouseCache } from './front-of-house/front-of-house-cache.js';
import type { AppliedChanges } from './sync/event-applier.js';
import { SyncSupervisor } from './sync/sync-supervisor.js';
import type { Clock } from '../../../common/clock.js';
import type { Connector, ConnectorAlert, ConnectorChanges, ConnectorEvents } from '../types.js';
import { ticketRailJobSources } from './ticketrail-job-source.js';

/**
 * A run of applied TicketRail events as the composition root needs it: what to redraw, print and
 * announce. Counter notices older than NOTICE_MAX_AGE_MS at `nowMs` are left out (a catch-up after
 * a night offline does not replay a day of gift card sales).
 */
export function changesOf(applied: AppliedChanges, nowMs: number): ConnectorChanges {
  const alerts: ConnectorAlert[] = [];
  for (const event of applied.events) {
    const alert = alertOf(event);
    if (!alert) continue;
    // A customer's cancel names its order's number: the board shows a notice after the card has left.
    const number = alert.alert === 'order.cancelled_by_customer' ? applied.orders.find((order) => order.id === alert.orderId)?.number : undefined;
    alerts.push(number !== undefined ? { ...alert, orderNumber: number } : alert);
  }
  const notices = applied.events.flatMap((event) => noticeOf(event) ?? []).filter((notice) => isFreshNotice(notice, nowMs));
  return { orderIds: applied.orders.map((order) => order.id), jobs: applied.jobs, alerts, ...(notices.length > 0 ? { notices } : {}) };
}

/** What the kitchen hears of an event: a sound and its card, or nothing. Every type says which. */
function alertOf(event: TicketEvent): ConnectorAlert | undefined {
  switch (event.type) {
    case EVENT_TYPES.orderSubmitted:
      return { alert: 'order.submitted', orderId: event.orderId };
    case EVENT_TYPES.orderStatusChanged:
      if (event.to !== 'cancelled') return undefined;
      return { alert: event.actor.type === 'customer' ? 'order.cancelled_by_customer' : 'order.cancelled', orderId: event.orderId };
    // The second sound: staff have a receipt to look at (the board plays it once per order).
    case EVENT_TYPES.paymentReceiptUploaded:
      return { alert: 'payment.receipt_uploaded', orderId: event.orderId };
    // No sound for the rest: a station bump, for one, is made by staff looking at a board.
    case EVENT_TYPES.printJobCreated:
    case EVENT_TYPES.printJobUpdated:
    case EVENT_TYPES.paymentRequested:
    case EVENT_TYPES.paymentVerified:
    case EVENT_TYPES.paymentRejected:
    case EVENT_TYPES.courierTrackingUpdated:
    case EVENT_TYPES.orderClosed:
    case EVENT_TYPES.orderStationReady:
    case EVENT_TYPES.orderStationRecalled:
    case EVENT_TYPES.giftCardPurchased:
    case EVENT_TYPES.giftCardRedeemed:
    case EVENT_TYPES.giftCardVoided:
    case EVENT_TYPES.loyaltyUpdated:
      return undefined;
    default:
      return exhaustive(event, 'event type');
  }
}

export interface TicketRailConnectorDeps {
  cache: CacheDb;
  backend: BackendClient;
  outbox: Outbox;
  frontOfHouse: FrontOfHouseCache;
  settings: () => AgentSettings;
  logger: AgentLogger;
  clock: Clock;
  /** The lease asked for with each claim and renewal (PRINT_RETRY.leaseMs). */
  leaseMs: number;
}

/**
 * The `ticketrail` connector: TicketRail's own backend, as the agent always served it — the sync
 * supervisor (event log, realtime on the channels /api/agent/config names) and jobs claimed with a
 * lease (ticketrail-job-source.ts).
 */
export class TicketRailConnector extends EventEmitter<ConnectorEvents> implements Connector {
  readonly id = 'ticketrail';
  readonly sync: SyncSupervisor;
  readonly jobSources: JobSources;

  constructor(deps: TicketRailConnectorDeps) {
    super();
    const { cache, backend, outbox, settings, logger, clock, leaseMs, frontOfHouse } = deps;
    this.sync = new SyncSupervisor({ cache, backend, logger, clock, settings, frontOfHouse });
    this.jobSources = ticketRailJobSources({ backend, outbox, cache, agentId: () => settings().agentId, leaseMs, clock });
    this.sync.on('changes', (applied) => {
      if (applied.events.length > 0) this.emit('changes', changesOf(applied, clock.now()));
    });
    this.sync.on('connection', (connection) => this.emit('connection', connection));
  }

  get connection(): ConnectionState {
    return this.sync.connection;
  }

  start(): void {
    this.sync.start();
  }

  settingsChanged(): Promise<void> {
    return this.sync.settingsChanged();
  }

  idle(): Promise<void> {
    return this.sync.idle();
  }

  stop(): Promise<void> {
    return this.sync.stop();
  }
}
