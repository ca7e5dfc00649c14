/** One occupied channel: its subscribers and, for presence channels, its members. */
import type { ChannelKind } from './channel-names.js';
import type { RelayConnection } from './connection.js';
import { PresenceMembers } from './presence-members.js';

export class RelayChannel {
  /** Keyed by socket id so `socket_id` exclusions and unsubscribes are O(1). */
  readonly subscribers = new Map<string, RelayConnection>();
  readonly presence: PresenceMembers | undefined;

  constructor(
    readonly name: string,
    readonly kind: ChannelKind,
  ) {
    this.presence = kind === 'presence' ? new PresenceMembers() : undefined;
  }

  get subscriptionCount(): number {
    return this.subscribers.size;
  }

  /** Sends one encoded frame to every subscriber but `exceptSocketId`. */
  broadcast(frame: string, exceptSocketId?: string): void {
    // Encode to bytes once: ws would otherwise re-encode the string for every receiver.
    const payload = this.subscribers.size > 1 ? Buffer.from(frame, 'utf8') : frame;
    for (const connection of this.subscribers.values()) {
      if (connection.socketId !== exceptSocketId) connection.send(payload);
    }
  }
}
