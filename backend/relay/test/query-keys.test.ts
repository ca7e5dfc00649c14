/**
 * The HTTP API signs the query as a map of lower-cased keys, while endpoints read parameters by
 * name: a key given twice, or in two spellings, could be signed with one value and read with the
 * other. Requests are signed here by the real `pusher` SDK; the duplicates are injected afterwards.
 */
import { describe, expect, it } from 'vitest';
import type { RunningRelay } from '../index.js';
import { serverSdk, TEST_APP, relayTestKit } from './helpers.js';

const { startTestRelay, openRaw } = relayTestKit();

const CHANNELS_PATH = `/apps/${TEST_APP.id}/channels`;
const EVENTS_PATH = `/apps/${TEST_APP.id}/events`;

async function subscribe(relay: RunningRelay, channel: string): Promise<void> {
  const raw = await openRaw(relay);
  const socketId = await raw.socketId();
  const auth = channel.startsWith('presence-')
    ? serverSdk(relay).authorizeChannel(socketId, channel, { user_id: `user-${socketId}` })
    : serverSdk(relay).authorizeChannel(socketId, channel);
  raw.send({ event: 'pusher:subscribe', data: { channel, ...auth } });
  await raw.next(`subscribed ${channel}`, (f) => f.event === 'pusher_internal:subscription_succeeded' && f.channel === channel);
}

/** A relay with one private and one presence channel occupied. */
async function relayWithChannels(): Promise<RunningRelay> {
  const relay = await startTestRelay();
  await subscribe(relay, 'private-kitchen-secrets');
  await subscribe(relay, 'presence-pass');
  return relay;
}

/** The SDK's own signed query for listing the presence- channels only. */
function signedPresenceListing(relay: RunningRelay): string {
  return serverSdk(relay).createSignedQueryString({ method: 'GET', path: CHANNELS_PATH, params: { filter_by_prefix: 'presence-' } });
}

async function expectRepeatedKeyRefusal(response: Response, key: string): Promise<void> {
  const text = await response.text();
  expect(response.status).toBe(400);
  const body = JSON.parse(text) as { code: string; message: string };
  expect(body.code).toBe('RELAY_ERR_QUERY_KEY_REPEATED');
  expect(body.message).toContain(JSON.stringify(key));
  expect(text).not.toContain('private-kitchen-secrets');
}

describe('HTTP API: repeated query keys', () => {
  it('serves the SDK-signed listing as signed (only the presence- channels)', async () => {
    const relay = await relayWithChannels();
    const response = await fetch(`${relay.url}${CHANNELS_PATH}?${signedPresenceListing(relay)}`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ channels: { 'presence-pass': {} } });
  });

  it('refuses a repeated filter_by_prefix put in front of a validly signed query, before checking the signature', async () => {
    const relay = await relayWithChannels();
    const response = await fetch(`${relay.url}${CHANNELS_PATH}?filter_by_prefix=private-&${signedPresenceListing(relay)}`);
    await expectRepeatedKeyRefusal(response, 'filter_by_prefix');
  });

  it('refuses keys that differ only in case as repeats (FILTER_BY_PREFIX beside filter_by_prefix)', async () => {
    const relay = await relayWithChannels();
    const response = await fetch(`${relay.url}${CHANNELS_PATH}?FILTER_BY_PREFIX=private-&${signedPresenceListing(relay)}`);
    await expectRepeatedKeyRefusal(response, 'filter_by_prefix');
  });

  it('refuses a second auth_key in another case, and a second auth_signature', async () => {
    const relay = await relayWithChannels();
    const signed = signedPresenceListing(relay);
    await expectRepeatedKeyRefusal(await fetch(`${relay.url}${CHANNELS_PATH}?AUTH_KEY=other-key&${signed}`), 'auth_key');
    await expectRepeatedKeyRefusal(await fetch(`${relay.url}${CHANNELS_PATH}?auth_signature=0&${signed}`), 'auth_signature');
  });

  it('reads a key in another case as the key that was signed, so re-casing a signed key changes nothing', async () => {
    const relay = await relayWithChannels();
    // The signature covers "filter_by_prefix=presence-" whatever the key's case in the URL.
    const recased = signedPresenceListing(relay).replace('filter_by_prefix=', 'FILTER_BY_PREFIX=');
    const response = await fetch(`${relay.url}${CHANNELS_PATH}?${recased}`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ channels: { 'presence-pass': {} } });
  });

  it('refuses a repeated key on a POST too, and delivers nothing', async () => {
    const relay = await startTestRelay();
    const listener = await openRaw(relay);
    await listener.socketId();
    listener.send({ event: 'pusher:subscribe', data: { channel: 'orders' } });
    await listener.next('subscribed', (f) => f.event === 'pusher_internal:subscription_succeeded');
    const sdk = serverSdk(relay);
    const body = JSON.stringify({ name: 'order.submitted', channels: ['orders'], data: '{}' });
    const signed = sdk.createSignedQueryString({ method: 'POST', path: EVENTS_PATH, body });
    const post = (query: string) => fetch(`${relay.url}${EVENTS_PATH}?${query}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });

    await expectRepeatedKeyRefusal(await post(`${signed}&Body_MD5=0`), 'body_md5');
    // Frames reach the socket in order: once the barrier is in, a delivery of the refused event would be too.
    await sdk.trigger('orders', 'barrier', {});
    await listener.next('barrier', (f) => f.event === 'barrier');
    expect(listener.count((f) => f.event === 'order.submitted')).toBe(0);
  });
});
