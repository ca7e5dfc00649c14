import type { ChannelAuthorizationCallback } from 'pusher-js';
import type { AgentRealtimeConfig } from '../../../../common/agent-config.js';
import { EVENT_TYPES, EventSchema, type TicketEvent } from '../../../../common/events.js';
import type { BackendClient } from '../backend-client.js';
import type { AgentLogger } from '../../../ports.js';
import { PusherChannels, pusherEndpointOptions } from '../../../util/pusher-channels.js';

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
  private readonly channels: PusherChannels;

  constructor(
    private readonly config: AgentRealtimeConfig,
    private readonly backend: BackendClient,
    private readonly handlers: RealtimeLinkHandlers,
    private readonly logger: AgentLogger,
  ) {
    this.channels = new PusherChannels(
      {
        state: (current) => `realtime ${current}`,
        connected: 'realtime connected',
        refused: (channel, status) => `realtime subscription to ${channel} refused (${status ?? '?'})`,
      },
      handlers,
    );
  }

  get connected(): boolean {
    return this.channels.connected;
  }

  start(): void {
    const { config } = this;
    const options = {
      ...pusherEndpointOptions({ ...config, cluster: config.cluster ?? 'local' }),
      channelAuthorization: {
        customHandler: ({ socketId, channelName }: { socketId: string; channelName: string }, callback: ChannelAuthorizationCallback) => {
          this.backend
            .authorizeChannel(socketId, channelName)
            .then((data) => callback(null, data))
            .catch((error: unknown) => callback(error instanceof Error ? error : new Error(String(error)), null));
        },
      },
    };
    const onEvent = (channel: string) => (type: string, data: unknown) => {
      const event = this.readEvent(channel, type, data);
      if (event) this.handlers.onEvent(event);
    };
    this.channels.start(
      config.key,
      options,
      [config.channels.orders, config.channels.printJobs].map((channel) => ({ channel, events: SUBSCRIBED_EVENTS, on: onEvent(channel) })),
    );
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
    this.channels.stop();
  }
}
