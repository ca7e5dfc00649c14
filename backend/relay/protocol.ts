/**
 * Pusher protocol v7 frames: names, shapes, parsing of what clients send and encoding of what the
 * server sends. Server→client `data` is always a JSON *string* (pusher-js parses it a second time);
 * client→server `data` may be an object or a string, so parsing accepts both.
 */
import type { ProtocolErrorSpec } from './errors.js';

export const PUSHER_EVENTS = {
  CONNECTION_ESTABLISHED: 'pusher:connection_established',
  ERROR: 'pusher:error',
  PING: 'pusher:ping',
  PONG: 'pusher:pong',
  SUBSCRIBE: 'pusher:subscribe',
  UNSUBSCRIBE: 'pusher:unsubscribe',
  SIGNIN: 'pusher:signin',
  SIGNIN_SUCCESS: 'pusher:signin_success',
  SUBSCRIPTION_ERROR: 'pusher:subscription_error',
  SUBSCRIPTION_SUCCEEDED: 'pusher_internal:subscription_succeeded',
  MEMBER_ADDED: 'pusher_internal:member_added',
  MEMBER_REMOVED: 'pusher_internal:member_removed',
} as const;

export const CLIENT_EVENT_PREFIX = 'client-';

/** A frame as received from a client, before its event-specific data is checked. */
export interface IncomingFrame {
  event: string;
  channel?: string;
  data: unknown;
}

/** A frame the server sends. */
export interface OutgoingFrame {
  event: string;
  channel?: string;
  data: string;
  /** Presence client events carry the sender's user id so receivers know who spoke. */
  user_id?: string;
}

export interface SubscribeRequest {
  channel: string;
  auth?: string;
  channel_data?: string;
}

export interface SigninRequest {
  auth: string;
  user_data: string;
}

export interface PresenceData {
  ids: string[];
  hash: Record<string, unknown>;
  count: number;
}

type JsonObject = Record<string, unknown>;

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Some clients send `data` pre-stringified; unwrap it so handlers see one shape. */
function dataObject(data: unknown): JsonObject | undefined {
  const value = typeof data === 'string' ? parseJson(data) : data;
  return isObject(value) ? value : undefined;
}

export function parseIncomingFrame(text: string): IncomingFrame | undefined {
  const value = parseJson(text);
  if (!isObject(value) || typeof value.event !== 'string') return undefined;
  if (value.channel !== undefined && typeof value.channel !== 'string') return undefined;
  return value.channel === undefined
    ? { event: value.event, data: value.data }
    : { event: value.event, channel: value.channel, data: value.data };
}

export function readSubscribeRequest(data: unknown): SubscribeRequest | undefined {
  const object = dataObject(data);
  if (!object || typeof object.channel !== 'string') return undefined;
  const request: SubscribeRequest = { channel: object.channel };
  if (typeof object.auth === 'string') request.auth = object.auth;
  if (typeof object.channel_data === 'string') request.channel_data = object.channel_data;
  return request;
}

export function readUnsubscribeChannel(data: unknown): string | undefined {
  const object = dataObject(data);
  return object && typeof object.channel === 'string' ? object.channel : undefined;
}

export function readSigninRequest(data: unknown): SigninRequest | undefined {
  const object = dataObject(data);
  if (!object || typeof object.auth !== 'string' || typeof object.user_data !== 'string') return undefined;
  return { auth: object.auth, user_data: object.user_data };
}

/** Client event payloads are forwarded as a string, whatever the sender used. */
export function clientEventDataAsString(data: unknown): string {
  return typeof data === 'string' ? data : JSON.stringify(data ?? null);
}

/** The parsed `channel_data` of a presence subscription. */
export interface PresenceChannelData {
  userId: string;
  userInfo: unknown;
}

export function parsePresenceChannelData(channelData: string): PresenceChannelData | undefined {
  const object = dataObject(channelData);
  if (!object) return undefined;
  const rawId = object.user_id;
  // Pusher accepts numeric ids; members are keyed by string on the client, so normalise here.
  const userId = typeof rawId === 'number' && Number.isFinite(rawId) ? String(rawId) : rawId;
  if (typeof userId !== 'string' || userId === '') return undefined;
  return { userId, userInfo: object.user_info };
}

/** `{"id": "…", …}` is the only required part of signed-in user data. */
export function parseUserDataId(userData: string): string | undefined {
  const object = dataObject(userData);
  return object && typeof object.id === 'string' && object.id !== '' ? object.id : undefined;
}

export function encodeFrame(frame: OutgoingFrame): string {
  return JSON.stringify(frame);
}

export function connectionEstablishedFrame(socketId: string, activityTimeoutSec: number): string {
  return encodeFrame({
    event: PUSHER_EVENTS.CONNECTION_ESTABLISHED,
    data: JSON.stringify({ socket_id: socketId, activity_timeout: activityTimeoutSec }),
  });
}

export function errorFrame(error: ProtocolErrorSpec): string {
  return encodeFrame({ event: PUSHER_EVENTS.ERROR, data: JSON.stringify({ code: error.code, message: error.message }) });
}

export function pongFrame(): string {
  return encodeFrame({ event: PUSHER_EVENTS.PONG, data: '{}' });
}

export function pingFrame(): string {
  return encodeFrame({ event: PUSHER_EVENTS.PING, data: '{}' });
}

export function subscriptionSucceededFrame(channel: string, presence?: PresenceData): string {
  return encodeFrame({
    event: PUSHER_EVENTS.SUBSCRIPTION_SUCCEEDED,
    channel,
    data: presence === undefined ? '{}' : JSON.stringify({ presence }),
  });
}

/** pusher-js emits this data on the channel as-is: `channel.bind('pusher:subscription_error', cb)`. */
export function subscriptionErrorFrame(channel: string, type: string, error: string, status: number): string {
  return encodeFrame({
    event: PUSHER_EVENTS.SUBSCRIPTION_ERROR,
    channel,
    data: JSON.stringify({ type, error, status }),
  });
}

export function memberAddedFrame(channel: string, userId: string, userInfo: unknown): string {
  return encodeFrame({
    event: PUSHER_EVENTS.MEMBER_ADDED,
    channel,
    data: JSON.stringify({ user_id: userId, user_info: userInfo }),
  });
}

export function memberRemovedFrame(channel: string, userId: string): string {
  return encodeFrame({ event: PUSHER_EVENTS.MEMBER_REMOVED, channel, data: JSON.stringify({ user_id: userId }) });
}

export function signinSuccessFrame(userData: string): string {
  return encodeFrame({ event: PUSHER_EVENTS.SIGNIN_SUCCESS, data: JSON.stringify({ user_data: userData }) });
}
