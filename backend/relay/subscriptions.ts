/**
 * pusher:subscribe and pusher:unsubscribe. Private, presence and encrypted channels need an `auth`
 * signed by the app secret over "socket_id:channel" (presence: ":channel_data" appended); a
 * `#server-to-user-{id}` channel is open only to a socket signed in as that user. A socket holds at
 * most the relay's maxSubscriptionsPerConnection channels.
 */
import type { AppRuntime } from './app-runtime.js';
import { channelKind, isValidChannelName, requiresAuthorization, userIdOfServerToUserChannel } from './channel-names.js';
import type { RelayConnection } from './connection.js';
import type { SubscriptionErrorSpec } from './errors.js';
import { PROTOCOL_ERRORS, SUBSCRIPTION_ERROR_STATUS, SUBSCRIPTION_ERROR_TYPES, SUBSCRIPTION_ERRORS } from './errors.js';
import { MAX_PRESENCE_USER_ID_LENGTH, MAX_PRESENCE_USER_INFO_BYTES } from './limits.js';
import type { PresenceChannelData, SubscribeRequest } from './protocol.js';
import {
  parsePresenceChannelData,
  readSubscribeRequest,
  readUnsubscribeChannel,
  subscriptionErrorFrame,
  subscriptionSucceededFrame,
} from './protocol.js';
import { authTokenMatches, channelAuthSignature } from './signing.js';

type Verdict = { ok: true; member?: PresenceChannelData } | { ok: false; type: string; error: string; status: number };

const unauthorized = (error: string): Verdict => ({
  ok: false,
  type: SUBSCRIPTION_ERROR_TYPES.AUTH,
  error,
  status: SUBSCRIPTION_ERROR_STATUS.UNAUTHORIZED,
});

function authorize(runtime: AppRuntime, connection: RelayConnection, request: SubscribeRequest): Verdict {
  const { channel } = request;
  const kind = channelKind(channel);
  if (kind === 'server-to-user') {
    return connection.userId === userIdOfServerToUserChannel(channel)
      ? { ok: true }
      : unauthorized(`Only the signed-in user may subscribe to ${channel}`);
  }
  if (!requiresAuthorization(kind)) return { ok: true };

  const channelData = kind === 'presence' ? request.channel_data : undefined;
  if (kind === 'presence' && channelData === undefined) return unauthorized('Presence subscription without channel_data');
  const expected = channelAuthSignature(runtime.app.secret, connection.socketId, channel, channelData);
  if (request.auth === undefined || !authTokenMatches(request.auth, runtime.app.key, expected)) {
    return unauthorized(`Invalid signature for ${channel}: expected HMAC-SHA256 of "socket_id:channel${kind === 'presence' ? ':channel_data' : ''}"`);
  }
  if (channelData === undefined) return { ok: true };

  const member = parsePresenceChannelData(channelData);
  const userInfoBytes = Buffer.byteLength(JSON.stringify(member?.userInfo ?? null));
  if (!member || member.userId.length > MAX_PRESENCE_USER_ID_LENGTH || userInfoBytes > MAX_PRESENCE_USER_INFO_BYTES) {
    return {
      ok: false,
      type: SUBSCRIPTION_ERROR_TYPES.INVALID_CHANNEL,
      error: 'channel_data must be JSON {user_id (≤128 chars), user_info (≤1 KB)}',
      status: SUBSCRIPTION_ERROR_STATUS.BAD_REQUEST,
    };
  }
  return { ok: true, member };
}

function refuse(connection: RelayConnection, channel: string, error: SubscriptionErrorSpec, detail?: string): void {
  const message = detail === undefined ? error.message : `${error.message} (${detail})`;
  connection.send(subscriptionErrorFrame(channel, error.type, message, error.status));
}

/** A new channel would take one more place; server-to-user channels are tracked by user, not here. */
function overSubscriptionCap(runtime: AppRuntime, connection: RelayConnection, channel: string): boolean {
  if (channelKind(channel) === 'server-to-user' || connection.channels.has(channel)) return false;
  return connection.channels.size >= runtime.maxSubscriptionsPerConnection;
}

export function handleSubscribe(runtime: AppRuntime, connection: RelayConnection, data: unknown): void {
  const request = readSubscribeRequest(data);
  if (!request) {
    connection.sendError(PROTOCOL_ERRORS.RELAY_WS_ERR_MALFORMED_MESSAGE);
    return;
  }
  const { channel } = request;
  if (!isValidChannelName(channel)) {
    refuse(connection, channel, SUBSCRIPTION_ERRORS.RELAY_SUB_ERR_INVALID_CHANNEL_NAME);
    return;
  }
  // Before the signature is checked: a socket at its cap costs the relay no HMAC per attempt.
  if (overSubscriptionCap(runtime, connection, channel)) {
    refuse(connection, channel, SUBSCRIPTION_ERRORS.RELAY_SUB_ERR_TOO_MANY_SUBSCRIPTIONS, `limit ${runtime.maxSubscriptionsPerConnection}`);
    return;
  }

  const verdict = authorize(runtime, connection, request);
  if (!verdict.ok) {
    connection.send(subscriptionErrorFrame(channel, verdict.type, verdict.error, verdict.status));
    return;
  }
  // Server-to-user delivery goes by signed-in user id, so the subscription is only acknowledged.
  if (channelKind(channel) === 'server-to-user') {
    connection.send(subscriptionSucceededFrame(channel));
    return;
  }
  const result = runtime.channels.join(connection, channel, verdict.member);
  if (!result.joined) {
    refuse(connection, channel, SUBSCRIPTION_ERRORS.RELAY_SUB_ERR_PRESENCE_FULL);
    return;
  }
  connection.send(subscriptionSucceededFrame(channel, result.presence));
}

export function handleUnsubscribe(runtime: AppRuntime, connection: RelayConnection, data: unknown): void {
  const channel = readUnsubscribeChannel(data);
  if (channel === undefined) {
    connection.sendError(PROTOCOL_ERRORS.RELAY_WS_ERR_MALFORMED_MESSAGE);
    return;
  }
  runtime.channels.leave(connection, channel);
}
