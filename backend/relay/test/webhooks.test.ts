import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import type { RelayApp, RelayLogFields, RelayLogger, RunningRelay, WebhookEventName } from '../index.js';
import { type RawClient, serverSdk, TEST_APP, waitFor, relayTestKit } from './helpers.js';

const { resources, startTestRelay, openRaw } = relayTestKit();

interface ReceivedWebhook {
  headers: IncomingHttpHeaders;
  rawBody: string;
  events: { name: string; channel: string; [field: string]: unknown }[];
}

/**
 * A local webhook endpoint; `statuses` are answered in order, then 200. When hanging it answers
 * nothing until release() (if ever).
 */
class WebhookReceiver {
  readonly received: ReceivedWebhook[] = [];
  private readonly waiters = new Set<() => void>();
  private readonly server: Server;
  private readonly held: ServerResponse[] = [];
  private url = '';

  private constructor(statuses: number[], private hang: boolean) {
    const pending = [...statuses];
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const rawBody = Buffer.concat(chunks).toString('utf8');
        const parsed = JSON.parse(rawBody) as { events: ReceivedWebhook['events'] };
        this.record({ headers: req.headers, rawBody, events: parsed.events });
        if (this.hang) {
          this.held.push(res);
          return;
        }
        res.writeHead(pending.shift() ?? 200).end();
      });
    });
  }

  /** Stops hanging: answers the held requests with 200, and every later one at once. */
  release(): void {
    this.hang = false;
    for (const res of this.held.splice(0)) res.writeHead(200).end();
  }

  static async start(statuses: number[] = [], hang = false): Promise<WebhookReceiver> {
    const receiver = resources.add(new WebhookReceiver(statuses, hang), (r) => r.close());
    await new Promise<void>((resolve) => receiver.server.listen(0, '127.0.0.1', resolve));
    const { port } = receiver.server.address() as AddressInfo;
    receiver.url = `http://127.0.0.1:${port}/pusher/webhooks`;
    return receiver;
  }

  get webhookUrl(): string {
    return this.url;
  }

  get events(): ReceivedWebhook['events'] {
    return this.received.flatMap((webhook) => webhook.events);
  }

  until(label: string, done: () => boolean): Promise<void> {
    return waitFor(label, (resolve) => {
      const check = (): void => {
        if (done()) {
          this.waiters.delete(check);
          resolve(undefined);
        }
      };
      this.waiters.add(check);
      check();
    });
  }

  private record(webhook: ReceivedWebhook): void {
    this.received.push(webhook);
    for (const wake of this.waiters) wake();
  }

  private close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

/** Client events are on so the client_event webhook can be seen. */
function appWithWebhook(receiver: WebhookReceiver, events?: WebhookEventName[]): RelayApp {
  return { ...TEST_APP, clientEvents: true, webhooks: [events === undefined ? { url: receiver.webhookUrl } : { url: receiver.webhookUrl, events }] };
}

/** Keeps the relay's warnings so a test can see what it dropped. */
function recordingLogger(): RelayLogger & { warnings: { message: string; fields?: RelayLogFields }[] } {
  const warnings: { message: string; fields?: RelayLogFields }[] = [];
  const ignore = (): void => {};
  return { warnings, debug: ignore, info: ignore, error: ignore, warn: (message, fields) => warnings.push({ message, fields }) };
}

async function joinPresence(relay: RunningRelay, channel: string, userId: string): Promise<RawClient> {
  const raw = await openRaw(relay);
  const socketId = await raw.socketId();
  raw.send({ event: 'pusher:subscribe', data: { channel, ...serverSdk(relay).authorizeChannel(socketId, channel, { user_id: userId }) } });
  await raw.next('joined', (f) => f.event === 'pusher_internal:subscription_succeeded');
  return raw;
}

describe('webhooks', () => {
  it('reports occupancy, presence and client events, signed so the pusher SDK validates them', async () => {
    const receiver = await WebhookReceiver.start();
    const relay = await startTestRelay({ apps: [appWithWebhook(receiver)] });
    const cook = await joinPresence(relay, 'presence-line', 'cook-1');
    const expo = await joinPresence(relay, 'presence-line', 'expo-1');
    cook.send({ event: 'client-plated', channel: 'presence-line', data: { ticket: 4 } });
    await expo.next('client event', (f) => f.event === 'client-plated');
    cook.socket.close();
    await expo.next('cook left', (f) => f.event === 'pusher_internal:member_removed');
    expo.socket.close();
    await receiver.until('channel_vacated', () => receiver.events.some((e) => e.name === 'channel_vacated'));

    expect(receiver.events).toEqual([
      { name: 'channel_occupied', channel: 'presence-line' },
      { name: 'member_added', channel: 'presence-line', user_id: 'cook-1' },
      { name: 'member_added', channel: 'presence-line', user_id: 'expo-1' },
      {
        name: 'client_event',
        channel: 'presence-line',
        event: 'client-plated',
        data: '{"ticket":4}',
        socket_id: expect.stringMatching(/^\d+\.\d+$/),
        user_id: 'cook-1',
      },
      { name: 'member_removed', channel: 'presence-line', user_id: 'cook-1' },
      { name: 'member_removed', channel: 'presence-line', user_id: 'expo-1' },
      { name: 'channel_vacated', channel: 'presence-line' },
    ]);
    const sdk = serverSdk(relay);
    for (const webhook of receiver.received) {
      expect(webhook.headers['x-pusher-key']).toBe(TEST_APP.key);
      expect(sdk.webhook({ headers: webhook.headers, rawBody: webhook.rawBody }).isValid()).toBe(true);
      expect(JSON.parse(webhook.rawBody)).toMatchObject({ time_ms: expect.any(Number) });
    }
  });

  it('fails validation when checked with another secret (the signature is real)', async () => {
    const receiver = await WebhookReceiver.start();
    const relay = await startTestRelay({ apps: [appWithWebhook(receiver)] });
    await joinPresence(relay, 'presence-x', 'u1');
    await receiver.until('a webhook', () => receiver.received.length > 0);
    const [webhook] = receiver.received;
    const stranger = serverSdk(relay, { ...TEST_APP, secret: 'another-secret-entirely' });
    expect(webhook && stranger.webhook({ headers: webhook.headers, rawBody: webhook.rawBody }).isValid()).toBe(false);
  });

  it('retries a batch the receiver answered with 500', async () => {
    const receiver = await WebhookReceiver.start([500]);
    const relay = await startTestRelay({ apps: [appWithWebhook(receiver, ['channel_occupied'])] });
    const raw = await openRaw(relay);
    await raw.socketId();
    raw.send({ event: 'pusher:subscribe', data: { channel: 'orders' } });
    await receiver.until('second attempt', () => receiver.received.length >= 2);
    const [first, second] = receiver.received;
    expect(second?.rawBody).toBe(first?.rawBody);
    expect(second?.events).toEqual([{ name: 'channel_occupied', channel: 'orders' }]);
  });

  it('sends a target only the events it asked for', async () => {
    const receiver = await WebhookReceiver.start();
    const relay = await startTestRelay({ apps: [appWithWebhook(receiver, ['channel_vacated'])] });
    const raw = await openRaw(relay);
    await raw.socketId();
    raw.send({ event: 'pusher:subscribe', data: { channel: 'orders' } });
    await raw.next('subscribed', (f) => f.event === 'pusher_internal:subscription_succeeded');
    raw.send({ event: 'pusher:unsubscribe', data: { channel: 'orders' } });
    await receiver.until('channel_vacated', () => receiver.events.length > 0);
    expect(receiver.events).toEqual([{ name: 'channel_vacated', channel: 'orders' }]);
  });

  it('keeps delivering channel traffic while a webhook receiver hangs', async () => {
    const receiver = await WebhookReceiver.start([], true);
    const relay = await startTestRelay({ apps: [appWithWebhook(receiver)] });
    const raw = await openRaw(relay);
    await raw.socketId();
    raw.send({ event: 'pusher:subscribe', data: { channel: 'orders' } });
    await raw.next('subscribed', (f) => f.event === 'pusher_internal:subscription_succeeded');
    await receiver.until('webhook request pending', () => receiver.received.length > 0);
    await serverSdk(relay).trigger('orders', 'order.submitted', { seq: 1 });
    await raw.next('event despite hanging webhook', (f) => f.event === 'order.submitted');
  });

  it('when the queue is full, drops the oldest waiting batch, never the one in flight, and counts the drops', async () => {
    const receiver = await WebhookReceiver.start([], true);
    const logger = recordingLogger();
    const app: RelayApp = { ...TEST_APP, webhooks: [{ url: receiver.webhookUrl, events: ['channel_occupied'], maxQueuedBatches: 2 }] };
    const relay = await startTestRelay({ apps: [app], logger });
    const raw = await openRaw(relay);
    await raw.socketId();
    // One subscription per tick, so each channel_occupied travels in its own batch.
    const occupy = async (channel: string): Promise<void> => {
      raw.send({ event: 'pusher:subscribe', data: { channel } });
      await raw.next(`subscribed to ${channel}`, (f) => f.event === 'pusher_internal:subscription_succeeded' && f.channel === channel);
    };

    await occupy('ch-1');
    await receiver.until('batch 1 in flight', () => receiver.received.length === 1);
    // ch-2 and ch-3 fill the two waiting places; ch-4 and ch-5 each push out the oldest waiting one.
    for (const channel of ['ch-2', 'ch-3', 'ch-4', 'ch-5']) await occupy(channel);
    receiver.release();

    await receiver.until('the last batch', () => receiver.events.some((e) => e.channel === 'ch-5'));
    expect(receiver.events.map((e) => e.channel)).toEqual(['ch-1', 'ch-4', 'ch-5']);
    expect(receiver.received).toHaveLength(3);
    const drops = logger.warnings.filter((w) => /queue full/.test(w.message));
    expect(drops.map((w) => w.fields?.dropped)).toEqual([1, 2]);
    expect(drops.every((w) => w.fields?.url === receiver.webhookUrl)).toBe(true);
  });
});
