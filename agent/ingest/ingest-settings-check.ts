import net from 'node:net';
import { CodedError, ERRORS } from '../../common/errors.js';
import type { IngestPrinterSettings, PrinterSettings } from '../../common/settings.js';
import { INGEST_ERRORS, IngestError, type IngestErrorCode } from './ingest-errors.js';
import { TicketPatternError } from '../cards/ticket-pattern-error.js';
import { listenError } from './ingest-listener.js';
import { checkListenAddress, parseListenAddress, type ListenAddress } from './listen-address.js';
import { compileTicketNumberPattern } from '../cards/ticket-lines.js';

/** One refused field of an ingest printer, in the shape settings refusals carry (`details.issues`). */
export interface IngestSettingsIssue {
  path: (string | number)[];
  message: string;
  code: IngestErrorCode | 'INGEST_FORWARD_PRINTER_UNKNOWN' | 'INGEST_NAME_TAKEN';
}

/** The configured printer `forwardTo` names: by id first, then by name. */
export function findForwardPrinter(forwardTo: string, printers: readonly PrinterSettings[]): PrinterSettings | undefined {
  return printers.find((printer) => printer.id === forwardTo) ?? printers.find((printer) => printer.name === forwardTo);
}

const ANY_HOST = new Set(['0.0.0.0', '::']);

/** Whether two listen addresses would take the same port. */
function overlaps(a: ListenAddress, b: ListenAddress): boolean {
  return a.port === b.port && (a.host === b.host || ANY_HOST.has(a.host) || ANY_HOST.has(b.host));
}

/** Binds and lets go at once: the only sure way to know a port is free and an address is this machine's. */
function tryBind(address: ListenAddress, url: string): Promise<IngestError | undefined> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', (error) => resolve(listenError(error, url)));
    server.listen({ host: address.host, port: address.port }, () => server.close(() => resolve(undefined)));
  });
}

export interface IngestCheckContext {
  /** The printers the settings will have once saved (forwardTo must name one). */
  printers: readonly PrinterSettings[];
  /** Addresses this agent's ingest listeners hold now: saving them again is no conflict. */
  ownAddresses: readonly ListenAddress[];
}

/**
 * Checks ingest printers before they are saved, field by field: the address reads as
 * `tcp://host:port`, is loopback unless the LAN is allowed, is taken by no other ingest printer
 * and can be bound now (port in use, address not on this machine); the forward printer exists;
 * the ticket number pattern compiles; names are unique. Resolves with every issue found.
 */
export async function checkIngestSettings(entries: readonly IngestPrinterSettings[], context: IngestCheckContext): Promise<IngestSettingsIssue[]> {
  const issues: IngestSettingsIssue[] = [];
  const seen: ListenAddress[] = [];
  const names = new Set<string>();
  for (const [index, entry] of entries.entries()) {
    const at = (field: string) => ['ingest', index, field];
    if (names.has(entry.name)) issues.push({ path: at('name'), message: 'another ingest printer has this name', code: 'INGEST_NAME_TAKEN' });
    names.add(entry.name);
    if (entry.forwardTo !== undefined && !findForwardPrinter(entry.forwardTo, context.printers)) {
      issues.push({ path: at('forwardTo'), message: `no configured printer has the id or name "${entry.forwardTo}"`, code: 'INGEST_FORWARD_PRINTER_UNKNOWN' });
    }
    if (entry.ticketNumberPattern !== undefined) {
      try {
        compileTicketNumberPattern(entry.ticketNumberPattern);
      } catch (error) {
        if (error instanceof TicketPatternError) issues.push({ path: at('ticketNumberPattern'), message: error.message, code: error.code });
      }
    }
    const listenIssue = await checkListen(entry, seen, context.ownAddresses);
    if (listenIssue) issues.push({ path: at('listen'), message: listenIssue.message, code: listenIssue.code });
  }
  return issues;
}

async function checkListen(entry: IngestPrinterSettings, seen: ListenAddress[], own: readonly ListenAddress[]): Promise<IngestError | undefined> {
  let address: ListenAddress;
  try {
    address = parseListenAddress(entry.listen);
    checkListenAddress(address, entry.allowLan);
  } catch (error) {
    if (error instanceof IngestError) return error;
    throw error;
  }
  if (seen.some((other) => overlaps(other, address))) {
    return new IngestError(INGEST_ERRORS.PORT_IN_USE, `another ingest printer listens on port ${address.port}`);
  }
  seen.push(address);
  if (own.some((held) => held.host === address.host && held.port === address.port)) return undefined;
  return tryBind(address, entry.listen);
}

/** The refusal `saveSettings` answers: SETTINGS_INVALID with one issue per refused field. */
export function ingestSettingsRefusal(issues: readonly IngestSettingsIssue[]): CodedError {
  return new CodedError(ERRORS.SETTINGS_INVALID, 'settings refused: ' + issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; '), {
    issues: issues.map((issue) => ({ path: issue.path.map(String), message: issue.message, code: issue.code })),
  });
}
