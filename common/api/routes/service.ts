import { z } from 'zod';
import { BackendHealthSchema } from '../../health.js';
import { IdParamsSchema } from '../params.js';
import { defineRoute } from '../route.js';

/** `POST /api/orders/:id/customer-token/revoke`: when the diner's link stopped working, for good. */
export const RevokedCustomerTokenSchema = z.object({ orderId: z.string(), revokedAt: z.string() });

export const DinerPageParamsSchema = z.object({ customerToken: z.string().min(1).max(200) });

/** Where the diner page's assets are served from: the page at /o/<token> loads ./assets/… relative to itself. */
export const DINER_ASSETS_PREFIX = '/o/assets/';

/** Health, customer tokens and the diner's page: what is neither an order, a job nor a payment. */
export const SERVICE_ROUTES = {
  health: defineRoute({ method: 'GET', path: '/api/health', access: 'public', answer: BackendHealthSchema }),
  // Admins only: the order's diner link stops working at once (401 CUSTOMER_TOKEN_REVOKED), for good.
  revokeCustomerToken: defineRoute({ method: 'POST', path: '/api/orders/:id/customer-token/revoke', access: { staff: [] }, params: IdParamsSchema, answer: RevokedCustomerTokenSchema }),
  // The diner's live page of their order, for a genuine customer token only (anything else is 404).
  dinerPage: defineRoute({ method: 'GET', path: '/o/:customerToken', access: 'public', params: DinerPageParamsSchema, answer: 'html' }),
  dinerAssets: defineRoute({ method: 'GET', path: `${DINER_ASSETS_PREFIX}*`, access: 'public', answer: 'static' }),
} as const;
