import { EventEmitter } from 'node:events';
import type { ConnectionState } from '../../common/kitchen-api.js';
import type { AgentSettings, RealtimeSettings } from '../../common/settings.js';
import type { BackendClient } from '../backend-client.js';
import type { CacheDb } from '../cache/cache-db.js';
import type { AgentLogger } from '../ports.js';
import type { Clock } from '../util/clock.js';
import { SerialQueue } from '../util/serial-queue.js';
import { SyncEngine, type SyncEngineEvents } from './sync-engine.js';

/** What an engine is built from: a change to any of it means a new connection. */
type ConnectionSettings = Pick<AgentSettings, 'backendUrl' | 'agentToken' | 'realtime'>;

/** Every realtime field counts: the engine is built with the whole section (poll interval included). */
function sameRealtime(a: RealtimeSettings, b: RealtimeSettings): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)] as (keyof RealtimeSettings)[]);
  return [...keys].every((key) => a[key] === b[key]);
}

/** Whether the engine must be rebuilt; printers, sound and display are read where they are used. */
export function needsNewConnection(running: ConnectionSettings, next: ConnectionSettings): boolean {
  return running.backendUrl !== next.backendUrl || running.agentToken !== next.agentToken || !sameRealtime(running.realtime, next.realtime);
}

export interface SyncSupervisorDeps {
  cache: CacheDb;
  backend: BackendClient;
  logger: AgentLogger;
  clock: Clock;
  /** The settings as they are now; read when an engine is built. */
  settings: () => AgentSettings;
}

/**
 * Owns the one sync engine of the agent. Everything else — the outbox, the board, the composition
 * root's listeners — asks the supervisor, never an engine, so after a settings change they all
 * reach the new engine: its connection state, and its `changes` and `connection` events (only the
 * current engine's are passed on).
 *
 * Engines are replaced one at a time, each time against the latest settings: two saves in a breath
 * used to start two engines, one of which nobody ever stopped (two sockets, every alert twice).
 */
export class SyncSupervisor extends EventEmitter<SyncEngineEvents> {
  private current: SyncEngine;
  private built: ConnectionSettings;
  private readonly restarts = new SerialQueue();
  private readonly running = new Set<SyncEngine>();
  private stopping = false;

  constructor(private readonly deps: SyncSupervisorDeps) {
    super();
    this.built = deps.settings();
    this.current = this.build(this.built);
  }

  /** The engine running now (replaced after a change of backend, token or realtime settings). */
  get engine(): SyncEngine {
    return this.current;
  }

  get connection(): ConnectionState {
    return this.current.connection;
  }

  /** Engines started and not yet stopped: one while the agent runs, none once stop() resolved. */
  get runningEngines(): number {
    return this.running.size;
  }

  start(): void {
    this.launch(this.current);
  }

  /**
   * Call on every settings change: replaces the engine when the connection settings differ from the
   * running engine's, and resolves once that is done (or found unneeded).
   */
  settingsChanged(): Promise<void> {
    return this.restarts.run(async () => {
      const next = this.deps.settings();
      if (this.stopping || !needsNewConnection(this.built, next)) return;
      await this.retire(this.current);
      // stop() began while the old engine stopped: it retires `current`, so start nothing new.
      if (this.stopping) return;
      this.built = next;
      this.current = this.build(next);
      this.launch(this.current);
    });
  }

  /** Resolves once the replacements asked for so far and the current engine's queued work are done. */
  async idle(): Promise<void> {
    await this.restarts.idle();
    await this.current.idle();
  }

  /** Stops the engine for good; waits for a replacement under way, so nothing is left running. */
  async stop(): Promise<void> {
    this.stopping = true;
    await this.restarts.idle();
    await this.retire(this.current);
  }

  private build(settings: ConnectionSettings): SyncEngine {
    const { cache, backend, logger, clock } = this.deps;
    return new SyncEngine(cache, backend, settings.realtime, logger, clock);
  }

  private launch(engine: SyncEngine): void {
    engine.on('changes', (changes) => this.emit('changes', changes));
    engine.on('connection', (connection) => this.emit('connection', connection));
    this.running.add(engine);
    engine.start();
  }

  private async retire(engine: SyncEngine): Promise<void> {
    // Changes it applies while it winds down are real changes of the cache: still passed on.
    await engine.stop();
    engine.removeAllListeners();
    this.running.delete(engine);
  }
}
