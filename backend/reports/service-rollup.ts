/*
 * The service rollup's arithmetic, pure: what one order contributes to the 15-minute slot it was
 * submitted in, and how a slot's aggregate takes a contribution in or back out. The projection
 * (services/service-rollup-projection.ts) keeps each order's facts as the log changes them and
 * moves the slot by (new contribution − old contribution), so a recall, a cancellation or a late
 * station bump corrects the slot instead of piling up.
 *
 * An aggregate is canonical — the same multiset of contributions gives the same value whatever
 * the order they came and went in: prep lists are kept sorted, and a key leaves a map when the
 * last contribution to it leaves. Rebuilding from the log therefore gives the stored rows back
 * exactly (backend/test/report-rollup.test.ts).
 */

import type { OrderStatus } from '../../common/order-status.js';

/** One station's part of an order. */
export interface StationFacts {
  /** Sum of the quantities of the order's items at this station. */
  items: number;
  /** When this station's part was ready (epoch ms); null while it is not. */
  readyMs: number | null;
}

/** What the log has said of one order so far: the projection's per-order state. */
export interface OrderFacts {
  number: string;
  submittedMs: number;
  status: OrderStatus;
  /** When the order last became ready (epoch ms); null before, or after a recall. */
  readyMs: number | null;
  total: { amount: number; currency: string } | null;
  stations: Record<string, StationFacts>;
}

/** [count, amount] per currency. */
type CountedMoney = Record<string, [number, number]>;

/** A slot's figures: everything the report adds up, in the compact form stored as JSON. */
export interface SlotAggregate {
  /** Orders submitted, cancelled ones included. */
  n: number;
  /** Completed. */
  c: number;
  /** Cancelled. */
  x: number;
  /** Revenue of orders not cancelled: [orders with a total, amount] per currency. */
  r: CountedMoney;
  /** Prep times (ms, ascending) of orders not cancelled that are ready. */
  p: number[];
  /** Per station: [orders, items, prep times (ms, ascending)] of orders not cancelled. */
  s: Record<string, [number, number, number[]]>;
  /** Gift cards sold: [cards, amount] per currency. */
  g: CountedMoney;
  /** Loyalty points [given, redeemed]. */
  l: [number, number];
}

export function emptySlot(): SlotAggregate {
  return { n: 0, c: 0, x: 0, r: {}, p: [], s: {}, g: {}, l: [0, 0] };
}

/** What one order adds to its slot (to be taken back out, unchanged, before its next version goes in). */
export interface Contribution {
  completed: boolean;
  cancelled: boolean;
  revenue: { amount: number; currency: string } | null;
  prepMs: number | null;
  stations: { name: string; items: number; prepMs: number | null }[];
}

/**
 * A cancelled order counts as an order and a cancellation, and nowhere else: no revenue, no prep
 * time, no station items. A station's prep runs to its own part's ready.
 */
export function contributionOf(facts: OrderFacts): Contribution {
  const cancelled = facts.status === 'cancelled';
  return {
    completed: facts.status === 'completed',
    cancelled,
    revenue: cancelled ? null : facts.total,
    prepMs: cancelled || facts.readyMs === null ? null : facts.readyMs - facts.submittedMs,
    stations: cancelled
      ? []
      : Object.entries(facts.stations).map(([name, station]) => ({
          name,
          items: station.items,
          prepMs: station.readyMs === null ? null : station.readyMs - facts.submittedMs,
        })),
  };
}

function insertSorted(values: number[], value: number): void {
  let low = 0;
  let high = values.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((values[middle] as number) <= value) low = middle + 1;
    else high = middle;
  }
  values.splice(low, 0, value);
}

function removeValue(values: number[], value: number): void {
  const at = values.indexOf(value);
  if (at < 0) throw new Error(`service rollup: prep time ${value} is not in its slot`);
  values.splice(at, 1);
}

function moveMoney(map: CountedMoney, currency: string, amount: number, sign: 1 | -1): void {
  const entry = map[currency] ?? [0, 0];
  entry[0] += sign;
  entry[1] += sign * amount;
  if (entry[0] === 0) delete map[currency];
  else map[currency] = entry;
}

/** Adds (`sign` 1) or takes back (`sign` -1) one order's contribution. */
export function applyContribution(slot: SlotAggregate, contribution: Contribution, sign: 1 | -1): void {
  slot.n += sign;
  if (contribution.completed) slot.c += sign;
  if (contribution.cancelled) slot.x += sign;
  if (contribution.revenue) moveMoney(slot.r, contribution.revenue.currency, contribution.revenue.amount, sign);
  if (contribution.prepMs !== null) {
    if (sign === 1) insertSorted(slot.p, contribution.prepMs);
    else removeValue(slot.p, contribution.prepMs);
  }
  for (const station of contribution.stations) {
    const entry = slot.s[station.name] ?? [0, 0, []];
    entry[0] += sign;
    entry[1] += sign * station.items;
    if (station.prepMs !== null) {
      if (sign === 1) insertSorted(entry[2], station.prepMs);
      else removeValue(entry[2], station.prepMs);
    }
    if (entry[0] === 0) delete slot.s[station.name];
    else slot.s[station.name] = entry;
  }
}

export function addGiftCardSale(slot: SlotAggregate, currency: string, amount: number): void {
  moveMoney(slot.g, currency, amount, 1);
}

export function addLoyalty(slot: SlotAggregate, pointsChange: number): void {
  if (pointsChange >= 0) slot.l[0] += pointsChange;
  else slot.l[1] -= pointsChange;
}

/** The order's facts once an order status change is applied (the stations follow issue 19's rules). */
export function afterStatusChange(facts: OrderFacts, move: { from: OrderStatus; to: OrderStatus; station?: string | undefined }, atMs: number): OrderFacts {
  const next: OrderFacts = { ...facts, status: move.to, stations: { ...facts.stations } };
  if (move.to === 'ready' && move.from !== 'completed') {
    next.readyMs = atMs;
    // Until its stations bump on their own, every station's part is ready with the order; a
    // station that bumped earlier keeps its own time.
    for (const [name, station] of Object.entries(next.stations)) {
      if (station.readyMs === null) next.stations[name] = { ...station, readyMs: atMs };
    }
  } else if (move.from === 'ready' && move.to === 'accepted') {
    next.readyMs = null;
    for (const [name, station] of Object.entries(next.stations)) {
      if (move.station === undefined || move.station === name) next.stations[name] = { ...station, readyMs: null };
    }
  }
  return next;
}

/** One station's part ready (`readyMs`) or back to pending (null); a part already ready keeps its first time. */
export function afterStationChange(facts: OrderFacts, station: string, readyMs: number | null): OrderFacts {
  const current = facts.stations[station];
  if (!current) return facts;
  if (readyMs !== null && current.readyMs !== null) return facts;
  return { ...facts, stations: { ...facts.stations, [station]: { ...current, readyMs } } };
}
