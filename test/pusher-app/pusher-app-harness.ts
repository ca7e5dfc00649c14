/**
 * Real parts for the pusher-app connector: the relay (a Pusher-protocol server), a Laravel-style
 * app (auth endpoint + broadcaster, laravel-stand-in.ts), virtual printers on real TCP ports, and
 * the real agent with `pusherApp` read from its settings file, as `--data-dir DIR` gives it.
 */
import { createAgent, type Agent } from '../../agent/index.js';
import { createEscPosDriver } from '../../agent/pipeline/escpos-driver.js';
import { createConfSettingsStore } from '../../agent/settings/conf-settings-store.js';
import type { AgentLogger } from '../../agent/ports.js';
import type { Clock } from '../../common/clock.js';
import type { VirtualPrinter } from '../../agent/printing/virtual-printer.js';
import { startRelay, type RunningRelay } from '../../backend/relay/index.js';
import type { PrinterSettings } from '../../common/settings.js';
import { Resources, TEST_DRIVER, TEST_PRINT_RETRY, quietLogger, tempDir } from '../integration/kitchen-harness.js';
import { LARAVEL_APP, SANCTUM_TOKEN, type LaravelStandIn } from './laravel-stand-in.js';

export const CHANNEL = 'private-vendor-orders.5';
export const ORDER_EVENT = 'OrderReceived';
export const STATUS_EVENT = 'OrderStatusUpdated';

/** Where a Laravel `OrderReceived` event (public `$order` with its items) carries each part. */
export const LARAVEL_MAP = {
  id: 'order.id',
  number: 'order.number',
  items: 'order.items',
  itemName: 'name',
  itemQty: 'quantity',
  itemNotes: 'notes',
  itemModifiers: 'modifiers',
  itemStation: 'station',
  table: 'order.table',
  customerName: 'order.customer.name',
  notes: 'order.notes',
  status: 'order.status',
};

export async function startRelayFor(resources: Resources): Promise<RunningRelay> {
  const relay = await startRelay({ host: '127.0.0.1', port: 0, apps: [LARAVEL_APP] });
  resources.add(() => relay.close());
  return relay;
}

/** The `pusherApp` section for the relay and the app, with the bearer token unless `authorization` says otherwise. */
export function pusherAppSettings(relay: RunningRelay, app: LaravelStandIn, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    key: LARAVEL_APP.key,
    host: relay.host,
    port: relay.port,
    useTLS: false,
    channel: CHANNEL,
    event: ORDER_EVENT,
    statusEvent: STATUS_EVENT,
    authEndpoint: app.authEndpoint,
    authHeaders: { Authorization: `Bearer ${SANCTUM_TOKEN}` },
    map: LARAVEL_MAP,
    ...overrides,
  };
}

export interface LaravelItem {
  name: string;
  quantity: number | string;
  station?: string;
  notes?: string;
  modifiers?: { name: string }[];
}

/** The data of a Laravel `OrderReceived` event: `broadcastWith()` → `['order' => $order->load('items')]`. */
export function laravelOrder(id: number | string, items: LaravelItem[], extra: Record<string, unknown> = {}): { order: Record<string, unknown> } {
  return { order: { id, number: `V-${id}`, table: '7', customer: { name: 'Ada' }, status: 'pending', items, ...extra } };
}

export interface PusherAppKit {
  relay: RunningRelay;
  app: LaravelStandIn;
  agent: Agent & { dataDir: string };
}

export interface PusherAppAgentOptions {
  section: Record<string, unknown>;
  printers: PrinterSettings[];
  dataDir?: string;
  clock?: Clock;
  logger?: AgentLogger;
}

/** The real agent with the settings file an admin (or an outside check) writes: connector, printers and `pusherApp`. */
export async function startPusherAppAgent(resources: Resources, options: PusherAppAgentOptions): Promise<Agent & { dataDir: string }> {
  const dataDir = options.dataDir ?? tempDir(resources);
  const store = createConfSettingsStore(dataDir);
  if (store.read() === undefined) store.write({ connector: 'pusher-app', printers: options.printers, pusherApp: options.section });
  const agent = await createAgent(
    { dataDir, localApi: { host: '127.0.0.1', port: 0 } },
    {
      settingsStore: store,
      driver: createEscPosDriver(TEST_DRIVER),
      logger: options.logger ?? quietLogger,
      ...(options.clock ? { clock: options.clock } : {}),
      printRetry: TEST_PRINT_RETRY,
    },
  );
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    await agent.close();
  };
  resources.add(close);
  return Object.assign(agent, { close, dataDir });
}

/** Tickets a printer printed whose lines hold `text`. */
export const printedWith = (printer: VirtualPrinter, text: string) => printer.printed.filter((job) => job.decoded.lines.some((line) => line.text.includes(text)));
