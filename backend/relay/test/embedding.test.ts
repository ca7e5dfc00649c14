import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { createRelay, RelayConfigError } from '../index.js';
import type { RelayHandlers, RunningRelay } from '../index.js';
import { serverSdk, subscribed, nextEvent, TEST_APP, waitFor, relayTestKit } from './helpers.js';

const { resources, pusherClient } = relayTestKit();

/** A host application server that mounts the relay next to its own routes. */
async function hostServer(relay: RelayHandlers): Promise<{ server: Server; running: RunningRelay }> {
  const server = createServer((req, res) => {
    if (relay.handleRequest(req, res)) return;
    res.writeHead(200, { 'content-type': 'text/plain' }).end('host app');
  });
  server.on('upgrade', (req, socket, head: Buffer) => {
    if (!relay.handleUpgrade(req, socket, head)) socket.destroy();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  resources.add(server, (s) => {
    s.closeAllConnections();
    return new Promise<void>((resolve) => s.close(() => resolve()));
  });
  resources.add(relay, (r) => r.close());
  const { port } = server.address() as AddressInfo;
  // The helpers only need host, port and url from a RunningRelay.
  const running: RunningRelay = {
    host: '127.0.0.1',
    port,
    url: `http://127.0.0.1:${port}`,
    stats: () => relay.stats(),
    triggerBatch: (appId, batch) => relay.triggerBatch(appId, batch),
    close: () => relay.close(),
  };
  return { server, running };
}

describe('createRelay mounted on another http.Server', () => {
  it('serves pusher-js and the SDK on the host port and leaves other paths to the host', async () => {
    const relay = createRelay({ apps: [TEST_APP] });
    const { running } = await hostServer(relay);

    const client = pusherClient(running);
    const channel = await subscribed(client, 'private-orders');
    const received = nextEvent(channel, 'order.submitted');
    await serverSdk(running).trigger('private-orders', 'order.submitted', { seq: 1 });
    expect(await received).toEqual({ seq: 1 });

    const hostPage = await fetch(`${running.url}/api/health`);
    expect(await hostPage.text()).toBe('host app');
    expect(running.stats()).toEqual({ connections: 1, channels: 1, apiRequests: 1 });
  });

  it('does not take upgrades outside /app/{key}', async () => {
    const relay = createRelay({ apps: [TEST_APP] });
    const { running } = await hostServer(relay);
    const socket = resources.add(new WebSocket(`ws://127.0.0.1:${running.port}/not-the-relay`), (ws) => ws.terminate());
    const outcome = await waitFor<string>('upgrade outcome', (resolve) => {
      socket.once('open', () => resolve('open'));
      socket.once('error', () => resolve('refused'));
    });
    expect(outcome).toBe('refused');
  });

  it('refuses new relay upgrades after close() while the host keeps serving', async () => {
    const relay = createRelay({ apps: [TEST_APP] });
    const { running } = await hostServer(relay);
    await relay.close();
    const socket = resources.add(new WebSocket(`ws://127.0.0.1:${running.port}/app/${TEST_APP.key}?protocol=7`), (ws) => ws.terminate());
    const outcome = await waitFor<string>('upgrade outcome', (resolve) => {
      socket.once('open', () => resolve('open'));
      socket.once('error', () => resolve('refused'));
    });
    expect(outcome).toBe('refused');
    expect(await (await fetch(`${running.url}/`)).text()).toBe('host app');
  });

  it('rejects invalid options up front', () => {
    expect(() => createRelay({ apps: [] })).toThrow(expect.objectContaining({ code: 'RELAY_ERR_NO_APPS' }));
    expect(() => createRelay({ apps: [TEST_APP, { ...TEST_APP, key: 'other' }] })).toThrow(/duplicate app id/);
    expect(() => createRelay({ apps: [TEST_APP, { ...TEST_APP, id: 'other' }] })).toThrow(/duplicate app key/);
    expect(() => createRelay({ apps: [TEST_APP], activityTimeoutSec: 0 })).toThrow(RelayConfigError);
  });

  it.each([2.5, 0, -1, Number.NaN, Number.POSITIVE_INFINITY, 1_001])(
    'rejects maxClientEventsPerSecond %s up front with RELAY_ERR_CLIENT_EVENT_RATE, naming the app',
    (rate) => {
      const create = () => createRelay({ apps: [{ ...TEST_APP, maxClientEventsPerSecond: rate }] });
      expect(create).toThrow(RelayConfigError);
      expect(create).toThrow(expect.objectContaining({ code: 'RELAY_ERR_CLIENT_EVENT_RATE' }));
      expect(create).toThrow(new RegExp(`app ${TEST_APP.id}: ${String(rate)}`));
    },
  );

  it('accepts the edges of maxClientEventsPerSecond', async () => {
    for (const rate of [1, 1_000]) {
      const relay = createRelay({ apps: [{ ...TEST_APP, maxClientEventsPerSecond: rate }] });
      await relay.close();
    }
  });

  it.each([0, 1.5, -3])('rejects webhook maxQueuedBatches %s up front with RELAY_ERR_WEBHOOK_QUEUE_LIMIT', (limit) => {
    const app = { ...TEST_APP, webhooks: [{ url: 'http://127.0.0.1:9/hooks', maxQueuedBatches: limit }] };
    expect(() => createRelay({ apps: [app] })).toThrow(expect.objectContaining({ code: 'RELAY_ERR_WEBHOOK_QUEUE_LIMIT' }));
  });
});
