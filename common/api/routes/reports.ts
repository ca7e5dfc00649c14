import { z } from 'zod';
import { LateOrdersPageSchema, ServiceReportSchema } from '../../report-schemas.js';
import { REPORT_LIMITS } from '../../reports.js';
import { queryInt } from '../params.js';
import { defineRoute } from '../route.js';

/**
 * `from`, `to` and `tz` as text: their checks (real dates, a known zone, the range) answer codes
 * of their own (REPORT_DATE_INVALID …) rather than zod's, so a missing date is a bad date too.
 */
export const ReportQuerySchema = z.object({
  from: z.string().max(32).default(''),
  to: z.string().max(32).default(''),
  tz: z.string().max(64).optional(),
});

const LateOrdersQuerySchema = ReportQuerySchema.extend({
  limit: queryInt(1, REPORT_LIMITS.maxLateOrders).default(REPORT_LIMITS.defaultLateOrders),
});

/**
 * Speed-of-service reports of the location the token acts in (docs/reports.md). An agent token
 * reads its own location's; an admin of a location that one; a chain-wide admin any (`?location=ID`).
 */
export const REPORT_ROUTES = {
  service: defineRoute({ method: 'GET', path: '/api/reports/service', access: { staff: ['agent'] }, query: ReportQuerySchema, answer: ServiceReportSchema }),
  serviceCsv: defineRoute({ method: 'GET', path: '/api/reports/service.csv', access: { staff: ['agent'] }, query: ReportQuerySchema, answer: 'text' }),
  lateOrders: defineRoute({ method: 'GET', path: '/api/reports/late-orders', access: { staff: ['agent'] }, query: LateOrdersQuerySchema, answer: LateOrdersPageSchema }),
} as const;
