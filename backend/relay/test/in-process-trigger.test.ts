import { describe, expect, it } from 'vitest';
import { HTTP_ERRORS, RelayHttpError } from '../index.js';
import { MAX_BATCH_EVENTS, MAX_EVENT_DATA_BYTES } from '../limits.js';
import { collect, nextEvent, relayTestKit, subscribed, TEST_APP } from './helpers.js';

const { startTestRelay, pusherClient } = relayTestKit();

function codeOf(action: () => void): string | undefined {
  try {
    action();
  } catch (error) {
    if (error instanceof RelayHttpError) return error.code;
    throw error;
  }
  return undefined;
}

describe('triggerBatch in process (what a backend embedding the relay publishes through)', () => {
  it('delivers each event of the batch to pusher-js in order, as POST /batch_events would', async () => {
    const relay = await startTestRelay();
    const channel = await subscribed(pusherClient(relay), 'private-orders');
    const seen = collect<{ seq: number }>(channel, 'order.submitted');
    const last = nextEvent<{ seq: number }>(channel, 'order.submitted.last');
    relay.triggerBatch(TEST_APP.id, [
      { channel: 'private-orders', name: 'order.submitted', data: JSON.stringify({ seq: 1 }) },
      { channel: 'private-orders', name: 'order.submitted', data: JSON.stringify({ seq: 2 }) },
      { channel: 'private-orders', name: 'order.submitted.last', data: JSON.stringify({ seq: 3 }) },
    ]);
    expect(await last).toEqual({ seq: 3 });
    expect(seen).toEqual([{ seq: 1 }, { seq: 2 }]);
    expect(relay.stats().apiRequests).toBe(0);
  });

  it('refuses what the HTTP API refuses, with its codes, and sends nothing of a refused batch', async () => {
    const relay = await startTestRelay();
    const channel = await subscribed(pusherClient(relay), 'private-orders');
    const seen = collect(channel, 'e');
    const good = { channel: 'private-orders', name: 'e', data: '{}' };
    const refusals: [string, () => void][] = [
      ['RELAY_ERR_APP_NOT_FOUND', () => relay.triggerBatch('no-such-app', [good])],
      ['RELAY_ERR_INVALID_CHANNEL_NAME', () => relay.triggerBatch(TEST_APP.id, [good, { ...good, channel: 'bad channel!' }])],
      ['RELAY_ERR_EVENT_DATA_TOO_LARGE', () => relay.triggerBatch(TEST_APP.id, [good, { ...good, data: 'x'.repeat(MAX_EVENT_DATA_BYTES + 1) }])],
      ['RELAY_ERR_BATCH_TOO_LARGE', () => relay.triggerBatch(TEST_APP.id, Array.from({ length: MAX_BATCH_EVENTS + 1 }, () => good))],
      ['RELAY_ERR_INVALID_SOCKET_ID', () => relay.triggerBatch(TEST_APP.id, [{ ...good, socket_id: 'nope' }])],
    ];
    for (const [code, action] of refusals) {
      expect(code in HTTP_ERRORS).toBe(true);
      expect(codeOf(action)).toBe(code);
    }
    // A barrier: frames arrive in order, so anything of the refused batches would be here first.
    const barrier = nextEvent(channel, 'barrier');
    relay.triggerBatch(TEST_APP.id, [{ ...good, name: 'barrier' }]);
    await barrier;
    expect(seen).toEqual([]);
  });
});
