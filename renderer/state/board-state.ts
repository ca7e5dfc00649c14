import type { BoardNotice, BoardSnapshot, BoardUpdate, ConnectionState, PrintLogEntry, RailOrder } from '../../common/kitchen-api.js';
import { isActiveOrderStatus } from '../../common/order-status.js';
import { newestFirst } from './time.js';
import { EMPTY_PRINTING_STATE, type PrintingState } from '../../common/printer-trouble.js';

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
  /** The counter's notices (gift cards, loyalty), newest first; the counter view shows the recent ones. */
  notices: BoardNotice[];
  /** Printers in trouble and tickets not printed (issue 20): the card strips, the header badge, the banner. */
  printing: PrintingState;
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
  notices: [],
  printing: EMPTY_PRINTING_STATE,
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
    case 'notice':
      return addNotice(state, action.notice);
    case 'printing':
      return { ...state, printing: action.printing };
    case 'local/touch':
      return state.freshOrderIds.includes(action.orderId)
        ? { ...state, freshOrderIds: state.freshOrderIds.filter((id) => id !== action.orderId) }
        : state;
    case 'local/print-log':
      return upsertPrintJobs(state, action.jobs);
  }
}

/** Notices the board keeps: a busy day's (the counter view shows today's). */
export const NOTICES_KEPT = 200;

/** Newest first, each once (a notice's id is its event's seq, so a replay is known). */
function addNotice(state: BoardState, notice: BoardNotice): BoardState {
  if (state.notices.some((known) => known.id === notice.id)) return state;
  return { ...state, notices: [notice, ...state.notices].slice(0, NOTICES_KEPT) };
}

/** The board's notices with a snapshot's (today's, from the agent) merged in: each once, newest first. */
function withNotices(known: BoardNotice[], fromSnapshot: readonly BoardNotice[] | undefined): BoardNotice[] {
  if (!fromSnapshot || fromSnapshot.length === 0) return known;
  const byId = new Map<string, BoardNotice>();
  for (const notice of [...fromSnapshot, ...known]) if (!byId.has(notice.id)) byId.set(notice.id, notice);
  return [...byId.values()].sort((a, b) => b.at.localeCompare(a.at)).slice(0, NOTICES_KEPT);
}

/** Same version and same agent-side annotations: nothing a card shows has changed. */
function sameOrder(a: RailOrder, b: RailOrder): boolean {
  return (
    a.version === b.version &&
    a.status === b.status &&
    a.pendingActions === b.pendingActions &&
    a.unconfirmed === b.unconfirmed &&
    a.conflict === b.conflict &&
    // Struck lines change without a new version: they are this screen's, not the source's.
    String(a.struckItems ?? '') === String(b.struckItems ?? '')
  );
}

function applySnapshot(state: BoardState, snapshot: BoardSnapshot): BoardState {
  // A snapshot repeats what the board mostly has already (the start's fetched and pushed snapshots,
  // a reconnect): known, unchanged orders keep their objects so their memoised cards are skipped,
  // and an unchanged rail keeps its record so nothing derived from it is recomputed.
  let orders: Record<string, RailOrder> = {};
  let unchanged = state.loaded;
  for (const order of snapshot.orders) {
    if (!isActiveOrderStatus(order.status)) continue;
    const known = state.orders[order.id];
    if (known && sameOrder(known, order)) orders[order.id] = known;
    else {
      orders[order.id] = order;
      unchanged = false;
    }
  }
  if (unchanged && Object.keys(orders).length === Object.keys(state.orders).length) orders = state.orders;
  // On the first snapshot everything is already known to the kitchen; after that (a reconnect),
  // orders the board had not seen are new and flash like any other arrival.
  const arrived = state.loaded ? Object.keys(orders).filter((id) => !(id in state.orders)) : [];
  const stillFresh = state.freshOrderIds.filter((id) => id in orders);
  const freshOrderIds = arrived.length === 0 && stillFresh.length === state.freshOrderIds.length ? state.freshOrderIds : [...stillFresh, ...arrived];
  return {
    ...state,
    loaded: true,
    orders,
    orderNumbers: rememberNumbers(state.orderNumbers, snapshot.orders),
    connection: snapshot.connection,
    stations: snapshot.stations,
    printing: snapshot.printing ?? state.printing,
    freshOrderIds,
    notices: withNotices(state.notices, snapshot.notices),
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

/**
 * The print log shows the newest 100 jobs; the board keeps a bounded window of the newest ones
 * (pruned back to this many when it holds twice as many), so an update never copies a record
 * that grows all day.
 */
export const PRINT_JOBS_KEPT = 500;

function upsertPrintJobs(state: BoardState, jobs: PrintLogEntry[]): BoardState {
  let printJobs: Record<string, PrintLogEntry> | undefined;
  for (const job of jobs) {
    const known = (printJobs ?? state.printJobs)[job.id];
    if (known && job.version < known.version) continue;
    printJobs ??= { ...state.printJobs };
    printJobs[job.id] = job;
  }
  if (!printJobs) return state;
  const ids = Object.keys(printJobs);
  if (ids.length > 2 * PRINT_JOBS_KEPT) printJobs = newestJobs(printJobs, PRINT_JOBS_KEPT);
  return { ...state, printJobs };
}

function newestJobs(jobs: Record<string, PrintLogEntry>, keep: number): Record<string, PrintLogEntry> {
  // A job whose time cannot be read counts as the oldest: pruned first.
  const newest = Object.values(jobs).sort(newestFirst).slice(0, keep);
  return Object.fromEntries(newest.map((job) => [job.id, job]));
}

function rememberNumbers(known: Record<string, string>, orders: readonly RailOrder[]): Record<string, string> {
  if (orders.every((order) => known[order.id] === order.number)) return known;
  const numbers = { ...known };
  for (const order of orders) numbers[order.id] = order.number;
  return numbers;
}
