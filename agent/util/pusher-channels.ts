import PusherModule from 'pusher-js';
import type { Options } from 'pusher-js';

// pusher-js ships CommonJS typed as an ES default export: under NodeNext the default import is the
// module object for the type checker but the class at run time. Accept both.
type PusherClass = typeof import('pusher-js').default;
const Pusher = ((PusherModule as unknown as { default?: PusherClass }).default ?? PusherModule) as PusherClass;

/** Where a Pusher-protocol server is: hosted Pusher (a cluster) or a relay of our own (host, port). */
export interface PusherEndpoint {
  cluster: string;
  host?: string;
  port?: number;
  useTLS: boolean;
}

/** pusher-js options for an endpoint: the WebSocket transport it names only, no stats sent anywhere. */
export function pusherEndpointOptions(endpoint: PusherEndpoint): Options {
  return {
    cluster: endpoint.cluster,
    ...(endpoint.host ? { wsHost: endpoint.host, httpHost: endpoint.host } : {}),
    ...(endpoint.port ? { wsPort: endpoint.port, wssPort: endpoint.port } : {}),
    forceTLS: endpoint.useTLS,
    enabledTransports: endpoint.useTLS ? ['wss'] : ['ws'],
    disableStats: true,
  };
}

/** One channel to subscribe to, the events to hear on it, and what to do with each. */
export interface ChannelBinding {
  channel: string;
  events: readonly string[];
  on(event: string, data: unknown): void;
}

export interface PusherChannelsHandlers {
  /** A channel (re)subscribed: events may have been missed since the last one. */
  onSubscribed(channel: string): void;
  onStateChange(connected: boolean, detail: string): void;
}

/** How a link names its state in the connection detail the board shows. */
export interface PusherChannelsWording {
  state(current: string): string;
  connected: string;
  refused(channel: string, status: number | undefined): string;
}

/**
 * pusher-js subscribed to a fixed set of channels, tracking whether it is connected and subscribed
 * to all of them. pusher-js may still fire timers after disconnect(): nothing reaches the handlers
 * after stop().
 */
export class PusherChannels {
  private pusher: InstanceType<PusherClass> | undefined;
  private readonly subscribed = new Set<string>();
  private channelCount = 0;
  private stopped = false;

  constructor(
    private readonly wording: PusherChannelsWording,
    private readonly handlers: PusherChannelsHandlers,
  ) {}

  /** Connected, and subscribed to every channel. */
  get connected(): boolean {
    return this.pusher?.connection.state === 'connected' && this.subscribed.size === this.channelCount;
  }

  start(key: string, options: Options, bindings: readonly ChannelBinding[]): void {
    const live = <A extends unknown[]>(fn: (...args: A) => void) => (...args: A) => {
      if (!this.stopped) fn(...args);
    };
    this.channelCount = bindings.length;
    this.pusher = new Pusher(key, options);
    this.pusher.connection.bind(
      'state_change',
      live(({ current }: { current: string }) => {
        if (current !== 'connected') this.subscribed.clear();
        this.handlers.onStateChange(this.connected, this.wording.state(current));
      }),
    );
    for (const binding of bindings) {
      const name = binding.channel;
      const channel = this.pusher.subscribe(name);
      channel.bind(
        'pusher:subscription_succeeded',
        live(() => {
          this.subscribed.add(name);
          this.handlers.onStateChange(this.connected, this.wording.connected);
          this.handlers.onSubscribed(name);
        }),
      );
      channel.bind(
        'pusher:subscription_error',
        live((error: { status?: number }) => {
          this.subscribed.delete(name);
          this.handlers.onStateChange(false, this.wording.refused(name, error.status));
        }),
      );
      for (const event of binding.events) channel.bind(event, live((data: unknown) => binding.on(event, data)));
    }
  }

  stop(): void {
    this.stopped = true;
    this.pusher?.disconnect();
    this.pusher = undefined;
    this.subscribed.clear();
  }
}
