import Fastify, { LogController, type FastifyInstance } from 'fastify';
import type { BackendHealth } from '../../common/health.js';
import type { LogLevel } from '../config.js';
import type { OrderService } from '../services/orders.js';
import type { PrintJobService } from '../services/print-jobs.js';
import type { RequestGate } from './auth.js';
import type { ChannelAccess } from '../realtime/channel-access.js';
import type { EventLog } from '../services/event-log.js';
import { installErrorHandling } from './errors.js';
import { registerAgentConfigRoute, type AgentConfigFor } from './routes/agent-config.js';
import { registerEventRoutes } from './routes/events.js';
import { registerHealthRoute } from './routes/health.js';
import { registerOrderRoutes } from './routes/orders.js';
import { registerPrintJobRoutes } from './routes/print-jobs.js';
import { registerPusherAuthRoute, type SignChannel } from './routes/pusher-auth.js';
import type { CourierService } from '../services/couriers.js';
import type { DinerService } from '../services/diner.js';
import type { PaymentService } from '../services/payments.js';
import { registerCourierRoutes } from './routes/couriers.js';
import { registerDinerPage } from './routes/diner-page.js';
import { registerDinerSessionRoute } from './routes/diner-session.js';
import { registerPaymentRoutes } from './routes/payments.js';
import type { GiftCardService } from '../services/gift-cards.js';
import type { LoyaltyService } from '../services/loyalty.js';
import { registerGiftCardRoutes } from './routes/gift-cards.js';
import { registerLoyaltyRoutes } from './routes/loyalty.js';
import { registerPosConfigRoute } from './routes/pos-config.js';
import { registerReportRoutes } from './routes/reports.js';
import type { ServiceReports } from '../services/service-reports.js';
import type { CustomerTokenService } from '../services/customer-tokens.js';
import { registerCustomerTokenRoutes } from './routes/customer-tokens.js';

export const HTTP_LIMITS = {
  /** Any request larger than this answers 413; an order with 100 items fits easily. */
  bodyLimit: 64 * 1024,
} as const;

export function createHttpApp(logLevel: LogLevel, trustProxy = false): FastifyInstance {
  const app = Fastify({
    logger: { level: logLevel },
    // Behind a reverse proxy (TRUST_PROXY): URLs given to clients use the scheme and host they used.
    trustProxy,
    bodyLimit: HTTP_LIMITS.bodyLimit,
    // Two log lines per request cost more than the request itself at kitchen-burst rates.
    logController: new LogController({ disableRequestLogging: logLevel !== 'debug' && logLevel !== 'trace' }),
    // Refuse prototype-poisoning payloads instead of silently stripping them.
    onProtoPoisoning: 'error',
    onConstructorPoisoning: 'error',
  });
  // JSON only (form bodies are added for the Pusher auth route alone): anything else is 415.
  app.removeContentTypeParser('text/plain');
  installErrorHandling(app);
  return app;
}

export interface ApiDependencies {
  gate: RequestGate;
  orders: OrderService;
  printJobs: PrintJobService;
  events: EventLog;
  channelAccess: ChannelAccess;
  signChannel: SignChannel;
  agentConfigFor: AgentConfigFor;
  health: () => Promise<BackendHealth>;
  // Front of house (issue 12).
  payments: PaymentService;
  couriers: CourierService;
  diner: DinerService;
  /** The built diner page (dist/diner). */
  dinerDir: string;
  // POS terminals (issue 13).
  giftCards: GiftCardService;
  loyalty: LoyaltyService;
  // Reports (issue 22).
  reports: ServiceReports;
  /** Customer tokens' lifetime and revocation (issue 17). */
  customerTokens: CustomerTokenService;
}

export async function registerApiRoutes(app: FastifyInstance, deps: ApiDependencies): Promise<void> {
  const gate = deps.gate;
  registerHealthRoute(app, gate, deps.health);
  registerOrderRoutes(app, gate, deps.orders, deps.diner, deps.payments);
  registerEventRoutes(app, gate, deps.events, deps.diner);
  registerPrintJobRoutes(app, gate, deps.printJobs);
  registerAgentConfigRoute(app, gate, deps.agentConfigFor);
  await registerPusherAuthRoute(app, gate, deps.channelAccess, deps.signChannel);
  await registerPaymentRoutes(app, gate, deps.payments);
  registerCourierRoutes(app, gate, deps.couriers);
  registerDinerSessionRoute(app, gate, deps.agentConfigFor);
  await registerDinerPage(app, gate, { dir: deps.dinerDir, configFor: deps.agentConfigFor });
  registerGiftCardRoutes(app, gate, deps.giftCards);
  registerLoyaltyRoutes(app, gate, deps.loyalty);
  registerPosConfigRoute(app, gate, deps.agentConfigFor);
  registerReportRoutes(app, gate, deps.reports);
  registerCustomerTokenRoutes(app, gate, deps.customerTokens);
}
