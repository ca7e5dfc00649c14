import { describe, expect, it } from 'vitest';
import { CLOSE_CODES } from '../index.js';
import { closeCode, nextEvent, serverSdk, subscribed, relayTestKit } from './helpers.js';

const { startTestRelay, pusherClient, openRaw } = relayTestKit();

/**
 * pusher-js retries at once on 4200. If that attempt lands in the gap between the two relays it
 * is refused, and pusher-js's Node transport only gives up on it after its 15 s connect timeout
 * before trying again — so depending on that race the reconnect takes milliseconds or ~15 s.
 */
const RECONNECT_WAIT_MS = 25_000;

describe('relay restart', () => {
  it('closes sockets with 4200 on shutdown so clients know to reconnect', async () => {
    const relay = await startTestRelay();
    const raw = await openRaw(relay);
    await raw.socketId();
    const code = closeCode(raw);
    await relay.close();
    expect(await code).toBe(CLOSE_CODES.SERVER_RESTARTING);
  });

  it('pusher-js reconnects to a relay restarted on the same port, resubscribes and gets new events', async () => {
    const first = await startTestRelay();
    const client = pusherClient(first);
    const channel = await subscribed(client, 'private-orders');
    const firstSocketId = client.connection.socket_id;
    const states: string[] = [];
    client.connection.bind('state_change', ({ current }: { current: string }) => states.push(current));

    const resubscribed = nextEvent(channel, 'pusher:subscription_succeeded', RECONNECT_WAIT_MS);
    await first.close();
    const second = await startTestRelay({ port: first.port });
    await resubscribed;
    expect(client.connection.socket_id).not.toBe(firstSocketId);
    expect(states).toContain('connecting');
    expect(states).not.toContain('failed');

    const received = nextEvent(channel, 'order.after-restart');
    await serverSdk(second).trigger('private-orders', 'order.after-restart', { seq: 2 });
    expect(await received).toEqual({ seq: 2 });
  });
});
