import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { BoardUpdate } from '../../common/kitchen-api.js';
import type { AgentLinkState } from './board-client.js';
import { createUpdateStream, type SocketLike } from './update-stream.js';

class FakeSocket implements SocketLike {
  onopen: SocketLike['onopen'] = null;
  onmessage: SocketLike['onmessage'] = null;
  onclose: SocketLike['onclose'] = null;
  onerror: SocketLike['onerror'] = null;
  closed = false;
  constructor(readonly url: string) {}
  close() {
    this.closed = true;
  }
  open() {
    this.onopen?.({});
  }
  send(update: BoardUpdate) {
    this.onmessage?.({ data: JSON.stringify(update) });
  }
  drop(reason = '') {
    this.onclose?.({ code: 1006, reason });
  }
}

describe('createUpdateStream', () => {
  let sockets: FakeSocket[];
  const latest = () => sockets[sockets.length - 1]!;
  const make = () =>
    createUpdateStream({
      url: 'ws://agent/api/kitchen/updates',
      createSocket: (url) => {
        const socket = new FakeSocket(url);
        sockets.push(socket);
        return socket;
      },
      backoff: { baseMs: 100, maxMs: 1000, jitter: 0 },
      now: () => 0,
    });

  beforeEach(() => {
    sockets = [];
    vi.useFakeTimers();
  });
  afterEach(() => vi.useRealTimers());

  it('opens one socket for all listeners and delivers updates to each', () => {
    const stream = make();
    const a: BoardUpdate[] = [];
    const b: BoardUpdate[] = [];
    stream.subscribe((u) => a.push(u));
    stream.subscribe((u) => b.push(u));
    expect(sockets).toHaveLength(1);
    latest().open();
    latest().send({ type: 'order.removed', orderId: 'o1' });
    expect(a).toEqual([{ type: 'order.removed', orderId: 'o1' }]);
    expect(b).toEqual(a);
  });

  it('reconnects with growing delays after the socket closes, and reports the link', () => {
    const stream = make();
    const links: AgentLinkState[] = [];
    stream.subscribeLink((link) => links.push(link));
    stream.subscribe(() => undefined);
    latest().open();
    latest().drop('agent stopped');
    expect(links.at(-1)).toEqual({ status: 'disconnected', attempt: 1, retryAt: 100, reason: 'agent stopped' });
    vi.advanceTimersByTime(99);
    expect(sockets).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(sockets).toHaveLength(2);
    latest().drop();
    expect(links.at(-1)).toMatchObject({ status: 'disconnected', retryAt: 200 });
    vi.advanceTimersByTime(200);
    latest().open();
    expect(links.at(-1)).toEqual({ status: 'connected' });
    // A successful connect resets the backoff.
    latest().drop();
    expect(links.at(-1)).toMatchObject({ retryAt: 100 });
  });

  it('closes the socket and stops retrying when the last listener leaves', () => {
    const stream = make();
    const unsubscribe = stream.subscribe(() => undefined);
    latest().open();
    unsubscribe();
    expect(latest().closed).toBe(true);
    latest().drop();
    vi.advanceTimersByTime(5000);
    expect(sockets).toHaveLength(1);
  });
});
