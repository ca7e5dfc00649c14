import { describe, expect, it } from 'vitest';
import type { BoardSnapshot, BoardUpdate } from '../../common/kitchen-api.js';
import { createSnapshotGate } from './snapshot-gate.js';

const snapshot = (lastSeq: number): BoardSnapshot => ({ orders: [], stations: [], connection: { mode: 'live', lastSeq } });
const removed = (orderId: string): BoardUpdate => ({ type: 'order.removed', orderId });

describe('createSnapshotGate', () => {
  it('holds updates until the fetched snapshot, then replays them after it', () => {
    const delivered: BoardUpdate[] = [];
    const gate = createSnapshotGate((u) => delivered.push(u));
    gate.push(removed('a'));
    expect(delivered).toEqual([]);
    gate.fetched(snapshot(1));
    gate.push(removed('b'));
    expect(delivered).toEqual([{ type: 'snapshot', snapshot: snapshot(1) }, removed('a'), removed('b')]);
  });

  it('drops a fetched snapshot that arrives after a pushed one', () => {
    const delivered: BoardUpdate[] = [];
    const gate = createSnapshotGate((u) => delivered.push(u));
    gate.push(removed('early'));
    gate.push({ type: 'snapshot', snapshot: snapshot(5) });
    gate.fetched(snapshot(4));
    expect(delivered).toEqual([{ type: 'snapshot', snapshot: snapshot(5) }]);
  });

  it('passes later pushed snapshots (reconnects) straight through', () => {
    const delivered: BoardUpdate[] = [];
    const gate = createSnapshotGate((u) => delivered.push(u));
    gate.fetched(snapshot(1));
    gate.push({ type: 'snapshot', snapshot: snapshot(9) });
    expect(delivered.map((u) => u.type)).toEqual(['snapshot', 'snapshot']);
  });
});
