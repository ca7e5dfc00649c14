import { describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import type { RelayOptions, RunningRelay } from '../index.js';
import type { WireFrame } from './helpers.js';
import { collect, nextEvent, type RawClient, serverSdk, subscribed, TEST_APP, waitFor, relayTestKit } from './helpers.js';

const { startTestRelay, pusherClient, openRaw } = relayTestKit();

/** Client events are off unless the app turns them on. */
const CLIENT_EVENTS_ON: Partial<RelayOptions> = { apps: [{ ...TEST_APP, clientEvents: true }] };

const isError = (frame: WireFrame) => frame.event === 'pusher:error';
const errorCode = (frame: WireFrame) => (JSON.parse(String(frame.data)) as { code: number | null }).code;

async function rawSubscriber(relay: RunningRelay, channel: string): Promise<RawClient> {
  const raw = await openRaw(relay);
  const socketId = await raw.socketId();
  const auth = channel.startsWith('private-') ? serverSdk(relay).authorizeChannel(socketId, channel) : {};
  raw.send({ event: 'pusher:subscribe', data: { channel, ...auth } });
  await raw.next(`subscribed ${channel}`, (f) => f.event === 'pusher_internal:subscription_succeeded' && f.channel === channel);
  return raw;
}

/** A relay and two pusher-js clients, alice and bob, both subscribed to private-pass. */
async function aliceAndBob(options?: Partial<RelayOptions>) {
  const relay = await startTestRelay(options);
  const alice = pusherClient(relay);
  const bob = pusherClient(relay);
  return { relay, alice, aliceChannel: await subscribed(alice, 'private-pass'), bobChannel: await subscribed(bob, 'private-pass') };
}

/** What pusher-js emits as a connection 'error' for a pusher:error frame. */
interface PusherJsError {
  type: string;
  data: { code: number | null; message: string };
}

describe('client events switch', () => {
  it('is off by default: pusher-js gets pusher:error 4301 and the other subscriber gets nothing', async () => {
    const { relay, alice, aliceChannel, bobChannel } = await aliceAndBob();
    const atBob = collect(bobChannel, 'client-ready');

    const refused = waitFor<PusherJsError>('pusher:error at alice', (resolve) => alice.connection.bind('error', resolve));
    aliceChannel.trigger('client-ready', { ticket: 12 });
    expect(await refused).toEqual({
      type: 'PusherError',
      data: { code: 4301, message: 'Client events are not enabled for this app' },
    });
    // The barrier reaches bob after anything relayed from alice's event would have.
    const barrier = nextEvent(bobChannel, 'barrier');
    await serverSdk(relay).trigger('private-pass', 'barrier', {});
    await barrier;
    expect(atBob).toEqual([]);
    expect(alice.connection.state).toBe('connected');
  });

  it('delivers with pusher-js once the app sets clientEvents: true', async () => {
    const { aliceChannel, bobChannel } = await aliceAndBob(CLIENT_EVENTS_ON);
    const atBob = nextEvent(bobChannel, 'client-ready');
    aliceChannel.trigger('client-ready', { ticket: 12 });
    expect(await atBob).toEqual({ ticket: 12 });
  });
});

describe('client events', () => {
  it('relays a client event to the other subscribers and never echoes it to the sender', async () => {
    const { aliceChannel, bobChannel } = await aliceAndBob(CLIENT_EVENTS_ON);
    const aliceEchoes = collect(aliceChannel, 'client-ready');

    const atBob = nextEvent(bobChannel, 'client-ready');
    aliceChannel.trigger('client-ready', { ticket: 12 });
    expect(await atBob).toEqual({ ticket: 12 });

    // Bob's reply is a barrier: an echo of alice's event would have reached her before it.
    const reply = nextEvent(aliceChannel, 'client-ack');
    bobChannel.trigger('client-ack', { ticket: 12 });
    expect(await reply).toEqual({ ticket: 12 });
    expect(aliceEchoes).toEqual([]);
  });

  it('adds the sender user_id to client events on presence channels', async () => {
    const relay = await startTestRelay(CLIENT_EVENTS_ON);
    const cook = pusherClient(relay, { presence: { user_id: 'cook-7' } });
    const expo = pusherClient(relay, { presence: { user_id: 'expo-1' } });
    const cookChannel = await subscribed(cook, 'presence-line');
    const expoChannel = await subscribed(expo, 'presence-line');
    const received = waitFor<{ data: unknown; userId: string | undefined }>('client-plated at expo', (resolve) => {
      expoChannel.bind('client-plated', (data: unknown, metadata: { user_id?: string }) =>
        resolve({ data, userId: metadata.user_id }),
      );
    });
    cookChannel.trigger('client-plated', { ticket: 3 });
    expect(await received).toEqual({ data: { ticket: 3 }, userId: 'cook-7' });
  });

  it('refuses client events on public channels', async () => {
    const relay = await startTestRelay(CLIENT_EVENTS_ON);
    const sender = await rawSubscriber(relay, 'lobby');
    const receiver = await rawSubscriber(relay, 'lobby');
    sender.send({ event: 'client-hello', channel: 'lobby', data: {} });
    await sender.next('pusher:error', isError);
    await serverSdk(relay).trigger('lobby', 'barrier', {});
    await receiver.next('barrier', (f) => f.event === 'barrier');
    expect(receiver.count((f) => f.event === 'client-hello')).toBe(0);
  });

  it('refuses client events from a socket not subscribed to the channel', async () => {
    const relay = await startTestRelay(CLIENT_EVENTS_ON);
    const receiver = await rawSubscriber(relay, 'private-pass');
    const outsider = await openRaw(relay);
    await outsider.socketId();
    outsider.send({ event: 'client-hello', channel: 'private-pass', data: {} });
    await outsider.next('pusher:error', isError);
    await serverSdk(relay).trigger('private-pass', 'barrier', {});
    await receiver.next('barrier', (f) => f.event === 'barrier');
    expect(receiver.count((f) => f.event === 'client-hello')).toBe(0);
  });

  it('rate-limits to 10 client events per second per connection with pusher:error 4301, without closing', async () => {
    const relay = await startTestRelay(CLIENT_EVENTS_ON);
    const sender = await rawSubscriber(relay, 'private-pass');
    const receiver = await rawSubscriber(relay, 'private-pass');
    for (let index = 0; index < 15; index += 1) {
      sender.send({ event: 'client-burst', channel: 'private-pass', data: { index } });
    }
    const errors = await sender.nth('5 rate-limit errors', isError, 5);
    expect(errors.map(errorCode)).toEqual([4301, 4301, 4301, 4301, 4301]);
    const delivered = await receiver.nth('10 deliveries', (f) => f.event === 'client-burst', 10);
    expect(delivered.map((f) => (JSON.parse(String(f.data)) as { index: number }).index)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    // Barrier, then prove nothing beyond the 10 got through and the sender is still connected.
    await serverSdk(relay).trigger('private-pass', 'barrier', {});
    await receiver.next('barrier', (f) => f.event === 'barrier');
    expect(receiver.count((f) => f.event === 'client-burst')).toBe(10);
    expect(sender.socket.readyState).toBe(WebSocket.OPEN);
  });

  it('honours a per-app maxClientEventsPerSecond', async () => {
    const relay = await startTestRelay({
      apps: [{ ...TEST_APP, clientEvents: true, maxClientEventsPerSecond: 2 }],
    });
    const sender = await rawSubscriber(relay, 'private-pass');
    for (let index = 0; index < 3; index += 1) sender.send({ event: 'client-x', channel: 'private-pass', data: {} });
    const [error] = await sender.nth('rate-limit error', isError, 1);
    expect(error && errorCode(error)).toBe(4301);
  });
});
