import { EventEmitter } from 'node:events';
import type { ConnectionMode, ConnectionState } from '../../../common/kitchen-api.js';
import { describeError } from '../../describe-error.js';
import type { AgentLogger } from '../../ports.js';
import { ConnectionNews } from '../../util/connection-news.js';
import { isoNow, type Clock } from '../../../common/clock.js';
import { PusherChannels } from '../../util/pusher-channels.js';
import { SerialQueue } from '../../util/serial-queue.js';
import type { ConnectorChanges, ConnectorEvents } from '../types.js';
import { mapOrder, statusMeaning, type MappedOrder } from './pusher-app-mapping.js';
import type { OrderJournalResult, StatusJournalResult } from './pusher-app-journal.js';
import { pusherAppOptions } from './pusher-app-realtime.js';
import type { PusherAppMap, PusherAppSettings } from './pusher-app-settings.js';

export interface PusherAppSyncDeps {
  /** The section as it was when this sync was built; undefined: not configured. */
  settings: PusherAppSettings | undefined;
  /** The map as the settings hold it now: a changed map applies to the next event, with no new connection. */
  map: () => PusherAppMap;
  journalOrder(order: MappedOrder): OrderJournalResult;
  journalStatus(sourceId: string, status: string): StatusJournalResult;
  logger: AgentLogger;
  clock: Clock;
}

const emptyChanges = (): ConnectorChanges => ({ orderIds: [], jobs: [], alerts: [] });

/**
 * Listens to one app's channel with pusher-js: `event` brings orders (journaled before anything is
 * printed), `statusEvent` their later status. Pusher is all there is (the app offers no list to
 * catch up from): while the link is down the board says offline, and orders broadcast meanwhile
 * never arrive (docs/connectors.md). Events are handled one at a time, in the order they came.
 */
export class PusherAppSync extends EventEmitter<ConnectorEvents> {
  private readonly queue = new SerialQueue();
  private channels: PusherChannels | undefined;
  private state: ConnectionState = { mode: 'offline', lastSeq: 0, detail: 'starting' };
  private readonly news: ConnectionNews;

  constructor(private readonly deps: PusherAppSyncDeps) {
    super();
    this.news = new ConnectionNews(deps.clock);
  }

  get connection(): ConnectionState {
    return this.state;
  }

  start(): void {
    const settings = this.deps.settings;
    if (!settings) {
      this.setMode('offline', 'Pusher app not configured: add its settings (pusherApp) in Settings');
      return;
    }
    const events = [settings.event, ...(settings.statusEvent && settings.statusEvent !== settings.event ? [settings.statusEvent] : [])];
    this.channels = new PusherChannels(
      {
        state: (current) => `Pusher app ${current}`,
        connected: `Pusher app: listening on ${settings.channel}`,
        refused: (channel, status) =>
          status === 401 || status === 403
            ? `Pusher app: the auth endpoint refused ${channel} (${status}): check the auth headers`
            : `Pusher app: subscription to ${channel} refused (${status ?? 'no answer from the auth endpoint'})`,
      },
      {
        // Listening from now on: as far as a doorbell-only source can be, this is in sync.
        onSubscribed: () => (this.state = { ...this.state, lastSyncAt: isoNow(this.deps.clock) }),
        onStateChange: (connected, detail) => this.setMode(connected ? 'live' : 'offline', detail),
      },
    );
    this.channels.start(settings.key, pusherAppOptions(settings), [
      { channel: settings.channel, events, on: (event, data) => void this.queue.run(async () => this.onEvent(settings, event, data)) },
    ]);
  }

  async stop(): Promise<void> {
    this.channels?.stop();
    this.channels = undefined;
    // An event being journaled is finished: it came, so it is this agent's now.
    await this.queue.idle();
    this.state = { ...this.state, mode: 'offline', detail: 'stopped' };
  }

  idle(): Promise<void> {
    return this.queue.idle();
  }

  /** Runs inside the queue; never throws (a bad event must not stop the next one). */
  private onEvent(settings: PusherAppSettings, event: string, data: unknown): void {
    try {
      const mapped = mapOrder(data, this.deps.map());
      if (!mapped.ok) {
        // The event's data may hold a customer's name: the log says what was missing, never the data.
        this.deps.logger.warn('ignored a Pusher app event that does not read as an order', { event, problem: mapped.problem });
        return;
      }
      const changes = emptyChanges();
      if (event === settings.event) {
        const result = this.deps.journalOrder(mapped.order);
        if (result.kind === 'journaled') {
          changes.orderIds.push(result.order.id);
          changes.jobs.push(...result.jobs);
          changes.alerts.push({ alert: 'order.submitted', orderId: result.order.id });
        } else {
          this.deps.logger.info('the Pusher app sent an order this agent already has; not printed again', { orderId: result.orderId });
        }
      }
      // The status event, or an order event that carries a status for an order already here.
      const status = mapped.order.status;
      if (status !== undefined && (event === settings.statusEvent || (changes.orderIds.length === 0 && statusMeaning(status) !== undefined))) {
        const applied = this.deps.journalStatus(mapped.order.sourceId, status);
        if (applied.kind === 'applied') {
          if (!changes.orderIds.includes(applied.order.id)) changes.orderIds.push(applied.order.id);
          changes.jobs.push(...applied.slips);
          if (applied.cancelled) changes.alerts.push({ alert: 'order.cancelled', orderId: applied.order.id });
        }
      }
      if (changes.orderIds.length > 0) {
        this.state = { ...this.state, lastSyncAt: isoNow(this.deps.clock) };
        this.emit('changes', changes);
      }
    } catch (error) {
      this.deps.logger.error('could not journal a Pusher app event', { event, error: describeError(error) });
    }
  }

  private setMode(mode: ConnectionMode, detail: string): void {
    const previous = this.state;
    const next: ConnectionState = { ...previous, mode, detail };
    this.state = next;
    if (this.news.worthAnnouncing(previous, next)) this.emit('connection', next);
  }
}
