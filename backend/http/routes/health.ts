import type { FastifyInstance } from 'fastify';
import { SERVICE_ROUTES } from '../../../common/api/routes/service.js';
import type { BackendHealth } from '../../../common/health.js';
import type { RequestGate } from '../auth.js';
import { addRoute } from '../route.js';

export function registerHealthRoute(app: FastifyInstance, gate: RequestGate, health: () => Promise<BackendHealth>): void {
  addRoute(app, gate, SERVICE_ROUTES.health, async ({ reply }) => {
    const report = await health();
    if (!report.ok) void reply.code(503);
    return report;
  });
}
