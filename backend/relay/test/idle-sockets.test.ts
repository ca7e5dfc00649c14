/**
 * Issue 17, item 7: 200 anonymous sockets from 127.0.0.1 took every place under the per-address cap
 * and the local agent's next connection got 4100. Sockets that subscribe to nothing are now closed
 * (4202) after `unsubscribedTimeoutMs`, by the relay's clock — moved by hand here — and behind a
 * trusted reverse proxy the cap counts the address the proxy forwards.
 */
import { describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { RelayConfigError, startRelay, type RunningRelay } from '../index.js';
import { ManualClock } from '../../../test/integration/manual-clock.js';
import { closeCode, pollUntil, RawClient, TEST_APP, waitFor, relayTestKit } from './helpers.js';

const { resources, startTestRelay, openRaw } = relayTestKit();

const subscribedTo = (channel: string) => (frame: { event: string; channel?: string }) =>
  frame.event === 'pusher_internal:subscription_succeeded' && frame.channel === channel;

/**
 * Proves the relay has not closed the socket: a close frame sent by a sweep would arrive before the
 * answer to a ping sent after that sweep, and a closing socket answers nothing.
 */
async function stillOpen(raw: RawClient): Promise<void> {
  const pongs = raw.count((frame) => frame.event === 'pusher:pong');
  raw.send({ event: 'pusher:ping', data: {} });
  await raw.nth('pong', (frame) => frame.event === 'pusher:pong', pongs + 1);
  expect(raw.socket.readyState).toBe(WebSocket.OPEN);
}

async function established(relay: RunningRelay, query?: string): Promise<RawClient> {
  const raw = await openRaw(relay, TEST_APP.key, query);
  await raw.socketId();
  return raw;
}

describe('sockets that subscribe to nothing', () => {
  it('are closed with 4202 after unsubscribedTimeoutMs; subscribed ones stay', async () => {
    const clock = new ManualClock(Date.parse('2026-12-01T12:00:00Z'));
    const relay = await startTestRelay({ clock, unsubscribedTimeoutMs: 10_000, activityTimeoutSec: 3_600 });
    const idle = await established(relay);
    const listening = await established(relay);
    listening.send({ event: 'pusher:subscribe', data: { channel: 'orders' } });
    await listening.next('subscribed', subscribedTo('orders'));

    clock.advance(9_999);
    await stillOpen(idle);
    clock.advance(1);
    expect(await closeCode(idle)).toBe(4202);
    await pollUntil(async () => relay.stats().connections, (count) => count === 1);

    // Long after, the subscribed socket is still there; once it leaves its last channel, its time starts.
    clock.advance(60_000);
    await stillOpen(listening);
    listening.send({ event: 'pusher:unsubscribe', data: { channel: 'orders' } });
    await pollUntil(async () => relay.stats().channels, (channels) => channels === 0);
    // Counted from the first sweep (at most a second) that sees it holding nothing.
    clock.advance(9_000);
    await stillOpen(listening);
    clock.advance(2_000);
    expect(await closeCode(listening)).toBe(4202);
  });

  it('cannot lock a subscribing client of the same address out for longer than the timeout', async () => {
    const clock = new ManualClock(Date.parse('2026-12-01T12:00:00Z'));
    const relay = await startTestRelay({ clock, maxConnectionsPerIp: 20, unsubscribedTimeoutMs: 10_000, activityTimeoutSec: 3_600 });
    const flood = await Promise.all(Array.from({ length: 20 }, () => established(relay)));
    const refused = await openRaw(relay);
    expect(await closeCode(refused)).toBe(4100);

    clock.advance(10_000);
    await Promise.all(flood.map((raw) => closeCode(raw)));
    await pollUntil(async () => relay.stats().connections, (count) => count === 0);
    const agent = await established(relay);
    agent.send({ event: 'pusher:subscribe', data: { channel: 'orders' } });
    await agent.next('the agent subscribed', subscribedTo('orders'));
  });

  it('refuses a timeout that is not a whole number of milliseconds of at least 1', async () => {
    for (const unsubscribedTimeoutMs of [0, -5, 1.5, Number.NaN]) {
      const start = startRelay({ apps: [TEST_APP], unsubscribedTimeoutMs });
      await expect(start).rejects.toBeInstanceOf(RelayConfigError);
      await expect(start).rejects.toMatchObject({ code: 'RELAY_ERR_UNSUBSCRIBED_TIMEOUT' });
    }
  });
});

describe('the per-address cap behind a trusted reverse proxy', () => {
  function viaProxy(relay: RunningRelay, forwardedFor: string): Promise<{ code?: number; open: boolean }> {
    const socket = new WebSocket(RawClient.url(relay), { headers: { 'x-forwarded-for': forwardedFor } });
    resources.add(socket, (s) => s.terminate());
    return waitFor('the proxied socket to settle', (settle) => {
      socket.on('message', (data: Buffer) => {
        if (String(data).includes('pusher:connection_established')) settle({ open: true });
      });
      socket.once('close', (code) => settle({ code, open: false }));
    });
  }

  it('counts the forwarded client, not the proxy, when the proxy is trusted', async () => {
    const relay = await startTestRelay({ maxConnectionsPerIp: 1, trustedProxies: ['127.0.0.1'] });
    expect(await viaProxy(relay, '203.0.113.7')).toEqual({ open: true });
    // Another client behind the same proxy has its own place…
    expect(await viaProxy(relay, '198.51.100.4')).toEqual({ open: true });
    // …the same one does not; and an address the client wrote before the proxy's is not believed.
    expect(await viaProxy(relay, '203.0.113.7')).toEqual({ code: 4100, open: false });
    expect(await viaProxy(relay, '192.0.2.99, 203.0.113.7')).toEqual({ code: 4100, open: false });
  });

  it('ignores X-Forwarded-For from a peer that is not a trusted proxy', async () => {
    const relay = await startTestRelay({ maxConnectionsPerIp: 1 });
    expect(await viaProxy(relay, '203.0.113.7')).toEqual({ open: true });
    expect(await viaProxy(relay, '198.51.100.4')).toEqual({ code: 4100, open: false });
  });

  it('refuses host names and ranges as trusted proxies', async () => {
    for (const trustedProxies of [['proxy.local'], ['10.0.0.0/8']]) {
      await expect(startRelay({ apps: [TEST_APP], trustedProxies })).rejects.toMatchObject({ code: 'RELAY_ERR_TRUSTED_PROXY' });
    }
  });
});
