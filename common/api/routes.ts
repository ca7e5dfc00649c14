import type { ApiRoute } from './route.js';
import { EVENT_ROUTES } from './routes/events.js';
import { GIFT_CARD_ROUTES } from './routes/gift-cards.js';
import { LOYALTY_ROUTES } from './routes/loyalty.js';
import { ORDER_ROUTES } from './routes/orders.js';
import { COURIER_ROUTES, PAYMENT_ROUTES } from './routes/payments.js';
import { PRINT_JOB_ROUTES } from './routes/print-jobs.js';
import { REALTIME_ROUTES } from './routes/realtime.js';
import { REPORT_ROUTES } from './routes/reports.js';
import { SERVICE_ROUTES } from './routes/service.js';

/**
 * Every route of the backend, by family (docs/architecture.md, "One route table"). A route is
 * added here (in its family's file) and registered by the backend from this entry; a test
 * (backend/http/route-table.test.ts) fails when the backend serves a route this table lacks, or
 * this table declares one the backend does not serve.
 *
 * Clients import a family's file, not this one, so a page carries only the schemas it uses.
 */
export const API_ROUTES = {
  orders: ORDER_ROUTES,
  printJobs: PRINT_JOB_ROUTES,
  payments: PAYMENT_ROUTES,
  couriers: COURIER_ROUTES,
  giftCards: GIFT_CARD_ROUTES,
  loyalty: LOYALTY_ROUTES,
  reports: REPORT_ROUTES,
  events: EVENT_ROUTES,
  realtime: REALTIME_ROUTES,
  service: SERVICE_ROUTES,
} as const;

/** Every declared route, flat. */
export function allApiRoutes(): ApiRoute[] {
  return Object.values(API_ROUTES).flatMap((family) => Object.values(family) as ApiRoute[]);
}
