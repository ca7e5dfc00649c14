import type { AgentLogger } from '../../ports.js';
import { PusherChannels } from '../../util/pusher-channels.js';
import { OrderUpdatedSchema, PrintJobCreatedSchema, readRealtimeData, type OrderUpdated } from './tabletrack-events.js';
import { pusherJsOptions, type TableTrackRealtimePlan } from './tabletrack-realtime.js';

export interface TableTrackLinkHandlers {
  /** `print-job.created`: pull now (the event itself is never printed: the pull is the claim). */
  onDoorbell(): void;
  onOrderUpdated(update: OrderUpdated): void;
  /** A channel (re)subscribed: doorbells may have rung meanwhile, pull. */
  onSubscribed(channel: string): void;
  onStateChange(connected: boolean, detail: string): void;
}

/**
 * TableTrack's realtime as the desktop app listens to it: pusher-js on the PUBLIC channels that
 * test-connection names (`print-jobs` / `print-job.created`) and `orders` / `order.updated`, with
 * no channel authorization at all. It only rings: nothing here touches the cache.
 */
export class TableTrackLink {
  private readonly channels: PusherChannels;

  constructor(
    private readonly plan: TableTrackRealtimePlan,
    private readonly handlers: TableTrackLinkHandlers,
    private readonly logger: AgentLogger,
  ) {
    this.channels = new PusherChannels(
      {
        state: (current) => `TableTrack realtime ${current}`,
        connected: 'TableTrack realtime connected',
        refused: (channel, status) => `TableTrack realtime: subscription to ${channel} refused (${status ?? '?'})`,
      },
      handlers,
    );
  }

  /** Connected, and subscribed to both channels. */
  get connected(): boolean {
    return this.channels.connected;
  }

  start(): void {
    const { plan } = this;
    this.channels.start(plan.key, pusherJsOptions(plan), [
      { channel: plan.printJobs.channel, events: [plan.printJobs.event], on: (_event, data) => this.onPrintJobCreated(data) },
      { channel: plan.orders.channel, events: [plan.orders.event], on: (_event, data) => this.onOrderUpdated(data) },
    ]);
  }

  stop(): void {
    this.channels.stop();
  }

  /** Runs inside pusher-js's socket handler: never throws; an unreadable doorbell still rings (the pull is the truth). */
  private onPrintJobCreated(data: unknown): void {
    if (!readRealtimeData(PrintJobCreatedSchema, data)) this.logger.warn('a print-job.created message did not read as one; pulling anyway');
    this.handlers.onDoorbell();
  }

  private onOrderUpdated(data: unknown): void {
    const update = readRealtimeData(OrderUpdatedSchema, data);
    if (update) this.handlers.onOrderUpdated(update);
    else this.logger.warn('ignored an order.updated message that does not read as one');
  }
}
