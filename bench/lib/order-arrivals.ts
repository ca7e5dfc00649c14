import type { TicketEvent } from '../../common/events.js';

/**
 * When each order's `order.submitted` reached a subscriber: bind `onEvent` to the channel, then
 * ask `arrival(orderId)` once the POST has returned (the event may have come first).
 */
export class OrderArrivals {
  private readonly arrived = new Map<string, number>();
  private readonly waiting = new Map<string, (at: number) => void>();

  readonly onEvent = (event: TicketEvent): void => {
    const at = performance.now();
    const id = event.orderId ?? '';
    const resolve = this.waiting.get(id);
    if (resolve) resolve(at);
    else this.arrived.set(id, at);
  };

  /** The arrival time of the order's event, waiting at most `timeoutMs` for it; undefined if it never came. */
  arrival(orderId: string, timeoutMs = 5_000): Promise<number | undefined> {
    const at = this.arrived.get(orderId);
    if (at !== undefined) return Promise.resolve(at);
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve(undefined), timeoutMs);
      this.waiting.set(orderId, (arrivedAt) => {
        clearTimeout(timer);
        resolve(arrivedAt);
      });
    });
  }
}
