import type { FastifyInstance } from 'fastify';
import type { BackendHealth } from '../../../common/health.js';
import type { Authenticate } from '../auth.js';
import { addRoute } from '../route.js';

export function registerHealthRoute(app: FastifyInstance, authenticate: Authenticate, health: () => BackendHealth): void {
  addRoute(app, authenticate, {
    method: 'GET',
    url: '/api/health',
    access: 'public',
    handler: ({ reply }) => {
      const report = health();
      if (!report.ok) void reply.code(503);
      return report;
    },
  });
}
