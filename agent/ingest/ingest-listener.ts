import { EventEmitter } from 'node:events';
import net from 'node:net';
import type { Dialect } from '../printing/escpos-commands.js';
import { HEALTHY_CONDITION, type PrinterCondition } from '../printing/printer-status.js';
import { IngestConnection, type ConnectionHost } from './ingest-connection.js';
import { INGEST_ERRORS, IngestError } from './ingest-errors.js';
import type { IngestJob } from './ingest-job.js';
import { INGEST_LIMITS, type IngestLimits } from './ingest-limits.js';
import type { IngestLogger } from './ingest-logger.js';
import { checkListenAddress, parseListenAddress } from './listen-address.js';
import { systemClock, type Clock } from '../../common/clock.js';
import { EPSON_TM_IDENTITY, type IngestStatusRequest, type PrinterIdentity } from './status-replies.js';
import { closeServer } from '../util/close-server.js';
import type { TicketDecoder } from '../decode/ticket-decoder.js';
import { wouldPrint } from './job-content.js';

/**
 * An ingest printer: a `net.Server` a POS prints to as if it were an Epson TM network printer.
 * It answers the POS's status requests (with the forward printer's state from `statusSource`),
 * strips them from the ticket, and hands each job — the POS's bytes unchanged — to `onJob`. See
 * docs/ingest.md.
 */
export interface IngestListenerOptions {
  /** The ingest printer's name (settings), carried on every job. */
  name: string;
  /** The station its cards belong to. */
  station: string;
  /** `tcp://host:port`; port 0 picks a free one. */
  listen: string;
  /** A host other than loopback is refused unless this is true (it opens a port on the LAN). */
  allowLan?: boolean;
  /** The command set the POS speaks: Star's `ESC d n` cuts, Epson's feeds. Default EPSON. */
  printerType?: Dialect;
  /**
   * The forward printer's state, asked for every status request. It may answer at once (a cached
   * state) or with a promise (the printer is being asked): the reply, and everything the POS sent
   * after the request, waits for it, in order. Default: healthy.
   */
  statusSource?: () => PrinterCondition | Promise<PrinterCondition>;
  /**
   * Called with every finished job; the connection waits for the promise before it reads on, so
   * nothing after the job (a `GS r 1`, the close) is answered before it resolves. Journal here. A
   * rejection means "not journaled": the connection is reset so the POS sees a failure.
   */
  onJob?: (job: IngestJob) => Promise<void> | void;
  logger: IngestLogger;
  /** The agent's clock: the 2 s idle end and the jobs-per-minute window; tests move it by hand. */
  clock?: Clock;
  limits?: Partial<IngestLimits>;
  identity?: PrinterIdentity;
  /** Decodes a finished job to see whether it prints anything; default inline (the agent passes its worker-backed decoder). */
  decoder?: Pick<TicketDecoder, 'wouldPrint'>;
}

export interface StatusRequestEvent {
  connectionId: number;
  request: IngestStatusRequest;
  /** What was answered; undefined when the printer stayed silent. */
  reply: Buffer | undefined;
}

export interface IngestListenerEvents {
  /** A job the hook accepted (after its promise resolved). */
  job: [IngestJob];
  /** The hook rejected: the job was not journaled and its connection was reset. */
  'job-failed': [{ job: IngestJob; error: unknown }];
  'status-request': [StatusRequestEvent];
  connection: [{ connectionId: number; remoteAddress: string | undefined }];
  disconnect: [number];
}

export class IngestListener extends EventEmitter<IngestListenerEvents> implements ConnectionHost {
  readonly name: string;
  readonly station: string;
  readonly host: string;
  readonly printerType: Dialect;
  readonly limits: IngestLimits;
  readonly identity: PrinterIdentity;
  readonly clock: Clock;
  readonly logger: IngestLogger;

  /** Set while connections are being refused over the cap: the log says so once per episode. */
  private refusing = false;
  private assignedPort: number;
  private server: net.Server | undefined;
  private readonly connections = new Map<number, IngestConnection>();
  private connectionSeq = 0;

  constructor(private readonly options: IngestListenerOptions) {
    super();
    const address = parseListenAddress(options.listen);
    checkListenAddress(address, options.allowLan ?? false);
    this.name = options.name;
    this.station = options.station;
    this.host = address.host;
    this.assignedPort = address.port;
    this.printerType = options.printerType ?? 'EPSON';
    this.limits = { ...INGEST_LIMITS, ...options.limits };
    this.identity = options.identity ?? EPSON_TM_IDENTITY;
    this.clock = options.clock ?? systemClock;
    this.logger = options.logger;
  }

  get port(): number {
    return this.assignedPort;
  }

  get url(): string {
    return `tcp://${this.host.includes(':') ? `[${this.host}]` : this.host}:${this.assignedPort}`;
  }

  /** Open POS connections. */
  get connectionCount(): number {
    return this.connections.size;
  }

  /** Binds the port; a port in use or an address not on this machine is a coded IngestError. */
  async listen(): Promise<void> {
    // Half-open: when the POS closes its side, ours stays open until its last job is journaled.
    const server = net.createServer({ allowHalfOpen: true }, (socket) => this.accept(socket));
    await new Promise<void>((resolve, reject) => {
      const onError = (error: Error): void => {
        server.off('listening', onListening);
        reject(listenError(error, this.url));
      };
      const onListening = (): void => {
        server.off('error', onError);
        resolve();
      };
      server.once('error', onError);
      server.once('listening', onListening);
      server.listen({ host: this.host, port: this.assignedPort });
    });
    // Errors after listening (none are expected) must not crash the agent.
    server.on('error', (error) => this.logger.error('ingest: listener error', { listener: this.name, error: error.message }));
    this.server = server;
    const address = server.address();
    if (address && typeof address === 'object') this.assignedPort = address.port;
  }

  /** Stops listening and resets every connection; unfinished jobs are dropped (the POS sees a reset). */
  async close(): Promise<void> {
    for (const connection of this.connections.values()) connection.abort();
    this.connections.clear();
    const server = this.server;
    this.server = undefined;
    await closeServer(server);
  }

  condition(): PrinterCondition | Promise<PrinterCondition> {
    return this.options.statusSource ? this.options.statusSource() : HEALTHY_CONDITION;
  }

  wouldPrint(bytes: Buffer): Promise<boolean> {
    return this.options.decoder ? this.options.decoder.wouldPrint(bytes, this.printerType) : Promise.resolve(wouldPrint(bytes, this.printerType));
  }

  async deliver(job: IngestJob): Promise<boolean> {
    try {
      await this.options.onJob?.(job);
    } catch (error) {
      this.logger.error('ingest: the job hook failed; resetting the connection so the POS sees a failure', {
        listener: this.name,
        connectionId: job.connectionId,
        jobId: job.id,
        error: String(error),
      });
      this.emit('job-failed', { job, error });
      return false;
    }
    this.emit('job', job);
    return true;
  }

  statusAnswered(connectionId: number, request: IngestStatusRequest, reply: Buffer | undefined): void {
    this.emit('status-request', { connectionId, request, reply });
  }

  /**
   * Over `maxConnections`: reset at once (the POS sees a failure and retries). The places free up
   * as connections close, idle ones after `idleCloseMs` at the latest.
   */
  private refuse(socket: net.Socket): void {
    if (!this.refusing) {
      this.refusing = true;
      this.logger.warn('ingest: connection refused, the listener holds as many as it may; idle ones close by themselves', {
        listener: this.name,
        maxConnections: this.limits.maxConnections,
        idleCloseMs: this.limits.idleCloseMs,
        remoteAddress: socket.remoteAddress,
      });
    }
    socket.on('error', () => undefined);
    socket.resetAndDestroy();
  }

  disconnected(connectionId: number): void {
    if (this.connections.delete(connectionId)) this.emit('disconnect', connectionId);
  }

  private accept(socket: net.Socket): void {
    if (this.connections.size >= this.limits.maxConnections) {
      this.refuse(socket);
      return;
    }
    this.refusing = false;
    const id = ++this.connectionSeq;
    this.connections.set(id, new IngestConnection(id, socket, this));
    this.emit('connection', { connectionId: id, remoteAddress: socket.remoteAddress });
  }
}

/** A bind's failure as the coded error settings and logs show (also for the settings' trial bind). */
export function listenError(error: unknown, url: string): IngestError {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'EADDRINUSE') return new IngestError(INGEST_ERRORS.PORT_IN_USE, `${url} is already in use`);
  if (code === 'EADDRNOTAVAIL') return new IngestError(INGEST_ERRORS.LISTEN_FAILED, `cannot listen on ${url}: this machine has no such address`);
  if (code === 'EACCES') return new IngestError(INGEST_ERRORS.LISTEN_FAILED, `cannot listen on ${url}: permission denied (ports below 1024 need administrator rights)`);
  return new IngestError(INGEST_ERRORS.LISTEN_FAILED, `cannot listen on ${url}: ${code ?? String(error)}`);
}

export async function startIngestListener(options: IngestListenerOptions): Promise<IngestListener> {
  const listener = new IngestListener(options);
  await listener.listen();
  return listener;
}
