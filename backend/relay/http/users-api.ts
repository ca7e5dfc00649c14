/** POST /apps/{id}/users/{userId}/terminate_connections: closes every socket signed in as that user. */
import type { AppRuntime } from '../app-runtime.js';

export function terminateUserConnections(runtime: AppRuntime, userId: string): object {
  runtime.terminateUser(userId);
  return {};
}
