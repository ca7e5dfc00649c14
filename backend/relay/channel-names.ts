/** Channel and event naming rules: which kind a channel is, and which names are valid. */
import { MAX_CHANNEL_NAME_LENGTH, MAX_EVENT_NAME_LENGTH } from './limits.js';

export type ChannelKind = 'public' | 'private' | 'presence' | 'encrypted' | 'server-to-user';

const ENCRYPTED_PREFIX = 'private-encrypted-';
const PRIVATE_PREFIX = 'private-';
const PRESENCE_PREFIX = 'presence-';
/** The per-user channel pusher-js subscribes to after sign-in; the SDK's sendToUser publishes to it. */
export const SERVER_TO_USER_PREFIX = '#server-to-user-';

const CHANNEL_NAME_PATTERN = /^[A-Za-z0-9_\-=@,.;]+$/;
const SOCKET_ID_PATTERN = /^\d+\.\d+$/;

export function channelKind(name: string): ChannelKind {
  if (name.startsWith(ENCRYPTED_PREFIX)) return 'encrypted';
  if (name.startsWith(PRIVATE_PREFIX)) return 'private';
  if (name.startsWith(PRESENCE_PREFIX)) return 'presence';
  if (name.startsWith(SERVER_TO_USER_PREFIX)) return 'server-to-user';
  return 'public';
}

export function isValidChannelName(name: string): boolean {
  if (name.length === 0 || name.length > MAX_CHANNEL_NAME_LENGTH) return false;
  const checked = name.startsWith(SERVER_TO_USER_PREFIX) ? name.slice(SERVER_TO_USER_PREFIX.length) : name;
  return CHANNEL_NAME_PATTERN.test(checked);
}

export function isValidEventName(name: string): boolean {
  return name.length > 0 && name.length <= MAX_EVENT_NAME_LENGTH;
}

export function isValidSocketId(socketId: string): boolean {
  return SOCKET_ID_PATTERN.test(socketId);
}

export function requiresAuthorization(kind: ChannelKind): boolean {
  return kind === 'private' || kind === 'presence' || kind === 'encrypted';
}

/** Encrypted channels are excluded: the server could not check what it relays (pusher-js forbids it too). */
export function allowsClientEvents(kind: ChannelKind): boolean {
  return kind === 'private' || kind === 'presence';
}

export function userIdOfServerToUserChannel(name: string): string {
  return name.slice(SERVER_TO_USER_PREFIX.length);
}

export function isPresencePrefix(prefix: string): boolean {
  return prefix.startsWith(PRESENCE_PREFIX);
}
