/**
 * Delivery to one webhook URL: batches go out one at a time, in order (so a receiver sees
 * channel_occupied before channel_vacated), each retried with exponential backoff up to a bounded
 * number of attempts, then dropped with a warning. A dead receiver therefore delays only its own
 * queue, and the queue is capped so it cannot grow the relay's memory without bound.
 */
import {
  WEBHOOK_MAX_ATTEMPTS,
  WEBHOOK_MAX_QUEUED_BATCHES,
  WEBHOOK_REQUEST_TIMEOUT_MS,
  WEBHOOK_RETRY_BASE_DELAY_MS,
} from '../limits.js';
import { webhookSignature } from '../signing.js';
import type { RelayLogger } from '../types.js';

export interface WebhookCredentials {
  key: string;
  secret: string;
}

export class WebhookTargetQueue {
  private readonly pending: string[] = [];
  private pumping = false;
  private closed = false;
  private readonly shutdown = new AbortController();

  constructor(
    readonly url: string,
    private readonly credentials: WebhookCredentials,
    private readonly logger: RelayLogger,
  ) {}

  enqueue(body: string): void {
    if (this.closed) return;
    if (this.pending.length >= WEBHOOK_MAX_QUEUED_BATCHES) {
      this.pending.shift();
      this.logger.warn('webhook queue full; dropped the oldest batch', { url: this.url });
    }
    this.pending.push(body);
    void this.pump();
  }

  /** Stops retries and aborts the request in flight; queued batches are dropped. */
  close(): void {
    this.closed = true;
    this.pending.length = 0;
    this.shutdown.abort();
  }

  private async pump(): Promise<void> {
    if (this.pumping) return;
    this.pumping = true;
    try {
      for (let body = this.pending[0]; body !== undefined && !this.closed; body = this.pending[0]) {
        const delivered = await this.deliverWithRetries(body);
        this.pending.shift();
        if (!delivered && !this.closed) {
          this.logger.warn('webhook batch dropped after retries', { url: this.url, attempts: WEBHOOK_MAX_ATTEMPTS });
        }
      }
    } finally {
      this.pumping = false;
    }
  }

  private async deliverWithRetries(body: string): Promise<boolean> {
    const signature = webhookSignature(this.credentials.secret, body);
    for (let attempt = 1; attempt <= WEBHOOK_MAX_ATTEMPTS && !this.closed; attempt += 1) {
      if (await this.post(body, signature)) return true;
      if (attempt < WEBHOOK_MAX_ATTEMPTS) await this.sleep(WEBHOOK_RETRY_BASE_DELAY_MS * 2 ** (attempt - 1));
    }
    return false;
  }

  private async post(body: string, signature: string): Promise<boolean> {
    try {
      const response = await fetch(this.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-pusher-key': this.credentials.key,
          'x-pusher-signature': signature,
        },
        body,
        signal: AbortSignal.any([this.shutdown.signal, AbortSignal.timeout(WEBHOOK_REQUEST_TIMEOUT_MS)]),
      });
      // Drain the answer so the keep-alive connection can be reused.
      await response.arrayBuffer();
      if (!response.ok) this.logger.warn('webhook receiver answered an error', { url: this.url, status: response.status });
      return response.ok;
    } catch (error) {
      if (!this.closed) {
        this.logger.warn('webhook request failed', { url: this.url, error: error instanceof Error ? error.message : String(error) });
      }
      return false;
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      if (this.closed) return resolve();
      const timer = setTimeout(done, ms);
      const signal = this.shutdown.signal;
      function done(): void {
        clearTimeout(timer);
        signal.removeEventListener('abort', done);
        resolve();
      }
      signal.addEventListener('abort', done, { once: true });
    });
  }
}
