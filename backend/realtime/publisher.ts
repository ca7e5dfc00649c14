import type Pusher from 'pusher';
import { ORDER_CHANNEL_PREFIX } from '../../common/channels.js';
import { dinerEventOf } from '../../common/diner.js';
import type { TicketEvent } from '../../common/events.js';
import type { EventSink } from '../services/change-recorder.js';
import { channelsFor } from './channels.js';

/** The part of a logger the publisher needs (pino's signature). */
export interface PublisherLogger {
  warn(object: object, message: string): void;
}

export interface PublisherStats {
  /** Events the Pusher-protocol service accepted. */
  published: number;
  /** Events whose publish failed or that were dropped because the queue was full. */
  failed: number;
  /** Events waiting to be sent. */
  queued: number;
}

/**
 * What a channel receives of an event: staff channels the event itself; an order's own channel,
 * which its diner reads, only the diner's projection (no actor, no staff text).
 */
function channelData(channel: string, event: TicketEvent): unknown {
  return channel.startsWith(ORDER_CHANNEL_PREFIX) ? dinerEventOf(event) : event;
}

/**
 * The one SDK call the publisher makes. The official `pusher` client satisfies it (its answer is a
 * fetch Response); so does the embedded relay's in-process adapter (in-process-client.ts).
 */
export interface PusherClient {
  triggerBatch(batch: Pusher.BatchEvent[]): Promise<{ text(): Promise<string> }>;
}

interface Message {
  event: TicketEvent;
  channel: string;
  /** The last message of its event: the event counts as published once this one is. */
  last: boolean;
}

export const PUBLISHER_LIMITS = {
  /** Pusher's HTTP API takes at most 10 events per batch. */
  batchSize: 10,
  /**
   * Channel messages held while the service is slow or down: enough for a 10 s burst at thousands
   * of orders per second. Beyond this, events are dropped (counted as failed); agents recover them
   * from `GET /api/events`.
   */
  maxQueued: 100_000,
} as const;

/**
 * Publishes committed events through the official `pusher` SDK, in the order they were committed
 * in this process (seq order within each location's log). One request is in
 * flight at a time and whatever queued up meanwhile goes in the next batch: concurrent requests
 * could overtake each other and deliver seq 6 before seq 5, which an agent would read as a gap.
 * A failed publish is logged and counted, never retried: the event is already in the log, and
 * agents catch up from `GET /api/events`.
 */
export class PusherPublisher implements EventSink {
  /** Messages in seq order; `head` is the next to send (an array shifted in place would be O(n) per batch). */
  private queue: Message[] = [];
  private head = 0;
  private sending: Promise<void> | undefined;
  private published = 0;
  private failed = 0;
  private queuedEvents = 0;
  private closed = false;

  constructor(
    private readonly client: PusherClient,
    private readonly logger: PublisherLogger,
  ) {}

  publish(location: string, events: readonly TicketEvent[]): void {
    if (this.closed) return;
    for (const event of events) {
      if (this.queue.length - this.head >= PUBLISHER_LIMITS.maxQueued) {
        this.failed += 1;
        continue;
      }
      const channels = channelsFor(event, location);
      channels.forEach((channel, i) => this.queue.push({ event, channel, last: i === channels.length - 1 }));
      this.queuedEvents += 1;
    }
    if (!this.sending && this.head < this.queue.length) this.sending = this.drain();
  }

  stats(): PublisherStats {
    return { published: this.published, failed: this.failed, queued: this.queuedEvents };
  }

  /**
   * Stops accepting events and waits (bounded) for the queue to empty; what is still queued then
   * is dropped and counted as failed.
   */
  async close(timeoutMs = 2_000): Promise<void> {
    this.closed = true;
    if (!this.sending) return;
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([this.sending, new Promise<void>((resolve) => (timer = setTimeout(resolve, timeoutMs)))]);
    clearTimeout(timer);
    this.failed += this.queuedEvents;
    this.queuedEvents = 0;
    this.queue = [];
    this.head = 0;
  }

  private takeBatch(): Message[] {
    const batch = this.queue.slice(this.head, this.head + PUBLISHER_LIMITS.batchSize);
    this.head += batch.length;
    if (this.head === this.queue.length) {
      this.queue = [];
      this.head = 0;
    } else if (this.head > 4096 && this.head * 2 > this.queue.length) {
      this.queue = this.queue.slice(this.head);
      this.head = 0;
    }
    return batch;
  }

  private async drain(): Promise<void> {
    while (this.head < this.queue.length) {
      const batch = this.takeBatch();
      const events = batch.filter((m) => m.last).length;
      this.queuedEvents -= events;
      try {
        const response = await this.client.triggerBatch(
          batch.map((m) => ({ channel: m.channel, name: m.event.type, data: channelData(m.channel, m.event) })),
        );
        // Reading the body frees the keep-alive socket for the next batch.
        await response.text();
        this.published += events;
      } catch (error) {
        this.failed += events;
        this.logger.warn(
          { err: error, seqs: [...new Set(batch.map((m) => m.event.seq))], channels: [...new Set(batch.map((m) => m.channel))] },
          'realtime publish failed; agents will catch up from /api/events',
        );
      }
    }
    this.sending = undefined;
  }
}
