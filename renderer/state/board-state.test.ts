import { describe, expect, it } from 'vitest';
import type { BoardSnapshot, PrintLogEntry } from '../../common/kitchen-api.js';
import { railOrder } from '../testing/orders.js';
import { boardReducer, INITIAL_BOARD_STATE, PRINT_JOBS_KEPT, type BoardAction, type BoardState } from './board-state.js';

const connection = { mode: 'live' as const, lastSeq: 3, lastSyncAt: '2026-01-01T12:00:00.000Z' };

function snapshot(orders = [railOrder()], stations = ['kitchen', 'bar']): BoardAction {
  const value: BoardSnapshot = { orders, connection, stations };
  return { type: 'snapshot', snapshot: value };
}

function apply(...actions: BoardAction[]): BoardState {
  return actions.reduce(boardReducer, INITIAL_BOARD_STATE);
}

function job(overrides: Partial<PrintLogEntry> = {}): PrintLogEntry {
  return {
    id: 'job-1',
    kind: 'ticket',
    station: 'kitchen',
    copies: 1,
    status: 'pending',
    attempts: 0,
    createdAt: '2026-01-01T12:00:00.000Z',
    updatedAt: '2026-01-01T12:00:00.000Z',
    version: 1,
    local: true,
    ...overrides,
  };
}

describe('boardReducer', () => {
  it('loads a snapshot: active orders only, connection and stations; nothing flashes on first load', () => {
    const active = railOrder();
    const done = railOrder({ status: 'completed' });
    const state = apply(snapshot([active, done]));
    expect(state.loaded).toBe(true);
    expect(Object.keys(state.orders)).toEqual([active.id]);
    expect(state.connection).toEqual(connection);
    expect(state.stations).toEqual(['kitchen', 'bar']);
    expect(state.freshOrderIds).toEqual([]);
  });

  it('adds a new order as fresh until touched', () => {
    const arriving = railOrder();
    const state = apply(snapshot([]), { type: 'order', order: arriving });
    expect(state.orders[arriving.id]).toEqual(arriving);
    expect(state.freshOrderIds).toEqual([arriving.id]);
    expect(boardReducer(state, { type: 'local/touch', orderId: arriving.id }).freshOrderIds).toEqual([]);
  });

  it('marks orders first seen in a later snapshot (a reconnect) as fresh', () => {
    const known = railOrder();
    const missed = railOrder();
    const state = apply(snapshot([known]), snapshot([known, missed]));
    expect(state.freshOrderIds).toEqual([missed.id]);
  });

  it('replaces an order with a newer version and ignores an older one', () => {
    const order = railOrder({ version: 2 });
    const newer = { ...order, status: 'accepted' as const, version: 3 };
    const older = { ...order, status: 'submitted' as const, version: 1, pendingActions: 5 };
    const state = apply(snapshot([order]), { type: 'order', order: newer }, { type: 'order', order: older });
    expect(state.orders[order.id]).toEqual(newer);
  });

  it('applies local changes at the same version (pending actions, conflicts)', () => {
    const order = railOrder({ version: 2 });
    const pending = { ...order, pendingActions: 1, conflict: 'already completed elsewhere' };
    expect(apply(snapshot([order]), { type: 'order', order: pending }).orders[order.id]).toEqual(pending);
  });

  it('takes completed and cancelled orders off the rail, and order.removed too', () => {
    const a = railOrder();
    const b = railOrder();
    const state = apply(snapshot([a, b]), { type: 'order', order: { ...a, status: 'completed', version: 2 } }, { type: 'order.removed', orderId: b.id });
    expect(state.orders).toEqual({});
    expect(state.orderNumbers[a.id]).toBe(a.number);
  });

  it('follows connection updates', () => {
    const offline = { mode: 'offline' as const, lastSeq: 3, detail: 'backend unreachable' };
    expect(apply(snapshot(), { type: 'connection', connection: offline }).connection).toEqual(offline);
  });

  it('upserts print jobs from the log and from updates, never stepping back a version', () => {
    const state = apply(
      { type: 'local/print-log', jobs: [job({ version: 2, status: 'printing' })] },
      { type: 'print-job', job: job({ version: 3, status: 'done' }) },
      { type: 'print-job', job: job({ version: 1, status: 'pending' }) },
    );
    expect(state.printJobs['job-1']?.status).toBe('done');
  });

  it('keeps the print log window bounded, dropping only the oldest jobs', () => {
    const at = (i: number) => new Date(Date.UTC(2026, 0, 1, 12, 0, i)).toISOString();
    const jobs = Array.from({ length: 2 * PRINT_JOBS_KEPT + 1 }, (_, i) => job({ id: `job-${i}`, createdAt: at(i) }));
    const state = apply(...jobs.map((entry): BoardAction => ({ type: 'print-job', job: entry })));
    const kept = Object.keys(state.printJobs);
    expect(kept).toHaveLength(PRINT_JOBS_KEPT);
    expect(kept).toContain(`job-${2 * PRINT_JOBS_KEPT}`);
    expect(kept).not.toContain('job-0');
  });

  it('keeps unchanged orders, and an unchanged rail, as they were when a snapshot repeats them', () => {
    const a = railOrder();
    const b = railOrder();
    const first = apply(snapshot([a, b]));
    const again = boardReducer(first, snapshot([{ ...a }, { ...b }]));
    expect(again.orders).toBe(first.orders);
    expect(again.freshOrderIds).toBe(first.freshOrderIds);
    const changed = boardReducer(first, snapshot([{ ...a }, { ...b, version: 2, status: 'accepted' }]));
    expect(changed.orders[a.id]).toBe(first.orders[a.id]);
    expect(changed.orders[b.id]?.status).toBe('accepted');
    const pending = boardReducer(first, snapshot([{ ...a, pendingActions: 1 }, { ...b }]));
    expect(pending.orders[a.id]?.pendingActions).toBe(1);
  });

  it('leaves state alone for alerts', () => {
    const state = apply(snapshot());
    expect(boardReducer(state, { type: 'alert', alert: 'order.submitted', orderId: 'x' })).toBe(state);
  });
});

describe('struck lines on the board (issue 19)', () => {
  it('takes a card whose struck lines changed without a new version, from an update and from a snapshot', () => {
    const plain = railOrder();
    const struck = { ...plain, struckItems: [0] };
    expect(apply(snapshot([plain]), { type: 'order', order: struck }).orders[plain.id]?.struckItems).toEqual([0]);
    // A reconnect's snapshot brings lines struck on another screen meanwhile: same version, new lines.
    expect(apply(snapshot([plain]), snapshot([struck])).orders[plain.id]?.struckItems).toEqual([0]);
    expect(apply(snapshot([struck]), snapshot([plain])).orders[plain.id]?.struckItems).toBeUndefined();
  });
});
