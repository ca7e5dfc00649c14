import type { FastifyInstance } from 'fastify';
import { nextCursor } from '../../../common/api/cursor.js';
import { PRINT_JOB_ROUTES } from '../../../common/api/routes/print-jobs.js';
import { CodedError, ERRORS } from '../../../common/errors.js';
import type { PrintJobKind, PrintJobsPage } from '../../../common/print-job.js';
import type { PrintJobService } from '../../services/print-jobs.js';
import type { RequestGate, RequestPrincipal } from '../auth.js';
import { actorOf, addRoute } from '../route.js';

/**
 * Raw and image jobs carry arbitrary printer bytes (a cash-drawer kick, a printer setting): only
 * the kitchen's own staff tokens may queue them. A POS prints tickets of its orders and nothing else.
 */
function assertMayQueueKind(kind: PrintJobKind, principal: RequestPrincipal): void {
  if (kind === 'ticket') return;
  if (principal.kind === 'staff' && (principal.role === 'admin' || principal.role === 'agent')) return;
  const who = principal.kind === 'staff' ? `the ${principal.role} role` : 'this token';
  throw new CodedError(ERRORS.PRINT_JOB_KIND_FORBIDDEN, `${who} may queue ticket jobs only, not ${kind} jobs`, { kind });
}

/** The token a claim or report came with; those routes are for staff tokens only. */
function tokenIdOf(principal: RequestPrincipal): string {
  if (principal.kind !== 'staff') throw new CodedError(ERRORS.FORBIDDEN, 'only staff tokens claim and report print jobs');
  return principal.tokenId;
}

export function registerPrintJobRoutes(app: FastifyInstance, gate: RequestGate, jobs: PrintJobService): void {
  addRoute(app, gate, PRINT_JOB_ROUTES.create, ({ body, principal, location }) => {
    assertMayQueueKind(body.kind, principal);
    return jobs.create(location, body, actorOf(principal));
  });

  addRoute(app, gate, PRINT_JOB_ROUTES.list, async ({ query, location }): Promise<PrintJobsPage> => {
    if (query.ids) return { jobs: (await jobs.getMany(location, query.ids)).map((stored) => stored.job), nextCursor: null };
    const page = await jobs.list(location, {
      afterPosition: query.cursor ?? 0,
      limit: query.limit,
      ...(query.status ? { status: query.status } : {}),
      ...(query.station ? { station: query.station } : {}),
      ...(query.orderId ? { orderId: query.orderId } : {}),
    });
    return {
      jobs: page.map((stored) => stored.job),
      nextCursor: nextCursor(
        page.map((stored) => stored.position),
        query.limit,
      ),
    };
  });

  addRoute(app, gate, PRINT_JOB_ROUTES.get, ({ params, location }) => jobs.get(location, params.id));

  addRoute(app, gate, PRINT_JOB_ROUTES.claim, ({ params, body, principal, location }) => jobs.claim(location, params.id, body.agentId, tokenIdOf(principal), body.leaseMs));

  addRoute(app, gate, PRINT_JOB_ROUTES.report, ({ params, body, principal, location }) => jobs.report(location, params.id, body, tokenIdOf(principal)));

  addRoute(app, gate, PRINT_JOB_ROUTES.reprint, ({ params, body, principal, location }) => jobs.reprint(location, params.id, body, actorOf(principal)));
}
