import type { Clock } from '../../../common/clock.js';
import { CodedError, ERRORS } from '../../../common/errors.js';
import { VOUCHER_STATION } from '../../../common/gift-card.js';
import type { TestPrintResult } from '../../../common/kitchen-api.js';
import type { KitchenApiParsedInput } from '../../../common/kitchen-contract.js';
import type { AgentSettings } from '../../../common/settings.js';
import type { PrinterDriver } from '../../pipeline/printer-driver.js';
import { renderDaySummary } from '../../printing/day-summary-renderer.js';
import type { BackendClient } from './backend-client.js';
import { requireReportingConnector } from './service-report.js';

export interface DaySummaryDeps {
  backend: BackendClient;
  settings: () => AgentSettings;
  driver: PrinterDriver;
  clock: Clock;
}

/**
 * "Print day summary" on the Reports tab: the day's report from the backend (one local day in
 * `tz`), printed on the counter printer — the first printer serving the `counter` station, where
 * gift card vouchers print too. Sent straight to the printer, as a test page is: the slip is not a
 * backend print job, so it is not in the print log and a failure is answered, never retried.
 */
export async function printDaySummary(deps: DaySummaryDeps, { date, tz }: KitchenApiParsedInput<'printDaySummary'>): Promise<TestPrintResult> {
  const settings = deps.settings();
  requireReportingConnector(settings.connector);
  const printer = settings.printers.find((candidate) => candidate.stations.includes(VOUCHER_STATION));
  if (!printer) {
    throw new CodedError(ERRORS.PRINTER_NOT_FOUND, `no printer serves the ${VOUCHER_STATION} station: add it to the counter printer's stations in Settings`, {
      station: VOUCHER_STATION,
    });
  }
  const report = await deps.backend.serviceReport({ from: date, to: date, tz });
  const day = report.days.find((candidate) => candidate.date === date);
  if (!day) throw new CodedError(ERRORS.BACKEND_ERROR, `the backend's report of ${date} has no such day`, { date });
  const bytes = renderDaySummary(day, printer, new Date(deps.clock.now()), { language: settings.display.language, timeZone: tz });
  const outcome = await deps.driver.send(printer, bytes);
  return outcome.ok ? { ok: true, message: `day summary of ${date} printed on ${printer.name}` } : { ok: false, message: outcome.message };
}
