import type { RailOrder } from './kitchen-api.js';

/**
 * The customer screen's feed (issue 22, docs/screen.md): order numbers in two columns, and a first
 * name when the restaurant allows it. Nothing else of an order — no phone, no items, no notes, no
 * table — ever enters it: the screen hangs where customers stand.
 */
export interface ScreenTicket {
  number: string;
  /** The customer's first name, only when `display.screenNames` allows it. */
  name?: string;
}

export interface ScreenState {
  preparing: ScreenTicket[];
  /** Newest ready first: the number a customer is looking for now is at the top. */
  ready: ScreenTicket[];
  /** The board's language (`display.language`): the screen's words, unless its URL asks for another. */
  language: string;
}

export interface ScreenOptions {
  showNames: boolean;
  /** A ready order leaves the screen this long after it became ready, if it was not served before. */
  readyMinutes: number;
  language: string;
}

/** The first word of a name, at most 20 characters: "Anna Kowalska" shows as "Anna". */
export function firstName(name: string | undefined): string | undefined {
  const first = name?.trim().split(/\s+/)[0]?.slice(0, 20);
  return first ? first : undefined;
}

/**
 * What the screen shows at `now`: orders submitted or accepted are Preparing; ready ones are Ready
 * until served (completed), cancelled, or `readyMinutes` after they became ready (their last change).
 */
export function screenState(orders: readonly RailOrder[], now: number, options: ScreenOptions): ScreenState {
  const ticket = (order: RailOrder): ScreenTicket => {
    const name = options.showNames ? firstName(order.customer?.name) : undefined;
    return name ? { number: order.number, name } : { number: order.number };
  };
  const byCreated = (a: RailOrder, b: RailOrder) => Date.parse(a.createdAt) - Date.parse(b.createdAt);
  const preparing = orders.filter((order) => order.status === 'submitted' || order.status === 'accepted').sort(byCreated);
  const readyUntil = (order: RailOrder) => Date.parse(order.updatedAt) + options.readyMinutes * 60_000;
  const ready = orders
    .filter((order) => order.status === 'ready' && readyUntil(order) > now)
    .sort((a, b) => Date.parse(b.updatedAt) - Date.parse(a.updatedAt));
  return { preparing: preparing.map(ticket), ready: ready.map(ticket), language: options.language };
}
