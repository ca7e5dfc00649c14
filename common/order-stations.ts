/*
 * An order's stations (issue 19): each station that has items on the order bumps its own part, and
 * the order is `ready` when its last station is. The rules live here once, as pure functions, for
 * the backend (which decides), the agent (which applies events and acts offline) and the board
 * (which shows chips): all three must reach the same stations from the same change.
 *
 * No zod here on purpose: the board's startup bundle imports this file (order.ts holds the schema).
 */
import type { OrderStatus } from './order-status.js';

export const ORDER_STATION_STATUSES = ['pending', 'ready'] as const;
export type OrderStationStatus = (typeof ORDER_STATION_STATUSES)[number];

/** What a station does to its part of an order: bump it (`ready`) or bring it back (`recall`). */
export const STATION_ACTIONS = ['ready', 'recall'] as const;
export type StationAction = (typeof STATION_ACTIONS)[number];

/** One station's part of an order. */
export interface OrderStation {
  station: string;
  status: OrderStationStatus;
  /** When the station bumped its part (ISO); absent while pending. */
  readyAt?: string;
  /** Who bumped it: the actor id of the change (a token id, or `local` for a card of another source). */
  readyBy?: string;
}

/** The part of an order station rules read. */
export interface StationedOrder {
  items: readonly { station: string }[];
  status: OrderStatus;
  stations?: readonly OrderStation[];
}

/** The distinct stations of an order's items, in first-seen order. */
export function itemStations(items: readonly { station: string }[]): string[] {
  return [...new Set(items.map((item) => item.station))];
}

/** Whether an order in this status has every station's part done (ready, and completed after it). */
function doneStatus(status: OrderStatus): boolean {
  return status === 'ready' || status === 'completed';
}

/** A new order's stations: one pending entry per distinct item station. */
export function initialStations(items: readonly { station: string }[]): OrderStation[] {
  return itemStations(items).map((station) => ({ station, status: 'pending' }));
}

/**
 * An order's stations. Orders stored before stations existed (and cards of other sources) carry
 * none: theirs follow from the items and the status, all pending until the order is ready.
 */
export function stationsOfOrder(order: StationedOrder): OrderStation[] {
  if (order.stations && order.stations.length > 0) return order.stations.map((entry) => ({ ...entry }));
  const done = doneStatus(order.status);
  return itemStations(order.items).map((station) => (done ? { station, status: 'ready' } : { station, status: 'pending' }));
}

export function findStation(stations: readonly OrderStation[], station: string): OrderStation | undefined {
  return stations.find((entry) => entry.station === station);
}

export function allStationsReady(stations: readonly OrderStation[]): boolean {
  return stations.every((entry) => entry.status === 'ready');
}

/** Who did a change and when: what a station bump records. */
export interface StationChange {
  at: string;
  by: string;
}

/** `station` marked ready (the others unchanged); a station already ready keeps its first time. */
export function withStationReady(stations: readonly OrderStation[], station: string, change: StationChange): OrderStation[] {
  return stations.map((entry) => (entry.station !== station || entry.status === 'ready' ? entry : { station, status: 'ready', readyAt: change.at, readyBy: change.by }));
}

/** `station` back to pending (the others unchanged). */
export function withStationPending(stations: readonly OrderStation[], station: string): OrderStation[] {
  return stations.map((entry) => (entry.station === station ? { station, status: 'pending' } : entry));
}

/**
 * The stations after a whole-order status change, the same rule everywhere:
 * - to `ready` (the expo's Ready, a one-screen kitchen, a completed order recalled): every station
 *   is ready; those still pending are marked with this change's time and actor;
 * - `ready → accepted` (the whole order recalled): every station is pending again, unless the move
 *   came from one station's recall (`station` set), where only that station went back;
 * - anything else leaves the stations as they are.
 */
export function stationsAfterStatusChange(
  stations: readonly OrderStation[],
  move: { from: OrderStatus; to: OrderStatus; station?: string | undefined },
  change: StationChange,
): OrderStation[] {
  if (move.to === 'ready') return stations.map((entry) => (entry.status === 'ready' ? entry : { station: entry.station, status: 'ready', readyAt: change.at, readyBy: change.by }));
  if (move.from === 'ready' && move.to === 'accepted') {
    return move.station === undefined ? stations.map((entry) => ({ station: entry.station, status: 'pending' })) : withStationPending(stations, move.station);
  }
  return stations.map((entry) => ({ ...entry }));
}

/** How long after completion an order may be recalled (completed → ready) unless the backend says otherwise. */
export const DEFAULT_RECALL_WINDOW_MINUTES = 60;

/** How many completed orders Recall lists. */
export const RECENTLY_COMPLETED_LIMIT = 20;
