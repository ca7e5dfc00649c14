import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { ORDERS_CHANNEL, PRINT_JOBS_CHANNEL } from '../../common/channels.js';
import { EventsPageSchema, type TicketEvent } from '../../common/events.js';
import { startRelay, type RunningRelay } from '../relay/index.js';
import { Resources, TEST_TOKENS, eventually, pusherClient, startTestBackend, subscribe, type TestBackend } from './helpers.js';

/*
 * The two ways the backend publishes (docs/architecture.md, "Publish paths"): in process to the
 * relay it embeds, and through the `pusher` SDK's HTTP API to any other Pusher-protocol service
 * (here a standalone relay). A pusher-js subscriber must receive the same events either way.
 */

const resources = new Resources();
afterEach(() => resources.closeAll());

interface Delivery {
  channel: string;
  event: string;
  data: TicketEvent;
}

async function standaloneRelay(): Promise<{ relay: RunningRelay; env: Record<string, string> }> {
  const app = { id: '31337', key: randomBytes(10).toString('hex'), secret: randomBytes(20).toString('hex') };
  const relay = await startRelay({ host: '127.0.0.1', port: 0, apps: [app] });
  resources.add(() => relay.close());
  const env = { PUSHER_APP_ID: app.id, PUSHER_KEY: app.key, PUSHER_SECRET: app.secret, PUSHER_HOST: '127.0.0.1', PUSHER_PORT: String(relay.port) };
  return { relay, env };
}

/**
 * Subscribes a real pusher-js client to both kitchen channels, then runs the same traffic: three
 * orders (two stations each: an order event and two print jobs) and one status change. Returns
 * what the subscriber received, once it has as many events as the log holds.
 */
async function deliveriesOf(test: TestBackend): Promise<{ received: Delivery[]; log: TicketEvent[] }> {
  const client = await pusherClient(resources, test, TEST_TOKENS.agent);
  const received: Delivery[] = [];
  for (const name of [ORDERS_CHANNEL, PRINT_JOBS_CHANNEL]) {
    const channel = await subscribe(client, name);
    channel.bind_global((event: string, data: TicketEvent) => {
      if (!event.startsWith('pusher:')) received.push({ channel: name, event, data });
    });
  }
  const orders = [];
  for (let i = 0; i < 3; i += 1) orders.push(await test.api.createOrder());
  const first = orders[0];
  if (!first) throw new Error('no order');
  expect((await test.api.post(`/api/orders/${first.id}/transitions`, TEST_TOKENS.agent, { to: 'accepted' })).status).toBe(200);
  const log = EventsPageSchema.parse((await test.api.get('/api/events?after=0&limit=1000', TEST_TOKENS.agent)).body).events;
  await eventually('every event delivered', () => (received.length >= log.length ? true : undefined));
  return { received, log };
}

/** What two backends' runs have in common: ids and times differ, the rest must not. */
function shape(deliveries: readonly Delivery[]): string[] {
  return deliveries.map((d) => `${d.channel} ${d.event} seq=${d.data.seq}`);
}

describe('publish paths: in process to the embedded relay, the pusher SDK to any other service', () => {
  it('delivers the same events to a pusher-js subscriber on both paths, each identical to its log', async () => {
    const embedded = await startTestBackend(resources);
    const { env } = await standaloneRelay();
    const external = await startTestBackend(resources, { env });

    const inProcess = await deliveriesOf(embedded);
    const overHttp = await deliveriesOf(external);

    expect(inProcess.log).toHaveLength(3 * 3 + 1);
    for (const run of [inProcess, overHttp]) expect(run.received.map((d) => d.data)).toEqual(run.log);
    expect(shape(inProcess.received)).toEqual(shape(overHttp.received));
    expect(new Set(inProcess.received.map((d) => d.event))).toEqual(new Set(['order.submitted', 'print-job.created', 'order.status.changed']));
    expect(embedded.backend.publisherStats()).toMatchObject({ published: inProcess.log.length, failed: 0 });
    expect(external.backend.publisherStats()).toMatchObject({ published: overHttp.log.length, failed: 0 });
  });

  it('sends no HTTP request to the embedded relay to publish, while the SDK path sends one per batch', async () => {
    const embedded = await startTestBackend(resources);
    const { relay, env } = await standaloneRelay();
    const external = await startTestBackend(resources, { env });

    const inProcess = await deliveriesOf(embedded);
    const overHttp = await deliveriesOf(external);

    expect(embedded.backend.relay?.stats().apiRequests).toBe(0);
    // The counter does count: the same traffic through the SDK reaches the HTTP API.
    expect(overHttp.log.length).toBe(inProcess.log.length);
    expect(relay.stats().apiRequests).toBeGreaterThan(0);
  });
});
