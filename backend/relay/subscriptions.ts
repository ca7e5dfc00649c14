/**
 * pusher:subscribe and pusher:unsubscribe. Private, presence and encrypted channels need an `auth`
 * signed by the app secret over "socket_id:channel" (presence: ":channel_data" appended); a
 * `#server-to-user-{id}` channel is open only to a socket signed in as that user.
 */
import type { AppRuntime } from './app-runtime.js';
import { channelKind, isValidChannelName, requiresAuthorization, userIdOfServerToUserChannel } from './channel-names.js';
import type { RelayConnection } from './connection.js';
import { PROTOCOL_ERRORS, SUBSCRIPTION_ERROR_TYPES } from './errors.js';
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

/** The status pusher-js passes on to `pusher:subscription_error` handlers, HTTP-style. */
const SUBSCRIPTION_ERROR_STATUS = { BAD_REQUEST: 400, UNAUTHORIZED: 401, FORBIDDEN: 403 } as const;

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

export function handleSubscribe(runtime: AppRuntime, connection: RelayConnection, data: unknown): void {
  const request = readSubscribeRequest(data);
  if (!request) {
    connection.sendError(PROTOCOL_ERRORS.RELAY_WS_ERR_MALFORMED_MESSAGE);
    return;
  }
  const { channel } = request;
  if (!isValidChannelName(channel)) {
    connection.send(
      subscriptionErrorFrame(
        channel,
        SUBSCRIPTION_ERROR_TYPES.INVALID_CHANNEL,
        'Invalid channel name: at most 164 characters of A-Z a-z 0-9 _ - = @ , . ;',
        SUBSCRIPTION_ERROR_STATUS.BAD_REQUEST,
      ),
    );
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
    connection.send(
      subscriptionErrorFrame(
        channel,
        SUBSCRIPTION_ERROR_TYPES.LIMIT_REACHED,
        'Presence channel is full (100 members)',
        SUBSCRIPTION_ERROR_STATUS.FORBIDDEN,
      ),
    );
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
