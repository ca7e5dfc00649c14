import { systemClock, type Clock } from '../../../common/clock.js';
/**
 * Fire-and-forget webhooks for one app. emit() only buffers; events of the same tick are sent as
 * one `{time_ms, events}` batch per target URL (filtered by the events that target asked for), so
 * channel traffic never waits on a webhook receiver.
 */
import { WEBHOOK_MAX_EVENTS_PER_BATCH, WEBHOOK_MAX_QUEUED_BATCHES } from '../limits.js';
import type { RelayApp, RelayLogger } from '../types.js';
import type { WebhookEvent, WebhookSink } from './webhook-events.js';
import { WebhookTargetQueue } from './webhook-target-queue.js';

interface Target {
  queue: WebhookTargetQueue;
  wants: (event: WebhookEvent) => boolean;
}

export class WebhookDispatcher implements WebhookSink {
  private readonly targets: Target[];
  private buffered: WebhookEvent[] = [];
  private flushScheduled: NodeJS.Immediate | undefined;
  private closed = false;

  constructor(
    app: RelayApp,
    logger: RelayLogger,
    private readonly clock: Pick<Clock, 'now'> = systemClock,
  ) {
    this.targets = (app.webhooks ?? []).map((target) => {
      const names = target.events === undefined ? undefined : new Set<string>(target.events);
      return {
        queue: new WebhookTargetQueue(
          target.url,
          { key: app.key, secret: app.secret },
          logger,
          target.maxQueuedBatches ?? WEBHOOK_MAX_QUEUED_BATCHES,
        ),
        wants: (event: WebhookEvent) => names === undefined || names.has(event.name),
      };
    });
  }

  emit(event: WebhookEvent): void {
    if (this.targets.length === 0 || this.closed) return;
    this.buffered.push(event);
    this.flushScheduled ??= setImmediate(() => this.flush());
  }

  /** Stops delivery; events emitted afterwards (e.g. by the shutdown's own disconnects) are ignored. */
  close(): void {
    this.closed = true;
    if (this.flushScheduled) clearImmediate(this.flushScheduled);
    this.flushScheduled = undefined;
    this.buffered = [];
    for (const target of this.targets) target.queue.close();
  }

  private flush(): void {
    this.flushScheduled = undefined;
    const events = this.buffered;
    this.buffered = [];
    const timeMs = this.clock.now();
    for (const target of this.targets) {
      const wanted = events.filter(target.wants);
      for (let start = 0; start < wanted.length; start += WEBHOOK_MAX_EVENTS_PER_BATCH) {
        const batch = wanted.slice(start, start + WEBHOOK_MAX_EVENTS_PER_BATCH);
        target.queue.enqueue(JSON.stringify({ time_ms: timeMs, events: batch }));
      }
    }
  }
}
