import type { FastifyInstance } from 'fastify';
import { CourierInputSchema } from '../../../common/courier.js';
import type { CourierService } from '../../services/couriers.js';
import type { RequestGate } from '../auth.js';
import { actorOf, addRoute } from '../route.js';
import { IdParamsSchema } from '../schemas.js';

export function registerCourierRoutes(app: FastifyInstance, gate: RequestGate, couriers: CourierService): void {
  addRoute(app, gate, {
    method: 'PUT',
    url: '/api/orders/:id/courier',
    access: { staff: ['agent'] },
    params: IdParamsSchema,
    body: CourierInputSchema,
    handler: ({ params, body, principal, location }) => couriers.set(location, params.id, body, actorOf(principal)),
  });
}
