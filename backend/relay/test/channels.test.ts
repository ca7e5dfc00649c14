import { describe, expect, it } from 'vitest';
import { connected, nextEvent, pollUntil, serverSdk, subscribed, TEST_APP, relayTestKit } from './helpers.js';

const { startTestRelay, pusherClient, openRaw } = relayTestKit();

const OTHER_SECRET_APP = { ...TEST_APP, secret: 'not-the-real-secret-000' };

describe('subscriptions', () => {
  it.each(['orders', 'private-orders', 'private-encrypted-orders'])(
    'subscribes to %s and receives an event triggered with the pusher SDK',
    async (channelName) => {
      const relay = await startTestRelay();
      const client = pusherClient(relay);
      const channel = await subscribed(client, channelName);
      const received = nextEvent<{ seq: number }>(channel, 'order.submitted');
      await serverSdk(relay).trigger(channelName, 'order.submitted', { seq: 7 });
      // For private-encrypted- the SDK encrypts and pusher-js decrypts: the relay passes it through untouched.
      expect(await received).toEqual({ seq: 7 });
    },
  );

  it.each(['private-orders', 'presence-kitchen', 'private-encrypted-orders'])(
    'reports a bad signature on %s as subscription_error {type, error, status: 401}',
    async (channelName) => {
      const relay = await startTestRelay();
      const client = pusherClient(relay, { signWith: OTHER_SECRET_APP, presence: { user_id: 'u1' } });
      await connected(client);
      const channel = client.subscribe(channelName);
      const error = await nextEvent<{ type: string; error: string; status: number }>(channel, 'pusher:subscription_error');
      expect(error).toMatchObject({ type: 'AuthError', status: 401 });
      expect(error.error).toEqual(expect.any(String));
      expect(channel.subscribed).toBe(false);
    },
  );

  it('rejects a private subscription without auth, on the wire, with JSON-string data', async () => {
    const relay = await startTestRelay();
    const raw = await openRaw(relay);
    await raw.socketId();
    raw.send({ event: 'pusher:subscribe', data: { channel: 'private-orders' } });
    const frame = await raw.next('subscription_error', (f) => f.event === 'pusher:subscription_error');
    expect(frame.channel).toBe('private-orders');
    expect(typeof frame.data).toBe('string');
    expect(JSON.parse(String(frame.data))).toMatchObject({ type: 'AuthError', status: 401 });
  });

  it('rejects an auth token signed for another socket', async () => {
    const relay = await startTestRelay();
    const raw = await openRaw(relay);
    await raw.socketId();
    const forOtherSocket = serverSdk(relay).authorizeChannel('1.1', 'private-orders');
    raw.send({ event: 'pusher:subscribe', data: { channel: 'private-orders', auth: forOtherSocket.auth } });
    const frame = await raw.next('subscription_error', (f) => f.event === 'pusher:subscription_error');
    expect(JSON.parse(String(frame.data))).toMatchObject({ status: 401 });
  });

  it('rejects an invalid channel name with status 400', async () => {
    const relay = await startTestRelay();
    const raw = await openRaw(relay);
    await raw.socketId();
    raw.send({ event: 'pusher:subscribe', data: { channel: 'orders with spaces' } });
    const frame = await raw.next('subscription_error', (f) => f.event === 'pusher:subscription_error');
    expect(JSON.parse(String(frame.data))).toMatchObject({ type: 'InvalidChannel', status: 400 });
  });

  it('answers a subscribe with pusher_internal:subscription_succeeded and data "{}"', async () => {
    const relay = await startTestRelay();
    const raw = await openRaw(relay);
    await raw.socketId();
    raw.send({ event: 'pusher:subscribe', data: { channel: 'orders' } });
    const frame = await raw.next('succeeded', (f) => f.event === 'pusher_internal:subscription_succeeded');
    expect(frame).toEqual({ event: 'pusher_internal:subscription_succeeded', channel: 'orders', data: '{}' });
  });

  it('unsubscribes: the channel is vacated and the socket gets no more of its events', async () => {
    const relay = await startTestRelay();
    const sdk = serverSdk(relay);
    const raw = await openRaw(relay);
    await raw.socketId();
    raw.send({ event: 'pusher:subscribe', data: { channel: 'orders' } });
    raw.send({ event: 'pusher:subscribe', data: { channel: 'other' } });
    await raw.nth('both subscribed', (f) => f.event === 'pusher_internal:subscription_succeeded', 2);
    expect(relay.stats().channels).toBe(2);

    raw.send({ event: 'pusher:unsubscribe', data: { channel: 'orders' } });
    const readInfo = async () => (await (await sdk.get({ path: '/channels/orders' })).json()) as { occupied: boolean };
    const info = await pollUntil(readInfo, (value) => !value.occupied);
    expect(info.occupied).toBe(false);
    await sdk.trigger('orders', 'after-unsubscribe', {});
    await sdk.trigger('other', 'barrier', {});
    // Frames arrive in order, so once the barrier is here the earlier event would have been too.
    await raw.next('barrier', (f) => f.event === 'barrier');
    expect(raw.count((f) => f.event === 'after-unsubscribe')).toBe(0);
  });

  it('counts occupied channels in stats()', async () => {
    const relay = await startTestRelay();
    const client = pusherClient(relay);
    await subscribed(client, 'a');
    await subscribed(client, 'private-b');
    expect(relay.stats()).toEqual({ connections: 1, channels: 2, apiRequests: 0 });
  });
});
