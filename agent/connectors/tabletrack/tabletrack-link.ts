import PusherModule from 'pusher-js';
import type { AgentLogger } from '../../ports.js';
import { OrderUpdatedSchema, PrintJobCreatedSchema, readRealtimeData, type OrderUpdated } from './tabletrack-events.js';
import { pusherJsOptions, type TableTrackRealtimePlan } from './tabletrack-realtime.js';

// pusher-js ships CommonJS typed as an ES default export: under NodeNext the default import is the
// module object for the type checker but the class at run time. Accept both.
type PusherClass = typeof import('pusher-js').default;
const Pusher = ((PusherModule as unknown as { default?: PusherClass }).default ?? PusherModule) as PusherClass;

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
  private pusher: InstanceType<PusherClass> | undefined;
  private readonly subscribed = new Set<string>();
  /** pusher-js may still fire timers after disconnect(); nothing reaches the runner after stop(). */
  private stopped = false;

  constructor(
    private readonly plan: TableTrackRealtimePlan,
    private readonly handlers: TableTrackLinkHandlers,
    private readonly logger: AgentLogger,
  ) {}

  /** Connected, and subscribed to both channels. */
  get connected(): boolean {
    return this.pusher?.connection.state === 'connected' && this.subscribed.size === 2;
  }

  start(): void {
    const { plan } = this;
    const live = <A extends unknown[]>(fn: (...args: A) => void) => (...args: A) => {
      if (!this.stopped) fn(...args);
    };
    this.pusher = new Pusher(plan.key, pusherJsOptions(plan));
    this.pusher.connection.bind(
      'state_change',
      live(({ current }: { current: string }) => {
        if (current !== 'connected') this.subscribed.clear();
        this.handlers.onStateChange(this.connected, `TableTrack realtime ${current}`);
      }),
    );
    const subscriptions = [
      { channel: plan.printJobs.channel, event: plan.printJobs.event, on: (data: unknown) => this.onPrintJobCreated(data) },
      { channel: plan.orders.channel, event: plan.orders.event, on: (data: unknown) => this.onOrderUpdated(data) },
    ];
    for (const { channel: name, event, on } of subscriptions) {
      const channel = this.pusher.subscribe(name);
      channel.bind(
        'pusher:subscription_succeeded',
        live(() => {
          this.subscribed.add(name);
          this.handlers.onStateChange(this.connected, 'TableTrack realtime connected');
          this.handlers.onSubscribed(name);
        }),
      );
      channel.bind(
        'pusher:subscription_error',
        live((error: { status?: number }) => {
          this.subscribed.delete(name);
          this.handlers.onStateChange(false, `TableTrack realtime: subscription to ${name} refused (${error.status ?? '?'})`);
        }),
      );
      channel.bind(event, live(on));
    }
  }

  stop(): void {
    this.stopped = true;
    this.pusher?.disconnect();
    this.pusher = undefined;
    this.subscribed.clear();
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
