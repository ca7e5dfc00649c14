import type { FastifyInstance } from 'fastify';
import { SERVICE_ROUTES } from '../../../common/api/routes/service.js';
import type { CustomerTokenService, RevokedCustomerToken } from '../../services/customer-tokens.js';
import type { RequestGate } from '../auth.js';
import { addRoute } from '../route.js';

/**
 * `POST /api/orders/:id/customer-token/revoke` (admin): the order's diner link stops working at
 * once — every call with it is 401 CUSTOMER_TOKEN_REVOKED — for good. No body.
 */
export function registerCustomerTokenRoutes(app: FastifyInstance, gate: RequestGate, customerTokens: CustomerTokenService): void {
  addRoute(app, gate, SERVICE_ROUTES.revokeCustomerToken, ({ params, location }): Promise<RevokedCustomerToken> => customerTokens.revoke(location, params.id));
}
