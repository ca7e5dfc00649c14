import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { BackendHealth } from '../common/health.js';
import { assertRealtimeFitsDatabase, type BackendConfig, type StaffRole } from './config.js';
import { startBackgroundCheckpoints } from './db/checkpointer.js';
import { DATABASE_FILE, openDatabase, type Database } from './db/database.js';
import { createHttpApp, registerApiRoutes } from './http/app.js';
import { startRealtime } from './realtime/realtime.js';
import type { PublisherStats } from './realtime/publisher.js';
import type { RelayStats } from './relay/index.js';
import { AgentBindingRepository } from './repositories/agent-bindings.js';
import { EventRepository } from './repositories/events.js';
import { IdempotencyRepository } from './repositories/idempotency.js';
import { OrderRepository } from './repositories/orders.js';
import { PrintJobRepository } from './repositories/print-jobs.js';
import { SettingsRepository } from './repositories/settings.js';
import { loadInstanceSecrets, type InstanceSecrets } from './secrets/instance-secrets.js';
import { TokenRepository } from './repositories/tokens.js';
import { AgentIdentities } from './services/agent-identities.js';
import { ChangeRecorder } from './services/change-recorder.js';
import { CustomerTokenService } from './services/customer-tokens.js';
import { OrderService } from './services/orders.js';
import { PrintJobService } from './services/print-jobs.js';
import { TokenService } from './services/tokens.js';
import { CourierRepository } from './repositories/couriers.js';
import { PaymentRepository } from './repositories/payments.js';
import { CourierService } from './services/couriers.js';
import { DinerService } from './services/diner.js';
import { PaymentService } from './services/payments.js';
import { DatabaseReceiptStore, FileReceiptStore } from './services/receipt-store.js';
import { ChannelAccess } from './realtime/channel-access.js';
import { EventLog } from './services/event-log.js';
import { LocationRepository } from './repositories/locations.js';
import { LocationService } from './services/locations.js';
import { GiftCardRepository } from './repositories/gift-cards.js';
import { LoyaltyRepository } from './repositories/loyalty.js';
import { GiftCardService } from './services/gift-cards.js';
import { LoyaltyService } from './services/loyalty.js';
import { fileURLToPath } from 'node:url';
import { ServiceRollupRepository } from './repositories/service-rollup.js';
import { ServiceRollupProjection } from './services/service-rollup-projection.js';
import { ServiceReports } from './services/service-reports.js';
import { systemClock, type Clock } from './time.js';

export { loadBackendConfig, BACKEND_DEFAULTS, type BackendConfig, type StaffRole, type PrintOn } from './config.js';
export type { PublisherStats } from './realtime/publisher.js';
export { systemClock, type Clock } from './time.js';

/** What the host plugs in, as createAgent(config, ports) does for the agent. */
export interface BackendPorts {
  /** Time and timers of every service and of the lease sweep; the wall clock unless a test moves its own. */
  clock?: Clock;
  /** The built diner page; default dist/diner of this checkout (cli/build-if-stale.ts builds it). */
  dinerDir?: string;
}

/** The advisory lock of the periodic maintenance: one backend process runs it at a time. */
const MAINTENANCE_LOCK = 'ticketrail:maintenance';

/** Where `npm run build:diner` writes the diner page, relative to this file. */
const DEFAULT_DINER_DIR = fileURLToPath(new URL('../dist/diner', import.meta.url));

export interface RunningBackend {
  /** Base URL of the HTTP API, e.g. http://127.0.0.1:4800 */
  url: string;
  port: number;
  config: BackendConfig;
  /**
   * Staff tokens in plaintext, only where known: generated on this (first) start or given by the
   * environment. Stored tokens are hashes and cannot be shown again.
   */
  tokens: Partial<Record<StaffRole, string>>;
  /** Roles whose token was generated on this start (print these once). */
  generatedTokenRoles: StaffRole[];
  /** The embedded Pusher-protocol relay, when no external service is configured. */
  relay?: { url: string; port: number; stats(): RelayStats };
  publisherStats(): PublisherStats;
  maintenanceStats(): MaintenanceStats;
  /** Runs the periodic maintenance now (as a tick of the sweep would). */
  sweepNow(): Promise<void>;
  close(): Promise<void>;
}

/** The URL a local client uses: a wildcard listen address is reached over loopback. */
function localUrl(host: string, port: number): string {
  if (host === '0.0.0.0') return `http://127.0.0.1:${port}`;
  if (host === '::') return `http://[::1]:${port}`;
  return `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
}

/** What the periodic maintenance (lease sweep, idempotency purge) did in this process. */
export interface MaintenanceStats {
  /** Ticks that ran the maintenance. */
  ran: number;
  /** Ticks skipped because another backend process was running it at that moment (or this one still was). */
  skipped: number;
}

/** Composition root: opens the database, starts realtime and the HTTP API, and the lease sweep. */
export async function startBackend(config: BackendConfig, ports: BackendPorts = {}): Promise<RunningBackend> {
  assertRealtimeFitsDatabase(config);
  const clock = ports.clock ?? systemClock;
  const app = createHttpApp(config.logLevel, config.trustProxy);
  let db: Database;
  try {
    db = await openDatabase(config.database, (error) => app.log.warn({ err: error }, 'an idle database connection failed; the pool replaces it'));
  } catch (error) {
    await app.close().catch(() => undefined);
    throw error;
  }
  const settings = new SettingsRepository(db);
  let secrets: InstanceSecrets;
  try {
    // Before the background checkpointer opens its connection: moving secrets out of an older
    // database ends with a checkpoint that must find the WAL free.
    secrets = await loadInstanceSecrets(config.dataDir, settings, (message) => app.log.warn(message));
  } catch (error) {
    await app.close().catch(() => undefined);
    await db.close();
    throw error;
  }
  const customerTokenSecret = config.customerTokenSecret ?? secrets.customerTokenSecret;
  const checkpointer =
    config.database.kind === 'sqlite'
      ? startBackgroundCheckpoints(join(config.dataDir, DATABASE_FILE), {
          onError: (error) => app.log.warn({ err: error }, 'background WAL checkpoint failed; SQLite auto-checkpoint still bounds the WAL'),
        })
      : undefined;
  let realtime: Awaited<ReturnType<typeof startRealtime>> | undefined;
  let stopSweep: (() => void) | undefined;
  try {
    realtime = await startRealtime(config, settings, secrets.relaySecret, app.log);
    const eventRepository = new EventRepository();
    const serviceRollup = new ServiceRollupRepository();
    // The service rollup follows the log in each change's own transaction (docs/reports.md).
    const recorder = new ChangeRecorder(db, eventRepository, realtime.publisher, [new ServiceRollupProjection(serviceRollup)]);
    const orderRepository = new OrderRepository();
    const idempotency = new IdempotencyRepository();
    const customerTokens = new CustomerTokenService(db, orderRepository, { ttlMs: config.customerTokenTtlMs, clock });
    const tokens = new TokenService(new TokenRepository(db), config.envTokens, (token) => customerTokens.check(token), clock);
    const identities = new AgentIdentities(new AgentBindingRepository(), (tokenId, q): Promise<boolean> => tokens.isActive(tokenId, q));
    const printJobs = new PrintJobService(db, recorder, new PrintJobRepository(), orderRepository, clock, identities);
    const orders = new OrderService(db, recorder, orderRepository, idempotency, printJobs, { printOn: config.printOn, customerTokenSecret, clock, recallWindowMinutes: config.recallWindowMinutes });
    const paymentRepository = new PaymentRepository();
    const courierRepository = new CourierRepository();
    const receipts = config.database.kind === 'sqlite' ? new FileReceiptStore(config.dataDir) : new DatabaseReceiptStore(db, clock);
    const payments = new PaymentService(db, recorder, paymentRepository, orderRepository, idempotency, receipts, clock);
    const couriers = new CourierService(db, recorder, courierRepository, orderRepository, clock);
    const diner = new DinerService(db, orderRepository, paymentRepository, courierRepository, eventRepository);
    const giftCards = new GiftCardService(db, config.giftCardsScope, recorder, new GiftCardRepository(), orderRepository, idempotency, printJobs, clock);
    const loyalty = new LoyaltyService(db, recorder, new LoyaltyRepository(), idempotency, {
      clock,
      scope: config.giftCardsScope,
      ...(config.defaultPhoneCountryCode !== undefined ? { defaultPhoneCountryCode: config.defaultPhoneCountryCode } : {}),
    });
    const locations = new LocationService(new LocationRepository(db), clock);
    const generated = await tokens.bootstrap();
    const publisher = realtime.publisher;
    const mode = realtime.mode;

    const health = async (): Promise<BackendHealth> => {
      const dbOk = await db.ping();
      const stats = publisher.stats();
      const counts = dbOk ? { ...(await orders.counts()), pendingJobs: await printJobs.countPending() } : { orders: 0, activeOrders: 0, pendingJobs: 0 };
      return { ok: dbOk, db: dbOk ? 'ok' : 'error', realtime: { mode, published: stats.published, failed: stats.failed, queued: stats.queued }, counts };
    };

    await registerApiRoutes(app, {
      gate: { authenticate: (token) => tokens.authenticate(token), locationExists: (location) => locations.exists(location) },
      orders,
      printJobs,
      events: new EventLog(db, eventRepository, orderRepository),
      channelAccess: new ChannelAccess({
        orderLocation: async (orderId) => (await orderRepository.customerToken(db, orderId))?.location,
        locationExists: (location) => locations.exists(location),
      }),
      signChannel: realtime.signChannel,
      agentConfigFor: realtime.agentConfigFor,
      health,
      payments,
      couriers,
      diner,
      dinerDir: ports.dinerDir ?? DEFAULT_DINER_DIR,
      giftCards,
      loyalty,
      reports: new ServiceReports(db, serviceRollup, { lateMinutes: config.lateMinutes, clock }),
      customerTokens,
    });
    await app.listen({ host: config.host, port: config.port });

    // Once across processes: the tick of whichever process holds the lock at that moment does the
    // work, the others skip it. Every step is safe twice anyway (a lease expires in one UPDATE).
    const maintenance: MaintenanceStats = { ran: 0, skipped: 0 };
    let sweeping = false;
    const sweep = async (): Promise<void> => {
      if (sweeping) {
        maintenance.skipped += 1;
        return;
      }
      sweeping = true;
      try {
        const done = await db.exclusively(MAINTENANCE_LOCK, async () => {
          await printJobs.sweepAllLocations();
          await idempotency.purgeOlderThan(db, clock.now() - config.idempotencyTtlMs);
          return true;
        });
        if (done) maintenance.ran += 1;
        else maintenance.skipped += 1;
      } catch (error) {
        app.log.error({ err: error }, 'lease sweep failed');
      } finally {
        sweeping = false;
      }
    };
    stopSweep = clock.every(config.leaseSweepMs, sweep);

    const port = (app.server.address() as AddressInfo).port;
    let closing: Promise<void> | undefined;
    const running: RunningBackend = {
      url: localUrl(config.host, port),
      port,
      config,
      tokens: { ...generated, ...config.envTokens },
      generatedTokenRoles: Object.keys(generated) as StaffRole[],
      publisherStats: () => publisher.stats(),
      maintenanceStats: () => ({ ...maintenance }),
      sweepNow: sweep,
      close: () => {
        const started = realtime;
        closing ??= (async () => {
          stopSweep?.();
          await app.close();
          await started?.close();
          await checkpointer?.stop();
          await db.close();
        })();
        return closing;
      },
    };
    if (realtime.relay) running.relay = { url: realtime.relay.url, port: realtime.relay.port, stats: realtime.relay.stats };
    return running;
  } catch (error) {
    stopSweep?.();
    await app.close().catch(() => undefined);
    await realtime?.close().catch(() => undefined);
    await checkpointer?.stop();
    await db.close();
    throw error;
  }
}
