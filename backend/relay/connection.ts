/**
 * One client socket and what the relay knows about it: its socket id, the channels it joined, the
 * user it signed in as, its liveness timestamps and its client-event budget. It only sends and
 * closes; what the messages mean is decided by message-handler.ts.
 */
import { WebSocket } from 'ws';
import { systemClock, type Clock } from '../../common/clock.js';
import type { ProtocolErrorSpec } from './errors.js';
import { PROTOCOL_ERRORS } from './errors.js';
import type { MonitoredSocket } from './liveness-monitor.js';
import { CLIENT_EVENT_RATE_WINDOW_MS, CLOSE_HANDSHAKE_GRACE_MS } from './limits.js';
import { errorFrame, pingFrame } from './protocol.js';
import { SlidingWindowRateLimiter } from './rate-limiter.js';

/** binary:false keeps Buffers as text frames; Pusher clients ignore binary frames. */
const TEXT_FRAME = { binary: false } as const;

export class RelayConnection implements MonitoredSocket {
  /** Channels this socket is subscribed to (server-to-user channels are tracked by user instead). */
  readonly channels = new Set<string>();
  /** Set by a successful pusher:signin. */
  userId: string | undefined;
  lastActivityAt: number;
  pingSentAt: number | undefined;
  holdingNothingSince: number | undefined;
  // Created on first use: most sockets never join a presence channel or send a client event,
  // and idle sockets are what the relay holds by the thousand.
  private presenceUserIdsByChannel: Map<string, string> | undefined;
  private clientEventLimiter: SlidingWindowRateLimiter | undefined;
  private isReleased = false;

  constructor(
    readonly socketId: string,
    private readonly socket: WebSocket,
    private readonly maxClientEventsPerSecond: number,
    /** Removes the connection from its app's channels and users (see release()). */
    private readonly detachFromApp: (connection: RelayConnection) => void,
    /** The relay's clock: activity times and the client-event budget. */
    private readonly clock: Pick<Clock, 'now'> = systemClock,
  ) {
    this.lastActivityAt = clock.now();
    // Counted from the handshake, not from the first sweep that sees it.
    this.holdingNothingSince = this.lastActivityAt;
  }

  /** True once the relay has let go of this socket: whatever it still sends is ignored. */
  get released(): boolean {
    return this.isReleased;
  }

  /**
   * Leaves every channel (member_removed, channel_vacated go out now) and signs the user out,
   * once. Runs when the socket closes, or earlier when the relay gives up on a live-looking one.
   */
  release(): void {
    if (this.isReleased) return;
    this.isReleased = true;
    this.detachFromApp(this);
  }

  get bufferedBytes(): number {
    return this.socket.bufferedAmount;
  }

  noteActivity(): void {
    this.lastActivityAt = this.clock.now();
  }

  /** In no channel and signed in as no user: the socket only holds a place. */
  get holdsNothing(): boolean {
    return this.channels.size === 0 && this.userId === undefined;
  }

  /** The user id this socket joined a presence channel as. */
  presenceUserId(channel: string): string | undefined {
    return this.presenceUserIdsByChannel?.get(channel);
  }

  setPresenceUserId(channel: string, userId: string): void {
    this.presenceUserIdsByChannel ??= new Map();
    this.presenceUserIdsByChannel.set(channel, userId);
  }

  clearPresenceUserId(channel: string): void {
    this.presenceUserIdsByChannel?.delete(channel);
  }

  /** Spends one client event from this socket's budget; false when over the rate limit. */
  tryClientEvent(): boolean {
    this.clientEventLimiter ??= new SlidingWindowRateLimiter(this.maxClientEventsPerSecond, CLIENT_EVENT_RATE_WINDOW_MS, () => this.clock.now());
    return this.clientEventLimiter.tryAcquire();
  }

  /**
   * Sends an encoded frame; a Buffer lets a broadcast encode once for all its receivers. This is
   * the fan-out hot path, so it does nothing else: ws itself drops sends on a closing socket, and
   * the liveness monitor, not each send, watches for readers that fall behind.
   */
  send(payload: string | Buffer): void {
    this.socket.send(payload, TEXT_FRAME);
  }

  sendError(error: ProtocolErrorSpec): void {
    this.send(errorFrame(error));
  }

  sendPing(): void {
    this.send(pingFrame());
  }

  /** A peer that missed its pong gets 4201 (pusher-js reconnects at once if it is only slow). */
  onDead(): void {
    this.closeWith(PROTOCOL_ERRORS.RELAY_WS_ERR_PONG_NOT_RECEIVED);
  }

  /** Subscribed to nothing for too long: 4202, which pusher-js answers by reconnecting at once. */
  onHeldNothing(): void {
    this.closeWith(PROTOCOL_ERRORS.RELAY_WS_ERR_NOTHING_SUBSCRIBED);
  }

  /** A reader this far behind will not catch up; closing frees its queue (pusher-js reconnects later). */
  onSlowConsumer(): void {
    this.socket.terminate();
  }

  /**
   * Closes with the error's code and message as reason (pusher-js picks its reaction by the code),
   * and lets go of the socket at once.
   * Since protocol 6 the code travels only in the close frame, not also as a pusher:error (which
   * pusher-js would report as a second error).
   */
  closeWith(error: ProtocolErrorSpec & { code: number }): void {
    // Out of its channels now (member_removed, channel_vacated go out), not when the peer answers
    // the close frame: ws.close() alone waits up to 30 s for that, counting it subscribed meanwhile.
    this.release();
    if (this.socket.readyState !== WebSocket.OPEN) return;
    this.socket.close(error.code, error.message);
    const cutOff = setTimeout(() => this.socket.terminate(), CLOSE_HANDSHAKE_GRACE_MS);
    // A relay shutting down must not wait for this timer; its close() cuts sockets off by itself.
    cutOff.unref();
    this.socket.once('close', () => clearTimeout(cutOff));
  }
}
