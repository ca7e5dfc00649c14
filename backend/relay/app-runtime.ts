/**
 * Everything the relay holds for one app: its channels, signed-in users and webhook dispatcher,
 * plus the two server-side actions the HTTP API needs (publish, terminate).
 */
import type { Clock } from '../../common/clock.js';
import { channelKind, userIdOfServerToUserChannel } from './channel-names.js';
import { ChannelRegistry } from './channel-registry.js';
import type { RelayConnection } from './connection.js';
import { PROTOCOL_ERRORS } from './errors.js';
import { DEFAULT_CLIENT_EVENTS_PER_SECOND } from './limits.js';
import { encodeFrame } from './protocol.js';
import type { RelayApp, RelayLogger } from './types.js';
import { UserRegistry } from './user-registry.js';
import { WebhookDispatcher } from './webhooks/webhook-dispatcher.js';

export class AppRuntime {
  readonly users = new UserRegistry();
  readonly webhooks: WebhookDispatcher;
  readonly channels: ChannelRegistry;
  readonly clientEventsEnabled: boolean;
  readonly maxClientEventsPerSecond: number;

  constructor(
    readonly app: RelayApp,
    readonly activityTimeoutSec: number,
    /** The relay's cap, the same for every app. */
    readonly maxSubscriptionsPerConnection: number,
    logger: RelayLogger,
    /** The relay's clock: webhooks' times, connections' liveness and rate limits. */
    readonly clock: Clock,
  ) {
    this.webhooks = new WebhookDispatcher(app, logger, clock);
    this.channels = new ChannelRegistry(this.webhooks);
    this.clientEventsEnabled = app.clientEvents === true;
    this.maxClientEventsPerSecond = app.maxClientEventsPerSecond ?? DEFAULT_CLIENT_EVENTS_PER_SECOND;
  }

  /** Called once when a socket has closed: leaves its channels (firing presence/vacated events). */
  detach(connection: RelayConnection): void {
    this.channels.leaveAll(connection);
    this.users.signOut(connection);
  }

  /** Delivers a server event; `exceptSocketId` is the HTTP API's `socket_id` exclusion. */
  publish(channel: string, event: string, data: string, exceptSocketId?: string): void {
    const frame = encodeFrame({ event, channel, data });
    if (channelKind(channel) === 'server-to-user') {
      for (const connection of this.users.connectionsOf(userIdOfServerToUserChannel(channel))) {
        if (connection.socketId !== exceptSocketId) connection.send(frame);
      }
      return;
    }
    this.channels.get(channel)?.broadcast(frame, exceptSocketId);
  }

  terminateUser(userId: string): void {
    for (const connection of [...this.users.connectionsOf(userId)]) {
      connection.closeWith(PROTOCOL_ERRORS.RELAY_WS_ERR_USER_TERMINATED);
    }
  }

  close(): void {
    this.webhooks.close();
  }
}
