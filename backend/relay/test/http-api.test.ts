import { createHash, createHmac } from 'node:crypto';
import PusherServer from 'pusher';
import { describe, expect, it } from 'vitest';
import type { RunningRelay } from '../index.js';
import { type RawClient, serverSdk, TEST_APP, relayTestKit } from './helpers.js';

const { startTestRelay, openRaw } = relayTestKit();

interface SignedRequestOptions {
  method?: 'GET' | 'POST';
  path: string;
  body?: unknown;
  params?: Record<string, string>;
  key?: string;
  secret?: string;
  /** Seconds added to the current time for auth_timestamp (to send a stale or future one). */
  timestampOffsetSec?: number;
  /** Replaces the computed body_md5 (to send a wrong one). */
  bodyMd5?: string;
  /** Changes the query after signing. */
  tamper?: (query: URLSearchParams) => void;
}

/** Signs like the Pusher HTTP API spec says — written here independently of the relay's code. */
async function signedRequest(relay: RunningRelay, options: SignedRequestOptions): Promise<Response> {
  const method = options.method ?? 'POST';
  const body = options.body === undefined ? undefined : JSON.stringify(options.body);
  const params: Record<string, string> = {
    auth_key: options.key ?? TEST_APP.key,
    auth_timestamp: String(Math.floor(Date.now() / 1000) + (options.timestampOffsetSec ?? 0)),
    auth_version: '1.0',
    ...options.params,
  };
  if (body !== undefined) params.body_md5 = options.bodyMd5 ?? createHash('md5').update(body).digest('hex');
  const sorted = Object.keys(params).sort().map((key) => `${key}=${params[key]}`).join('&');
  const signature = createHmac('sha256', options.secret ?? TEST_APP.secret)
    .update(`${method}\n${options.path}\n${sorted}`)
    .digest('hex');
  const query = new URLSearchParams({ ...params, auth_signature: signature });
  options.tamper?.(query);
  return fetch(`${relay.url}${options.path}?${query.toString()}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body }),
  });
}

async function expectError(response: Response, status: number, code: string): Promise<void> {
  expect(response.status).toBe(status);
  const body = (await response.json()) as { code: string; message: string };
  expect(body.code).toBe(code);
  expect(body.message).toEqual(expect.any(String));
}

const EVENTS_PATH = `/apps/${TEST_APP.id}/events`;
const event = (overrides: Record<string, unknown> = {}) => ({ name: 'order.submitted', data: '{}', channel: 'orders', ...overrides });

async function subscriber(relay: RunningRelay, channel: string): Promise<{ raw: RawClient; socketId: string }> {
  const raw = await openRaw(relay);
  const socketId = await raw.socketId();
  const auth = channel.startsWith('presence-')
    ? serverSdk(relay).authorizeChannel(socketId, channel, { user_id: `user-${socketId}` })
    : channel.startsWith('private-')
      ? serverSdk(relay).authorizeChannel(socketId, channel)
      : {};
  raw.send({ event: 'pusher:subscribe', data: { channel, ...auth } });
  await raw.next(`subscribed ${channel}`, (f) => f.event === 'pusher_internal:subscription_succeeded' && f.channel === channel);
  return { raw, socketId };
}

describe('HTTP API: events', () => {
  it('answers a trigger with exactly {} and delivers the data string unchanged', async () => {
    const relay = await startTestRelay();
    const { raw } = await subscriber(relay, 'orders');
    const response = await serverSdk(relay).trigger('orders', 'order.submitted', { id: 'o-1', seq: 1 });
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('{}');
    const frame = await raw.next('event', (f) => f.event === 'order.submitted');
    expect(frame).toEqual({ event: 'order.submitted', channel: 'orders', data: '{"id":"o-1","seq":1}' });
  });

  it('delivers to several channels in one trigger', async () => {
    const relay = await startTestRelay();
    const a = await subscriber(relay, 'a');
    const b = await subscriber(relay, 'private-b');
    await serverSdk(relay).trigger(['a', 'private-b'], 'multi', {});
    await a.raw.next('at a', (f) => f.event === 'multi' && f.channel === 'a');
    await b.raw.next('at b', (f) => f.event === 'multi' && f.channel === 'private-b');
  });

  it('returns channel attributes when info is asked', async () => {
    const relay = await startTestRelay();
    await subscriber(relay, 'presence-room');
    await subscriber(relay, 'presence-room');
    await subscriber(relay, 'orders');
    const response = await serverSdk(relay).trigger(['presence-room', 'orders', 'empty'], 'e', {}, { info: 'user_count,subscription_count' });
    expect(await response.json()).toEqual({
      channels: {
        'presence-room': { user_count: 2, subscription_count: 2 },
        orders: { subscription_count: 1 },
        empty: { subscription_count: 0 },
      },
    });
  });

  it('excludes the socket named by socket_id', async () => {
    const relay = await startTestRelay();
    const sender = await subscriber(relay, 'orders');
    const other = await subscriber(relay, 'orders');
    const sdk = serverSdk(relay);
    await sdk.trigger('orders', 'skipped', {}, { socket_id: sender.socketId });
    await sdk.trigger('orders', 'barrier', {});
    await other.raw.next('skipped at other', (f) => f.event === 'skipped');
    await sender.raw.next('barrier', (f) => f.event === 'barrier');
    expect(sender.raw.count((f) => f.event === 'skipped')).toBe(0);
  });

  it('triggers a batch and answers {} or, with info, {batch: [...]}', async () => {
    const relay = await startTestRelay();
    const { raw } = await subscriber(relay, 'orders');
    const sdk = serverSdk(relay);
    const plain = await sdk.triggerBatch([
      { channel: 'orders', name: 'first', data: { n: 1 } },
      { channel: 'orders', name: 'second', data: { n: 2 } },
    ]);
    expect(await plain.text()).toBe('{}');
    await raw.next('second', (f) => f.event === 'second');
    expect(raw.frames.filter((f) => f.channel === 'orders' && f.event !== 'pusher_internal:subscription_succeeded').map((f) => f.event)).toEqual(['first', 'second']);

    const withInfo = await sdk.triggerBatch([
      { channel: 'orders', name: 'third', data: {}, info: 'subscription_count' },
      { channel: 'nobody', name: 'fourth', data: {}, info: 'subscription_count' },
    ]);
    expect(await withInfo.json()).toEqual({ batch: [{ subscription_count: 1 }, { subscription_count: 0 }] });
  });

  it('rejects a batch of more than 10 events with 400', async () => {
    const relay = await startTestRelay();
    const batch = Array.from({ length: 11 }, (_, n) => ({ channel: 'orders', name: `e${n}`, data: {} }));
    const error = await serverSdk(relay).triggerBatch(batch).catch((e: unknown) => e as PusherServer.RequestError);
    expect(error).toMatchObject({ status: 400 });
    expect(JSON.parse(String((error as PusherServer.RequestError).body))).toMatchObject({ code: 'RELAY_ERR_BATCH_TOO_LARGE' });
  });

  it('rejects data over 10 KB with 413, surfaced by the SDK as a RequestError with the body', async () => {
    const relay = await startTestRelay();
    const error = await serverSdk(relay)
      .trigger('orders', 'big', 'x'.repeat(10 * 1024 + 1))
      .catch((e: unknown) => e as PusherServer.RequestError);
    expect(error).toMatchObject({ name: 'PusherRequestError', status: 413 });
    expect(JSON.parse(String((error as PusherServer.RequestError).body))).toMatchObject({ code: 'RELAY_ERR_EVENT_DATA_TOO_LARGE' });
  });

  it('rejects a request body over the HTTP body cap with 413 before reading it all', async () => {
    const relay = await startTestRelay();
    const batch = Array.from({ length: 10 }, (_, n) => ({ channel: 'orders', name: `e${n}`, data: 'y'.repeat(30 * 1024) }));
    const response = await signedRequest(relay, { path: `/apps/${TEST_APP.id}/batch_events`, body: { batch } });
    await expectError(response, 413, 'RELAY_ERR_BODY_TOO_LARGE');
  });

  it('accepts data of exactly 10 KB', async () => {
    const relay = await startTestRelay();
    const response = await serverSdk(relay).trigger('orders', 'big', 'x'.repeat(10 * 1024));
    expect(response.status).toBe(200);
  });

  it.each([
    ['a channel name with a space', event({ channel: 'bad channel' }), 'RELAY_ERR_INVALID_CHANNEL_NAME'],
    ['a channel name of 165 characters', event({ channel: 'c'.repeat(165) }), 'RELAY_ERR_INVALID_CHANNEL_NAME'],
    ['an event name of 201 characters', event({ name: 'e'.repeat(201) }), 'RELAY_ERR_INVALID_EVENT_NAME'],
    ['more than 100 channels', event({ channel: undefined, channels: Array.from({ length: 101 }, (_, n) => `c${n}`) }), 'RELAY_ERR_TOO_MANY_CHANNELS'],
    ['no channel at all', event({ channel: undefined }), 'RELAY_ERR_NO_CHANNELS'],
    ['data that is not a string', event({ data: { not: 'a string' } }), 'RELAY_ERR_INVALID_BODY'],
    ['a malformed socket_id', event({ socket_id: 'abc' }), 'RELAY_ERR_INVALID_SOCKET_ID'],
    ['an unknown info attribute', event({ info: 'colour' }), 'RELAY_ERR_INVALID_INFO'],
  ])('rejects %s with 400', async (_label, body, code) => {
    const relay = await startTestRelay();
    await expectError(await signedRequest(relay, { path: EVENTS_PATH, body }), 400, code);
  });

  it('accepts a channel name of exactly 164 characters', async () => {
    const relay = await startTestRelay();
    const response = await signedRequest(relay, { path: EVENTS_PATH, body: event({ channel: 'c'.repeat(164) }) });
    expect(response.status).toBe(200);
  });
});

describe('HTTP API: signing', () => {
  it('accepts a correctly signed raw request (the independent signer agrees with the relay)', async () => {
    const relay = await startTestRelay();
    const response = await signedRequest(relay, { path: EVENTS_PATH, body: event() });
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('{}');
  });

  it.each([
    ['the wrong secret', { secret: 'wrong-secret-wrong-secret' }, 'RELAY_ERR_SIGNATURE_MISMATCH'],
    ['another app key', { key: 'other-key' }, 'RELAY_ERR_AUTH_KEY_MISMATCH'],
    ['a timestamp 601 s old', { timestampOffsetSec: -601 }, 'RELAY_ERR_AUTH_TIMESTAMP_EXPIRED'],
    ['a timestamp 601 s ahead', { timestampOffsetSec: 601 }, 'RELAY_ERR_AUTH_TIMESTAMP_EXPIRED'],
    ['a wrong body_md5', { bodyMd5: 'd41d8cd98f00b204e9800998ecf8427e' }, 'RELAY_ERR_BODY_MD5_MISMATCH'],
    ['a query changed after signing', { tamper: (q: URLSearchParams) => q.set('info', 'subscription_count') }, 'RELAY_ERR_SIGNATURE_MISMATCH'],
    ['no auth_signature', { tamper: (q: URLSearchParams) => q.delete('auth_signature') }, 'RELAY_ERR_AUTH_PARAMS_MISSING'],
    ['auth_version 2.0', { tamper: (q: URLSearchParams) => q.set('auth_version', '2.0') }, 'RELAY_ERR_AUTH_VERSION_UNSUPPORTED'],
  ])('rejects a request with %s with 401', async (_label, overrides, code) => {
    const relay = await startTestRelay();
    await expectError(await signedRequest(relay, { path: EVENTS_PATH, body: event(), ...overrides }), 401, code);
  });

  it('accepts a timestamp 590 s off in either direction', async () => {
    const relay = await startTestRelay();
    for (const timestampOffsetSec of [-590, 590]) {
      const response = await signedRequest(relay, { path: EVENTS_PATH, body: event(), timestampOffsetSec });
      expect(response.status).toBe(200);
    }
  });

  it('rejects a body whose md5 was computed for another body', async () => {
    const relay = await startTestRelay();
    const otherMd5 = createHash('md5').update(JSON.stringify(event({ name: 'other' }))).digest('hex');
    await expectError(await signedRequest(relay, { path: EVENTS_PATH, body: event(), bodyMd5: otherMd5 }), 401, 'RELAY_ERR_BODY_MD5_MISMATCH');
  });

  it('surfaces a bad signature to the pusher SDK as a 401 RequestError', async () => {
    const relay = await startTestRelay();
    const wrong = new PusherServer({ appId: TEST_APP.id, key: TEST_APP.key, secret: 'wrong-secret-wrong-secret', host: relay.host, port: String(relay.port), useTLS: false });
    const error = await wrong.trigger('orders', 'e', {}).catch((e: unknown) => e as PusherServer.RequestError);
    expect(error).toMatchObject({ status: 401 });
  });

  it('answers 404 for an unknown app id', async () => {
    const relay = await startTestRelay();
    const stranger = new PusherServer({ appId: 'no-such-app', key: TEST_APP.key, secret: TEST_APP.secret, host: relay.host, port: String(relay.port), useTLS: false });
    const error = await stranger.trigger('orders', 'e', {}).catch((e: unknown) => e as PusherServer.RequestError);
    expect(error).toMatchObject({ status: 404 });
    expect(JSON.parse(String((error as PusherServer.RequestError).body))).toMatchObject({ code: 'RELAY_ERR_APP_NOT_FOUND' });
  });

  it('answers 404 for an unknown endpoint and 405 for a wrong method', async () => {
    const relay = await startTestRelay();
    await expectError(await signedRequest(relay, { path: `/apps/${TEST_APP.id}/nothing`, method: 'GET' }), 404, 'RELAY_ERR_ROUTE_NOT_FOUND');
    await expectError(await signedRequest(relay, { path: EVENTS_PATH, method: 'GET' }), 405, 'RELAY_ERR_METHOD_NOT_ALLOWED');
  });
});

describe('HTTP API: channels and users', () => {
  it('lists occupied channels, filtered by prefix, with user_count for presence', async () => {
    const relay = await startTestRelay();
    await subscriber(relay, 'orders');
    await subscriber(relay, 'presence-line');
    await subscriber(relay, 'presence-line');
    const sdk = serverSdk(relay);
    expect(await (await sdk.get({ path: '/channels' })).json()).toEqual({ channels: { orders: {}, 'presence-line': {} } });
    const presence = await sdk.get({ path: '/channels', params: { filter_by_prefix: 'presence-', info: 'user_count' } });
    expect(await presence.json()).toEqual({ channels: { 'presence-line': { user_count: 2 } } });
  });

  it('refuses user_count without a presence- prefix filter', async () => {
    const relay = await startTestRelay();
    const response = await signedRequest(relay, { method: 'GET', path: `/apps/${TEST_APP.id}/channels`, params: { info: 'user_count' } });
    await expectError(response, 400, 'RELAY_ERR_INVALID_INFO');
  });

  it('describes one channel: occupied, subscription_count, user_count', async () => {
    const relay = await startTestRelay();
    await subscriber(relay, 'private-orders');
    const sdk = serverSdk(relay);
    const info = await sdk.get({ path: '/channels/private-orders', params: { info: 'subscription_count' } });
    expect(await info.json()).toEqual({ occupied: true, subscription_count: 1 });
    expect(await (await sdk.get({ path: '/channels/vacant' })).json()).toEqual({ occupied: false });
    const notPresence = await signedRequest(relay, { method: 'GET', path: `/apps/${TEST_APP.id}/channels/orders`, params: { info: 'user_count' } });
    await expectError(notPresence, 400, 'RELAY_ERR_INVALID_INFO');
  });

  it('lists presence users and refuses the users endpoint for other channels', async () => {
    const relay = await startTestRelay();
    const { socketId } = await subscriber(relay, 'presence-line');
    const sdk = serverSdk(relay);
    expect(await (await sdk.get({ path: '/channels/presence-line/users' })).json()).toEqual({ users: [{ id: `user-${socketId}` }] });
    const response = await signedRequest(relay, { method: 'GET', path: `/apps/${TEST_APP.id}/channels/orders/users` });
    await expectError(response, 400, 'RELAY_ERR_NOT_PRESENCE_CHANNEL');
  });
});
