/**
 * The WebSocket side of the relay: accepts upgrades on /app/{key}, checks the handshake and the
 * per-address connection cap (by ClientAddress), wraps each socket in a RelayConnection, sends
 * pusher:connection_established and wires the socket's messages and close to the app it belongs to.
 */
import { systemClock, type Clock } from '../../common/clock.js';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import type { RawData, WebSocket } from 'ws';
import type { AppRuntime } from './app-runtime.js';
import { RelayConnection } from './connection.js';
import type { ClientAddress } from './client-address.js';
import { ConnectionsPerAddress } from './connections-per-address.js';
import type { ProtocolErrorSpec } from './errors.js';
import { PROTOCOL_ERRORS } from './errors.js';
import { appKeyFromPath, protocolVersionError } from './handshake.js';
import { LivenessMonitor } from './liveness-monitor.js';
import { CLOSE_HANDSHAKE_GRACE_MS, MAX_PONG_WAIT_MS, MAX_WS_FRAME_BYTES, SHUTDOWN_CLOSE_GRACE_MS } from './limits.js';
import { handleClientMessage } from './message-handler.js';
import { connectionEstablishedFrame } from './protocol.js';
import { createSocketId } from './socket-id.js';
import type { RelayLogger } from './types.js';
import { describeError } from '../../common/describe-error.js';

/** Upgrades are parsed against a dummy origin: only the path and query matter. */
const URL_BASE = 'http://relay.invalid';

export class WebSocketEndpoint {
  private readonly server = new WebSocketServer({
    noServer: true,
    maxPayload: MAX_WS_FRAME_BYTES,
    // Pusher frames are small JSON; compression would cost CPU per receiver for little gain.
    perMessageDeflate: false,
    clientTracking: true,
  });
  private readonly socketIdsInUse = new Set<string>();
  private readonly liveness: LivenessMonitor;
  private readonly perAddress: ConnectionsPerAddress;
  private closing = false;

  constructor(
    private readonly appsByKey: ReadonlyMap<string, AppRuntime>,
    limits: { activityTimeoutSec: number; maxConnectionsPerIp: number; unsubscribedTimeoutMs: number },
    private readonly clientAddress: ClientAddress,
    private readonly logger: RelayLogger,
    private readonly clock: Clock = systemClock,
  ) {
    this.perAddress = new ConnectionsPerAddress(limits.maxConnectionsPerIp);
    const activityTimeoutMs = limits.activityTimeoutSec * 1000;
    this.liveness = new LivenessMonitor(
      // Short activity timeouts (tests, flaky networks) get an equally short pong wait.
      { idleMs: activityTimeoutMs, pongWaitMs: Math.min(activityTimeoutMs, MAX_PONG_WAIT_MS), unsubscribedTimeoutMs: limits.unsubscribedTimeoutMs },
      clock,
    );
  }

  get connectionCount(): number {
    return this.socketIdsInUse.size;
  }

  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean {
    const url = new URL(req.url ?? '/', URL_BASE);
    const appKey = appKeyFromPath(url.pathname);
    if (appKey === undefined) return false;
    if (this.closing) {
      socket.destroy();
      return true;
    }
    // A socket already gone has no address; it is refused or closes at once either way.
    const address = this.clientAddress.of(req);
    this.server.handleUpgrade(req, socket, head, (ws) => this.accept(ws, appKey, url.searchParams, address));
    return true;
  }

  /** Closes every socket with 4200 so pusher-js reconnects, cutting off those that do not answer. */
  async close(): Promise<void> {
    this.closing = true;
    this.liveness.stop();
    const sockets = [...this.server.clients];
    const closed = sockets.map((ws) => new Promise<void>((resolve) => ws.once('close', () => resolve())));
    for (const ws of sockets) rejectSocket(ws, PROTOCOL_ERRORS.RELAY_WS_ERR_SERVER_RESTARTING);
    const grace = setTimeout(() => {
      for (const ws of sockets) ws.terminate();
    }, SHUTDOWN_CLOSE_GRACE_MS);
    await Promise.all(closed);
    clearTimeout(grace);
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private accept(ws: WebSocket, appKey: string, query: URLSearchParams, address: string): void {
    const runtime = this.appsByKey.get(appKey);
    if (!runtime) {
      rejectSocket(ws, PROTOCOL_ERRORS.RELAY_WS_ERR_APP_NOT_FOUND);
      return;
    }
    const versionError = protocolVersionError(query);
    if (versionError) {
      rejectSocket(ws, versionError);
      return;
    }
    // Refused after the upgrade, not at the HTTP level: only a close code tells pusher-js to back off.
    if (!this.perAddress.tryAdd(address)) {
      this.logger.debug('connection refused: over the per-address cap', { address });
      rejectSocket(ws, PROTOCOL_ERRORS.RELAY_WS_ERR_OVER_CAPACITY);
      return;
    }

    const socketId = createSocketId((candidate) => this.socketIdsInUse.has(candidate));
    this.socketIdsInUse.add(socketId);
    const connection = new RelayConnection(socketId, ws, runtime.maxClientEventsPerSecond, (gone) => runtime.detach(gone), this.clock);
    this.liveness.add(connection);

    ws.on('message', (data: RawData, isBinary: boolean) => {
      connection.noteActivity();
      // Binary frames are not part of the protocol; they count as activity and are otherwise ignored.
      // A released socket (closing after a missed pong) must not join channels it already left.
      if (isBinary || connection.released) return;
      try {
        handleClientMessage(runtime, connection, rawDataToText(data));
      } catch (error) {
        // A bug in one handler must not escape into ws and take the whole relay down.
        this.logger.error('client message handler failed', {
          socketId,
          error: describeError(error),
        });
      }
    });
    ws.on('pong', () => connection.noteActivity());
    ws.on('error', (error: Error) => this.logger.debug('socket error', { socketId, error: error.message }));
    ws.once('close', () => {
      this.perAddress.remove(address);
      this.socketIdsInUse.delete(socketId);
      this.liveness.remove(connection);
      connection.release();
    });
    connection.send(connectionEstablishedFrame(socketId, runtime.activityTimeoutSec));
  }
}

/**
 * Protocol 7 reports connection-level errors by close code and reason only. A peer that never
 * answers the close frame is cut off after a grace, not ws's 30 s: a flood of refused sockets
 * (over the per-address cap) must not hold the relay's sockets meanwhile.
 */
function rejectSocket(ws: WebSocket, error: ProtocolErrorSpec & { code: number }): void {
  ws.close(error.code, error.message);
  const cutOff = setTimeout(() => ws.terminate(), CLOSE_HANDSHAKE_GRACE_MS);
  // A relay shutting down must not wait for this timer; its close() cuts sockets off by itself.
  cutOff.unref();
  ws.once('close', () => clearTimeout(cutOff));
}

function rawDataToText(data: RawData): string {
  if (Buffer.isBuffer(data)) return data.toString('utf8');
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  return Buffer.from(data).toString('utf8');
}
