import { randomBytes } from 'node:crypto';
import { connect, type Socket } from 'node:net';
import { describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { ManualClock } from '../../../test/integration/manual-clock.js';
import { CLOSE_CODES } from '../index.js';
import type { RunningRelay } from '../index.js';
import {
  closeCode,
  connected,
  nextEvent,
  pollUntil,
  RawClient,
  serverSdk,
  subscribed,
  TEST_APP,
  waitFor,
  relayTestKit,
} from './helpers.js';

const { resources, startTestRelay, pusherClient, openRaw } = relayTestKit();

/**
 * A subscriber that performs the WebSocket handshake by hand, subscribes, then never reads
 * again — the kitchen tablet whose app froze. Client frames must be masked; a zero mask keeps
 * the payload as is.
 */
async function stalledSubscriber(relay: RunningRelay, channel: string): Promise<Socket> {
  const socket = resources.add(connect(relay.port, relay.host), (s) => s.destroy());
  const key = randomBytes(16).toString('base64');
  socket.write(
    `GET /app/${TEST_APP.key}?protocol=7 HTTP/1.1\r\nHost: ${relay.host}\r\nUpgrade: websocket\r\n` +
      `Connection: Upgrade\r\nSec-WebSocket-Key: ${key}\r\nSec-WebSocket-Version: 13\r\n\r\n`,
  );
  await waitFor('handshake answered', (resolve) => socket.once('data', () => resolve(undefined)));
  const payload = Buffer.from(JSON.stringify({ event: 'pusher:subscribe', data: { channel } }));
  const header = Buffer.from([0x81, 0x80 | 126, payload.length >> 8, payload.length & 0xff, 0, 0, 0, 0]);
  socket.write(Buffer.concat([header, payload]));
  expect(await pollUntil(async () => relay.stats().channels, (channels) => channels === 1)).toBe(1);
  socket.pause();
  return socket;
}

describe('connection handshake', () => {
  it('pusher-js connects and gets a socket id of the form digits.digits', async () => {
    const relay = await startTestRelay();
    const client = pusherClient(relay);
    const socketId = await connected(client);
    expect(socketId).toMatch(/^\d+\.\d+$/);
    expect(relay.stats().connections).toBe(1);
  });

  it('sends connection_established with a JSON-string data carrying socket_id and activity_timeout', async () => {
    const relay = await startTestRelay({ activityTimeoutSec: 42 });
    const raw = await openRaw(relay);
    const frame = await raw.next('established', (f) => f.event === 'pusher:connection_established');
    expect(typeof frame.data).toBe('string');
    const data = JSON.parse(String(frame.data)) as { socket_id: string; activity_timeout: number };
    expect(data.socket_id).toMatch(/^\d+\.\d+$/);
    expect(data.activity_timeout).toBe(42);
  });

  it('closes an unknown app key with 4001 and a reason', async () => {
    const relay = await startTestRelay();
    const raw = await openRaw(relay, 'no-such-key');
    const closed = await raw.closed;
    expect(closed).toEqual({ code: CLOSE_CODES.APP_NOT_FOUND, reason: 'Unknown app key' });
  });

  it('makes pusher-js give up (not retry) on an unknown app key', async () => {
    const relay = await startTestRelay();
    const client = pusherClient(relay, { app: { ...TEST_APP, key: 'no-such-key' } });
    const errors: unknown[] = [];
    client.connection.bind('error', (error: unknown) => errors.push(error));
    // 'disconnected' without anyone calling disconnect() is pusher-js's "refused": no retry follows.
    await waitFor('pusher-js disconnected', (resolve) => {
      client.connection.bind('state_change', ({ current }: { current: string }) => {
        if (current === 'disconnected') resolve(undefined);
      });
    });
    expect(JSON.stringify(errors)).toContain(`"code":${CLOSE_CODES.APP_NOT_FOUND}`);
  });

  it.each([
    ['', CLOSE_CODES.NO_PROTOCOL_VERSION],
    ['protocol=seven', CLOSE_CODES.INVALID_PROTOCOL_VERSION],
    ['protocol=4', CLOSE_CODES.UNSUPPORTED_PROTOCOL_VERSION],
  ])('rejects query %j with close code %i', async (query, code) => {
    const relay = await startTestRelay();
    const raw = await openRaw(relay, TEST_APP.key, query);
    expect(await closeCode(raw)).toBe(code);
  });

  it('answers pusher:ping with pusher:pong', async () => {
    const relay = await startTestRelay();
    const raw = await openRaw(relay);
    await raw.socketId();
    raw.send({ event: 'pusher:ping', data: {} });
    await raw.next('pong', (f) => f.event === 'pusher:pong');
  });

  it('pings an idle socket and closes it with 4201 when no pong follows, on its own clock', async () => {
    // The relay's clock, moved by hand: idle time and the pong wait pass exactly when the test says.
    const clock = new ManualClock();
    const relay = await startTestRelay({ activityTimeoutSec: 1, clock });
    const raw = await openRaw(relay);
    await raw.socketId();
    clock.advance(999);
    clock.advance(1);
    await raw.next('server ping', (f) => f.event === 'pusher:ping');
    // Not before the pong wait is over (the sweep decides at once, as the clock moves).
    clock.advance(999);
    expect(relay.stats().connections).toBe(1);
    clock.advance(1);
    expect(await closeCode(raw)).toBe(CLOSE_CODES.PONG_NOT_RECEIVED);
  });

  it('takes a socket that stops answering out of its channels at once, without waiting for its close frame', async () => {
    const relay = await startTestRelay({ activityTimeoutSec: 1 });
    const watcher = pusherClient(relay, { presence: { user_id: 'expo' } });
    const line = await subscribed(watcher, 'presence-line');
    const cook = await openRaw(relay);
    const socketId = await cook.socketId();
    const sdk = serverSdk(relay);
    const cookJoined = nextEvent(line, 'pusher:member_added');
    cook.send({ event: 'pusher:subscribe', data: { channel: 'presence-line', ...sdk.authorizeChannel(socketId, 'presence-line', { user_id: 'cook' }) } });
    cook.send({ event: 'pusher:subscribe', data: { channel: 'cook-only' } });
    await cook.next('subscribed to cook-only', (f) => f.event === 'pusher_internal:subscription_succeeded' && f.channel === 'cook-only');
    await cookJoined;

    // The cook's tablet freezes: it reads nothing more, so neither the ping nor the 4201 close
    // frame is ever answered. ws.close() alone would wait 30 s for that answer.
    cook.socket.pause();
    // Idle 1 s, ping, 1 s pong wait, one sweep of slack: member_removed is due after about 2.5 s;
    // nextEvent fails after 6 s, far below the 30 s a close handshake alone would take.
    const removed = await nextEvent<{ id: string }>(line, 'pusher:member_removed', 6_000);
    expect(removed.id).toBe('cook');
    const cookOnly = await sdk.get({ path: '/channels/cook-only' });
    expect(await cookOnly.json()).toEqual({ occupied: false });
    // After the short grace the relay cuts the socket itself.
    expect(await pollUntil(async () => relay.stats().connections, (count) => count === 1)).toBe(1);
  });

  it('keeps a socket that answers the server ping', async () => {
    const clock = new ManualClock();
    const relay = await startTestRelay({ activityTimeoutSec: 1, clock });
    const raw = await openRaw(relay);
    await raw.socketId();
    clock.advance(1_000);
    await raw.next('first ping', (f) => f.event === 'pusher:ping');
    raw.send({ event: 'pusher:pong', data: {} });
    // Frames of one socket are handled in order: once its own ping is answered, the pong was seen.
    raw.send({ event: 'pusher:ping', data: {} });
    await raw.next('its own ping answered', (f) => f.event === 'pusher:pong');
    // Past the first pong wait, and idle again since its pong: a second ping proves it outlived the first.
    clock.advance(1_500);
    await raw.nth('second ping', (f) => f.event === 'pusher:ping', 2);
    expect(raw.socket.readyState).toBe(WebSocket.OPEN);
  });

  it('drops a subscriber that stops reading once too much is queued for it, sparing the others', async () => {
    const relay = await startTestRelay();
    const sdk = serverSdk(relay);
    const reader = await openRaw(relay);
    await reader.socketId();
    reader.send({ event: 'pusher:subscribe', data: { channel: 'orders' } });
    await reader.next('subscribed', (f) => f.event === 'pusher_internal:subscription_succeeded');
    await stalledSubscriber(relay, 'orders');
    expect(relay.stats().connections).toBe(2);

    const payload = 'x'.repeat(10 * 1024);
    const readConnections = async () => relay.stats().connections;
    // Up to ~20 MB in 10 KB events: well past the 4 MB cap plus what loopback TCP buffers hold.
    for (let request = 0; request < 200 && (await readConnections()) === 2; request += 1) {
      await sdk.triggerBatch(Array.from({ length: 10 }, () => ({ channel: 'orders', name: 'bulk', data: payload })));
    }
    expect(await pollUntil(readConnections, (count) => count === 1, 250)).toBe(1);
    reader.send({ event: 'pusher:ping', data: {} });
    await reader.next('reader still served', (f) => f.event === 'pusher:pong', 15_000);
  });

  it('accepts 1,000 sockets connecting at once, each with its own connection_established', async () => {
    // All from 127.0.0.1: the per-address cap (default 200) is raised for this test.
    const relay = await startTestRelay({ maxConnectionsPerIp: 1000 });
    const sockets = Array.from({ length: 1000 }, () => {
      const socket = new WebSocket(RawClient.url(relay));
      return resources.add(socket, (ws) => ws.terminate());
    });
    const socketIds = await Promise.all(
      sockets.map((socket, index) =>
        waitFor<string>(`socket ${index} established`, (resolve) => {
          socket.once('message', (data: Buffer) => {
            const frame = JSON.parse(data.toString('utf8')) as { event: string; data: string };
            if (frame.event === 'pusher:connection_established') {
              resolve((JSON.parse(frame.data) as { socket_id: string }).socket_id);
            }
          });
        }, 20_000),
      ),
    );
    expect(new Set(socketIds).size).toBe(1000);
    expect(relay.stats().connections).toBe(1000);
  });
});
