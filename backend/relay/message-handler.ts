/** Routes each frame a client sends to the handler for its event. */
import type { AppRuntime } from './app-runtime.js';
import { handleClientEvent } from './client-events.js';
import type { RelayConnection } from './connection.js';
import { PROTOCOL_ERRORS } from './errors.js';
import { CLIENT_EVENT_PREFIX, parseIncomingFrame, pongFrame, PUSHER_EVENTS } from './protocol.js';
import { handleSubscribe, handleUnsubscribe } from './subscriptions.js';
import { handleSignin } from './user-signin.js';

export function handleClientMessage(runtime: AppRuntime, connection: RelayConnection, text: string): void {
  const frame = parseIncomingFrame(text);
  if (!frame) {
    connection.sendError(PROTOCOL_ERRORS.RELAY_WS_ERR_MALFORMED_MESSAGE);
    return;
  }
  switch (frame.event) {
    case PUSHER_EVENTS.PING:
      connection.send(pongFrame());
      return;
    case PUSHER_EVENTS.PONG:
      // Receiving it already counted as activity; nothing else to do.
      return;
    case PUSHER_EVENTS.SUBSCRIBE:
      handleSubscribe(runtime, connection, frame.data);
      return;
    case PUSHER_EVENTS.UNSUBSCRIBE:
      handleUnsubscribe(runtime, connection, frame.data);
      return;
    case PUSHER_EVENTS.SIGNIN:
      handleSignin(runtime, connection, frame.data);
      return;
    default:
      if (frame.event.startsWith(CLIENT_EVENT_PREFIX)) handleClientEvent(runtime, connection, frame);
      // Other events (e.g. newer protocol extensions) are ignored, as Pusher does.
      return;
  }
}
