import type { BoardSnapshot, BoardUpdate, ConnectionState, PrintLogEntry, RailOrder } from '../../common/kitchen-api.js';
import { isActiveOrderStatus } from '../../common/order.js';

/** What the board holds: the agent's view of active orders and print jobs, plus the cards still flashing. */
export interface BoardState {
  /** false until the first snapshot arrived: nothing on screen is real yet. */
  loaded: boolean;
  /** Active orders only (submitted, accepted, ready), by id. */
  orders: Record<string, RailOrder>;
  connection: ConnectionState;
  stations: string[];
  printJobs: Record<string, PrintLogEntry>;
  /** Number of every order seen, kept after it leaves the rail so the print log can name it. */
  orderNumbers: Record<string, string>;
  /** Orders that appeared after the first snapshot and nobody has touched yet: their cards flash. */
  freshOrderIds: string[];
}

/** Things the board itself does to its state, next to the agent's BoardUpdate messages. */
export type LocalBoardAction =
  | { type: 'local/touch'; orderId: string }
  | { type: 'local/print-log'; jobs: PrintLogEntry[] };

export type BoardAction = BoardUpdate | LocalBoardAction;

export const INITIAL_BOARD_STATE: BoardState = {
  loaded: false,
  orders: {},
  connection: { mode: 'offline', lastSeq: 0, detail: 'waiting for the kitchen agent' },
  stations: [],
  printJobs: {},
  orderNumbers: {},
  freshOrderIds: [],
};

export function boardReducer(state: BoardState, action: BoardAction): BoardState {
  switch (action.type) {
    case 'snapshot':
      return applySnapshot(state, action.snapshot);
    case 'order':
      return applyOrder(state, action.order);
    case 'order.removed':
      return removeOrder(state, action.orderId);
    case 'connection':
      return { ...state, connection: action.connection };
    case 'print-job':
      return upsertPrintJobs(state, [action.job]);
    case 'alert':
      // Alerts are sounds, not state.
      return state;
    case 'local/touch':
      return state.freshOrderIds.includes(action.orderId)
        ? { ...state, freshOrderIds: state.freshOrderIds.filter((id) => id !== action.orderId) }
        : state;
    case 'local/print-log':
      return upsertPrintJobs(state, action.jobs);
  }
}

function applySnapshot(state: BoardState, snapshot: BoardSnapshot): BoardState {
  const orders: Record<string, RailOrder> = {};
  for (const order of snapshot.orders) if (isActiveOrderStatus(order.status)) orders[order.id] = order;
  // On the first snapshot everything is already known to the kitchen; after that (a reconnect),
  // orders the board had not seen are new and flash like any other arrival.
  const arrived = state.loaded ? Object.keys(orders).filter((id) => !(id in state.orders)) : [];
  const stillFresh = state.freshOrderIds.filter((id) => id in orders);
  return {
    ...state,
    loaded: true,
    orders,
    orderNumbers: rememberNumbers(state.orderNumbers, snapshot.orders),
    connection: snapshot.connection,
    stations: snapshot.stations,
    freshOrderIds: [...stillFresh, ...arrived],
  };
}

function applyOrder(state: BoardState, order: RailOrder): BoardState {
  const known = state.orders[order.id];
  // Updates can cross (a reply to our own action and the broadcast of it); never step back a version.
  if (known && order.version < known.version) return state;
  if (!isActiveOrderStatus(order.status)) return removeOrder({ ...state, orderNumbers: rememberNumbers(state.orderNumbers, [order]) }, order.id);
  const isNew = !known && state.loaded;
  return {
    ...state,
    orders: { ...state.orders, [order.id]: order },
    orderNumbers: rememberNumbers(state.orderNumbers, [order]),
    freshOrderIds: isNew ? [...state.freshOrderIds, order.id] : state.freshOrderIds,
  };
}

function removeOrder(state: BoardState, orderId: string): BoardState {
  if (!(orderId in state.orders)) return state;
  const { [orderId]: _removed, ...orders } = state.orders;
  return { ...state, orders, freshOrderIds: state.freshOrderIds.filter((id) => id !== orderId) };
}

function upsertPrintJobs(state: BoardState, jobs: PrintLogEntry[]): BoardState {
  const printJobs = { ...state.printJobs };
  for (const job of jobs) {
    const known = printJobs[job.id];
    if (!known || job.version >= known.version) printJobs[job.id] = job;
  }
  return { ...state, printJobs };
}

function rememberNumbers(known: Record<string, string>, orders: readonly RailOrder[]): Record<string, string> {
  if (orders.every((order) => known[order.id] === order.number)) return known;
  const numbers = { ...known };
  for (const order of orders) numbers[order.id] = order.number;
  return numbers;
}
