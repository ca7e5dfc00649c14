/**
 * Delivery to one webhook URL: batches go out one at a time, in order (so a receiver sees
 * channel_occupied before channel_vacated), each retried with exponential backoff up to a bounded
 * number of attempts, then dropped with a warning. A dead receiver therefore delays only its own
 * queue, and the queue is capped so it cannot grow the relay's memory without bound.
 */
import { WEBHOOK_MAX_ATTEMPTS, WEBHOOK_REQUEST_TIMEOUT_MS, WEBHOOK_RETRY_BASE_DELAY_MS } from '../limits.js';
import { webhookSignature } from '../signing.js';
import type { RelayLogger } from '../types.js';
import { describeError } from '../../../common/describe-error.js';

export interface WebhookCredentials {
  key: string;
  secret: string;
}

export class WebhookTargetQueue {
  /**
   * Batches not yet started, oldest first. The batch being sent is taken out of here before its
   * first attempt, so making room when the queue is full can never discard it (nor make its
   * sender later remove a different, unsent batch).
   */
  private readonly waiting: string[] = [];
  private pumping = false;
  private closed = false;
  /** Batches given up on since start (pushed out of a full queue, or failed every retry); logged with each drop. */
  private droppedBatches = 0;
  private readonly shutdown = new AbortController();

  constructor(
    readonly url: string,
    private readonly credentials: WebhookCredentials,
    private readonly logger: RelayLogger,
    /** Batches that may wait behind the one in flight; beyond that the oldest waiting one goes. */
    private readonly maxWaitingBatches: number,
  ) {}

  enqueue(body: string): void {
    if (this.closed) return;
    if (this.waiting.length >= this.maxWaitingBatches) {
      this.waiting.shift();
      this.droppedBatches += 1;
      this.logger.warn('webhook queue full; dropped the oldest waiting batch', { url: this.url, dropped: this.droppedBatches });
    }
    this.waiting.push(body);
    void this.pump();
  }

  /** Stops retries and aborts the request in flight; queued batches are dropped. */
  close(): void {
    this.closed = true;
    this.waiting.length = 0;
    this.shutdown.abort();
  }

  private async pump(): Promise<void> {
    if (this.pumping) return;
    this.pumping = true;
    try {
      for (let body = this.waiting.shift(); body !== undefined && !this.closed; body = this.waiting.shift()) {
        const delivered = await this.deliverWithRetries(body);
        if (!delivered && !this.closed) {
          this.droppedBatches += 1;
          this.logger.warn('webhook batch dropped after retries', {
            url: this.url,
            attempts: WEBHOOK_MAX_ATTEMPTS,
            dropped: this.droppedBatches,
          });
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
        this.logger.warn('webhook request failed', { url: this.url, error: describeError(error) });
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
