/**
 * `client-*` events: only for apps that turn them on (`clientEvents: true`); sent by a subscribed
 * socket on a private or presence channel, relayed to the other subscribers (never echoed),
 * rate-limited per connection. Presence events carry the sender's user_id so receivers know who spoke.
 */
import type { AppRuntime } from './app-runtime.js';
import { allowsClientEvents, channelKind, isValidEventName } from './channel-names.js';
import type { RelayConnection } from './connection.js';
import { PROTOCOL_ERRORS } from './errors.js';
import { MAX_EVENT_DATA_BYTES } from './limits.js';
import type { IncomingFrame } from './protocol.js';
import { clientEventDataAsString, encodeFrame } from './protocol.js';

export function handleClientEvent(runtime: AppRuntime, connection: RelayConnection, frame: IncomingFrame): void {
  if (!runtime.clientEventsEnabled) {
    connection.sendError(PROTOCOL_ERRORS.RELAY_WS_ERR_CLIENT_EVENTS_DISABLED);
    return;
  }
  // Counted before any other check, so even rejected attempts spend the sender's budget.
  if (!connection.tryClientEvent()) {
    connection.sendError(PROTOCOL_ERRORS.RELAY_WS_ERR_CLIENT_EVENT_RATE_LIMITED);
    return;
  }
  const channelName = frame.channel;
  if (channelName === undefined || !allowsClientEvents(channelKind(channelName))) {
    connection.sendError(PROTOCOL_ERRORS.RELAY_WS_ERR_CLIENT_EVENT_CHANNEL_TYPE);
    return;
  }
  const channel = runtime.channels.get(channelName);
  if (!channel || !channel.subscribers.has(connection.socketId)) {
    connection.sendError(PROTOCOL_ERRORS.RELAY_WS_ERR_CLIENT_EVENT_NOT_SUBSCRIBED);
    return;
  }
  const data = clientEventDataAsString(frame.data);
  if (!isValidEventName(frame.event) || Buffer.byteLength(data, 'utf8') > MAX_EVENT_DATA_BYTES) {
    connection.sendError(PROTOCOL_ERRORS.RELAY_WS_ERR_CLIENT_EVENT_INVALID);
    return;
  }

  const userId = connection.presenceUserId(channelName);
  const outgoing = userId === undefined
    ? { event: frame.event, channel: channelName, data }
    : { event: frame.event, channel: channelName, data, user_id: userId };
  channel.broadcast(encodeFrame(outgoing), connection.socketId);
  runtime.webhooks.emit({
    name: 'client_event',
    channel: channelName,
    event: frame.event,
    data,
    socket_id: connection.socketId,
    ...(userId === undefined ? {} : { user_id: userId }),
  });
}
