import PusherModule from 'pusher-js';
import type { DinerEvent, DinerSession } from '../common/diner.js';
import type { DinerApi } from './api.js';

// pusher-js ships CommonJS typed as an ES default export: under NodeNext the default import is the
// module object for the type checker but the class once bundled. Accept both (as agent/sync does).
type PusherClass = typeof import('pusher-js').default;
const Pusher = ((PusherModule as unknown as { default?: PusherClass }).default ?? PusherModule) as PusherClass;

/** live: the order's channel is subscribed; polling: it is not, the API answers; offline: nothing answers; closed: the order ended. */
export type FeedMode = 'live' | 'polling' | 'offline' | 'closed';

/** How often the page asks for events while its channel is down. */
export const POLL_INTERVAL_MS = 3_000;

export interface FeedHandlers {
  /** Something happened to the order since `lastSeq`: read it again. */
  onNews(): void;
  onMode(mode: FeedMode): void;
}

/**
 * The order's doorbell and mailbox, as the board's agent does it: pusher-js on
 * `private-order-{id}` (authorized with the customer token) rings; `GET /api/events?order=&after=`
 * delivers. An event is taken as is only when its seq follows the last one; otherwise, after every
 * (re)subscription, and every few seconds while the channel is down, the page catches up by seq.
 * After `order.closed` it unsubscribes, disconnects and stops polling: nothing more will happen.
 */
export class DinerFeed {
  private pusher: InstanceType<PusherClass> | undefined;
  private subscribed = false;
  private reachable = true;
  private closed = false;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private catchingUp: Promise<void> | undefined;
  private mode: FeedMode | undefined;

  constructor(
    private readonly api: DinerApi,
    private readonly session: DinerSession,
    private lastSeq: number,
    private readonly handlers: FeedHandlers,
  ) {}

  start(): void {
    const { realtime } = this.session;
    this.pusher = new Pusher(realtime.key, {
      cluster: realtime.cluster ?? 'local',
      ...(realtime.host ? { wsHost: realtime.host, httpHost: realtime.host } : {}),
      ...(realtime.port ? { wsPort: realtime.port, wssPort: realtime.port } : {}),
      forceTLS: realtime.useTLS,
      enabledTransports: realtime.useTLS ? ['wss'] : ['ws'],
      disableStats: true,
      channelAuthorization: { endpoint: realtime.authEndpoint, transport: 'ajax', headers: { Authorization: `Bearer ${this.api.token}` } },
    });
    this.pusher.connection.bind('state_change', ({ current }: { current: string }) => {
      if (current !== 'connected') this.subscribed = false;
      this.announce();
    });
    const channel = this.pusher.subscribe(this.session.channel);
    channel.bind('pusher:subscription_succeeded', () => {
      this.subscribed = true;
      this.announce();
      // Whatever happened while the channel was down (or before it was up) is fetched by seq.
      void this.catchUp();
    });
    channel.bind('pusher:subscription_error', () => {
      this.subscribed = false;
      this.announce();
    });
    channel.bind_global((name: string, data: unknown) => {
      if (!name.startsWith('pusher:')) this.onEvent(data as DinerEvent);
    });
    this.schedulePoll();
    this.announce();
  }

  /** Stops everything (the page is leaving, or the order ended). */
  stop(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    const pusher = this.pusher;
    this.pusher = undefined;
    if (pusher) {
      // Unsubscribe, then close the socket once pusher-js has written the unsubscribe: closing it in
      // the same tick had pusher-js write to a closing socket.
      if (pusher.connection.state === 'connected') pusher.unsubscribe(this.session.channel);
      setTimeout(() => pusher.disconnect(), 0);
    }
    this.subscribed = false;
  }

  /**
   * The doorbell. An order's seqs are not consecutive (the event log is shared by every order), so
   * a gap cannot be told from the seq: any event newer than the last one seen is fetched from the
   * mailbox with everything missed before it.
   */
  private onEvent(event: DinerEvent): void {
    if (this.closed || typeof event?.seq !== 'number' || event.seq <= this.lastSeq) return;
    void this.catchUp();
  }

  private catchUp(): Promise<void> {
    this.catchingUp ??= this.pull().finally(() => (this.catchingUp = undefined));
    return this.catchingUp;
  }

  private async pull(): Promise<void> {
    try {
      const page = await this.api.events(this.session.orderId, this.lastSeq);
      this.reachable = true;
      // The page names the order's newest seq: the view read on news is at least that new.
      const newer = page.lastSeq > this.lastSeq;
      this.lastSeq = Math.max(this.lastSeq, page.lastSeq);
      if (newer) this.handlers.onNews();
      if (page.events.some((event) => event.type === 'order.closed')) {
        this.close();
        return;
      }
    } catch {
      this.reachable = false;
    }
    this.announce();
  }

  /** The order ended (seen in the view or the events): stop listening for good. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.stop();
    this.announce();
  }

  private schedulePoll(): void {
    if (this.closed) return;
    this.timer = setTimeout(() => {
      const work = this.subscribed ? Promise.resolve() : this.catchUp();
      void work.finally(() => this.schedulePoll());
    }, POLL_INTERVAL_MS);
  }

  private announce(): void {
    const connected = this.pusher?.connection.state === 'connected';
    const mode: FeedMode = this.closed ? 'closed' : connected && this.subscribed ? 'live' : this.reachable ? 'polling' : 'offline';
    if (mode === this.mode) return;
    this.mode = mode;
    this.handlers.onMode(mode);
  }
}
