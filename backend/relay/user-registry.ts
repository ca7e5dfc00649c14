/** Signed-in users of one app and their sockets (a user may have several tabs open). */
import type { RelayConnection } from './connection.js';

const NO_CONNECTIONS: ReadonlySet<RelayConnection> = new Set();

export class UserRegistry {
  private readonly connectionsByUser = new Map<string, Set<RelayConnection>>();

  signIn(connection: RelayConnection, userId: string): void {
    if (connection.userId === userId) return;
    this.signOut(connection);
    connection.userId = userId;
    const connections = this.connectionsByUser.get(userId);
    if (connections) connections.add(connection);
    else this.connectionsByUser.set(userId, new Set([connection]));
  }

  signOut(connection: RelayConnection): void {
    const userId = connection.userId;
    if (userId === undefined) return;
    connection.userId = undefined;
    const connections = this.connectionsByUser.get(userId);
    connections?.delete(connection);
    if (connections?.size === 0) this.connectionsByUser.delete(userId);
  }

  connectionsOf(userId: string): ReadonlySet<RelayConnection> {
    return this.connectionsByUser.get(userId) ?? NO_CONNECTIONS;
  }
}
