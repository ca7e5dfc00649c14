/**
 * pusher:signin: the socket proves who it is with an `auth` signed over
 * "socket_id::user::user_data". Once signed in, `#server-to-user-{id}` events (the SDK's
 * sendToUser) reach it, and terminate_connections can close it.
 */
import type { AppRuntime } from './app-runtime.js';
import type { RelayConnection } from './connection.js';
import { PROTOCOL_ERRORS } from './errors.js';
import { parseUserDataId, readSigninRequest, signinSuccessFrame } from './protocol.js';
import { authTokenMatches, userAuthSignature } from './signing.js';

export function handleSignin(runtime: AppRuntime, connection: RelayConnection, data: unknown): void {
  const request = readSigninRequest(data);
  if (!request) {
    connection.sendError(PROTOCOL_ERRORS.RELAY_WS_ERR_MALFORMED_MESSAGE);
    return;
  }
  const expected = userAuthSignature(runtime.app.secret, connection.socketId, request.user_data);
  const userId = parseUserDataId(request.user_data);
  if (userId === undefined || !authTokenMatches(request.auth, runtime.app.key, expected)) {
    // Reported, not closed: the socket keeps working as an anonymous connection.
    connection.sendError(PROTOCOL_ERRORS.RELAY_WS_ERR_SIGNIN_FAILED);
    return;
  }
  runtime.users.signIn(connection, userId);
  connection.send(signinSuccessFrame(request.user_data));
}
