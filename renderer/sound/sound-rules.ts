import type { BoardUpdate } from '../../common/kitchen-api.js';

export type AlertKind = Extract<BoardUpdate, { type: 'alert' }>['alert'];
export type SoundName = 'new-order' | 'alert' | 'receipt' | 'notice' | 'customer-cancel';

/** Files copied next to index.html from resources/sounds by the Vite build. */
export const SOUND_FILES: Readonly<Record<SoundName, string>> = {
  'new-order': 'new-order.wav',
  alert: 'alert.wav',
  /** A receipt was uploaded: the second, distinct sound (front of house). */
  receipt: 'receipt.wav',
  /** Gift card sales and loyalty changes on the counter view. */
  notice: 'notice.wav',
  /** The diner cancelled their order (issue 24): not the staff cancel's alarm, a falling tone of its own. */
  'customer-cancel': 'customer-cancel.wav',
};

/** A new order gets the primary sound; anything that went wrong gets the secondary one. */
export function soundForAlert(alert: AlertKind): SoundName {
  if (alert === 'payment.receipt_uploaded') return 'receipt';
  if (alert === 'order.cancelled_by_customer') return 'customer-cancel';
  return alert === 'order.submitted' ? 'new-order' : 'alert';
}

/**
 * Remembers which (alert type, order) pairs already sounded, so a replayed or duplicated alert —
 * after a reconnect, or from both the realtime link and a poll — rings only once. Alerts without
 * an order (or job) id cannot be told apart and always sound. Memory is bounded: the oldest
 * pairs are forgotten first.
 */
export class SoundDedup {
  private readonly seen = new Set<string>();

  constructor(private readonly capacity = 1000) {}

  shouldPlay(alert: AlertKind | 'notice', subjectId: string | undefined): boolean {
    if (subjectId === undefined) return true;
    const key = `${alert}\u0000${subjectId}`;
    if (this.seen.has(key)) return false;
    this.seen.add(key);
    if (this.seen.size > this.capacity) {
      const oldest = this.seen.values().next().value;
      if (oldest !== undefined) this.seen.delete(oldest);
    }
    return true;
  }
}
