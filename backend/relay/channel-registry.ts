/**
 * The occupied channels of one app, and the join/leave rules: a channel exists while it has a
 * subscriber (channel_occupied / channel_vacated), presence member_added goes out only for a new
 * user id and never to the joiner, member_removed only when that user's last socket leaves.
 */
import { channelKind } from './channel-names.js';
import { RelayChannel } from './channel.js';
import type { RelayConnection } from './connection.js';
import { MAX_PRESENCE_MEMBERS } from './limits.js';
import type { PresenceChannelData, PresenceData } from './protocol.js';
import { memberAddedFrame, memberRemovedFrame } from './protocol.js';
import type { WebhookSink } from './webhooks/webhook-events.js';

export type JoinResult = { joined: true; presence?: PresenceData } | { joined: false; reason: 'presence-full' };

export class ChannelRegistry {
  private readonly channels = new Map<string, RelayChannel>();

  constructor(private readonly webhooks: WebhookSink) {}

  get size(): number {
    return this.channels.size;
  }

  get(name: string): RelayChannel | undefined {
    return this.channels.get(name);
  }

  occupied(): IterableIterator<RelayChannel> {
    return this.channels.values();
  }

  /** `member` is required for presence channels (the caller has verified it). */
  join(connection: RelayConnection, name: string, member?: PresenceChannelData): JoinResult {
    const existing = this.channels.get(name);
    // Re-subscribing is idempotent: answer with the current state, announce nothing.
    if (existing?.subscribers.has(connection.socketId)) return { joined: true, presence: existing.presence?.snapshot() };

    const channel = existing ?? new RelayChannel(name, channelKind(name));
    const presence = channel.presence;
    if (presence && member && !presence.has(member.userId) && presence.count >= MAX_PRESENCE_MEMBERS) {
      return { joined: false, reason: 'presence-full' };
    }

    channel.subscribers.set(connection.socketId, connection);
    connection.channels.add(name);
    if (!existing) {
      this.channels.set(name, channel);
      this.webhooks.emit({ name: 'channel_occupied', channel: name });
    }
    if (presence && member) {
      connection.setPresenceUserId(name, member.userId);
      if (presence.add(member.userId, member.userInfo, connection.socketId)) {
        channel.broadcast(memberAddedFrame(name, member.userId, member.userInfo ?? null), connection.socketId);
        this.webhooks.emit({ name: 'member_added', channel: name, user_id: member.userId });
      }
    }
    return { joined: true, presence: presence?.snapshot() };
  }

  leave(connection: RelayConnection, name: string): void {
    const channel = this.channels.get(name);
    connection.channels.delete(name);
    if (!channel || !channel.subscribers.delete(connection.socketId)) return;

    const userId = connection.presenceUserId(name);
    connection.clearPresenceUserId(name);
    if (channel.presence && userId !== undefined && channel.presence.remove(userId, connection.socketId)) {
      channel.broadcast(memberRemovedFrame(name, userId));
      this.webhooks.emit({ name: 'member_removed', channel: name, user_id: userId });
    }
    if (channel.subscribers.size === 0) {
      this.channels.delete(name);
      this.webhooks.emit({ name: 'channel_vacated', channel: name });
    }
  }

  leaveAll(connection: RelayConnection): void {
    for (const name of [...connection.channels]) this.leave(connection, name);
  }
}
