/**
 * Members of one presence channel, de-duplicated by user id: a user with two tabs is one member.
 * It answers the two questions the protocol turns on — "is this user new?" (member_added) and
 * "was that the user's last socket?" (member_removed).
 */
import type { PresenceData } from './protocol.js';

interface Member {
  /** The first socket's user_info wins; later tabs of the same user do not change what others saw. */
  readonly info: unknown;
  readonly socketIds: Set<string>;
}

export class PresenceMembers {
  private readonly members = new Map<string, Member>();

  get count(): number {
    return this.members.size;
  }

  has(userId: string): boolean {
    return this.members.has(userId);
  }

  /** Returns true when the user was not a member before this socket joined. */
  add(userId: string, info: unknown, socketId: string): boolean {
    const member = this.members.get(userId);
    if (member) {
      member.socketIds.add(socketId);
      return false;
    }
    this.members.set(userId, { info, socketIds: new Set([socketId]) });
    return true;
  }

  /** Returns true when this was the user's last socket on the channel. */
  remove(userId: string, socketId: string): boolean {
    const member = this.members.get(userId);
    if (!member || !member.socketIds.delete(socketId)) return false;
    if (member.socketIds.size > 0) return false;
    this.members.delete(userId);
    return true;
  }

  userIds(): string[] {
    return [...this.members.keys()];
  }

  snapshot(): PresenceData {
    // No prototype: a user id such as "__proto__" must become a plain key, not a prototype change.
    const hash = Object.create(null) as Record<string, unknown>;
    for (const [userId, member] of this.members) hash[userId] = member.info ?? null;
    return { ids: this.userIds(), hash, count: this.members.size };
  }
}
