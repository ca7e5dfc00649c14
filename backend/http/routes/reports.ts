import type { FastifyInstance } from 'fastify';
import type { z } from 'zod';
import { REPORT_ROUTES, type ReportQuerySchema } from '../../../common/api/routes/reports.js';
import type { LateOrdersPage, ServiceReport } from '../../../common/reports.js';
import { processTimeZone } from '../../reports/local-time.js';
import { serviceReportCsv } from '../../reports/service-csv.js';
import type { ServiceReports } from '../../services/service-reports.js';
import type { RequestGate } from '../auth.js';
import { addRoute } from '../route.js';

const withZone = (query: z.output<typeof ReportQuerySchema>) => ({ from: query.from, to: query.to, tz: query.tz ?? processTimeZone() });

/**
 * Speed-of-service reports of the location the token acts in (docs/reports.md). An agent token
 * reads its own location's, as the board's Reports tab does through its agent; an admin of a
 * location reads that one; a chain-wide admin any (`?location=ID`). POS tokens may not.
 */
export function registerReportRoutes(app: FastifyInstance, gate: RequestGate, reports: ServiceReports): void {
  addRoute(app, gate, REPORT_ROUTES.service, ({ query, location }): Promise<ServiceReport> => reports.service(location, withZone(query)));
  addRoute(app, gate, REPORT_ROUTES.serviceCsv, async ({ query, location, reply }) => {
    const report = await reports.service(location, withZone(query));
    void reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="service-${report.location}-${report.from}-${report.to}.csv"`);
    return serviceReportCsv(report);
  });
  addRoute(app, gate, REPORT_ROUTES.lateOrders, ({ query, location }): Promise<LateOrdersPage> => reports.lateOrders(location, withZone(query), query.limit));
}
