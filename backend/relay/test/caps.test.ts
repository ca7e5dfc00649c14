/**
 * The relay's per-socket and per-address caps: subscriptions per connection (refused with
 * pusher:subscription_error, the socket stays) and connections per remote address (closed with
 * 4100, Pusher's "over capacity", after which pusher-js retries after a back-off).
 */
import { connect } from 'node:net';
import { describe, expect, it } from 'vitest';
import { RelayConfigError, startRelay, type RunningRelay } from '../index.js';
import type { WireFrame } from './helpers.js';
import {
  connected,
  nextEvent,
  pollUntil,
  type RawClient,
  serverSdk,
  subscribed,
  TEST_APP,
  waitFor,
  relayTestKit,
} from './helpers.js';

const { resources, startTestRelay, pusherClient, openRaw } = relayTestKit();

const succeeded = (channel: string) => (f: WireFrame) => f.event === 'pusher_internal:subscription_succeeded' && f.channel === channel;
const refused = (channel: string) => (f: WireFrame) => f.event === 'pusher:subscription_error' && f.channel === channel;
const established = (f: WireFrame) => f.event === 'pusher:connection_established';

interface SubscriptionErrorData {
  type: string;
  error: string;
  status: number;
}

async function rawConnection(relay: RunningRelay): Promise<RawClient> {
  const raw = await openRaw(relay);
  await raw.socketId();
  return raw;
}

function closeOf(raw: RawClient): Promise<{ code: number; reason: string }> {
  return waitFor('socket close', (resolve) => void raw.closed.then(resolve));
}

async function occupied(relay: RunningRelay, channel: string): Promise<boolean> {
  const response = await serverSdk(relay).get({ path: `/channels/${channel}` });
  return ((await response.json()) as { occupied: boolean }).occupied;
}

describe('subscriptions per connection', () => {
  it('refuses the subscription over maxSubscriptionsPerConnection with LimitReached, and keeps the socket', async () => {
    const relay = await startTestRelay({ maxSubscriptionsPerConnection: 3 });
    const raw = await rawConnection(relay);
    for (const channel of ['a', 'b', 'c']) {
      raw.send({ event: 'pusher:subscribe', data: { channel } });
      await raw.next(`subscribed ${channel}`, succeeded(channel));
    }
    raw.send({ event: 'pusher:subscribe', data: { channel: 'd' } });
    const error = await raw.next('refusal of d', refused('d'));
    expect(JSON.parse(String(error.data))).toEqual({
      type: 'LimitReached',
      status: 403,
      error: 'Subscription refused: this connection is subscribed to as many channels as the relay allows; unsubscribe from one first (limit 3)',
    });
    expect(await occupied(relay, 'd')).toBe(false);

    // Subscribing again to a channel it is in takes no new place.
    raw.send({ event: 'pusher:subscribe', data: { channel: 'a' } });
    await raw.nth('a subscribed twice', succeeded('a'), 2);
    // A place freed by unsubscribing can be used.
    raw.send({ event: 'pusher:unsubscribe', data: { channel: 'a' } });
    raw.send({ event: 'pusher:subscribe', data: { channel: 'd' } });
    await raw.next('subscribed d', succeeded('d'));
    expect(await occupied(relay, 'd')).toBe(true);
  });

  it('allows 100 subscriptions per connection by default and refuses the 101st', async () => {
    const relay = await startTestRelay();
    const raw = await rawConnection(relay);
    for (let index = 0; index <= 100; index += 1) raw.send({ event: 'pusher:subscribe', data: { channel: `station-${index}` } });
    await raw.next('refusal of the 101st', refused('station-100'));
    expect(raw.count((f) => f.event === 'pusher_internal:subscription_succeeded')).toBe(100);
    expect(raw.count((f) => f.event === 'pusher:subscription_error')).toBe(1);
    expect(relay.stats().channels).toBe(100);
  });

  it('hands pusher-js the refusal on the channel it could not join', async () => {
    const relay = await startTestRelay({ maxSubscriptionsPerConnection: 1 });
    const client = pusherClient(relay);
    await subscribed(client, 'private-pass');
    const second = client.subscribe('private-expo');
    const error = await nextEvent<SubscriptionErrorData>(second, 'pusher:subscription_error');
    expect(error).toMatchObject({ type: 'LimitReached', status: 403 });
    expect(client.connection.state).toBe('connected');
  });
});

describe('connections per remote address', () => {
  it('closes a connection over maxConnectionsPerIp with 4100 before the handshake, and accepts again once one leaves', async () => {
    const relay = await startTestRelay({ maxConnectionsPerIp: 2 });
    const first = await rawConnection(relay);
    await rawConnection(relay);

    const third = await openRaw(relay);
    expect(await closeOf(third)).toEqual({ code: 4100, reason: 'Over capacity: too many connections from this address; retry later' });
    expect(third.count(established)).toBe(0);
    expect(relay.stats().connections).toBe(2);

    first.socket.close();
    await pollUntil(async () => relay.stats().connections, (count) => count === 1);
    const fourth = await openRaw(relay);
    await fourth.next('connection_established', established);
  });

  it('allows 200 connections from one address by default and closes the 201st with 4100', async () => {
    const relay = await startTestRelay();
    await Promise.all(Array.from({ length: 200 }, () => rawConnection(relay)));
    expect(relay.stats().connections).toBe(200);
    const over = await openRaw(relay);
    expect((await closeOf(over)).code).toBe(4100);
  });

  it('cuts off a refused socket that never answers the close frame within seconds, not after 30 s', async () => {
    const relay = await startTestRelay({ maxConnectionsPerIp: 1 });
    await rawConnection(relay);
    // A bare TCP client: completes the upgrade, then never answers the close frame (it only reads,
    // and discards, so that the end of the stream is seen).
    const socket = resources.add(connect(relay.port, relay.host), (s) => s.destroy());
    socket.resume();
    const ended = waitFor('relay ends the refused socket', (resolve) => socket.once('close', () => resolve(undefined)));
    socket.write(
      `GET /app/${TEST_APP.key}?protocol=7 HTTP/1.1\r\nHost: ${relay.host}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
        'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n',
    );
    await ended;
  });

  it('makes pusher-js back off and connect by itself once a place is free', async () => {
    const relay = await startTestRelay({ maxConnectionsPerIp: 1 });
    const holder = await rawConnection(relay);
    const client = pusherClient(relay);
    const error = await waitFor<{ error?: { data?: { code?: number } } }>('pusher-js error', (resolve) => client.connection.bind('error', resolve));
    expect(error.error?.data?.code).toBe(4100);
    holder.socket.close();
    await connected(client);
  });
});

describe('cap options', () => {
  it.each([
    [{ maxSubscriptionsPerConnection: 0 }, 'RELAY_ERR_SUBSCRIPTION_CAP'],
    [{ maxSubscriptionsPerConnection: 2.5 }, 'RELAY_ERR_SUBSCRIPTION_CAP'],
    [{ maxConnectionsPerIp: 0 }, 'RELAY_ERR_CONNECTION_CAP'],
    [{ maxConnectionsPerIp: Number.NaN }, 'RELAY_ERR_CONNECTION_CAP'],
  ])('refuses %j at start with %s', async (options, code) => {
    const start = startRelay({ apps: [TEST_APP], ...options });
    await expect(start).rejects.toBeInstanceOf(RelayConfigError);
    await expect(start).rejects.toMatchObject({ code });
  });
});
