import type { AgentSettings, RealtimeSettings } from '../../../../common/settings.js';
import type { BackendClient } from '../backend-client.js';
import type { CacheDb } from '../../../cache/cache-db.js';
import type { AgentLogger } from '../../../ports.js';
import type { Clock } from '../../../../common/clock.js';
import { ConnectionSlot } from '../../../util/connection-slot.js';
import type { AppliedChanges } from './event-applier.js';
import { SyncEngine } from './sync-engine.js';
import type { FrontOfHouseCache } from '../front-of-house/front-of-house-cache.js';

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
  frontOfHouse: FrontOfHouseCache;
  /** The settings as they are now; read when an engine is built. */
  settings: () => AgentSettings;
}

/**
 * Owns the one sync engine of the agent. Everything else — the outbox, the board, the composition
 * root's listeners — asks the supervisor, never an engine, so after a settings change they all
 * reach the new engine: its connection state, and its `changes` and `connection` events (only the
 * current engine's are passed on).
 * The replacing itself (one at a time, against the latest settings) is the ConnectionSlot's.
 */
export class SyncSupervisor extends ConnectionSlot<AppliedChanges, SyncEngine> {
  constructor(deps: SyncSupervisorDeps) {
    const { cache, backend, logger, clock, frontOfHouse } = deps;
    super({
      settings: deps.settings,
      needsNew: needsNewConnection,
      build: (settings) => new SyncEngine(cache, backend, settings.realtime, logger, clock, frontOfHouse),
    });
  }

  /** The engine running now (replaced after a change of backend, token or realtime settings). */
  get engine(): SyncEngine {
    return this.current;
  }

  /** Engines started and not yet stopped: one while the agent runs, none once stop() resolved. */
  get runningEngines(): number {
    return this.runningParts;
  }
}
