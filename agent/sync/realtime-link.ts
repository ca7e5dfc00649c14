import PusherModule from 'pusher-js';
import type { ChannelAuthorizationCallback } from 'pusher-js';

// pusher-js ships CommonJS typed as an ES default export: under NodeNext the default import is the
// module object for the type checker but the class at run time. Accept both.
type PusherClass = typeof import('pusher-js').default;
const Pusher = ((PusherModule as unknown as { default?: PusherClass }).default ?? PusherModule) as PusherClass;
import type { AgentRealtimeConfig } from '../../common/agent-config.js';
import { EVENT_TYPES, EventSchema, type TicketEvent } from '../../common/events.js';
import type { BackendClient } from '../backend-client.js';

export interface RealtimeLinkHandlers {
  onEvent(event: TicketEvent): void;
  /** A channel (re)subscribed: events may have been missed since the last one, catch up. */
  onSubscribed(channel: string): void;
  onStateChange(connected: boolean, detail: string): void;
}

const SUBSCRIBED_EVENTS = Object.values(EVENT_TYPES);

/**
 * The realtime doorbell: pusher-js subscribed to the orders and print-jobs channels through the
 * backend's auth endpoint. It never applies anything itself — it hands events (validated) to the
 * sync engine, which owns ordering and catch-up.
 */
export class RealtimeLink {
  private pusher: InstanceType<PusherClass> | undefined;
  private subscribed = new Set<string>();
  /** pusher-js may still fire timers after disconnect(); nothing reaches the engine after stop(). */
  private stopped = false;

  constructor(
    private readonly config: AgentRealtimeConfig,
    private readonly backend: BackendClient,
    private readonly handlers: RealtimeLinkHandlers,
  ) {}

  get connected(): boolean {
    return this.pusher?.connection.state === 'connected' && this.subscribed.size === 2;
  }

  start(): void {
    const { config } = this;
    const handlers: RealtimeLinkHandlers = {
      onEvent: (event) => !this.stopped && this.handlers.onEvent(event),
      onSubscribed: (channel) => !this.stopped && this.handlers.onSubscribed(channel),
      onStateChange: (connected, detail) => !this.stopped && this.handlers.onStateChange(connected, detail),
    };
    this.pusher = new Pusher(config.key, {
      cluster: config.cluster ?? 'local',
      ...(config.host ? { wsHost: config.host, httpHost: config.host } : {}),
      ...(config.port ? { wsPort: config.port, wssPort: config.port } : {}),
      forceTLS: config.useTLS,
      enabledTransports: config.useTLS ? ['wss'] : ['ws'],
      disableStats: true,
      channelAuthorization: {
        customHandler: ({ socketId, channelName }: { socketId: string; channelName: string }, callback: ChannelAuthorizationCallback) => {
          this.backend
            .authorizeChannel(socketId, channelName)
            .then((data) => callback(null, data))
            .catch((error: unknown) => callback(error instanceof Error ? error : new Error(String(error)), null));
        },
      },
    });
    this.pusher.connection.bind('state_change', ({ current }: { current: string }) => {
      if (current !== 'connected') this.subscribed.clear();
      handlers.onStateChange(this.connected, `realtime ${current}`);
    });
    for (const name of [this.config.channels.orders, this.config.channels.printJobs]) {
      const channel = this.pusher.subscribe(name);
      channel.bind('pusher:subscription_succeeded', () => {
        this.subscribed.add(name);
        handlers.onStateChange(this.connected, 'realtime connected');
        handlers.onSubscribed(name);
      });
      channel.bind('pusher:subscription_error', (error: { status?: number; error?: string }) => {
        this.subscribed.delete(name);
        handlers.onStateChange(false, `realtime subscription to ${name} refused (${error.status ?? '?'})`);
      });
      for (const type of SUBSCRIBED_EVENTS) {
        channel.bind(type, (data: unknown) => {
          const parsed = EventSchema.safeParse(typeof data === 'string' ? JSON.parse(data) : data);
          if (parsed.success) handlers.onEvent(parsed.data);
        });
      }
    }
  }

  stop(): void {
    this.stopped = true;
    this.pusher?.disconnect();
    this.pusher = undefined;
    this.subscribed.clear();
  }
}
