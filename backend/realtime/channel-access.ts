import { ORDERS_CHANNEL, ORDER_CHANNEL_PREFIX, POS_CHANNEL, PRINT_JOBS_CHANNEL, orderChannel } from '../../common/channels.js';
import type { Principal } from '../services/tokens.js';

const KITCHEN_CHANNELS: readonly string[] = [ORDERS_CHANNEL, PRINT_JOBS_CHANNEL];

/**
 * Who may subscribe where: the kitchen channels for agents and admins, private-pos for POS
 * terminals and admins, an order's own channel for that order's customer (and admins). Everything
 * else, presence channels included, is refused.
 */
export function mayJoinChannel(principal: Principal, channel: string): boolean {
  if (principal.kind === 'customer') return channel === orderChannel(principal.orderId);
  if (principal.role === 'admin') return KITCHEN_CHANNELS.includes(channel) || channel === POS_CHANNEL || channel.startsWith(ORDER_CHANNEL_PREFIX);
  if (principal.role === 'agent') return KITCHEN_CHANNELS.includes(channel);
  // A POS terminal hears order pushes, gift cards and loyalty on its own channel, nothing else.
  if (principal.role === 'pos') return channel === POS_CHANNEL;
  return false;
}
