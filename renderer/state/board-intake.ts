import { ORDER_STATUSES } from '../../common/order-status.js';
import type { BoardAction } from './board-state.js';

/*
 * The board trusts the agent's types, but one malformed order (a newer agent, a bug, a bad
 * migration) reaching the reducer, the station filter, the all-day counts or the sort would throw
 * and take the whole board down. So every action is checked here before it reaches the state —
 * by hand, not with common/'s zod schemas: this runs on the startup path, which does not carry
 * zod (see board-state.ts).
 *
 * Checked are exactly the fields the board's shared code reads. What only a card shows (type,
 * table, notes, modifiers, conflict) is left to the card's own error boundary, which shows a
 * placeholder instead of the one card; unreadable times are shown as — (aging.ts, rail.ts).
 */

const ORDER_STATUS_NAMES: ReadonlySet<string> = new Set(ORDER_STATUSES);
const CONNECTION_MODES: ReadonlySet<string> = new Set(['live', 'polling', 'offline']);

type Fields = Record<string, unknown>;

const isFields = (value: unknown): value is Fields => typeof value === 'object' && value !== null && !Array.isArray(value);
const isText = (value: unknown): value is string => typeof value === 'string';
const isFilledText = (value: unknown): value is string => typeof value === 'string' && value.trim() !== '';
const isCount = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);

function itemProblem(item: unknown): string | undefined {
  if (!isFields(item)) return 'is not an object';
  if (!isText(item.name)) return 'has no name';
  if (!isCount(item.qty)) return 'has no quantity';
  if (!isText(item.station)) return 'has no station';
  return undefined;
}

/** Why an order cannot go on the rail, or undefined when it can. */
export function orderProblem(order: unknown): string | undefined {
  if (!isFields(order)) return 'not an object';
  if (!isFilledText(order.id)) return 'no id';
  if (!isFilledText(order.number)) return 'no number';
  if (!isText(order.status) || !ORDER_STATUS_NAMES.has(order.status)) return `unknown status ${JSON.stringify(order.status) ?? 'undefined'}`;
  if (!isCount(order.version)) return 'no version';
  if (!Array.isArray(order.items)) return 'no items';
  for (const [index, item] of order.items.entries()) {
    const problem = itemProblem(item);
    if (problem) return `item ${index + 1} ${problem}`;
  }
  return undefined;
}

/** Why a print job cannot go in the print log, or undefined when it can. */
function printJobProblem(job: unknown): string | undefined {
  if (!isFields(job)) return 'not an object';
  if (!isFilledText(job.id)) return 'no id';
  if (!isText(job.status)) return 'no status';
  if (!isText(job.station)) return 'no station';
  if (!isCount(job.version)) return 'no version';
  return undefined;
}

/** Why a counter notice cannot be shown: the counter view reads its id, time and text. */
function noticeProblem(notice: unknown): string | undefined {
  if (!isFields(notice)) return 'not an object';
  if (!isFilledText(notice.id)) return 'no id';
  if (!isFilledText(notice.kind)) return 'no kind';
  if (!isFilledText(notice.text)) return 'no text';
  if (!isText(notice.at)) return 'no time';
  return undefined;
}

function connectionProblem(connection: unknown): string | undefined {
  if (!isFields(connection)) return 'no connection state';
  if (!isText(connection.mode) || !CONNECTION_MODES.has(connection.mode)) return `unknown connection mode ${JSON.stringify(connection.mode) ?? 'undefined'}`;
  return undefined;
}

/** "order #42 (o-7): item 2 has no station" — names what was dropped as the kitchen knows it. */
function describeOrder(order: unknown, problem: string): string {
  const fields = isFields(order) ? order : {};
  const number = isFilledText(fields.number) ? `#${fields.number} ` : '';
  const id = isFilledText(fields.id) ? `(${fields.id})` : '(no id)';
  return `order ${number}${id}: ${problem}`;
}

function describeJob(job: unknown, problem: string): string {
  const id = isFields(job) && isFilledText(job.id) ? job.id : '(no id)';
  return `print job ${id}: ${problem}`;
}

export interface CheckedAction {
  /** The action to apply — with malformed orders or jobs left out — or undefined to drop it whole. */
  action: BoardAction | undefined;
  /** What was left out and why, for the kitchen to see; empty when nothing was. */
  dropped: string[];
}

/** Keeps the entries without a problem; describes the others. */
function partition<T>(entries: readonly T[], problemOf: (entry: unknown) => string | undefined, describe: (entry: unknown, problem: string) => string) {
  const kept: T[] = [];
  const dropped: string[] = [];
  for (const entry of entries) {
    const problem = problemOf(entry);
    if (problem === undefined) kept.push(entry);
    else dropped.push(describe(entry, problem));
  }
  return { kept, dropped };
}

const ok = (action: BoardAction): CheckedAction => ({ action, dropped: [] });
const drop = (what: string): CheckedAction => ({ action: undefined, dropped: [what] });

/**
 * Checks an action before it reaches the board's state. A malformed order or job is left out
 * (from a snapshot or the print log, only that one), and said so in `dropped`; the rest applies.
 */
export function checkBoardAction(action: BoardAction): CheckedAction {
  switch (action.type) {
    case 'order': {
      const problem = orderProblem(action.order);
      return problem === undefined ? ok(action) : drop(describeOrder(action.order, problem));
    }
    case 'snapshot': {
      const snapshot: unknown = action.snapshot;
      if (!isFields(snapshot) || !Array.isArray(snapshot.orders)) return drop('snapshot: no list of orders');
      const connection = connectionProblem(snapshot.connection);
      if (connection) return drop(`snapshot: ${connection}`);
      if (!Array.isArray(snapshot.stations) || !snapshot.stations.every(isText)) return drop('snapshot: no list of stations');
      // The print side is optional (older agents): a malformed one is left out, the rail still shows.
      const printing: unknown = snapshot.printing;
      if (printing !== undefined && !(isFields(printing) && Array.isArray(printing.printers) && Array.isArray(printing.unprinted) && Array.isArray(printing.choices))) {
        const { printing: _bad, ...rest } = action.snapshot;
        const { kept, dropped } = partition(rest.orders, orderProblem, describeOrder);
        return { action: { ...action, snapshot: { ...rest, orders: kept } }, dropped: ['snapshot: printer state malformed', ...dropped] };
      }
      const { kept, dropped } = partition(action.snapshot.orders, orderProblem, describeOrder);
      // Today's counter notices ride along (they stay for the day); a bad one is left out alone.
      const notices = Array.isArray(snapshot.notices) ? partition(action.snapshot.notices ?? [], noticeProblem, (_notice, problem) => `counter notice: ${problem}`) : { kept: [], dropped: [] };
      const all = [...dropped, ...notices.dropped];
      const checked = { ...action.snapshot, orders: kept, ...(Array.isArray(snapshot.notices) ? { notices: notices.kept } : {}) };
      return { action: all.length === 0 ? action : { ...action, snapshot: checked }, dropped: all };
    }
    case 'print-job': {
      const problem = printJobProblem(action.job);
      return problem === undefined ? ok(action) : drop(describeJob(action.job, problem));
    }
    case 'local/print-log': {
      const jobs: unknown = action.jobs;
      if (!Array.isArray(jobs)) return drop('print log: no list of jobs');
      const { kept, dropped } = partition(action.jobs, printJobProblem, describeJob);
      return { action: dropped.length === 0 ? action : { ...action, jobs: kept }, dropped };
    }
    case 'connection': {
      const problem = connectionProblem(action.connection);
      return problem === undefined ? ok(action) : drop(`connection update: ${problem}`);
    }
    case 'order.removed':
      return isFilledText(action.orderId) ? ok(action) : drop('order removal: no order id');
    case 'notice': {
      const problem = noticeProblem(action.notice);
      return problem === undefined ? ok(action) : drop(`counter notice: ${problem}`);
    }
    case 'printing': {
      const printing: unknown = action.printing;
      const whole = isFields(printing) && Array.isArray(printing.printers) && Array.isArray(printing.unprinted) && Array.isArray(printing.choices);
      return whole ? ok(action) : drop('printer state: not the lists of printers and tickets');
    }
    case 'alert':
    case 'local/touch':
      // Neither changes what the board shows (alerts are sounds; a touch names an order already held).
      return ok(action);
  }
  // A type added by a newer agent (over IPC, which has no parseBoardUpdate): nothing here knows
  // it, and the reducer would answer it with no state at all. Ignored, as parseBoardUpdate does.
  return { action: undefined, dropped: [] };
}

const SHOWN_IN_MESSAGE = 3;

/** One line for the error toast: what was dropped, the first few named. */
export function describeDropped(dropped: readonly string[]): string {
  const named = dropped.slice(0, SHOWN_IN_MESSAGE).join('; ');
  const more = dropped.length > SHOWN_IN_MESSAGE ? `; and ${dropped.length - SHOWN_IN_MESSAGE} more` : '';
  return `Not shown, the agent sent it malformed — ${named}${more}`;
}
