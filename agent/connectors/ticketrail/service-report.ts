import { CodedError, ERRORS } from '../../../common/errors.js';
import { REPORT_LIMITS, type BoardServiceReport, type ReportQuery } from '../../../common/reports.js';
import type { BackendClient } from './backend-client.js';

/** The connector whose backend keeps the event log reports are made from. */
const REPORTING_CONNECTOR = 'ticketrail';

/**
 * The board's Reports tab, answered by the backend with the agent's own token (the report of the
 * agent's location): the report and its late orders, asked together. Reports need the backend now:
 * offline this fails with BACKEND_UNREACHABLE (the tab says so), nothing is cached. Another
 * source of work (TableTrack) keeps no log here: REPORTS_UNAVAILABLE.
 */
export async function serviceReport(backend: BackendClient, connector: string, query: ReportQuery): Promise<BoardServiceReport> {
  requireReportingConnector(connector);
  const [report, late] = await Promise.all([backend.serviceReport(query), backend.lateOrders(query, REPORT_LIMITS.defaultLateOrders)]);
  return { report, late };
}

/** Refuses a report while the agent's orders come from another source (TableTrack keeps no log here). */
export function requireReportingConnector(connector: string): void {
  if (connector !== REPORTING_CONNECTOR) {
    throw new CodedError(ERRORS.REPORTS_UNAVAILABLE, `reports come from the TicketRail backend; this agent's orders come from ${connector}`, { connector });
  }
}
