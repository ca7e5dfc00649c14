import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { BackendHealth } from '../common/health.js';
import type { BackendConfig, StaffRole } from './config.js';
import { startBackgroundCheckpoints } from './db/checkpointer.js';
import { DATABASE_FILE, openDatabase, type Db } from './db/database.js';
import { createHttpApp, registerApiRoutes } from './http/app.js';
import { startRealtime } from './realtime/realtime.js';
import type { PublisherStats } from './realtime/publisher.js';
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
import { ReceiptStore } from './services/receipt-store.js';
import { GiftCardRepository } from './repositories/gift-cards.js';
import { LoyaltyRepository } from './repositories/loyalty.js';
import { GiftCardService } from './services/gift-cards.js';
import { LoyaltyService } from './services/loyalty.js';
import { fileURLToPath } from 'node:url';
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
  relay?: { url: string; port: number };
  publisherStats(): PublisherStats;
  close(): Promise<void>;
}

function checkDatabase(db: Db): boolean {
  try {
    db.prepare('SELECT 1').get();
    return true;
  } catch {
    return false;
  }
}

/** The URL a local client uses: a wildcard listen address is reached over loopback. */
function localUrl(host: string, port: number): string {
  if (host === '0.0.0.0') return `http://127.0.0.1:${port}`;
  if (host === '::') return `http://[::1]:${port}`;
  return `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
}

/** Composition root: opens the database, starts realtime and the HTTP API, and the lease sweep. */
export async function startBackend(config: BackendConfig, ports: BackendPorts = {}): Promise<RunningBackend> {
  const clock = ports.clock ?? systemClock;
  const db = openDatabase(config.dataDir);
  const app = createHttpApp(config.logLevel);
  const settings = new SettingsRepository(db);
  let secrets: InstanceSecrets;
  try {
    // Before the background checkpointer opens its connection: moving secrets out of an older
    // database ends with a checkpoint that must find the WAL free.
    secrets = loadInstanceSecrets(config.dataDir, settings, (message) => app.log.warn(message));
  } catch (error) {
    await app.close().catch(() => undefined);
    db.close();
    throw error;
  }
  const checkpointer = startBackgroundCheckpoints(join(config.dataDir, DATABASE_FILE), {
    onError: (error) => app.log.warn({ err: error }, 'background WAL checkpoint failed; SQLite auto-checkpoint still bounds the WAL'),
  });
  let realtime: Awaited<ReturnType<typeof startRealtime>> | undefined;
  let stopSweep: (() => void) | undefined;
  try {
    realtime = await startRealtime(config, settings, secrets.relaySecret, app.log);
    const eventRepository = new EventRepository(db);
    const recorder = new ChangeRecorder(db, eventRepository, realtime.publisher);
    const orderRepository = new OrderRepository(db);
    const customerTokens = new CustomerTokenService(orderRepository, { ttlMs: config.customerTokenTtlMs, clock });
    const tokens = new TokenService(new TokenRepository(db), config.envTokens, (token) => customerTokens.check(token), clock);
    const identities = new AgentIdentities(new AgentBindingRepository(db), (tokenId): boolean => tokens.isActive(tokenId));
    const printJobs = new PrintJobService(recorder, new PrintJobRepository(db), orderRepository, clock, identities);
    const idempotency = new IdempotencyRepository(db);
    const orders = new OrderService(recorder, orderRepository, idempotency, printJobs, {
      printOn: config.printOn,
      customerTokenSecret: secrets.customerTokenSecret,
      clock,
    });
    const payments = new PaymentService(recorder, new PaymentRepository(db), orderRepository, new ReceiptStore(config.dataDir), clock);
    const couriers = new CourierService(recorder, new CourierRepository(db), orderRepository, clock);
    const diner = new DinerService(orders, payments, couriers, eventRepository);
    const giftCards = new GiftCardService(recorder, new GiftCardRepository(db), orderRepository, idempotency, printJobs, clock);
    const loyalty = new LoyaltyService(recorder, new LoyaltyRepository(db), idempotency, {
      clock,
      ...(config.defaultPhoneCountryCode !== undefined ? { defaultPhoneCountryCode: config.defaultPhoneCountryCode } : {}),
    });
    const generated = tokens.bootstrap();
    const publisher = realtime.publisher;
    const mode = realtime.mode;

    const health = (): BackendHealth => {
      const dbOk = checkDatabase(db);
      const stats = publisher.stats();
      const counts = dbOk ? { ...orders.counts(), pendingJobs: printJobs.countPending() } : { orders: 0, activeOrders: 0, pendingJobs: 0 };
      return { ok: dbOk, db: dbOk ? 'ok' : 'error', realtime: { mode, published: stats.published, failed: stats.failed, queued: stats.queued }, counts };
    };

    await registerApiRoutes(app, {
      authenticate: (token) => tokens.authenticate(token),
      orders,
      printJobs,
      events: eventRepository,
      signChannel: realtime.signChannel,
      agentConfigFor: realtime.agentConfigFor,
      health,
      payments,
      couriers,
      diner,
      dinerDir: ports.dinerDir ?? DEFAULT_DINER_DIR,
      giftCards,
      loyalty,
      customerTokens,
    });
    await app.listen({ host: config.host, port: config.port });

    stopSweep = clock.every(config.leaseSweepMs, () => {
      try {
        printJobs.sweepExpiredLeases();
        idempotency.purgeOlderThan(clock.now() - config.idempotencyTtlMs);
      } catch (error) {
        app.log.error({ err: error }, 'lease sweep failed');
      }
    });

    const port = (app.server.address() as AddressInfo).port;
    let closing: Promise<void> | undefined;
    const running: RunningBackend = {
      url: localUrl(config.host, port),
      port,
      config,
      tokens: { ...generated, ...config.envTokens },
      generatedTokenRoles: Object.keys(generated) as StaffRole[],
      publisherStats: () => publisher.stats(),
      close: () => {
        const started = realtime;
        closing ??= (async () => {
          stopSweep?.();
          await app.close();
          await started?.close();
          await checkpointer.stop();
          db.close();
        })();
        return closing;
      },
    };
    if (realtime.relay) running.relay = { url: realtime.relay.url, port: realtime.relay.port };
    return running;
  } catch (error) {
    stopSweep?.();
    await app.close().catch(() => undefined);
    await realtime?.close().catch(() => undefined);
    await checkpointer.stop();
    db.close();
    throw error;
  }
}
