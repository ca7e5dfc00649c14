import { EventEmitter } from 'node:events';
import type { ConnectionState } from '../../common/kitchen-api.js';
import type { AgentSettings } from '../../common/settings.js';
import { SerialQueue } from './serial-queue.js';

/** What a part reports: the changes it wrote to the cache (of its own shape) and its connection. */
export interface ConnectionPartEvents<C> {
  changes: [C];
  connection: [ConnectionState];
}

/** A part that holds a connection to a source of work (a sync engine, a TableTrack sync). */
export interface ConnectionPart<C> extends EventEmitter<ConnectionPartEvents<C>> {
  readonly connection: ConnectionState;
  start(): void;
  stop(): Promise<void>;
  idle(): Promise<void>;
}

export interface ConnectionSlotOptions<P> {
  /** The settings as they are now; read when a part is built. */
  settings: () => AgentSettings;
  /** Whether a part built from `running` must be replaced to serve `next`. */
  needsNew: (running: AgentSettings, next: AgentSettings) => boolean;
  build: (settings: AgentSettings) => P;
}

/**
 * Holds the one running part of a connector and replaces it when the settings it was built from
 * change. Parts are replaced one at a time, each time against the latest settings: two saves in a
 * breath used to start two engines, one of which nobody ever stopped (two sockets, every alert
 * twice). Owners extend it (the sync supervisor, the TableTrack connector): whoever listens to the
 * owner hears the current part's `changes` and `connection` only, and reads its connection state.
 */
export class ConnectionSlot<C, P extends ConnectionPart<C>> extends EventEmitter<ConnectionPartEvents<C>> {
  private part: P;
  private built: AgentSettings;
  private readonly restarts = new SerialQueue();
  private readonly running = new Set<P>();
  private stopping = false;

  constructor(private readonly options: ConnectionSlotOptions<P>) {
    super();
    this.built = options.settings();
    this.part = options.build(this.built);
  }

  /** The part running now. */
  protected get current(): P {
    return this.part;
  }

  /** Parts started and not yet stopped: one while the agent runs, none once stop() resolved. */
  protected get runningParts(): number {
    return this.running.size;
  }

  /** The current part's connection state (live / polling / offline). */
  get connection(): ConnectionState {
    return this.part.connection;
  }

  start(): void {
    this.launch(this.part);
  }

  /**
   * Call on every settings change: replaces the part when the connection settings differ from the
   * running part's, and resolves once that is done (or found unneeded).
   */
  settingsChanged(): Promise<void> {
    return this.restarts.run(async () => {
      const next = this.options.settings();
      if (this.stopping || !this.options.needsNew(this.built, next)) return;
      await this.retire(this.part);
      // stop() began while the old part stopped: it retires `current`, so start nothing new.
      if (this.stopping) return;
      this.built = next;
      this.part = this.options.build(next);
      this.launch(this.part);
    });
  }

  /** Resolves once the replacements asked for so far and the current part's queued work are done. */
  async idle(): Promise<void> {
    await this.restarts.idle();
    await this.part.idle();
  }

  /** Stops the part for good; waits for a replacement under way, so nothing is left running. */
  async stop(): Promise<void> {
    this.stopping = true;
    await this.restarts.idle();
    await this.retire(this.part);
  }

  private launch(part: P): void {
    part.on('changes', (changes) => this.emit('changes', changes));
    part.on('connection', (connection) => this.emit('connection', connection));
    this.running.add(part);
    part.start();
  }

  private async retire(part: P): Promise<void> {
    // Changes it applies while it winds down are real changes of the cache: still passed on.
    await part.stop();
    part.removeAllListeners();
    this.running.delete(part);
  }
}
