import { ORDER_CHANNEL_PREFIX, orderChannel, parseLocationChannel } from '../../common/channels.js';
import type { Principal } from '../services/tokens.js';

export interface ChannelAccessLookups {
  /** The location of an order, undefined when there is no such order. */
  orderLocation(orderId: string): Promise<string | undefined>;
  locationExists(location: string): Promise<boolean>;
}

/**
 * Who may subscribe where. In its own location: the kitchen channels for agents and admins, the
 * POS channel for POS terminals and admins, an order's own channel for that order's customer (and
 * admins of the order's location). A chain-wide admin may join any location's. Everything else —
 * another location's channels whatever the token, presence channels, near misses — is refused.
 */
export class ChannelAccess {
  constructor(private readonly lookups: ChannelAccessLookups) {}

  async mayJoin(principal: Principal, channel: string): Promise<boolean> {
    if (principal.kind === 'customer') return channel === orderChannel(principal.orderId);
    const staffChannel = parseLocationChannel(channel);
    if (staffChannel) {
      if (principal.location !== null && principal.location !== staffChannel.location) return false;
      if (principal.location === null && !(await this.lookups.locationExists(staffChannel.location))) return false;
      if (principal.role === 'admin') return true;
      if (principal.role === 'agent') return staffChannel.kind === 'orders' || staffChannel.kind === 'printJobs';
      // A POS terminal hears order pushes, gift cards and loyalty on its own channel, nothing else.
      return staffChannel.kind === 'pos';
    }
    if (principal.role === 'admin' && channel.startsWith(ORDER_CHANNEL_PREFIX)) {
      const orderLocation = await this.lookups.orderLocation(channel.slice(ORDER_CHANNEL_PREFIX.length));
      return orderLocation !== undefined && (principal.location === null || principal.location === orderLocation);
    }
    return false;
  }
}
