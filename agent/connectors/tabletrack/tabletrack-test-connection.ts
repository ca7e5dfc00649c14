import type { SourcePrinter, SourcePrintersResult, TableTrackFound } from '../../../common/connector-check.js';
import { ERROR_CODES, type ErrorBody } from '../../../common/errors.js';
import type { TestConnectionResult } from '../../../common/kitchen-api.js';
import { describeError } from '../../describe-error.js';
import type { TableTrackClient } from './tabletrack-client.js';
import type { TableTrackPrinter } from './tabletrack-contract.js';
import { TableTrackError } from './tabletrack-errors.js';
import { tableTrackRealtimePlan, type PusherHostOverride } from './tabletrack-realtime.js';

/** A TableTrack error as the settings screen reads it: a 401 carries `details.issues` on tabletrack.key. */
function errorBodyOf(error: unknown): ErrorBody {
  if (error instanceof TableTrackError) return error.toBody();
  return { code: ERROR_CODES.INTERNAL, message: describeError(error) };
}

export function sourcePrinterOf(printer: TableTrackPrinter): SourcePrinter {
  return {
    id: String(printer.id),
    name: printer.name,
    ...(printer.type ? { type: printer.type } : {}),
    ...(printer.print_format ? { format: printer.print_format } : {}),
  };
}

/** `GET /api/printer-details` with the saved URL and key, as data (errors included). */
export async function tableTrackPrinters(client: TableTrackClient): Promise<SourcePrintersResult> {
  try {
    return { ok: true, printers: (await client.printerDetails()).map(sourcePrinterOf) };
  } catch (error) {
    return { ok: false, error: errorBodyOf(error) };
  }
}

/**
 * Test connection for a TableTrack install: test-connection (is the key right, is Pusher on, on
 * which channel and event) and printer-details (what the printer map offers). A wrong key comes
 * back as an error on the key field; nothing is stored (Pusher's settings are asked for at every
 * connection, so a change at TableTrack needs no save here).
 */
export async function testTableTrackConnection(client: TableTrackClient, override: PusherHostOverride): Promise<TestConnectionResult> {
  let found: TableTrackFound;
  try {
    const answer = await client.testConnection();
    const plan = tableTrackRealtimePlan(answer, override);
    found = {
      message: answer.message,
      pusherEnabled: plan !== undefined,
      ...(plan ? { pusher: { key: plan.key, cluster: plan.cluster, channel: plan.printJobs.channel, event: plan.printJobs.event } } : {}),
      ...(plan ? { pusherHost: `${plan.host ?? `ws-${plan.cluster}.pusher.com`}${plan.port ? `:${plan.port}` : ''}${plan.useTLS ? ' (TLS)' : ''}` } : {}),
      printers: [],
    };
  } catch (error) {
    const body = errorBodyOf(error);
    return { ok: false, message: body.message, error: body };
  }
  const printers = await tableTrackPrinters(client);
  if (printers.ok) found.printers = printers.printers;
  else found.printersError = printers.error.message;
  const realtime = found.pusher ? `Pusher on: ${found.pusher.channel} / ${found.pusher.event} at ${found.pusherHost ?? '?'}` : 'Pusher off: the agent polls every 5 s';
  return { ok: true, message: `TableTrack: ${found.message}. ${realtime}. ${found.printers.length} printer(s).`, tabletrack: found };
}
