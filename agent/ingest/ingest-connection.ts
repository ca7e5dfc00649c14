import { randomUUID } from 'node:crypto';
import type { Socket } from 'node:net';
import type { Dialect } from '../printing/escpos-commands.js';
import { HEALTHY_CONDITION, type PrinterCondition } from '../printing/printer-status.js';
import { isoNow, type Clock } from '../../common/clock.js';
import type { IngestJob, JobEnd } from './ingest-job.js';
import { describeLimit, type IngestLimits, type LimitReason } from './ingest-limits.js';
import type { IngestLogger } from './ingest-logger.js';
import { IngestStreamParser } from './ingest-stream-parser.js';
import { statusReply, type IngestStatusRequest, type PrinterIdentity } from './status-replies.js';

/** What a connection needs from its listener. */
export interface ConnectionHost {
  readonly name: string;
  readonly station: string;
  readonly printerType: Dialect;
  readonly limits: IngestLimits;
  readonly identity: PrinterIdentity;
  readonly clock: Clock;
  readonly logger: IngestLogger;
  /** The forward printer's state right now (healthy when not forwarding); a promise while it is being asked. */
  condition(): PrinterCondition | Promise<PrinterCondition>;
  /** Hands the job to the caller's hook; resolves false when the hook failed (not journaled). */
  deliver(job: IngestJob): Promise<boolean>;
  /** Whether bytes would put anything on paper (decoded off the main thread when large). */
  wouldPrint(bytes: Buffer): Promise<boolean>;
  statusAnswered(connectionId: number, request: IngestStatusRequest, reply: Buffer | undefined): void;
  /** The socket closed (its last job may still be on its way to the hook). */
  disconnected(connectionId: number): void;
}

type Work = { kind: 'chunk'; bytes: Buffer } | { kind: 'idle' } | { kind: 'end' };

/** Chunks (up to 64 KB each) a connection may have waiting for the parser before it stops reading. */
const MAX_QUEUED_CHUNKS = 16;

/** The rest of the event loop's turn (timers, I/O, other connections) before the next chunk. */
const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * One POS connection. Bytes are handled strictly in arrival order by one async pump: data joins
 * the job in progress, status requests are answered, and a job end (cut, 2 s idle, close) hands the
 * job to the hook and waits for it — reading paused — before anything after it is looked at. So a
 * status request sent after a job is answered only once the job is journaled, and the connection's
 * close is acknowledged (our FIN) only then.
 */
export class IngestConnection {
  private readonly parser: IngestStreamParser;
  private readonly work: Work[] = [];
  private pumping = false;
  /** Reading paused because MAX_QUEUED_CHUNKS wait to be parsed; resumed once the pump caught up. */
  private pausedForBacklog = false;
  private stopped = false;
  private endQueued = false;
  /** The idle close ended this connection (not the POS): close it whole when the end is handled. */
  private closeWhenIdle = false;
  private jobChunks: Buffer[] = [];
  private jobLength = 0;
  /** Cancels the pending idle end, if any. */
  private cancelIdle: (() => void) | undefined;
  /** Cancels the idle close (no byte at all for `idleCloseMs`). */
  private cancelIdleClose: (() => void) | undefined;
  /** When the jobs of the current rate window ended. */
  private jobEnds: number[] = [];

  constructor(
    readonly id: number,
    readonly socket: Socket,
    private readonly host: ConnectionHost,
  ) {
    this.parser = new IngestStreamParser(host.printerType);
    socket.setNoDelay(true);
    this.armIdleClose();
    socket.on('data', (chunk: Buffer) => {
      this.armIdleClose();
      this.enqueue({ kind: 'chunk', bytes: chunk });
    });
    socket.on('end', () => this.queueEnd());
    socket.on('close', () => {
      this.queueEnd();
      host.disconnected(id);
    });
    // A POS that resets the connection is normal (node-thermal-printer destroys its socket at once).
    socket.on('error', (error) => host.logger.info('ingest: connection error', { listener: host.name, connectionId: id, error: error.message }));
  }

  /**
   * Resets the connection (TCP RST, so the POS sees a failure rather than a clean close) and drops
   * whatever job is unfinished: the agent is stopping, a limit was hit or the hook failed.
   */
  abort(): void {
    this.stopped = true;
    this.work.length = 0;
    this.cancelIdle?.();
    this.cancelIdleClose?.();
    if (!this.socket.destroyed) this.socket.resetAndDestroy();
  }

  private enqueue(work: Work): void {
    if (this.stopped) return;
    this.work.push(work);
    // Chunks waiting to be parsed stay in the kernel beyond this, not in the agent's memory.
    if (this.work.length >= MAX_QUEUED_CHUNKS && !this.pausedForBacklog) {
      this.pausedForBacklog = true;
      this.socket.pause();
    }
    void this.pump();
  }

  private queueEnd(): void {
    if (this.endQueued) return;
    this.endQueued = true;
    this.cancelIdle?.();
    this.enqueue({ kind: 'end' });
  }

  /**
   * Any byte — a ticket's or a status poll's — restarts the wait. When it runs out the connection
   * is closed like one the POS closed (a job in progress would end and be journaled first, though
   * the 2 s idle end has ended it long before), so it stops holding a place under the listener's cap.
   */
  private armIdleClose(): void {
    this.cancelIdleClose?.();
    this.cancelIdleClose = this.host.clock.after(this.host.limits.idleCloseMs, () => {
      this.cancelIdleClose = undefined;
      if (this.stopped) return;
      this.host.logger.info('ingest: closing an idle connection', { listener: this.host.name, connectionId: this.id, idleCloseMs: this.host.limits.idleCloseMs });
      this.closeWhenIdle = true;
      this.queueEnd();
    });
  }

  private armIdleTimer(): void {
    this.cancelIdle?.();
    this.cancelIdle = this.host.clock.after(this.host.limits.idleEndMs, () => this.enqueue({ kind: 'idle' }));
  }

  private async pump(): Promise<void> {
    if (this.pumping) return;
    this.pumping = true;
    try {
      while (!this.stopped && this.work.length > 0) {
        // Parsed one chunk per turn of the event loop, never inside the socket's read: a burst — a
        // megabyte sent at once, which Node reads 64 KB at a time in one turn — would otherwise be
        // parsed in one go (five 1 MB image floods at once held the loop ~300 ms). The board,
        // printing and the other connections run between chunks.
        await nextTurn();
        const work = this.work.shift();
        if (work === undefined || this.stopped) break;
        await this.handle(work);
      }
      if (this.pausedForBacklog && !this.stopped) {
        this.pausedForBacklog = false;
        this.socket.resume();
      }
    } catch (error) {
      // Never crash the listener: anything unexpected ends this connection only.
      this.host.logger.error('ingest: connection failed', { listener: this.host.name, connectionId: this.id, error: String(error) });
      this.abort();
    } finally {
      this.pumping = false;
    }
  }

  private async handle(work: Work): Promise<void> {
    if (work.kind === 'chunk') {
      const pieces = this.parser.push(work.bytes);
      // Only ticket bytes restart the idle wait: a driver polling DLE EOT must not hold a job open.
      if (pieces.some((p) => p.kind === 'data') || this.parser.heldLength > 0) this.armIdleTimer();
      for (const piece of pieces) {
        if (this.stopped) return;
        if (piece.kind === 'data') await this.append(piece.bytes);
        else if (piece.kind === 'status') await this.answer(piece.request);
        else await this.endJob('cut');
      }
      // An unfinished command counts toward the job's size too: it is bytes we hold for it.
      if (!this.stopped && this.jobLength + this.parser.heldLength > this.host.limits.maxJobBytes) {
        const [held] = this.parser.flush();
        if (held?.kind === 'data') await this.append(held.bytes);
      }
      return;
    }
    for (const piece of this.parser.flush()) if (piece.kind === 'data') await this.append(piece.bytes);
    if (this.stopped) return;
    await this.endJob(work.kind === 'idle' ? 'idle' : 'close');
    if (work.kind === 'end') this.finish();
  }

  private async append(bytes: Buffer): Promise<void> {
    const room = this.host.limits.maxJobBytes - this.jobLength;
    if (bytes.length <= room) {
      this.jobChunks.push(bytes);
      this.jobLength += bytes.length;
      return;
    }
    this.jobChunks.push(bytes.subarray(0, room));
    this.jobLength += room;
    await this.cutOff('jobTooLarge');
  }

  private async answer(request: IngestStatusRequest): Promise<void> {
    let condition: PrinterCondition;
    try {
      condition = await this.host.condition();
    } catch (error) {
      this.host.logger.warn('ingest: the status source failed; answering as a healthy printer', { listener: this.host.name, error: String(error) });
      condition = HEALTHY_CONDITION;
    }
    const reply = statusReply(request, condition, this.host.identity);
    if (reply && this.socket.writable) this.socket.write(reply);
    this.host.statusAnswered(this.id, request, reply);
  }

  /** The job in progress ends here — unless it would print nothing, then its bytes lead the next job. */
  private async endJob(endedBy: JobEnd): Promise<void> {
    const bytes = this.jobBytes();
    if (bytes.length === 0 || !(await this.host.wouldPrint(bytes))) return;
    this.clearJob();
    const now = this.host.clock.now();
    this.jobEnds = this.jobEnds.filter((at) => at > now - this.host.limits.rateWindowMs);
    if (this.jobEnds.length >= this.host.limits.maxJobsPerWindow) {
      await this.deliverCutOff(bytes, 'tooManyJobs', false);
      return;
    }
    this.jobEnds.push(now);
    await this.deliver(this.job(bytes, endedBy));
  }

  private async cutOff(reason: LimitReason): Promise<void> {
    const bytes = this.jobBytes();
    this.clearJob();
    await this.deliverCutOff(bytes, reason, reason === 'jobTooLarge');
  }

  private async deliverCutOff(bytes: Buffer, reason: LimitReason, truncated: boolean): Promise<void> {
    const message = describeLimit(reason, this.host.limits);
    this.host.logger.warn(`ingest: ${message}`, { listener: this.host.name, connectionId: this.id, limit: reason, bytes: bytes.length });
    const job: IngestJob = { ...this.job(bytes, 'limit'), limit: reason, limitMessage: message };
    if (truncated) job.truncated = true;
    // Stop reading first: nothing more from this connection becomes a job.
    this.stopped = true;
    this.socket.pause();
    await this.host.deliver(job);
    this.abort();
  }

  private async deliver(job: IngestJob): Promise<void> {
    this.socket.pause();
    const acknowledged = await this.host.deliver(job);
    if (!acknowledged) {
      // Not journaled: the POS must not see success, so it gets a reset instead of answers.
      this.abort();
      return;
    }
    if (!this.stopped) this.socket.resume();
  }

  private job(bytes: Buffer, endedBy: JobEnd): IngestJob {
    return {
      id: randomUUID(),
      listenerName: this.host.name,
      station: this.host.station,
      printerType: this.host.printerType,
      bytes,
      receivedAt: isoNow(this.host.clock),
      connectionId: this.id,
      endedBy,
    };
  }

  /** The job so far, as one buffer (kept as such, so a second look need not concatenate again). */
  private jobBytes(): Buffer {
    const bytes = this.jobChunks.length === 1 ? this.jobChunks[0]! : Buffer.concat(this.jobChunks);
    this.jobChunks = bytes.length > 0 ? [bytes] : [];
    return bytes;
  }

  private clearJob(): void {
    this.jobChunks = [];
    this.jobLength = 0;
  }

  /**
   * The POS closed its side and every job is journaled: close ours, which it may be waiting for. An
   * idle connection the POS never closed is closed whole: a half-closed socket would keep its place.
   */
  private finish(): void {
    this.stopped = true;
    this.cancelIdle?.();
    this.cancelIdleClose?.();
    if (this.socket.destroyed) return;
    if (this.closeWhenIdle) this.socket.destroy();
    else this.socket.end();
  }
}
