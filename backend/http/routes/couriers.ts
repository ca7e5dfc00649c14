import type { FastifyInstance } from 'fastify';
import { CourierInputSchema } from '../../../common/courier.js';
import type { CourierService } from '../../services/couriers.js';
import type { Authenticate } from '../auth.js';
import { actorOf, addRoute } from '../route.js';
import { IdParamsSchema } from '../schemas.js';

export function registerCourierRoutes(app: FastifyInstance, authenticate: Authenticate, couriers: CourierService): void {
  addRoute(app, authenticate, {
    method: 'PUT',
    url: '/api/orders/:id/courier',
    access: { staff: ['agent'] },
    params: IdParamsSchema,
    body: CourierInputSchema,
    handler: ({ params, body, principal }) => couriers.set(params.id, body, actorOf(principal)),
  });
}
