import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { REPORT_LIMITS, type LateOrdersPage, type ServiceReport } from '../../../common/reports.js';
import { processTimeZone } from '../../reports/local-time.js';
import { serviceReportCsv } from '../../reports/service-csv.js';
import type { ServiceReports } from '../../services/service-reports.js';
import type { RequestGate } from '../auth.js';
import { addRoute } from '../route.js';
import { queryInt } from '../schemas.js';

/**
 * `from`, `to` and `tz` as text: their checks (real dates, a known zone, the range) answer codes
 * of their own (REPORT_DATE_INVALID …) rather than zod's, so a missing date is a bad date too.
 */
const ReportQuerySchema = z.object({
  from: z.string().max(32).default(''),
  to: z.string().max(32).default(''),
  tz: z.string().max(64).optional(),
});

const LateOrdersQuerySchema = ReportQuerySchema.extend({
  limit: queryInt(1, REPORT_LIMITS.maxLateOrders).default(REPORT_LIMITS.defaultLateOrders),
});

const withZone = (query: z.output<typeof ReportQuerySchema>) => ({ from: query.from, to: query.to, tz: query.tz ?? processTimeZone() });

/**
 * Speed-of-service reports of the location the token acts in (docs/reports.md). An agent token
 * reads its own location's, as the board's Reports tab does through its agent; an admin of a
 * location reads that one; a chain-wide admin any (`?location=ID`). POS tokens may not.
 */
export function registerReportRoutes(app: FastifyInstance, gate: RequestGate, reports: ServiceReports): void {
  addRoute(app, gate, {
    method: 'GET',
    url: '/api/reports/service',
    access: { staff: ['agent'] },
    query: ReportQuerySchema,
    handler: ({ query, location }): Promise<ServiceReport> => reports.service(location, withZone(query)),
  });
  addRoute(app, gate, {
    method: 'GET',
    url: '/api/reports/service.csv',
    access: { staff: ['agent'] },
    query: ReportQuerySchema,
    handler: async ({ query, location, reply }) => {
      const report = await reports.service(location, withZone(query));
      void reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="service-${report.location}-${report.from}-${report.to}.csv"`);
      return serviceReportCsv(report);
    },
  });
  addRoute(app, gate, {
    method: 'GET',
    url: '/api/reports/late-orders',
    access: { staff: ['agent'] },
    query: LateOrdersQuerySchema,
    handler: ({ query, location }): Promise<LateOrdersPage> => reports.lateOrders(location, withZone(query), query.limit),
  });
}
