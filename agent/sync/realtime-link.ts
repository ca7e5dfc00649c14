import PusherModule from 'pusher-js';
import type { ChannelAuthorizationCallback } from 'pusher-js';

// pusher-js ships CommonJS typed as an ES default export: under NodeNext the default import is the
// module object for the type checker but the class at run time. Accept both.
type PusherClass = typeof import('pusher-js').default;
const Pusher = ((PusherModule as unknown as { default?: PusherClass }).default ?? PusherModule) as PusherClass;
import type { AgentRealtimeConfig } from '../../common/agent-config.js';
import { EVENT_TYPES, EventSchema, type TicketEvent } from '../../common/events.js';
import type { BackendClient } from '../backend-client.js';
import type { AgentLogger } from '../ports.js';

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
    private readonly logger: AgentLogger,
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
          const event = this.readEvent(name, type, data);
          if (event) handlers.onEvent(event);
        });
      }
    }
  }

  /**
   * The event, or undefined for a message that is not one. This runs inside pusher-js's socket
   * handler, where a throw would take the whole agent down; a bad message is only a missed doorbell:
   * the next event's seq shows the gap and the catch-up fetches the truth from the backend.
   */
  private readEvent(channel: string, type: string, data: unknown): TicketEvent | undefined {
    let json: unknown = data;
    if (typeof data === 'string') {
      try {
        json = JSON.parse(data);
      } catch {
        // Not the data itself in the log: a real event carries customer names and phones.
        this.logger.warn('ignored a realtime message that is not JSON', { channel, event: type, length: data.length });
        return undefined;
      }
    }
    const parsed = EventSchema.safeParse(json);
    if (parsed.success) return parsed.data;
    this.logger.warn('ignored a realtime message that is not a TicketRail event', { channel, event: type, issues: parsed.error.issues.length });
    return undefined;
  }

  stop(): void {
    this.stopped = true;
    this.pusher?.disconnect();
    this.pusher = undefined;
    this.subscribed.clear();
  }
}
