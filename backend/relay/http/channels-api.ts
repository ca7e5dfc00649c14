/** GET /apps/{id}/channels, /channels/{name} and /channels/{name}/users. */
import type { AppRuntime } from '../app-runtime.js';
import { channelKind, isPresencePrefix, isValidChannelName } from '../channel-names.js';
import { RelayHttpError } from '../errors.js';
import type { ApiQuery } from './api-query.js';
import { channelAttributes, type ChannelAttributes } from './channel-attributes.js';
import { parseInfoAttributes } from './info-attributes.js';

function checkedChannelName(name: string): string {
  if (!isValidChannelName(name)) throw new RelayHttpError('RELAY_ERR_INVALID_CHANNEL_NAME', JSON.stringify(name));
  return name;
}

/** Occupied channels, optionally by prefix; user_count only when the prefix selects presence channels. */
export function listChannels(runtime: AppRuntime, query: ApiQuery): object {
  const prefix = query.get('filter_by_prefix') ?? '';
  const info = parseInfoAttributes(query.get('info'), ['user_count']);
  if (info.has('user_count') && !isPresencePrefix(prefix)) {
    throw new RelayHttpError('RELAY_ERR_INVALID_INFO', 'user_count needs filter_by_prefix=presence-');
  }
  const channels: Record<string, ChannelAttributes> = {};
  for (const channel of runtime.channels.occupied()) {
    if (channel.name.startsWith(prefix)) channels[channel.name] = channelAttributes(channel, channel.kind === 'presence', info);
  }
  return { channels };
}

export function channelInfo(runtime: AppRuntime, name: string, query: ApiQuery): object {
  const channelName = checkedChannelName(name);
  const isPresence = channelKind(channelName) === 'presence';
  const info = parseInfoAttributes(query.get('info'), ['user_count', 'subscription_count']);
  if (info.has('user_count') && !isPresence) {
    throw new RelayHttpError('RELAY_ERR_INVALID_INFO', 'user_count is only available for presence channels');
  }
  const channel = runtime.channels.get(channelName);
  return { occupied: channel !== undefined, ...channelAttributes(channel, isPresence, info) };
}

export function channelUsers(runtime: AppRuntime, name: string): object {
  const channelName = checkedChannelName(name);
  if (channelKind(channelName) !== 'presence') throw new RelayHttpError('RELAY_ERR_NOT_PRESENCE_CHANNEL');
  const userIds = runtime.channels.get(channelName)?.presence?.userIds() ?? [];
  return { users: userIds.map((id) => ({ id })) };
}
