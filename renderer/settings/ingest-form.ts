import type { RedactedSettings, SettingsPatch } from '../../common/settings.js';

/** One ingest printer as its editor holds it (docs/ingest.md): text as typed, converted only when saving. */
export interface IngestForm {
  /** React key of the editor row; not a setting. */
  rowKey: string;
  name: string;
  listen: string;
  station: string;
  /** A configured printer's id (or name) to forward to; empty: cards only. */
  forwardTo: string;
  /** Listening on an address other than loopback opens a port on the LAN: asked for explicitly. */
  allowLan: boolean;
  /** A RegExp source for the ticket number line; empty: the default (`#…`, `Order …`, `Table …`). */
  ticketNumberPattern: string;
  /** Open connections it holds, as typed; empty: the default (16). */
  maxConnections: string;
  /** Seconds without a byte before a connection is closed, as typed; empty: the default (60). */
  idleCloseSeconds: string;
}

/** The first port offered for a new ingest printer: 9100 is the virtual printer's (and the usual printer's). */
const FIRST_INGEST_PORT = 9101;

let rowCounter = 0;
function newRowKey(): string {
  rowCounter += 1;
  return `ingest-row-${rowCounter}`;
}

export function ingestFormFromSettings(settings: Pick<RedactedSettings, 'ingest'>): IngestForm[] {
  return settings.ingest.map((entry) => ({
    rowKey: newRowKey(),
    name: entry.name,
    listen: entry.listen,
    station: entry.station,
    forwardTo: entry.forwardTo ?? '',
    allowLan: entry.allowLan,
    ticketNumberPattern: entry.ticketNumberPattern ?? '',
    maxConnections: entry.maxConnections === undefined ? '' : String(entry.maxConnections),
    idleCloseSeconds: entry.idleCloseSeconds === undefined ? '' : String(entry.idleCloseSeconds),
  }));
}

/** A new row: a free-looking name and loopback port, the kitchen station, no forwarding. */
export function blankIngestPrinter(existing: readonly IngestForm[]): IngestForm {
  const names = new Set(existing.map((row) => row.name));
  let n = existing.length + 1;
  while (names.has(`pos-${n}`)) n += 1;
  const ports = new Set(existing.map((row) => Number(/:(\d+)\/?$/.exec(row.listen)?.[1])));
  let port = FIRST_INGEST_PORT;
  while (ports.has(port)) port += 1;
  return { rowKey: newRowKey(), name: `pos-${n}`, listen: `tcp://127.0.0.1:${port}`, station: 'kitchen', forwardTo: '', allowLan: false, ticketNumberPattern: '', maxConnections: '', idleCloseSeconds: '' };
}

/**
 * The rows as the settings patch's `ingest` section; empty optional fields are left out.
 * `readNumber` reads a typed number (the settings form's reader, which notes one that is not).
 */
export function ingestPatch(rows: readonly IngestForm[], readNumber: (path: string, raw: string) => number | undefined): NonNullable<SettingsPatch['ingest']> {
  return rows.map((row, index) => ({
    name: row.name.trim(),
    listen: row.listen.trim(),
    station: row.station.trim(),
    allowLan: row.allowLan,
    ...(row.forwardTo.trim() !== '' ? { forwardTo: row.forwardTo.trim() } : {}),
    ...(row.ticketNumberPattern !== '' ? { ticketNumberPattern: row.ticketNumberPattern } : {}),
    ...withNumber('maxConnections', readNumber(`ingest.${index}.maxConnections`, row.maxConnections)),
    ...withNumber('idleCloseSeconds', readNumber(`ingest.${index}.idleCloseSeconds`, row.idleCloseSeconds)),
  }));
}

function withNumber<K extends string>(key: K, value: number | undefined): Partial<Record<K, number>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, number>);
}
