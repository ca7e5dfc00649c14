import { describeError } from '../../../describe-error.js';
import { EventEmitter } from 'node:events';
import { AgentRealtimeConfigSchema, type AgentRealtimeConfig } from '../../../../common/agent-config.js';
import { kitchenChannels } from '../../../../common/channel-mode.js';
import { EVENTS_PAGE_LIMITS, type TicketEvent } from '../../../../common/events.js';
import type { ConnectionMode, ConnectionState } from '../../../../common/kitchen-api.js';
import type { RealtimeSettings } from '../../../../common/settings.js';
import { BackendUnreachableError, type BackendClient } from '../backend-client.js';
import type { CacheDb } from '../../../cache/cache-db.js';
import type { AgentLogger } from '../../../ports.js';
import { isoNow, type Clock } from '../../../../common/clock.js';
import { ConnectionNews } from '../../../util/connection-news.js';
import { SerialQueue } from '../../../util/serial-queue.js';
import type { FrontOfHouseCache } from '../front-of-house/front-of-house-cache.js';
import { EventApplier, type AppliedChanges } from './event-applier.js';
import { RealtimeLink } from './realtime-link.js';

/**
 * Even while live, catch up this often: an event whose publish failed at the backend leaves no gap
 * until the next event arrives, and the kitchen must not wait for that.
 */
export const LIVE_SAFETY_CATCH_UP_MS = 10_000;

/** The cache's record of the channel names the backend last gave (`GET /api/agent/config`). */
export const CHANNELS_STATE_KEY = 'realtimeChannels';
const ChannelsSchema = AgentRealtimeConfigSchema.shape.channels;

export interface SyncEngineEvents {
  changes: [AppliedChanges];
  connection: [ConnectionState];
}

/**
 * Keeps the cache equal to the backend's event log. Pusher is the doorbell, the API the mailbox:
 * an event is applied directly only when its seq is exactly lastSeq + 1; on start, on every
 * (re)subscription and on a gap the engine pulls `/api/events?after=lastSeq` until caught up;
 * while the realtime link is down it polls the same endpoint.
 */
export class SyncEngine extends EventEmitter<SyncEngineEvents> {
  private readonly queue = new SerialQueue();
  private readonly applier: EventApplier;
  private link: RealtimeLink | undefined;
  private cancelTimer: (() => void) | undefined;
  private lastCatchUpAt = 0;
  private stopped = false;
  private state: ConnectionState;
  private readonly news: ConnectionNews;

  constructor(
    private readonly cache: CacheDb,
    private readonly backend: BackendClient,
    private readonly realtime: RealtimeSettings,
    private readonly logger: AgentLogger,
    private readonly clock: Clock,
    frontOfHouse: FrontOfHouseCache,
  ) {
    super();
    this.applier = new EventApplier(cache, backend, frontOfHouse);
    this.news = new ConnectionNews(clock);
    const lastSyncAt = cache.getState('lastSyncAt');
    this.state = { mode: 'offline', lastSeq: cache.getLastSeq(), ...(lastSyncAt ? { lastSyncAt } : {}), detail: 'starting' };
  }

  get connection(): ConnectionState {
    return this.state;
  }

  start(): void {
    this.stopped = false;
    void this.catchUp();
    void this.connectRealtime();
    this.schedule();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.cancelTimer?.();
    this.link?.stop();
    this.link = undefined;
    await this.queue.idle();
    // Whoever still asks a stopped engine must not read "live": it has no link any more.
    this.state = { ...this.state, mode: 'offline', detail: 'stopped' };
  }

  /** Pulls every event after the cursor; resolves when caught up or the backend is unreachable. */
  catchUp(): Promise<void> {
    return this.queue.run(() => this.catchUpNow());
  }

  /** Resolves once all queued sync work has finished (tests and shutdown). */
  idle(): Promise<void> {
    return this.queue.idle();
  }

  /** The realtime config could not be had on the last try (logged once per outage). */
  private configUnavailable = false;

  private async connectRealtime(): Promise<void> {
    if (!this.realtime.enabled || this.stopped || this.link) return;
    let config: AgentRealtimeConfig;
    try {
      config = this.realtime.key ? await this.configFromSettings() : this.remember(await this.backend.agentConfig());
    } catch (error) {
      // Asked again every tick while it fails: said once per outage, or a long one buries the log.
      if (!this.configUnavailable) this.logger.warn('realtime config unavailable; polling meanwhile (said once until it is back)', { error: describeError(error) });
      this.configUnavailable = true;
      return;
    }
    if (this.configUnavailable) this.logger.info('realtime config available again');
    this.configUnavailable = false;
    if (this.stopped || this.link) return;
    this.link = new RealtimeLink(config, this.backend, {
      onEvent: (event) => void this.queue.run(() => this.onEvent(event)),
      onSubscribed: () => void this.catchUp(),
      onStateChange: (connected, detail) => this.setMode(connected ? 'live' : this.pollingOrOffline(), detail),
    }, this.logger);
    this.link.start();
  }

  private async configFromSettings(): Promise<AgentRealtimeConfig> {
    const { key, cluster, host, port, useTLS } = this.realtime;
    return {
      key,
      ...(cluster ? { cluster } : {}),
      ...(host ? { host } : {}),
      ...(port ? { port } : {}),
      useTLS,
      channels: await this.channelNames(),
      authEndpoint: `${this.backend.baseUrl}/api/pusher/auth`,
      embedded: false,
    };
  }

  /**
   * The channels the backend publishes on (its CHANNEL_MODE: private or public names), as its
   * agent config says; while it cannot be asked, the names it gave last, else the private ones.
   */
  private async channelNames(): Promise<AgentRealtimeConfig['channels']> {
    try {
      return this.remember(await this.backend.agentConfig()).channels;
    } catch {
      const stored = this.cache.getState(CHANNELS_STATE_KEY);
      const parsed = stored ? ChannelsSchema.safeParse(safeJson(stored)) : undefined;
      return parsed?.success ? parsed.data : kitchenChannels('private');
    }
  }

  private remember(config: AgentRealtimeConfig): AgentRealtimeConfig {
    this.cache.setState(CHANNELS_STATE_KEY, JSON.stringify(config.channels));
    return config;
  }

  private async onEvent(event: TicketEvent): Promise<void> {
    const lastSeq = this.cache.getLastSeq();
    if (event.seq <= lastSeq) return;
    if (event.seq === lastSeq + 1) {
      try {
        this.publish(await this.applier.apply([event]));
        this.markSynced();
      } catch (error) {
        this.onSyncError(error);
      }
      return;
    }
    this.logger.info('seq gap: catching up', { lastSeq, got: event.seq });
    await this.catchUpNow();
  }

  private async catchUpNow(): Promise<void> {
    if (this.stopped) return;
    this.lastCatchUpAt = this.clock.now();
    try {
      for (;;) {
        const page = await this.backend.events(this.cache.getLastSeq(), EVENTS_PAGE_LIMITS.maxLimit);
        const read = page.events.length + page.skippedSeqs.length;
        if (read > 0) this.publish(await this.applier.apply(page.events, page.skippedSeqs));
        if (read < EVENTS_PAGE_LIMITS.maxLimit || this.cache.getLastSeq() >= page.lastSeq) break;
      }
      this.markSynced();
    } catch (error) {
      this.onSyncError(error);
    }
  }

  private publish(changes: AppliedChanges): void {
    if (changes.events.length > 0) this.emit('changes', changes);
  }

  private markSynced(): void {
    const lastSyncAt = isoNow(this.clock);
    this.cache.setState('lastSyncAt', lastSyncAt);
    const live = this.link?.connected ?? false;
    this.state = { ...this.state, lastSyncAt };
    this.setMode(live ? 'live' : 'polling', live ? 'realtime connected' : this.realtime.enabled ? 'realtime down: polling' : 'polling');
  }

  private onSyncError(error: unknown): void {
    if (error instanceof BackendUnreachableError) {
      this.setMode('offline', error.message);
    } else {
      this.logger.error('sync failed', { error: describeError(error) });
      this.setMode(this.pollingOrOffline(), `sync error: ${describeError(error)}`);
    }
  }

  private pollingOrOffline(): ConnectionMode {
    return this.state.mode === 'offline' ? 'offline' : 'polling';
  }

  private setMode(mode: ConnectionMode, detail: string): void {
    const previous = this.state;
    const next: ConnectionState = { ...previous, mode, detail, lastSeq: this.cache.getLastSeq() };
    this.state = next;
    if (this.news.worthAnnouncing(previous, next)) this.emit('connection', next);
  }

  /** One timer drives polling (link down), the live safety catch-up and realtime reconnection attempts. */
  private schedule(): void {
    if (this.stopped) return;
    this.cancelTimer = this.clock.after(Math.min(this.realtime.pollIntervalMs, 1000), () => {
      const live = this.link?.connected ?? false;
      const due = this.clock.now() - this.lastCatchUpAt >= (live ? LIVE_SAFETY_CATCH_UP_MS : this.realtime.pollIntervalMs);
      const work = due ? this.catchUp() : Promise.resolve();
      if (!this.link) void this.connectRealtime();
      void work.finally(() => this.schedule());
    });
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
