/**
 * Liveness of all sockets with one timer. Each sweep checks, per socket:
 * - heartbeat: idle for `idleMs` → ping; still silent `pongWaitMs` after the ping → dead;
 * - backpressure: more than MAX_SOCKET_BUFFERED_BYTES queued → a slow consumer, dropped;
 * - use: subscribed to nothing (and not signed in) for `unsubscribedTimeoutMs` → closed, so idle
 *   sockets cannot hold their address's places under the per-address cap.
 * One sweep every fraction of the idle time is far cheaper than a timer per socket and a buffer
 * check per send (thousands of idle kitchen displays and large fan-outs are the normal case).
 */
import { systemClock, type Clock } from '../../common/clock.js';
import { MAX_HEARTBEAT_SWEEP_INTERVAL_MS, MAX_SOCKET_BUFFERED_BYTES } from './limits.js';

export interface MonitoredSocket {
  /** Time of the last frame received (any frame counts as a sign of life). */
  readonly lastActivityAt: number;
  /** Set by the monitor when it pings; undefined while no pong is awaited. */
  pingSentAt: number | undefined;
  /** Set by the monitor when it first sees the socket holding nothing; undefined while it holds something. */
  holdingNothingSince: number | undefined;
  /** Bytes written but not yet accepted by the peer. */
  readonly bufferedBytes: number;
  /** True while the socket is in no channel and signed in as no user. */
  readonly holdsNothing: boolean;
  sendPing(): void;
  onDead(): void;
  onSlowConsumer(): void;
  onHeldNothing(): void;
}

export interface LivenessTimes {
  idleMs: number;
  pongWaitMs: number;
  unsubscribedTimeoutMs: number;
}

/** Sweeps often enough that pings and timeouts land within a quarter of the idle time. */
const SWEEPS_PER_IDLE_PERIOD = 4;

export class LivenessMonitor {
  private readonly sockets = new Set<MonitoredSocket>();
  private readonly stopSweeps: () => void;

  constructor(
    private readonly times: LivenessTimes,
    private readonly clock: Clock = systemClock,
  ) {
    const interval = Math.min(MAX_HEARTBEAT_SWEEP_INTERVAL_MS, times.idleMs / SWEEPS_PER_IDLE_PERIOD, times.unsubscribedTimeoutMs);
    // The clock's timers never keep a process alive by themselves.
    this.stopSweeps = clock.every(interval, () => this.sweep());
  }

  add(socket: MonitoredSocket): void {
    this.sockets.add(socket);
  }

  remove(socket: MonitoredSocket): void {
    this.sockets.delete(socket);
  }

  stop(): void {
    this.stopSweeps();
    this.sockets.clear();
  }

  private sweep(): void {
    const time = this.clock.now();
    for (const socket of this.sockets) {
      if (socket.bufferedBytes > MAX_SOCKET_BUFFERED_BYTES) {
        this.sockets.delete(socket);
        socket.onSlowConsumer();
      } else if (this.heartbeatFailed(socket, time)) {
        this.sockets.delete(socket);
        socket.onDead();
      } else if (this.heldNothingTooLong(socket, time)) {
        this.sockets.delete(socket);
        socket.onHeldNothing();
      }
    }
  }

  /** Advances the socket's ping/pong state; true when it missed its pong. */
  private heartbeatFailed(socket: MonitoredSocket, time: number): boolean {
    if (socket.pingSentAt !== undefined) {
      if (socket.lastActivityAt < socket.pingSentAt) return time - socket.pingSentAt >= this.times.pongWaitMs;
      socket.pingSentAt = undefined;
    }
    if (time - socket.lastActivityAt >= this.times.idleMs) {
      socket.pingSentAt = time;
      socket.sendPing();
    }
    return false;
  }

  /** Advances the socket's holding-nothing state; true once it has held nothing for the timeout. */
  private heldNothingTooLong(socket: MonitoredSocket, time: number): boolean {
    if (!socket.holdsNothing) {
      socket.holdingNothingSince = undefined;
      return false;
    }
    socket.holdingNothingSince ??= time;
    return time - socket.holdingNothingSince >= this.times.unsubscribedTimeoutMs;
  }
}
