/**
 * The stand-in's doorbells through TicketRail's embedded relay: a TableTrack install's Laravel
 * broadcaster is the `pusher` SDK, the desktop app is pusher-js on public channels. The pusher-js
 * client is built only from what test-connection says plus the settings' host override — exactly
 * what the connector will have.
 */
import { WAIT_BUDGET_MS } from '../wait-budget.js';
import PusherJsModule from 'pusher-js';
import type { Channel } from 'pusher-js';
import { afterEach, describe, expect, it } from 'vitest';
import { TableTrackClient } from '../../agent/connectors/tabletrack/tabletrack-client.js';
import { OrderUpdatedSchema, PrintJobCreatedSchema, readRealtimeData } from '../../agent/connectors/tabletrack/tabletrack-events.js';
import { pusherJsOptions, tableTrackRealtimePlan } from '../../agent/connectors/tabletrack/tabletrack-realtime.js';
import { startRelay } from '../../backend/relay/index.js';
import type { RunningRelay } from '../../backend/relay/index.js';
import { STAND_IN_KEY, TableTrackStandIn } from './stand-in-server.js';

type PusherJsClass = typeof import('pusher-js').default;
const PusherJs = ((PusherJsModule as unknown as { default?: PusherJsClass }).default ?? PusherJsModule) as PusherJsClass;

const APP = { id: 'tabletrack-app', key: 'tabletrack-key', secret: 'tabletrack-secret' };
/** A safety net, not a measurement (test/wait-budget.ts). */
const WAIT_MS = WAIT_BUDGET_MS;

const closers: (() => unknown)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
});

function within<T>(label: string, start: (resolve: (value: T) => void) => void): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out waiting for ${label}`)), WAIT_MS);
    start((value) => {
      clearTimeout(timer);
      resolve(value);
    });
  });
}

async function setUp(options: { pusherEnabled?: boolean } = {}): Promise<{ relay: RunningRelay; tt: TableTrackStandIn; client: TableTrackClient }> {
  const relay = await startRelay({ host: '127.0.0.1', port: 0, apps: [APP] });
  closers.push(() => relay.close());
  const tt = await TableTrackStandIn.start({
    pusher: { appId: APP.id, key: APP.key, secret: APP.secret, host: relay.host, port: relay.port, cluster: 'eu' },
    ...(options.pusherEnabled === undefined ? {} : { pusherEnabled: options.pusherEnabled }),
  });
  closers.push(() => tt.close());
  return { relay, tt, client: new TableTrackClient({ baseUrl: tt.url, key: STAND_IN_KEY }) };
}

/** Subscribes to a public channel (no authorizer is configured, so a private one would fail). */
function subscribe(pusher: InstanceType<PusherJsClass>, name: string): Promise<Channel> {
  const channel = pusher.subscribe(name);
  return within(`subscription to ${name}`, (resolve) => {
    channel.bind('pusher:subscription_succeeded', () => resolve(channel));
  });
}

function next(channel: Channel, event: string): Promise<unknown> {
  return within(`${event} on ${channel.name}`, (resolve) => channel.bind(event, resolve));
}

describe('TableTrack realtime through the relay', () => {
  it('delivers print-job.created on public print-jobs and order.updated on public orders to pusher-js', async () => {
    const { relay, tt, client } = await setUp();
    const plan = tableTrackRealtimePlan(await client.testConnection(), { host: relay.host, port: relay.port, useTLS: false });
    expect(plan).toMatchObject({
      key: APP.key,
      cluster: 'eu',
      printJobs: { channel: 'print-jobs', event: 'print-job.created', visibility: 'public' },
      orders: { channel: 'orders', event: 'order.updated', visibility: 'public' },
    });

    const pusher = new PusherJs(plan!.key, pusherJsOptions(plan!));
    closers.push(() => pusher.disconnect());
    const printJobs = await subscribe(pusher, plan!.printJobs.channel);
    const orders = await subscribe(pusher, plan!.orders.channel);

    const doorbell = next(printJobs, plan!.printJobs.event);
    const job = await tt.createJob({ printerId: 1, text: '\u001b@Caf\u0082\n', cutPaper: true });
    const created = readRealtimeData(PrintJobCreatedSchema, await doorbell);
    expect(created).toMatchObject({
      print_job_id: job.id,
      printer_id: 1,
      status: 'pending',
      type: 'print_job_created',
      payload: { text: '\u001b@Caf\u0082\n', cutPaper: true },
      printer_info: { printer_name: 'Kitchen', printer_type: 'network', print_format: 'thermal80mm' },
    });

    const orderEvent = next(orders, plan!.orders.event);
    await tt.updateOrder({ orderId: 42, status: 'billed', tableId: 7 });
    expect(readRealtimeData(OrderUpdatedSchema, await orderEvent)).toMatchObject({ order_id: 42, status: 'billed', action: 'updated', table_id: 7 });
  });

  it('has no realtime plan when TableTrack has Pusher off: the agent polls', async () => {
    const { client } = await setUp({ pusherEnabled: false });
    const answer = await client.testConnection();
    expect(answer.pusher_enabled).toBe(false);
    expect(tableTrackRealtimePlan(answer, { host: '127.0.0.1', port: 6001, useTLS: false })).toBeUndefined();
  });

  it('connects with TLS to the cluster unless the override says otherwise', async () => {
    const { client } = await setUp();
    const hosted = tableTrackRealtimePlan(await client.testConnection());
    expect(hosted).toMatchObject({ cluster: 'eu', useTLS: true });
    expect(hosted?.host).toBeUndefined();
    expect(pusherJsOptions(hosted!)).toMatchObject({ cluster: 'eu', forceTLS: true, enabledTransports: ['wss'] });
  });
});
