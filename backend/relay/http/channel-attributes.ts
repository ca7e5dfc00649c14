/** The per-channel numbers the HTTP API can report (`info=` attributes). */
import type { RelayChannel } from '../channel.js';
import type { InfoAttribute } from './info-attributes.js';

export interface ChannelAttributes {
  user_count?: number;
  subscription_count?: number;
}

/** user_count exists only for presence channels; a vacant channel counts zero. */
export function channelAttributes(
  channel: RelayChannel | undefined,
  isPresence: boolean,
  wanted: ReadonlySet<InfoAttribute>,
): ChannelAttributes {
  const attributes: ChannelAttributes = {};
  if (wanted.has('user_count') && isPresence) attributes.user_count = channel?.presence?.count ?? 0;
  if (wanted.has('subscription_count')) attributes.subscription_count = channel?.subscriptionCount ?? 0;
  return attributes;
}
