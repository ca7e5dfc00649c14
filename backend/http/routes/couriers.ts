import type { FastifyInstance } from 'fastify';
import { COURIER_ROUTES } from '../../../common/api/routes/payments.js';
import type { CourierService } from '../../services/couriers.js';
import type { RequestGate } from '../auth.js';
import { actorOf, addRoute } from '../route.js';

export function registerCourierRoutes(app: FastifyInstance, gate: RequestGate, couriers: CourierService): void {
  addRoute(app, gate, COURIER_ROUTES.set, ({ params, body, principal, location }) => couriers.set(location, params.id, body, actorOf(principal)));
}
