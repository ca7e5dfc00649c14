import { describe, expect, it } from 'vitest';
import type { BoardSnapshot, PrintLogEntry } from '../../common/kitchen-api.js';
import { item, railOrder } from '../testing/orders.js';
import { allDayCounts } from './all-day.js';
import { checkBoardAction, describeDropped, orderProblem } from './board-intake.js';
import { boardReducer, INITIAL_BOARD_STATE, type BoardAction } from './board-state.js';
import { sortOldestFirst } from './rail.js';
import { filterOrdersByStations } from './stations.js';

const connection = { mode: 'live' as const, lastSeq: 1 };

/** An order as it might come off the wire from a buggy or newer agent: any shape at all. */
function wire(order: object): BoardAction {
  return { type: 'order', order: order as never };
}

function without<T extends object>(value: T, key: keyof T): object {
  const { [key]: _dropped, ...rest } = value;
  return rest;
}

function job(overrides: Partial<PrintLogEntry> = {}): PrintLogEntry {
  const at = '2026-01-01T12:00:00.000Z';
  return { id: 'job-1', kind: 'ticket', station: 'kitchen', copies: 1, status: 'done', attempts: 1, createdAt: at, updatedAt: at, version: 1, local: true, ...overrides };
}

describe('checkBoardAction', () => {
  it('passes a well-formed order through untouched', () => {
    const action: BoardAction = { type: 'order', order: railOrder() };
    expect(checkBoardAction(action)).toEqual({ action, dropped: [] });
  });

  it.each([
    ['no number', without(railOrder({ number: '42' }), 'number')],
    ['no items', without(railOrder({ number: '42' }), 'items')],
    ['no id', { ...railOrder({ number: '42' }), id: '' }],
    ['unknown status "lost"', { ...railOrder({ number: '42' }), status: 'lost' }],
    ['no version', { ...railOrder({ number: '42' }), version: '2' }],
    ['item 2 has no station', railOrder({ number: '42', items: [item('Soup'), without(item('Bread'), 'station') as never] })],
    ['item 1 has no quantity', railOrder({ number: '42', items: [{ ...item('Soup'), qty: Number.NaN }] })],
    ['item 1 is not an object', railOrder({ number: '42', items: [null as never] })],
  ])('drops an order with %s, naming it', (problem, order) => {
    const { action, dropped } = checkBoardAction(wire(order));
    expect(action).toBeUndefined();
    expect(dropped).toHaveLength(1);
    expect(dropped[0]).toContain(problem);
  });

  it('names a dropped order by number and id', () => {
    const order = railOrder({ id: 'o-7', number: '42', items: [without(item('Soup'), 'name') as never] });
    expect(checkBoardAction(wire(order)).dropped).toEqual(['order #42 (o-7): item 1 has no name']);
  });

  it('keeps an order whose times cannot be read: it is shown with — (aging.ts), not dropped', () => {
    const order = railOrder({ createdAt: 'yesterday-ish', updatedAt: undefined as never });
    expect(checkBoardAction(wire(order)).action).toBeDefined();
  });

  it('leaves only the malformed orders out of a snapshot', () => {
    const good = railOrder();
    const bad = without(railOrder({ number: '9' }), 'items') as never;
    const snapshot: BoardSnapshot = { orders: [good, bad], connection, stations: ['kitchen'] };
    const { action, dropped } = checkBoardAction({ type: 'snapshot', snapshot });
    expect(action).toEqual({ type: 'snapshot', snapshot: { ...snapshot, orders: [good] } });
    expect(dropped).toEqual([expect.stringContaining('order #9')]);
  });

  it('drops a snapshot without orders, stations or a known connection mode whole', () => {
    const broken = [{ connection, stations: [] }, { orders: [], connection, stations: 'kitchen' }, { orders: [], connection: { mode: 'asleep' }, stations: [] }];
    for (const snapshot of broken) {
      const checked = checkBoardAction({ type: 'snapshot', snapshot: snapshot as never });
      expect(checked.action).toBeUndefined();
      expect(checked.dropped[0]).toMatch(/^snapshot: /);
    }
  });

  it('drops malformed print jobs, from updates and from the print log', () => {
    expect(checkBoardAction({ type: 'print-job', job: without(job(), 'id') as never }).dropped).toEqual(['print job (no id): no id']);
    const { action, dropped } = checkBoardAction({ type: 'local/print-log', jobs: [job(), { ...job({ id: 'job-2' }), version: undefined as never }] });
    expect(action).toEqual({ type: 'local/print-log', jobs: [job()] });
    expect(dropped).toEqual(['print job job-2: no version']);
  });

  it('drops connection updates of an unknown mode and removals without an id', () => {
    expect(checkBoardAction({ type: 'connection', connection: { mode: 'dreaming' as never, lastSeq: 1 } }).action).toBeUndefined();
    expect(checkBoardAction({ type: 'order.removed', orderId: undefined as never }).action).toBeUndefined();
  });

  it('ignores, quietly, an update type it does not know (a newer agent over IPC)', () => {
    expect(checkBoardAction({ type: 'future-thing' } as never)).toEqual({ action: undefined, dropped: [] });
  });

  it('lets through nothing that would throw in the reducer, the station filter, the all-day counts or the sort', () => {
    const base = railOrder({ number: '50' });
    const variants: object[] = [
      without(base, 'number'),
      without(base, 'items'),
      without(base, 'createdAt'),
      without(base, 'version'),
      { ...base, items: 'Burger' },
      { ...base, items: [{ qty: 1 }] },
      { ...base, items: [{ name: 'Burger', qty: 1 }] },
      { ...base, items: [{ name: 7, qty: 1, station: 'kitchen' }] },
      { ...base, createdAt: 'not a date' },
      { ...base, status: undefined },
      { ...base, number: 42 },
    ];
    for (const variant of variants) {
      const { action } = checkBoardAction(wire(variant));
      if (!action) continue;
      const state = [{ type: 'snapshot', snapshot: { orders: [railOrder()], connection, stations: [] } } as BoardAction, action].reduce(boardReducer, INITIAL_BOARD_STATE);
      const orders = Object.values(state.orders);
      expect(() => allDayCounts(filterOrdersByStations(sortOldestFirst(orders), ['kitchen']))).not.toThrow();
    }
    // Without the check, the first of these would throw: the test is not vacuous.
    expect(() => allDayCounts([without(base, 'items') as never])).toThrow();
    expect(orderProblem(without(base, 'items'))).toBe('no items');
  });
});

describe('describeDropped', () => {
  it('names the first three and counts the rest', () => {
    expect(describeDropped(['a', 'b', 'c', 'd', 'e'])).toBe('Not shown, the agent sent it malformed — a; b; c; and 2 more');
  });
});
