import { once } from 'node:events';
import type { Server } from 'node:net';

/**
 * Closes a listening TCP server and resolves once it has. Close its connections first: close()
 * only stops accepting and waits for the open ones. A server not listening (or none) is closed.
 */
export async function closeServer(server: Server | undefined): Promise<void> {
  if (!server?.listening) return;
  const closed = once(server, 'close');
  server.close();
  await closed;
}
