/**
 * Real parts for TableTrack connector tests: the relay (a Pusher-protocol server), the in-memory
 * TableTrack stand-in triggering through it with the `pusher` SDK, the virtual printer on a real
 * TCP port, and the real agent (createAgent) running the `tabletrack` connector against them.
 */
import { createAgent, type Agent } from '../../agent/index.js';
import { createEscPosDriver } from '../../agent/pipeline/escpos-driver.js';
import { createConfSettingsStore } from '../../agent/settings/conf-settings-store.js';
import type { AgentLogger } from '../../agent/ports.js';
import type { PrintRetryPolicy } from '../../agent/pipeline/print-pipeline.js';
import type { Clock } from '../../common/clock.js';
import type { VirtualPrinter } from '../../agent/printing/virtual-printer.js';
import { startRelay, type RunningRelay } from '../../backend/relay/index.js';
import type { PrinterSettings } from '../../common/settings.js';
import { Resources, TEST_DRIVER, TEST_PRINT_RETRY, printerSettings, quietLogger, startTestPrinter, tempDir } from '../integration/kitchen-harness.js';
import { STAND_IN_KEY, TableTrackStandIn, type StandInOptions } from './stand-in-server.js';

export const RELAY_APP = { id: 'tabletrack-app', key: 'tabletrack-key', secret: 'tabletrack-secret' };

export async function startTestRelay(resources: Resources): Promise<RunningRelay> {
  const relay = await startRelay({ host: '127.0.0.1', port: 0, apps: [RELAY_APP] });
  resources.add(() => relay.close());
  return relay;
}

/** The stand-in, with Pusher credentials for `relay` when one is given (pusher_enabled follows unless set). */
export async function startStandIn(resources: Resources, relay: RunningRelay | undefined, options: Omit<StandInOptions, 'pusher'> = {}): Promise<TableTrackStandIn> {
  const tt = await TableTrackStandIn.start({
    ...options,
    ...(relay ? { pusher: { appId: RELAY_APP.id, key: RELAY_APP.key, secret: RELAY_APP.secret, host: relay.host, port: relay.port, cluster: 'eu' } } : {}),
  });
  resources.add(() => tt.close());
  return tt;
}

export interface TableTrackAgentOptions {
  tt: TableTrackStandIn;
  /** Where the agent's pusher-js connects (the settings' override): the relay. */
  relay?: RunningRelay;
  printers: PrinterSettings[];
  printerMap?: Record<string, string>;
  key?: string;
  dataDir?: string;
  clock?: Clock;
  logger?: AgentLogger;
  printRetry?: Partial<PrintRetryPolicy>;
}

/** The real agent with the `tabletrack` connector pointed at the stand-in (key as the host's environment gives it). */
export async function startTableTrackAgent(resources: Resources, options: TableTrackAgentOptions): Promise<Agent & { dataDir: string }> {
  const dataDir = options.dataDir ?? tempDir(resources);
  const agent = await createAgent(
    { dataDir, localApi: { host: '127.0.0.1', port: 0 } },
    {
      settingsStore: createConfSettingsStore(dataDir),
      driver: createEscPosDriver(TEST_DRIVER),
      host: { secrets: { 'tabletrack.key': options.key ?? STAND_IN_KEY } },
      logger: options.logger ?? quietLogger,
      ...(options.clock ? { clock: options.clock } : {}),
      printRetry: { ...TEST_PRINT_RETRY, ...options.printRetry },
      settingsOverrides: {
        connector: 'tabletrack',
        backendUrl: options.tt.url,
        printers: options.printers,
        tabletrack: {
          key: '',
          printerMap: options.printerMap ?? {},
          ...(options.relay ? { pusherHost: options.relay.host, pusherPort: options.relay.port, pusherTLS: false } : {}),
        },
      },
    },
  );
  let closed = false;
  const closeAgent = agent.close;
  const close = async () => {
    if (closed) return;
    closed = true;
    await closeAgent();
  };
  resources.add(close);
  // Not spread: `agent.sync` is TicketRail's and throws here (create-agent.ts).
  return Object.assign(agent, { close, dataDir });
}

export interface TableTrackKit {
  relay: RunningRelay | undefined;
  tt: TableTrackStandIn;
  printer: VirtualPrinter;
  agent: Agent & { dataDir: string };
}

/** Relay (unless `pusher: false`), stand-in, virtual printer and agent, the printer mapped from TableTrack's printer 1. */
export async function startTableTrackKit(
  resources: Resources,
  options: { pusher?: boolean; standIn?: Omit<StandInOptions, 'pusher'>; agent?: Partial<TableTrackAgentOptions> } = {},
): Promise<TableTrackKit> {
  const relay = options.pusher === false ? undefined : await startTestRelay(resources);
  const tt = await startStandIn(resources, relay, options.standIn);
  const printer = await startTestPrinter(resources);
  const agent = await startTableTrackAgent(resources, {
    tt,
    ...(relay ? { relay } : {}),
    printers: [printerSettings(printer, ['kitchen'])],
    printerMap: { '1': 'test-printer' },
    ...options.agent,
  });
  return { relay, tt, printer, agent };
}

export { Resources, STAND_IN_KEY };
