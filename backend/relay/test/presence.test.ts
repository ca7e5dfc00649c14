import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { RunningRelay } from '../index.js';
import type { WireFrame } from './helpers.js';
import { nextEvent, pollUntil, serverSdk, subscribed, TEST_APP, relayTestKit } from './helpers.js';

const { startTestRelay, pusherClient, openRaw } = relayTestKit();

const ROOM = 'presence-kitchen';

interface PresencePayload {
  presence: { ids: string[]; hash: Record<string, unknown>; count: number };
}

const dataOf = <T>(frame: WireFrame): T => JSON.parse(String(frame.data)) as T;
const isEvent = (event: string) => (frame: WireFrame) => frame.event === event && frame.channel === ROOM;
const about = (event: string, userId: string) => (frame: WireFrame) =>
  isEvent(event)(frame) && dataOf<{ user_id: string }>(frame).user_id === userId;

/** A raw socket that joins ROOM as `userId` and returns the subscription_succeeded payload. */
async function join(relay: RunningRelay, userId: string, userInfo: Record<string, unknown> = {}) {
  const raw = await openRaw(relay);
  const socketId = await raw.socketId();
  const auth = serverSdk(relay).authorizeChannel(socketId, ROOM, { user_id: userId, user_info: userInfo });
  raw.send({ event: 'pusher:subscribe', data: { channel: ROOM, ...auth } });
  const succeeded = await raw.next(`${userId} joined`, isEvent('pusher_internal:subscription_succeeded'));
  return { raw, socketId, presence: dataOf<PresencePayload>(succeeded).presence };
}

describe('presence channels', () => {
  it('reports members on join, announces new users to others only, and de-duplicates tabs', async () => {
    const relay = await startTestRelay();
    const alice = await join(relay, 'alice', { name: 'Alice' });
    expect(alice.presence).toEqual({ ids: ['alice'], hash: { alice: { name: 'Alice' } }, count: 1 });

    const bobTab1 = await join(relay, 'bob', { name: 'Bob' });
    expect(bobTab1.presence.count).toBe(2);
    expect(bobTab1.presence.hash).toEqual({ alice: { name: 'Alice' }, bob: { name: 'Bob' } });
    const added = await alice.raw.next('member_added bob', about('pusher_internal:member_added', 'bob'));
    expect(dataOf(added)).toEqual({ user_id: 'bob', user_info: { name: 'Bob' } });

    // Bob's second tab: already a member, so nobody hears about it.
    const bobTab2 = await join(relay, 'bob', { name: 'Bob' });
    expect(bobTab2.presence.count).toBe(2);

    // Carol's arrival is a barrier: anything caused by bob's second tab would have reached alice first.
    await join(relay, 'carol');
    await alice.raw.next('member_added carol', about('pusher_internal:member_added', 'carol'));
    expect(alice.raw.count(about('pusher_internal:member_added', 'bob'))).toBe(1);
    // The joiner never hears about itself.
    expect(bobTab1.raw.count(about('pusher_internal:member_added', 'bob'))).toBe(0);
    expect(bobTab2.raw.count(isEvent('pusher_internal:member_added'))).toBe(1); // carol only

    // One of bob's tabs leaves: bob is still there. The pong proves the relay processed the
    // unsubscribe; the barrier event then reaches alice after any member_removed it caused.
    bobTab1.raw.send({ event: 'pusher:unsubscribe', data: { channel: ROOM } });
    bobTab1.raw.send({ event: 'pusher:ping', data: {} });
    await bobTab1.raw.next('pong', (f) => f.event === 'pusher:pong');
    await serverSdk(relay).trigger(ROOM, 'barrier', {});
    await alice.raw.next('barrier', isEvent('barrier'));
    expect(alice.raw.count(isEvent('pusher_internal:member_removed'))).toBe(0);

    // Last tab closes: now bob is gone, announced exactly once.
    bobTab2.raw.socket.close();
    await alice.raw.next('member_removed bob', about('pusher_internal:member_removed', 'bob'));
    expect(alice.raw.count(about('pusher_internal:member_removed', 'bob'))).toBe(1);
    const users = (await (await serverSdk(relay).get({ path: `/channels/${ROOM}/users` })).json()) as unknown;
    expect(users).toEqual({ users: [{ id: 'alice' }, { id: 'carol' }] });
  });

  it('keeps the user while another tab remains (HTTP user_count stays)', async () => {
    const relay = await startTestRelay();
    const sdk = serverSdk(relay);
    const tab1 = await join(relay, 'dave');
    await join(relay, 'dave');
    const read = async () =>
      (await (await sdk.get({ path: `/channels/${ROOM}`, params: { info: 'user_count,subscription_count' } })).json()) as {
        user_count: number;
        subscription_count: number;
      };
    expect(await read()).toEqual({ occupied: true, user_count: 1, subscription_count: 2 });

    tab1.raw.socket.close();
    // Wait (bounded) until the relay has processed the close: subscription_count drops to 1.
    const info = await pollUntil(read, (value) => value.subscription_count === 1);
    expect(info).toEqual({ occupied: true, user_count: 1, subscription_count: 1 });
  });

  it('drives pusher-js members: me, count, member_added and member_removed', async () => {
    const relay = await startTestRelay();
    const first = pusherClient(relay, { presence: { user_id: 'u1', user_info: { station: 'grill' } } });
    const second = pusherClient(relay, { presence: { user_id: 'u2', user_info: { station: 'fry' } } });

    const firstChannel = await subscribed(first, ROOM);
    const memberAdded = nextEvent<{ id: string; info: unknown }>(firstChannel, 'pusher:member_added');
    const secondChannel = second.subscribe(ROOM);
    const members = await nextEvent<{ count: number; me: { id: string } }>(secondChannel, 'pusher:subscription_succeeded');
    expect(members.count).toBe(2);
    expect(members.me).toEqual({ id: 'u2', info: { station: 'fry' } });
    expect(await memberAdded).toEqual({ id: 'u2', info: { station: 'fry' } });

    const memberRemoved = nextEvent<{ id: string }>(firstChannel, 'pusher:member_removed');
    second.unsubscribe(ROOM);
    expect(await memberRemoved).toMatchObject({ id: 'u2' });
  });

  it('refuses a 101st distinct member but still admits another tab of an existing one', async () => {
    const relay = await startTestRelay();
    await Promise.all(Array.from({ length: 100 }, (_, n) => join(relay, `user-${n}`)));
    const raw = await openRaw(relay);
    const socketId = await raw.socketId();
    raw.send({ event: 'pusher:subscribe', data: { channel: ROOM, ...serverSdk(relay).authorizeChannel(socketId, ROOM, { user_id: 'user-100' }) } });
    const frame = await raw.next('subscription_error', (f) => f.event === 'pusher:subscription_error');
    expect(dataOf(frame)).toMatchObject({ type: 'LimitReached' });
    const secondTab = await join(relay, 'user-7');
    expect(secondTab.presence.count).toBe(100);
  });

  it('rejects a presence subscription whose channel_data has no user_id', async () => {
    const relay = await startTestRelay();
    const raw = await openRaw(relay);
    const socketId = await raw.socketId();
    // Correctly signed, so only the missing user_id can be the reason for the rejection.
    const channelData = JSON.stringify({ user_info: {} });
    const signature = createHmac('sha256', TEST_APP.secret).update(`${socketId}:${ROOM}:${channelData}`).digest('hex');
    raw.send({ event: 'pusher:subscribe', data: { channel: ROOM, auth: `${TEST_APP.key}:${signature}`, channel_data: channelData } });
    const frame = await raw.next('subscription_error', (f) => f.event === 'pusher:subscription_error');
    expect(dataOf(frame)).toMatchObject({ status: 400 });
  });
});
