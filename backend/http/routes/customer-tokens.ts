import type { FastifyInstance } from 'fastify';
import type { CustomerTokenService, RevokedCustomerToken } from '../../services/customer-tokens.js';
import type { RequestGate } from '../auth.js';
import { addRoute } from '../route.js';
import { IdParamsSchema } from '../schemas.js';

/**
 * `POST /api/orders/:id/customer-token/revoke` (admin): the order's diner link stops working at
 * once — every call with it is 401 CUSTOMER_TOKEN_REVOKED — for good. No body.
 */
export function registerCustomerTokenRoutes(app: FastifyInstance, gate: RequestGate, customerTokens: CustomerTokenService): void {
  addRoute(app, gate, {
    method: 'POST',
    url: '/api/orders/:id/customer-token/revoke',
    access: { staff: [] },
    params: IdParamsSchema,
    handler: ({ params, location }): Promise<RevokedCustomerToken> => customerTokens.revoke(location, params.id),
  });
}
